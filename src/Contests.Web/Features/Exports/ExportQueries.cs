using System.Globalization;
using System.Runtime.CompilerServices;
using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Core.Registry;
using Contests.Web.Features.Monitoring;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Exports;

/// <summary>
/// The tables each export serves, over the rounds the indicators page's filters choose (<see cref="IndicatorPage.Select"/>:
/// year, theme, level, round) and the entries of the chosen district. Rows are narrow projections read in order with
/// <c>AsNoTracking</c> and <c>AsAsyncEnumerable</c>: written as they arrive, never gathered. Values the programme codes
/// (sex, tongue, phase…) are written with their label in the reader's language; column names are stable codes.
/// </summary>
public sealed class ExportQueries(ContestsDbContext db, IndicatorPage indicators, IStringLocalizer<SharedResource> l)
{
    /// <summary>The indicator tables, in the order of the page; a CSV serves one of them (<c>?table=</c>).</summary>
    public static readonly IReadOnlyList<string> IndicatorTables =
    [
        "resumen", "participacion", "concursos_por_tema", "concursos_por_nivel", "monto_por_fuente", "monto_por_distrito",
        "monto_por_tema", "monto_por_anio", "resultados_por_tema", "concursos",
    ];

    private static readonly (SpendingCategory Category, string Column)[] SpendingColumns =
    [
        (SpendingCategory.Tools, "gasto_herramientas"), (SpendingCategory.Animals, "gasto_animales"),
        (SpendingCategory.SeedsAndPlants, "gasto_semillas_plantas"), (SpendingCategory.Housing, "gasto_vivienda"),
        (SpendingCategory.Education, "gasto_educacion"), (SpendingCategory.Health, "gasto_salud"),
        (SpendingCategory.Savings, "gasto_ahorro"), (SpendingCategory.Business, "gasto_negocio"), (SpendingCategory.Other, "gasto_otros"),
    ];

    public async Task<IReadOnlyList<ExportTable>> TablesAsync(ExportKind kind, IndicatorFilter filter, bool withDni, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var rounds = IndicatorPage.Select(await indicators.RoundsAsync(ct), filter).ToDictionary(r => r.Id);
        return kind switch
        {
            ExportKind.Participants => [Participants(rounds, filter.District, withDni)],
            ExportKind.ScoreSheets => [ScoreSheets(rounds, filter.District)],
            ExportKind.Awards => [await AwardsAsync(rounds, filter.District, ct)],
            ExportKind.Payouts => [Payouts(rounds, filter.District)],
            ExportKind.Visits => [Visits(rounds, filter.District)],
            _ => await IndicatorsAsync(rounds, filter, ct),
        };
    }

