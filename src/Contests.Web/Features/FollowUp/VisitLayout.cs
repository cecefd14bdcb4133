using System.Text;
using Contests.Core.Monitoring;
using Contests.Web.Features.Registry.Import;

namespace Contests.Web.Features.FollowUp;

/// <summary>
/// The columns of a follow-up visits file: the layout of a KoboToolbox/ODK export of the follow-up form, one row per
/// visit and activity, the visit's own fields repeated on each of its rows. Headers are matched ignoring case and
/// accents; Kobo's own columns (<c>_id</c>, <c>_submission_time</c>…) are ignored, and its <c>_submission__uuid</c> /
/// <c>_uuid</c> groups the rows of one visit.
/// </summary>
public static class VisitLayout
{
    public const string Submission = "Submission";
    public const string Entry = "Entry";
    public const string VisitedOn = nameof(FollowUpInput.VisitedOn);
    public const string VisitedBy = nameof(FollowUpInput.VisitedBy);
    public const string VisitorName = nameof(FollowUpInput.VisitorName);
    public const string Activity = "Activity";
    public const string Quantity = "Quantity";
    public const string Value = "Value";
    public const string OwnInvestment = nameof(FollowUpInput.OwnInvestment);
    public const string InvestmentKept = nameof(FollowUpInput.InvestmentKept);
    public const string Notes = nameof(FollowUpInput.Notes);

    private static readonly Dictionary<SpendingCategory, string> SpendingHeaders = new()
    {
        [SpendingCategory.Tools] = "gasto_herramientas",
        [SpendingCategory.Animals] = "gasto_animales",
        [SpendingCategory.SeedsAndPlants] = "gasto_semillas_plantas",
        [SpendingCategory.Housing] = "gasto_vivienda",
        [SpendingCategory.Education] = "gasto_educacion",
        [SpendingCategory.Health] = "gasto_salud",
        [SpendingCategory.Savings] = "gasto_ahorro",
        [SpendingCategory.Business] = "gasto_negocio",
        [SpendingCategory.Other] = "gasto_otros",
    };

    public static IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("id_envio", Submission, false, "uuid:5f1c…"),
        new("inscripcion", Entry, true, "12"),
        new("fecha_visita", VisitedOn, true, "2026-11-30"),
        new("visito", VisitedBy, true, "Oficial"),
        new("nombre_visitante", VisitorName, true, "Rosa Huamán"),
        new("actividad", Activity, false, "Crianza de cuyes"),
        new("cantidad_ahora", Quantity, false, "35"),
        new("valor_ahora", Value, false, "700.50"),
        .. SpendingHeaders.Select(s => new ImportColumn(s.Value, SpendingField(s.Key), false, s.Key == SpendingCategory.Animals ? "300" : "")),
        new("inversion_propia", OwnInvestment, false, "120"),
        new("inversion_se_mantiene", InvestmentKept, false, "si"),
        new("observaciones", Notes, false, ""),
    ];

    /// <summary>Fields of the visit itself, repeated on each of its rows.</summary>
    public static IReadOnlyList<string> VisitFields { get; } =
        [Entry, VisitedOn, VisitedBy, VisitorName, .. SpendingHeaders.Keys.Select(SpendingField), OwnInvestment, InvestmentKept, Notes];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["_submission__uuid"] = "id_envio", ["_uuid"] = "id_envio", ["n_inscripcion"] = "inscripcion", ["numero_inscripcion"] = "inscripcion",
    };

    public static string SpendingField(SpendingCategory category) => $"Spending[{category}]";

    /// <summary>The column a header names (its key, see <see cref="ImportLayouts.HeaderKey"/>), or null.</summary>
    public static ImportColumn? Find(string key)
    {
        var header = Aliases.GetValueOrDefault(key, key);
        return Columns.FirstOrDefault(c => c.Header == header);
    }

    /// <summary>Kobo's and ODK's own columns (they start with an underscore, or are the form's metadata) are not the form's answers.</summary>
    public static bool Ignored(string key) => key.StartsWith('_') || key is "start" or "end" or "today" or "deviceid" or "meta/instanceid";

    /// <summary>The header of a field ("Spending[Tools]" → gasto_herramientas; "Quantity" → cantidad_ahora), or the field itself.</summary>
    public static string HeaderOf(string field) => Columns.FirstOrDefault(c => c.Field == field)?.Header ?? field;

    /// <summary>
    /// The sample file: one visit of entry 12 with two activities (its visit fields repeated on both rows), one of entry
    /// 14 that records only spending, with a BOM so Excel reads the accents.
    /// </summary>
    public static string Sample()
    {
        string Line(params (string Field, string Value)[] values) =>
            string.Join(",", Columns.Select(c => ImportLayouts.Quote(values.FirstOrDefault(v => v.Field == c.Field).Value ?? ""))) + "\r\n";
        (string, string)[] visit12 =
        [
            (Submission, "v-0001"), (Entry, "12"), (VisitedOn, "2026-11-30"), (VisitedBy, "Oficial"), (VisitorName, "Rosa Huamán"),
            (SpendingField(SpendingCategory.Animals), "300"), (SpendingField(SpendingCategory.Tools), "150.50"), (OwnInvestment, "120"),
            (InvestmentKept, "si"), (Notes, "Galpón nuevo"),
        ];
        var csv = new StringBuilder("\uFEFF").Append(string.Join(",", Columns.Select(c => c.Header))).Append("\r\n");
        csv.Append(Line([.. visit12, (Activity, "1"), (Quantity, "35"), (Value, "700.50")]));
        csv.Append(Line([.. visit12, (Activity, "Papa nativa"), (Quantity, "1.5"), (Value, "")]));
        csv.Append(Line((Submission, "v-0002"), (Entry, "14"), (VisitedOn, "01/12/2026"), (VisitedBy, "CLAR"), (VisitorName, "Comité de Mariño"),
            (SpendingField(SpendingCategory.Housing), "800"), (InvestmentKept, "no")));
        return csv.ToString();
    }
}