    private ExportTable Participants(Dictionary<int, RoundFacts> rounds, string? district, bool withDni)
    {
        var ids = rounds.Keys.ToList();
        var approvedAwards = db.Awards.Where(a => a.Current && db.Actas.Any(x => x.Id == a.ActaId && x.ApprovedUtc != null));
        var rows = db.Entries.AsNoTracking()
            .Where(e => ids.Contains(e.RoundId) && (district == null || e.DistrictUbigeo == district))
            .OrderBy(e => e.RoundId).ThenBy(e => e.Number)
            .Select(e => new
            {
                e.RoundId, e.Number, e.CompetitorName, e.Level, e.Status, e.RegisteredUtc, e.DistrictUbigeo, e.PoolName,
                Dni = withDni ? db.Households.Where(h => h.Id == e.HouseholdId).Select(h => h.HeadDni).FirstOrDefault() : null,
                Sex = (Sex?)e.Facts!.HeadSex, Age = (int?)e.Facts!.AgeAtEntry, Women = (bool?)e.Facts!.WomenHeaded,
                Tongue = e.Facts!.MotherTongue, Education = e.Facts!.Education, Persons = (int?)e.Facts!.Persons,
                Community = db.Communities.Where(c => c.Id == e.CommunityId).Select(c => c.Name).FirstOrDefault(),
                District = db.Districts.Where(d => d.Ubigeo == e.DistrictUbigeo).Select(d => d.Name).FirstOrDefault(),
                Award = approvedAwards.Where(a => a.EntryId == e.Id).Select(a => new { a.Place, a.Final, a.Qualified, a.Amount }).FirstOrDefault(),
            })
            .AsAsyncEnumerable();
        List<ExportColumn> columns =
        [
            new("concurso_id", ColumnKind.Whole), new("concurso", ColumnKind.Text), new("anio", ColumnKind.Whole), new("tema", ColumnKind.Text),
            new("nivel", ColumnKind.Text), new("inscripcion", ColumnKind.Whole), new("participante", ColumnKind.Text),
        ];
        if (withDni)
        {
            columns.Add(new("dni_jefe", ColumnKind.Text));
        }
        columns.AddRange(
        [
            new("sexo_jefe", ColumnKind.Text), new("edad_al_inscribirse", ColumnKind.Whole), new("joven", ColumnKind.Text),
            new("jefatura_femenina", ColumnKind.Text), new("lengua_materna", ColumnKind.Text), new("educacion", ColumnKind.Text),
            new("personas", ColumnKind.Whole), new("comunidad", ColumnKind.Text), new("distrito_ubigeo", ColumnKind.Text),
            new("distrito", ColumnKind.Text), new("grupo", ColumnKind.Text), new("estado", ColumnKind.Text), new("inscrito", ColumnKind.DateTime),
            new("puesto", ColumnKind.Whole), new("puntaje", ColumnKind.Number), new("aprobado", ColumnKind.Text), new("premio", ColumnKind.Money),
        ]);
        return new ExportTable("participantes", columns, Map(rows, e =>
        {
            var round = rounds[e.RoundId];
            List<object?> row = [e.RoundId, round.Name, round.Year, Themes(round), Label(e.Level), e.Number, e.CompetitorName];
            if (withDni)
            {
                row.Add(e.Dni);
            }
            row.AddRange(
            [
                Label(e.Sex), e.Age, e.Age is { } age ? YesNo(age is >= ParticipantFacts.YouthMinAge and <= ParticipantFacts.YouthMaxAge) : null,
                e.Women is { } women ? YesNo(women) : null, Label(e.Tongue), Label(e.Education), e.Persons, e.Community, e.DistrictUbigeo,
                e.District, e.PoolName, Label(e.Status), Lima(e.RegisteredUtc), e.Award?.Place, e.Award?.Final,
                e.Award is null ? null : YesNo(e.Award.Qualified), e.Award?.Amount,
            ]);
            return [.. row];
        }));
    }

    private ExportTable ScoreSheets(Dictionary<int, RoundFacts> rounds, string? district)
    {
        var ids = rounds.Keys.ToList();
        var rows = db.ScoreSheets.AsNoTracking()
            .Join(db.Entries.Where(e => ids.Contains(e.RoundId) && (district == null || e.DistrictUbigeo == district)),
                s => s.EntryId, e => e.Id, (s, e) => new
                {
                    e.RoundId, e.Number, e.CompetitorName, s.PartIndex, s.JurorId, s.State, s.SubmittedUtc, s.Reopened,
                    Typed = s.TypedByOfficerId != null, Points = EF.Property<List<decimal?>>(s, "_points"),
                    Juror = db.LracMembers.Where(m => m.Id == s.JurorId).Select(m => m.FullName).FirstOrDefault(),
                })
            .OrderBy(s => s.RoundId).ThenBy(s => s.Number).ThenBy(s => s.PartIndex).ThenBy(s => s.JurorId)
            .AsAsyncEnumerable();
        ExportColumn[] columns =
        [
            new("concurso_id", ColumnKind.Whole), new("concurso", ColumnKind.Text), new("inscripcion", ColumnKind.Whole),
            new("participante", ColumnKind.Text), new("parte", ColumnKind.Whole), new("jurado", ColumnKind.Text), new("estado", ColumnKind.Text),
            new("puntos", ColumnKind.Text), new("suma_puntos", ColumnKind.Number), new("enviada", ColumnKind.DateTime),
            new("veces_reabierta", ColumnKind.Whole), new("digitada_por_oficial", ColumnKind.Text),
        ];
        return new ExportTable("fichas", columns, Map(rows, s => new object?[]
        {
            s.RoundId, rounds[s.RoundId].Name, s.Number, s.CompetitorName, s.PartIndex + 1, s.Juror, Label(s.State),
            string.Join("; ", s.Points.Select(p => p?.ToString(CultureInfo.InvariantCulture) ?? "-")), s.Points.Sum(p => p ?? 0m),
            s.SubmittedUtc is { } submitted ? Lima(submitted) : null, s.Reopened, YesNo(s.Typed),
        }));
    }

    private async Task<ExportTable> AwardsAsync(Dictionary<int, RoundFacts> rounds, string? district, CancellationToken ct)
    {
        var ids = rounds.Keys.ToList();
        var sources = await db.FundingSources.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var rows = db.Awards.AsNoTracking()
            .Where(a => a.Current && ids.Contains(a.RoundId) && db.Actas.Any(x => x.Id == a.ActaId && x.ApprovedUtc != null))
            .Join(db.Entries.Where(e => district == null || e.DistrictUbigeo == district), a => a.EntryId, e => e.Id, (a, e) => new
            {
                a.Id, a.RoundId, a.Number, e.CompetitorName, e.DistrictUbigeo, e.PoolName, a.Place, a.Final, a.Qualified, a.Computed, a.Amount,
                a.OverrideReason, Funding = a.Funding.Select(f => new { f.FundingSourceId, f.Amount }).ToList(),
            })
            .OrderBy(a => a.RoundId).ThenBy(a => a.PoolName).ThenBy(a => a.Place).ThenBy(a => a.Number).ThenBy(a => a.Id)
            .AsAsyncEnumerable();
        List<ExportColumn> columns =
        [
            new("concurso_id", ColumnKind.Whole), new("concurso", ColumnKind.Text), new("inscripcion", ColumnKind.Whole),
            new("participante", ColumnKind.Text), new("distrito_ubigeo", ColumnKind.Text), new("grupo", ColumnKind.Text),
            new("puesto", ColumnKind.Whole), new("puntaje", ColumnKind.Number), new("aprobado", ColumnKind.Text),
            new("monto_segun_bases", ColumnKind.Money), new("monto", ColumnKind.Money), new("motivo_cambio", ColumnKind.Text),
        ];
        columns.AddRange(sources.Select(s => new ExportColumn("fuente_" + s.Id.ToString(CultureInfo.InvariantCulture) + "_" + Slug(s.Name), ColumnKind.Money)));
        return new ExportTable("premios", columns, Map(rows, ct: CancellationToken.None, row: a =>
        {
            List<object?> row =
            [
                a.RoundId, rounds[a.RoundId].Name, a.Number, a.CompetitorName, a.DistrictUbigeo, a.PoolName, a.Place, a.Final,
                YesNo(a.Qualified), a.Computed, a.Amount, a.OverrideReason,
            ];
            row.AddRange(sources.Select(s => (object?)a.Funding.Where(f => f.FundingSourceId == s.Id).Select(f => (decimal?)f.Amount).Sum()));
            return [.. row];
        }));
    }

    private ExportTable Payouts(Dictionary<int, RoundFacts> rounds, string? district)
    {
        var ids = rounds.Keys.ToList();
        var rows = db.Payouts.AsNoTracking()
            .Where(p => ids.Contains(p.RoundId) && (district == null || db.Entries.Any(e => e.Id == p.EntryId && e.DistrictUbigeo == district)))
            .OrderBy(p => p.RoundId).ThenBy(p => p.EntryNumber).ThenBy(p => p.Tranche).ThenBy(p => p.Version)
            .Select(p => new
            {
                p.RoundId, p.EntryNumber, p.BeneficiaryName, p.Tranche, p.TrancheCount, p.Version, p.EndToEndId, p.Amount, p.Method, p.State,
                p.CreatedUtc, p.ApprovedUtc, p.BatchId, p.SentUtc, p.PaidOn, p.Reference, p.FailureReason,
            })
            .AsAsyncEnumerable();
        ExportColumn[] columns =
        [
            new("concurso_id", ColumnKind.Whole), new("concurso", ColumnKind.Text), new("inscripcion", ColumnKind.Whole),
            new("beneficiario", ColumnKind.Text), new("tramo", ColumnKind.Whole), new("tramos", ColumnKind.Whole), new("version", ColumnKind.Whole),
            new("id_pago", ColumnKind.Text), new("monto", ColumnKind.Money), new("forma_pago", ColumnKind.Text), new("estado", ColumnKind.Text),
            new("creado", ColumnKind.DateTime), new("aprobado", ColumnKind.DateTime), new("lote", ColumnKind.Whole), new("enviado", ColumnKind.DateTime),
            new("pagado_el", ColumnKind.Date), new("referencia", ColumnKind.Text), new("motivo_fallo", ColumnKind.Text),
        ];
        return new ExportTable("pagos", columns, Map(rows, p => new object?[]
        {
            p.RoundId, rounds[p.RoundId].Name, p.EntryNumber, p.BeneficiaryName, p.Tranche, p.TrancheCount, p.Version, p.EndToEndId, p.Amount,
            Label(p.Method), Label(p.State), Lima(p.CreatedUtc), p.ApprovedUtc is { } approved ? Lima(approved) : null, p.BatchId,
            p.SentUtc is { } sent ? Lima(sent) : null, p.PaidOn, p.Reference, p.FailureReason,
        }));
    }

    private ExportTable Visits(Dictionary<int, RoundFacts> rounds, string? district)
    {
        var ids = rounds.Keys.ToList();
        var rows = db.FollowUpVisits.AsNoTracking()
            .Join(db.Entries.Where(e => ids.Contains(e.RoundId) && (district == null || e.DistrictUbigeo == district)),
                v => v.EntryId, e => e.Id, (v, e) => new
                {
                    v.Id, e.RoundId, e.Number, e.CompetitorName, v.VisitedOn, v.VisitedBy, v.VisitorName, v.OwnInvestment, v.InvestmentKept,
                    v.Notes, v.RecordedUtc,
                    Before = e.Baseline.Select(b => new { b.Position, b.EstimatedValue }).ToList(),
                    Items = v.Items.Select(i => new { i.Position, i.Quantity, i.Value }).ToList(),
                    Spending = v.Spending.Select(s => new { s.Category, s.Amount }).ToList(),
                })
            .OrderBy(v => v.RoundId).ThenBy(v => v.Number).ThenBy(v => v.VisitedOn).ThenBy(v => v.Id)
            .AsSplitQuery()
            .AsAsyncEnumerable();
        List<ExportColumn> columns =
        [
            new("visita_id", ColumnKind.Whole), new("concurso_id", ColumnKind.Whole), new("concurso", ColumnKind.Text),
            new("inscripcion", ColumnKind.Whole), new("participante", ColumnKind.Text), new("fecha_visita", ColumnKind.Date),
            new("visito", ColumnKind.Text), new("nombre_visitante", ColumnKind.Text), new("valor_antes", ColumnKind.Money),
            new("valor_ahora", ColumnKind.Money), new("cambio_activos", ColumnKind.Money), new("inversion_propia", ColumnKind.Money),
            new("inversion_se_mantiene", ColumnKind.Text),
        ];
        columns.AddRange(SpendingColumns.Select(s => new ExportColumn(s.Column, ColumnKind.Money)));
        columns.AddRange([new("observaciones", ColumnKind.Text), new("registrada", ColumnKind.DateTime)]);
        return new ExportTable("visitas", columns, Map(rows, v =>
        {
            var before = v.Before.Select(b => new BaselineValue(b.Position, b.EstimatedValue)).ToList();
            var items = v.Items.Select(i => new FollowUpItem(i.Position, i.Quantity, i.Value)).ToList();
            // Core's asset change for this visit alone (the API's definition): after − before over activities with both values.
            var change = new Core.Monitoring.EntryResult(0, null, 0m, before, [new VisitFacts(v.Id, v.VisitedOn, items, v.OwnInvestment, v.InvestmentKept)]).AssetChange;
            List<object?> row =
            [
                v.Id, v.RoundId, rounds[v.RoundId].Name, v.Number, v.CompetitorName, v.VisitedOn, Label(v.VisitedBy), v.VisitorName,
                before.Sum(b => b.Value ?? 0m), items.Sum(i => i.Value ?? 0m), change, v.OwnInvestment, YesNo(v.InvestmentKept),
            ];
            row.AddRange(SpendingColumns.Select(s => (object?)v.Spending.Where(x => x.Category == s.Category).Select(x => (decimal?)x.Amount).Sum()));
            row.AddRange([v.Notes, Lima(v.RecordedUtc)]);
            return [.. row];
        }));
    }

    private async Task<IReadOnlyList<ExportTable>> IndicatorsAsync(Dictionary<int, RoundFacts> rounds, IndicatorFilter filter, CancellationToken ct)
    {
        var report = await indicators.ComputeAsync([.. rounds.Values.OrderBy(r => r.Id)], filter, ct);
        var p = report.Participation;
        var r = report.Results;
        ExportColumn[] figure = [new("indicador", ColumnKind.Text), new("valor", ColumnKind.Number)];
        ExportTable Figures(params (string Name, decimal? Value)[] values) =>
            new("resumen", figure, Rows(values.Select(v => new object?[] { v.Name, v.Value })));
        ExportTable Amounts(string name, string key, IEnumerable<NamedAmount> amounts, bool named) =>
            new(name, named
                    ? [new(key, ColumnKind.Text), new("nombre", ColumnKind.Text), new("monto", ColumnKind.Money), new("premios", ColumnKind.Whole)]
                    : [new(key, ColumnKind.Text), new("monto", ColumnKind.Money), new("premios", ColumnKind.Whole)],
                Rows(amounts.Select(a => named ? new object?[] { a.Key, a.Name, a.Amount, a.Count } : new object?[] { a.Key, a.Amount, a.Count })));
        object?[] Result(string group, ResultSummary s) =>
        [
            group, s.Entries, s.Visited, s.Compared, s.AssetChange, s.PrizeOfCompared, s.ChangePerSol, s.InvestmentPerSol, s.WinnersVisited,
            s.WinnersKept, s.KeptShare,
        ];
        return
        [
            Figures(
                ("participantes", report.Entries), ("hogares", p.Households.Total), ("personas", p.Persons.Total),
                ("hogares_jefatura_femenina", p.WomenHeadedHouseholds), ("comunidades_presentadas", p.CommunitiesPresented),
                ("comunidades_aprobadas", p.CommunitiesApproved), ("organizaciones_presentadas", p.OrganizationsPresented),
                ("organizaciones_aprobadas", p.OrganizationsApproved), ("hogares_repitentes", p.RepeatHouseholds),
                ("sesiones_clar", report.LracSessions), ("clar_operando", report.LracsOperating), ("premios", report.Awards),
                ("monto_premiado", report.Awarded), ("monto_pagado", report.Paid), ("premio_promedio", report.AveragePrize),
                ("premio_mediano", report.MedianPrize), ("hogares_top_10", report.Concentration.TopHouseholds),
                ("proporcion_top_10", report.Concentration.TopShare), ("ganadores_repitentes", report.Concentration.RepeatWinners),
                ("proporcion_ganadores_repitentes", report.Concentration.RepeatWinnersShare), ("visitados", r.Visited),
                ("comparados", r.Compared), ("cambio_activos", r.AssetChange), ("cambio_por_sol", r.ChangePerSol),
                ("inversion_por_sol", r.InvestmentPerSol), ("ganadores_visitados", r.WinnersVisited), ("ganadores_mantienen", r.WinnersKept),
                ("proporcion_mantienen", r.KeptShare)),
            new("participacion", [new("grupo", ColumnKind.Text), new("hogares", ColumnKind.Whole), new("personas", ColumnKind.Whole)],
                Rows(new (string, int, int)[]
                    {
                        ("total", p.Households.Total, p.Persons.Total), ("mujeres", p.Households.Women, p.Persons.Women),
                        ("hombres", p.Households.Men, p.Persons.Men), ("jovenes", p.Households.Youth, p.Persons.Youth),
                    }
                    .Concat(p.Households.ByTongue.OrderBy(t => t.Key).Select(t => ("lengua_" + Label(t.Key), t.Value, p.Persons.ByTongue[t.Key])))
                    .Append(("lengua_desconocida", p.Households.TongueUnknown, p.Persons.TongueUnknown))
                    .Select(g => new object?[] { g.Item1, g.Item2, g.Item3 }))),
            new("concursos_por_tema", [new("tema", ColumnKind.Text), new("concursos", ColumnKind.Whole)],
                Rows(report.ContestsByTheme.Select(c => new object?[] { Label("Theme", c.Key), c.Rounds }))),
            new("concursos_por_nivel", [new("nivel", ColumnKind.Text), new("concursos", ColumnKind.Whole)],
                Rows(report.ContestsByLevel.Select(c => new object?[] { Label("RoundLevel", c.Key), c.Rounds }))),
            Amounts("monto_por_fuente", "fuente_id", report.BySource, named: true),
            Amounts("monto_por_distrito", "distrito_ubigeo", report.ByDistrict, named: true),
            Amounts("monto_por_tema", "tema", report.ByTheme.Select(t => t with { Key = t.Key.Length == 0 ? "-" : Label("Theme", t.Key) }), named: false),
            Amounts("monto_por_anio", "anio", report.ByYear, named: false),
            new("resultados_por_tema",
                [
                    new("tema", ColumnKind.Text), new("participantes", ColumnKind.Whole), new("visitados", ColumnKind.Whole),
                    new("comparados", ColumnKind.Whole), new("cambio_activos", ColumnKind.Money), new("premio_comparados", ColumnKind.Money),
                    new("cambio_por_sol", ColumnKind.Number), new("inversion_por_sol", ColumnKind.Number), new("ganadores_visitados", ColumnKind.Whole),
                    new("ganadores_mantienen", ColumnKind.Whole), new("proporcion_mantienen", ColumnKind.Number),
                ],
                Rows(report.ResultsByTheme.Select(t => Result(t.Theme is { } theme ? Label(theme) ?? "-" : "-", t.Summary)).Prepend(Result("total", r)))),
            new("concursos",
                [
                    new("concurso_id", ColumnKind.Whole), new("concurso", ColumnKind.Text), new("anio", ColumnKind.Whole), new("nivel", ColumnKind.Text),
                    new("participantes", ColumnKind.Whole), new("hogares", ColumnKind.Whole), new("monto_premiado", ColumnKind.Money),
                    new("monto_pagado", ColumnKind.Money),
                ],
                Rows(report.Rounds.Select(x => new object?[] { x.RoundId, x.Name, x.Year, Label(x.Level), x.Entries, x.Households, x.Awarded, x.Paid }))),
        ];
    }

    private static async IAsyncEnumerable<object?[]> Map<T>(IAsyncEnumerable<T> source, Func<T, object?[]> row,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var item in source.WithCancellation(ct))
        {
            yield return row(item);
        }
    }

#pragma warning disable CS1998 // an in-memory table served through the same interface as the database's
    private static async IAsyncEnumerable<object?[]> Rows(IEnumerable<object?[]> rows)
#pragma warning restore CS1998
    {
        foreach (var row in rows)
        {
            yield return row;
        }
    }

    private string Themes(RoundFacts round) => string.Join(", ", round.Themes.Select(t => Label(t)));

    private static DateTime Lima(DateTime utc) => LimaTime.FromUtc(utc);

    private string YesNo(bool value) => l[value ? "Yes" : "No"].Value;

    private string Label<TEnum>(TEnum value) where TEnum : struct, Enum => Label(typeof(TEnum).Name, value.ToString());

    private string? Label<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } v ? Label(v) : null;

    private string Label(string type, string value)
    {
        var text = l[type + "." + value];
        return text.ResourceNotFound ? value : text.Value;
    }

    private static string Slug(string name) =>
        new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray()).Trim('_');
}
