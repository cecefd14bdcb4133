using System.Net;
using System.Text.RegularExpressions;
using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Core.Judging;
using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Infrastructure.Pdf;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Registry;
using Contests.Web.Tests.Rounds;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Documents;

/// <summary>A published business-plan round (see <see cref="ContractTests{TApp}.PublishedAsync"/>).</summary>
public sealed record PlanRound(int Id, int OfficeId, int Cuyes, int Tejedoras, int ActaId);

/// <summary>
/// Donation contracts through HTTP on both providers: built from the approved acta (number, date, the award as the
/// project's share), the plan's counterpart, the organization's representatives and verified account, issued as a
/// numbered PDF that qpdf accepts and whose text holds the parties, amounts in figures and words and the acta; its QR
/// code opens the public page, valid and without DNI or account; void and reissue; refusals that keep what was typed
/// and write nothing (sums off by a céntimo, unreadable amounts, a date before the acta, no verified account, a second
/// contract); no contract without an approved acta; the programme's template edited into a new version the next
/// contract prints.
/// </summary>
public abstract partial class ContractTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string Cuyes = "Asociación de Criadores de Cuyes Señor de Ánimas";
    private const string Tejedoras = "Asociación de Tejedoras Warmi Away";
    private const string PresidentDni = "41234567"; // RegistryData.AddOrganizationAsync's president
    private static readonly Cci CuyesCci = Cci.Compose("802", "301", "001020034560");

    private JudgingData Judging { get; } = new(app);

    private RegistryData Registry => Judging.Registry;

    private static string ContractPage(PlanRound round, int entryId) => $"/rounds/{Id(round.Id)}/contracts/{Id(entryId)}";

    /// <summary>
    /// A business-plan round of the Abancay office (co-financing, counterpart ≥ 20 %), published: its acta N.° 007
    /// approved at 08:30 today by a CLAR of two, funding N.° 1 the Cuyes association (plan S/ 10,000.00 with S/ 2,500.00
    /// of counterpart: S/ 7,500.00) and N.° 2 the weavers (S/ 3,000.00 with S/ 600.00: S/ 2,400.00). Only the Cuyes
    /// association has an account, verified by finance.
    /// </summary>
    public async Task<PlanRound> PublishedAsync()
    {
        var world = await Judging.Rounds.WorldAsync();
        var cuyes = await Registry.AddOrganizationAsync(Cuyes);
        var tejedoras = await Registry.AddOrganizationAsync(Tejedoras, ruc: null);
        var account = await Registry.AddAccountAsync(AccountHolderKind.Organization, cuyes, CuyesCci, Cuyes);
        var financeId = await Judging.Rounds.UserIdAsync(TestUsers.Finance);
        await Registry.WriteAsync(db => db.BankAccounts.Single(a => a.Id == account).Verify(financeId, TestUsers.Finance, App.Clock.GetUtcNow().UtcDateTime));
        var rules = RoundData.PlanRules(world.SourceId);
        var roundId = await Judging.Rounds.RoundAsync(world, RoundPhase.Review, rules: rules, level: RoundLevel.Organizations, pools: PoolBy.OnePool,
            themes: [Theme.BusinessPlans], name: "Concurso de planes de negocio Abancay 2026");
        var president = await Judging.AddMemberAsync(roundId, await Judging.AccountAsync(JudgingData.LracDni, JudgingData.LracName), new LracMemberInput
        {
            FullName = JudgingData.LracName, Dni = JudgingData.LracDni, Affiliation = Affiliation.Other, AffiliationName = "Agencia Agraria Abancay",
            Role = LracRole.President, FieldJuror = true, PublicJuror = true,
        });
        var secretary = await Judging.AddMemberAsync(roundId, await Judging.AccountAsync(JudgingData.OtherDni, JudgingData.OtherName), new LracMemberInput
        {
            FullName = JudgingData.OtherName, Dni = JudgingData.OtherDni, Affiliation = Affiliation.Other, AffiliationName = "Municipalidad de Tamburco",
            Role = LracRole.Secretary, FieldJuror = true, PublicJuror = true,
        });
        var officerId = await Judging.Rounds.UserIdAsync();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var actaId = await Registry.WriteAsync(db =>
        {
            var round = db.Rounds.AsSplitQuery().Single(r => r.Id == roundId);
            var entries = new[] { (cuyes, 10_000m, 2_500m, 85m), (tejedoras, 3_000m, 600m, 78m) }.Select((p, i) =>
            {
                var o = db.Organizations.Single(x => x.Id == p.Item1);
                var (result, e) = Entry.Register(round, new Entry.Competitor(o.Id, o.Name, null, o.DistrictUbigeo, false), new PoolAssignment("ALL", round.Name),
                    null, new Entry.Plan(i == 0 ? "Crianza mejorada de cuyes" : "Tejidos de fibra de alpaca", p.Item2, p.Item3), new EligibilityResult([], []),
                    i + 1, officerId, now.AddDays(-20));
                Assert.True(result.Succeeded);
                return (Entry: db.Entries.Add(e!).Entity, Plan: p);
            }).ToList();
            db.SaveChanges();
            var ranks = entries.Select((x, i) => new RankedEntry(x.Entry.Id, i + 1, "ALL", x.Plan.Item4, i + 1, 0, true, false)).ToList();
            var allocation = Allocator.Allocate(rules.Prizes,
                [.. entries.Select((x, i) => new AllocationEntry(ranks[i], x.Plan.Item1, Theme.BusinessPlans, RegistryData.Abancay, false,
                    new PlanCosts(x.Plan.Item2, x.Plan.Item3)))],
                new Dictionary<int, SourceFacts> { [world.SourceId] = new(world.SourceId, RoundData.SourceName, 10_000m, new HashSet<Theme>(), new HashSet<string>()) });
            Assert.True(allocation.Succeeded);
            var held = now.AddMinutes(-30);
            var acta = Acta.Open(roundId, world.OfficeId, ActaKind.Session, held, "Local comunal de Tamburco", officerId, held, new List<DomainError>())!;
            Assert.True(acta.RecordAttendance([president.MemberId, secretary.MemberId], [president.MemberId, secretary.MemberId]).Succeeded);
            Assert.True(acta.Approve(new ActaApproval(new Dictionary<int, LracRole> { [president.MemberId] = LracRole.President, [secretary.MemberId] = LracRole.Secretary },
                allocation, ranks, 7, now.AddDays(7), officerId, now)).Succeeded);
            db.Actas.Add(acta);
            Assert.True(round.MoveTo(RoundPhase.Published, new PhaseFacts { HasRubric = true, HasBudget = true, Entries = 2, ActaApprovedWithQuorum = true },
                false, officerId, now).Succeeded);
            db.SaveChanges();
            return acta.Id;
        });
        var ids = await Registry.ReadAsync(db => db.Entries.Where(e => e.RoundId == roundId).OrderBy(e => e.Number).Select(e => e.Id).ToListAsync());
        return new PlanRound(roundId, world.OfficeId, ids[0], ids[1], actaId);
    }

    private static (string, string)[] Terms(params (string Name, string Project, string Counterpart)[] components) =>
    [
        .. components.SelectMany((c, i) => new[] { ($"Components[{i}].Name", c.Name), ($"Components[{i}].Project", c.Project), ($"Components[{i}].Counterpart", c.Counterpart) }),
        ("TermMonths", "12"), ("Place", "Tamburco"), ("SignedOn", "2026-11-24"),
    ];

    private static readonly (string, string)[] TwoComponents = Terms(
        ("Galpones mejorados para cuyes", "5000", "1500.00"), ("Capacitación en sanidad y comercialización", "2500.00", "1000"));

    private Task<List<IssuedDocument>> ContractsAsync(int roundId) => Registry.ReadAsync(db =>
        db.Documents.AsNoTracking().Where(d => d.RoundId == roundId && d.Kind == DocumentKind.Contract).OrderBy(d => d.Id).ToListAsync());

    private static Task<byte[]> PdfAsync(AppClient client, int documentId) => PdfBytesAsync(client, $"/documents/{documentId}/file");

    private static async Task<byte[]> PdfBytesAsync(AppClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task Officer_IssuesTheContract_FromTheApprovedActa_PdfReadable_QrOpensValidPageWithoutDni_Audited()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var documents = await HtmlAsync(await officer.GetAsync($"/rounds/{Id(round.Id)}/documents"), HttpStatusCode.OK);
        Assert.Contains(ContractPage(round, round.Cuyes), documents, StringComparison.Ordinal);
        Assert.Contains(ContractPage(round, round.Tejedoras), documents, StringComparison.Ordinal);
        var page = HtmlPage.Text(await HtmlAsync(await officer.GetAsync(ContractPage(round, round.Cuyes)), HttpStatusCode.OK));
        Assert.Contains("007-2026 · 23/11/2026", page, StringComparison.Ordinal);
        Assert.Contains("S/ 7,500.00", page, StringComparison.Ordinal);
        Assert.Contains("Primer tramo 70 % S/ 5,250.00", page, StringComparison.Ordinal);
        Assert.Contains("Segundo tramo 30 % S/ 2,250.00", page, StringComparison.Ordinal);

        var response = await officer.PostFormAsync(ContractPage(round, round.Cuyes), TwoComponents);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var contract = Assert.Single(await ContractsAsync(round.Id));
        Assert.Equal(ContractPage(round, round.Cuyes) + "#document-" + Id(contract.Id), response.Headers.Location!.OriginalString);
        Assert.Equal(("CDC-2026-000001", DocumentState.Valid, round.ActaId, Cuyes), (contract.Number, contract.State, contract.ActaId, contract.Holder));
        var record = await Registry.ReadAsync(db => db.DonationContracts.AsNoTracking().SingleAsync(c => c.DocumentId == contract.Id));
        Assert.Equal((1, 7_500m, 2_500m, 12, "Tamburco", new DateOnly(2026, 11, 24)),
            (record.TemplateVersion, record.ProjectAmount, record.CounterpartAmount, record.TermMonths, record.Place, record.SignedOn));
        Assert.Equal([new ContractComponent("Galpones mejorados para cuyes", 5_000m, 1_500m), new ContractComponent("Capacitación en sanidad y comercialización", 2_500m, 1_000m)],
            record.Components);
        Assert.Equal(1, await Registry.ReadAsync(db => db.ContractTemplates.CountAsync())); // the default stored as version 1 with its first contract

        var pdf = await PdfAsync(officer, contract.Id);
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
        Assert.True(PdfTools.Info(pdf).Pages >= 4);
        var text = Normalize(PdfTools.Text(pdf));
        foreach (var expected in new[]
        {
            "CONTRATO DE DONACIÓN CON CARGO", "N.° CDC-2026-000001", Cuyes, "Rosa Huamán Ccori", "DNI N.° 41234567", "Lucía Mamani Quispe", "Acta N.° 007-2026",
            "23 de noviembre de 2026", "S/ 7,500.00 (SIETE MIL QUINIENTOS Y 00/100 SOLES)", "S/ 2,500.00 (DOS MIL QUINIENTOS Y 00/100 SOLES)",
            "S/ 10,000.00 (DIEZ MIL Y 00/100 SOLES)", "75 % del costo total", "doce (12) meses", "recursos de " + RoundData.SourceName,
            "Galpones mejorados", "TOTAL 7,500.00 2,500.00 10,000.00 75 % 25 %", "76.92 %", CuyesCci.Value, "Tamburco, 24 de noviembre de 2026", "Página 1 de",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        // The clauses in order, whatever page they land on.
        var order = new[] { "PRIMERA", "SEGUNDA", "TERCERA", "CUARTA", "QUINTA", "SEXTA", "SÉPTIMA", "OCTAVA", "NOVENA", "DÉCIMA", "UNDÉCIMA" }
            .Select(o => text.IndexOf(o + " —", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);

        var png = PdfTools.RenderPage(pdf, 1, PdfTools.OutputDirectory(nameof(Officer_IssuesTheContract_FromTheApprovedActa_PdfReadable_QrOpensValidPageWithoutDni_Audited)),
            "contract-" + typeof(TApp).Name); // one file per provider: both run at once
        var url = Assert.Single(PdfTools.DecodeQr(png));
        Assert.Matches("^http://localhost/verify/[0-9A-Z]{24}$", url);
        using var visitor = App.NewClient();
        var verify = HtmlPage.Text(await HtmlAsync(await visitor.GetAsync(new Uri(url).PathAndQuery), HttpStatusCode.OK));
        Assert.Contains("Documento válido: CDC-2026-000001", verify, StringComparison.Ordinal);
        Assert.Contains(Cuyes, verify, StringComparison.Ordinal);
        Assert.Contains("007-2026", verify, StringComparison.Ordinal);
        Assert.Contains("S/ 7,500.00", verify, StringComparison.Ordinal);
        Assert.DoesNotContain(PresidentDni, verify, StringComparison.Ordinal);
        Assert.DoesNotContain(CuyesCci.Value, verify, StringComparison.Ordinal);
        Assert.DoesNotContain("Rosa Huamán", verify, StringComparison.Ordinal);

        // A second contract for the same organization is refused while this one is valid.
        var again = await HtmlAsync(await officer.PostFormAsync(ContractPage(round, round.Cuyes), TwoComponents), (HttpStatusCode)422);
        Assert.Contains("ya tiene un contrato vigente", HtmlPage.Text(again), StringComparison.Ordinal);
        Assert.Single(await ContractsAsync(round.Id));

        var audited = await Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.Action == "Added" && (a.EntityType == nameof(IssuedDocument) || a.EntityType == nameof(DonationContract) || a.EntityType == nameof(ContractTemplate)))
            .Select(a => new { a.EntityType, a.Actor }).ToListAsync());
        Assert.Equal([nameof(ContractTemplate), nameof(DonationContract), nameof(IssuedDocument)], audited.Select(a => a.EntityType).Order());
        Assert.All(audited, a => Assert.Equal(TestUsers.Officer, a.Actor));
    }

    [Fact]
    public async Task Refusals_NameTheRowAndTheAmounts_KeepWhatWasTyped_AndWriteNothing()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var page = ContractPage(round, round.Cuyes);

        // One céntimo short on the project's side; counterparts one céntimo over.
        var sums = await HtmlAsync(await officer.PostFormAsync(page,
            Terms(("Galpones", "4999.99", "1500"), ("Capacitación", "2500", "1000.01"))), (HttpStatusCode)422);
        Assert.Equal("Los aportes del proyecto suman S/ 7,499.99, pero el acta aprobó S/ 7,500.00: deben coincidir al céntimo. "
            + "Las contrapartidas suman S/ 2,500.01, pero la organización se comprometió a S/ 2,500.00: deben coincidir al céntimo.", HtmlPage.ErrorOf(sums, "Components"));
        Assert.Contains("value=\"4999.99\"", sums, StringComparison.Ordinal);
        Assert.Contains("value=\"1000.01\"", sums, StringComparison.Ordinal);

        // A blank row between two typed ones: the errors name the rows as the officer sees them.
        var rows = await HtmlAsync(await officer.PostFormAsync(page,
        [
            ("Components[0].Name", "Galpones"), ("Components[0].Project", "7500"), ("Components[0].Counterpart", "2500"),
            ("Components[1].Name", ""), ("Components[1].Project", ""), ("Components[1].Counterpart", ""),
            ("Components[2].Name", ""), ("Components[2].Project", "1500,5"), ("Components[2].Counterpart", "0"),
            ("TermMonths", "0"), ("Place", ""), ("SignedOn", "2026-11-20"),
        ]), (HttpStatusCode)422);
        Assert.Equal("Complete el campo «Componente».", HtmlPage.ErrorOf(rows, "Components[2].Name"));
        Assert.Null(HtmlPage.ErrorOf(rows, "Components[2].Project")); // a decimal comma is read as the decimal point
        Assert.Null(HtmlPage.ErrorOf(rows, "Components[1].Name"));
        Assert.Equal("El plazo va de 1 a 60 meses.", HtmlPage.ErrorOf(rows, "TermMonths"));
        Assert.Equal("Complete el campo «Lugar de firma».", HtmlPage.ErrorOf(rows, "Place"));
        Assert.Equal("El contrato no puede firmarse antes del acta del CLAR (23/11/2026).", HtmlPage.ErrorOf(rows, "SignedOn"));
        Assert.Contains("value=\"1500,5\"", rows, StringComparison.Ordinal);

        Assert.Empty(await ContractsAsync(round.Id));
        Assert.Equal(0, await Registry.ReadAsync(db => db.DonationContracts.CountAsync()));
        Assert.Equal(0, await Registry.ReadAsync(db => db.ContractTemplates.CountAsync()));
    }

    [Theory]
    [InlineData("9999-12-31", "«Fecha de firma» debe estar entre el 23/11/2026 y el 23/11/2027.")]
    [InlineData("0001-01-01", "El contrato no puede firmarse antes del acta del CLAR (23/11/2026).")]
    public async Task SignedOn_ImpossibleDate_RefusedOnTheField_KeptAsTyped_NothingWritten(string day, string message)
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var audits = await Registry.ReadAsync(db => db.AuditRecords.CountAsync());

        var html = await HtmlAsync(await officer.PostFormAsync(ContractPage(round, round.Cuyes),
            [.. TwoComponents.Select(f => f.Item1 == "SignedOn" ? (f.Item1, day) : f)]), (HttpStatusCode)422);

        // Printed on the contract: a date a year or more after the acta is a typing slip.
        Assert.Equal(message, HtmlPage.ErrorOf(html, "SignedOn"));
        Assert.Equal(day, HtmlPage.InputValue(html, "SignedOn"));
        Assert.Empty(await ContractsAsync(round.Id));
        Assert.Equal(0, await Registry.ReadAsync(db => db.DonationContracts.CountAsync()));
        Assert.Equal(audits, await Registry.ReadAsync(db => db.AuditRecords.CountAsync()));
    }

    [Fact]
    public async Task WithoutAVerifiedAccount_TheContractIsRefused_NamingTheOrganization()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var page = HtmlPage.Text(await HtmlAsync(await officer.GetAsync(ContractPage(round, round.Tejedoras)), HttpStatusCode.OK));
        Assert.Contains("sin cuenta verificada", page, StringComparison.Ordinal);
        var refused = await HtmlAsync(await officer.PostFormAsync(ContractPage(round, round.Tejedoras),
            Terms(("Telares y fibra", "2400", "600"))), (HttpStatusCode)422);

        Assert.Contains(Tejedoras + " no tiene una cuenta bancaria verificada", HtmlPage.Text(refused), StringComparison.Ordinal);
        Assert.Contains("value=\"Telares y fibra\"", refused, StringComparison.Ordinal);
        Assert.Empty(await ContractsAsync(round.Id));
    }

    [Fact]
    public async Task WithoutAnApprovedActa_ThereIsNoContract()
    {
        var world = await Judging.Rounds.WorldAsync();
        var organization = await Registry.AddOrganizationAsync(Cuyes);
        var roundId = await Judging.Rounds.RoundAsync(world, RoundPhase.Review, rules: RoundData.PlanRules(world.SourceId), level: RoundLevel.Organizations,
            pools: PoolBy.OnePool, themes: [Theme.BusinessPlans]);
        var entry = await Judging.Rounds.EnterPlanAsync(roundId, organization, null);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var round = new PlanRound(roundId, world.OfficeId, entry, entry, 0);

        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(ContractPage(round, entry))).StatusCode);
        var documents = await HtmlAsync(await officer.GetAsync($"/rounds/{Id(roundId)}/documents"), HttpStatusCode.OK);
        var post = await officer.PostFormAsync($"/rounds/{Id(roundId)}/documents", ContractPage(round, entry), Terms(("Plan", "15000", "5000")));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain("id=\"contracts\"", documents, StringComparison.Ordinal);
        Assert.Empty(await ContractsAsync(roundId));
    }

    [Fact]
    public async Task Void_ThenReissue_TheOldAnswersVoid_NamingTheNew_TheFormStartsFromTheLastTerms()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var page = ContractPage(round, round.Cuyes);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync(page, TwoComponents)).StatusCode);
        var first = Assert.Single(await ContractsAsync(round.Id));
        var code = Regex.Match(Normalize(PdfTools.Text(await PdfAsync(officer, first.Id))), "/verify/([0-9A-Z]{24})").Groups[1].Value;

        var blank = await HtmlAsync(await officer.PostFormAsync(page, $"/documents/{Id(first.Id)}/void", ("Void.VoidReason", " ")), (HttpStatusCode)422);
        Assert.NotNull(HtmlPage.ErrorOf(blank, "Void.VoidReason"));
        Assert.Contains("id=\"addenda\"", blank, StringComparison.Ordinal); // the page as on GET, its addenda panel included
        await RedirectsToAsync(await officer.PostFormAsync(page, $"/documents/{Id(first.Id)}/void",
            ("Void.VoidReason", "La asamblea cambió al tesorero antes de la firma.")), page);

        var form = await HtmlAsync(await officer.GetAsync(page), HttpStatusCode.OK);
        Assert.Contains("value=\"Capacitación en sanidad y comercialización\"", WebUtility.HtmlDecode(form), StringComparison.Ordinal);
        Assert.Contains("value=\"Tamburco\"", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync(page, TwoComponents)).StatusCode);

        var contracts = await ContractsAsync(round.Id);
        Assert.Equal([("CDC-2026-000001", DocumentState.Void, (int?)null), ("CDC-2026-000002", DocumentState.Valid, first.Id)],
            contracts.Select(c => (c.Number, c.State, c.ReplacesId)));
        using var visitor = App.NewClient();
        var old = HtmlPage.Text(await HtmlAsync(await visitor.GetAsync("/verify/" + code), HttpStatusCode.OK));
        Assert.Contains("Documento ANULADO: CDC-2026-000001", old, StringComparison.Ordinal);
        Assert.Contains("Fue reemplazado por el documento CDC-2026-000002.", old, StringComparison.Ordinal);
        Assert.DoesNotContain("tesorero", old, StringComparison.Ordinal); // the reason stays internal
        Assert.Equal(2, await Registry.ReadAsync(db => db.DonationContracts.CountAsync(c => c.EntryId == round.Cuyes)));
    }

    [Fact]
    public async Task Template_EditedIntoVersionTwo_TheNextContractPrintsIt_BadClausesKeepWhatWasTyped()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var editor = await HtmlAsync(await officer.GetAsync("/programme/contract"), HttpStatusCode.OK);
        Assert.Contains("id=\"default-template\"", editor, StringComparison.Ordinal);
        var clauses = ContractTemplate.DefaultClauses.SelectMany((c, i) => new[] { ($"Clauses[{i}].Title", c.Title), ($"Clauses[{i}].Body", c.Body) }).ToList();
        const string Added = "Las partes declaran conocer el reglamento del concurso.";

        var bad = clauses.Select(f => f.Item1 == "Clauses[2].Body" ? (f.Item1, f.Item2 + " {monto_falso}") : f).Append(("Note", "")).ToArray();
        var refused = await HtmlAsync(await officer.PostFormAsync("/programme/contract", bad), (HttpStatusCode)422);
        Assert.Equal("«{monto_falso}» no es un dato que el sistema conozca: use uno de la lista.", HtmlPage.ErrorOf(refused, "Clauses[2].Body"));
        Assert.Equal("Complete el campo «Nota».", HtmlPage.ErrorOf(refused, "Note"));
        Assert.Contains("{monto_falso}</textarea>", refused, StringComparison.Ordinal);
        Assert.Equal(0, await Registry.ReadAsync(db => db.ContractTemplates.CountAsync()));

        var good = clauses.Select(f => f.Item1 == "Clauses[2].Body" ? (f.Item1, f.Item2 + "\n" + Added) : f)
            .Append(("Note", "Se cita el reglamento del concurso en la cláusula tercera.")).ToArray();
        await RedirectsToAsync(await officer.PostFormAsync("/programme/contract", good), "/programme/contract");
        Assert.Equal([1, 2], await Registry.ReadAsync(db => db.ContractTemplates.OrderBy(t => t.Version).Select(t => t.Version).ToListAsync()));
        var saved = HtmlPage.Text(await HtmlAsync(await officer.GetAsync("/programme/contract"), HttpStatusCode.OK));
        Assert.Contains("Versión vigente: 2", saved, StringComparison.Ordinal);
        Assert.Contains(Added, saved, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync(ContractPage(round, round.Cuyes), TwoComponents)).StatusCode);
        var contract = Assert.Single(await ContractsAsync(round.Id));
        Assert.Equal(2, (await Registry.ReadAsync(db => db.DonationContracts.AsNoTracking().SingleAsync(c => c.DocumentId == contract.Id))).TemplateVersion);
        Assert.Contains(Added, Normalize(PdfTools.Text(await PdfAsync(officer, contract.Id))), StringComparison.Ordinal);
        var v1 = HtmlPage.Text(await HtmlAsync(await officer.GetAsync("/programme/contract?version=1"), HttpStatusCode.OK));
        Assert.Contains("Versión 1 (ya no vigente)", v1, StringComparison.Ordinal);
        Assert.DoesNotContain(Added, v1, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/programme/contract?version=9")).StatusCode);

        // The preview prints a version with «placeholders», issuing nothing.
        var preview = await officer.GetAsync("/programme/contract/preview.pdf?version=2");
        Assert.Equal("application/pdf", preview.Content.Headers.ContentType!.MediaType);
        var previewPdf = await preview.Content.ReadAsByteArrayAsync();
        Assert.Equal(0, PdfTools.QpdfCheck(previewPdf).ExitCode);
        var previewText = Normalize(PdfTools.Text(previewPdf));
        Assert.Contains("N.° VISTA PREVIA", previewText, StringComparison.Ordinal);
        Assert.Contains(Added, previewText, StringComparison.Ordinal);
        Assert.Contains("la organización «organizacion», con RUC N.° «organizacion_ruc»", previewText, StringComparison.Ordinal);
        Assert.DoesNotContain("{", previewText, StringComparison.Ordinal);
        Assert.DoesNotContain(Added, Normalize(PdfTools.Text(await PdfBytesAsync(officer, "/programme/contract/preview.pdf?version=1"))), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/programme/contract/preview.pdf?version=9")).StatusCode);
        Assert.Single(await ContractsAsync(round.Id));
    }

    [Fact]
    public async Task DisbursementRequest_OfAPlanBatch_HasEachOrganizationsTransferAuthorization_CitingItsContract()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync(ContractPage(round, round.Cuyes), TwoComponents)).StatusCode);
        var officerId = await Judging.Rounds.UserIdAsync();
        await Registry.WriteAsync(db => db.Rounds.AsSplitQuery().Single(r => r.Id == round.Id).MoveTo(RoundPhase.Final,
            new PhaseFacts { ActaApprovedWithQuorum = true, AppealsWindowOver = true }, false, officerId, App.Clock.GetUtcNow().UtcDateTime));
        var payoutsPage = $"/rounds/{Id(round.Id)}/payouts";
        await RedirectsToAsync(await officer.PostFormAsync(payoutsPage, payoutsPage), payoutsPage);
        var first = await Registry.ReadAsync(db => db.Payouts.AsNoTracking().SingleAsync(p => p.EntryId == round.Cuyes && p.Tranche == 1));

        using var finance = await App.SignedInClientAsync(TestUsers.Finance);
        await RedirectsToAsync(await finance.PostFormAsync(payoutsPage, payoutsPage + "/approve", ("selected", Id(first.Id))), payoutsPage);
        var batch = (await finance.PostFormAsync(payoutsPage, payoutsPage + "/batch", ("selected", Id(first.Id)), ("Batch.ExecuteAt", ""))).Headers.Location!.OriginalString;
        await RedirectsToAsync(await finance.PostFormAsync(batch, batch + "/request"), batch);

        var request = await Registry.ReadAsync(db => db.Documents.AsNoTracking().SingleAsync(d => d.Kind == DocumentKind.DisbursementRequest));
        var text = Normalize(PdfTools.Text(await PdfAsync(finance, request.Id)));
        Assert.Contains("Autorización de transferencia — " + Cuyes, text, StringComparison.Ordinal);
        Assert.Contains("el tramo 1 de 2 de la donación", text, StringComparison.Ordinal);
        Assert.Contains("según el contrato de donación con cargo N.° CDC-2026-000001", text, StringComparison.Ordinal);
        Assert.Contains("S/ 5,250.00 (CINCO MIL DOSCIENTOS CINCUENTA Y 00/100 SOLES)", text, StringComparison.Ordinal);
        Assert.Contains(CuyesCci.Value, text, StringComparison.Ordinal);
        Assert.Contains("primer tramo o premio único", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Autorización de transferencia — " + Tejedoras, text, StringComparison.Ordinal); // not in this batch
    }

    [Fact]
    public async Task ContractPage_ShowsFullDnisOnlyToOfficersAndFinance_ThePrintedContractKeepsThem()
    {
        var round = await PublishedAsync();
        foreach (var (user, full) in new[] { (TestUsers.Officer, true), (TestUsers.Finance, true), (TestUsers.Admin, false), (TestUsers.Auditor, false) })
        {
            using var client = await App.SignedInClientAsync(user);
            var page = await HtmlAsync(await client.GetAsync(ContractPage(round, round.Cuyes)), HttpStatusCode.OK);
            var shown = HtmlPage.Text(page);
            if (full)
            {
                Assert.Contains("DNI " + PresidentDni, shown, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotContain(PresidentDni, page, StringComparison.Ordinal);
                Assert.Contains("DNI ******" + PresidentDni[^2..], shown, StringComparison.Ordinal);
            }
        }
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await officer.PostFormAsync(ContractPage(round, round.Cuyes), TwoComponents);
        var contract = Assert.Single(await ContractsAsync(round.Id));
        using var auditor = await App.SignedInClientAsync(TestUsers.Auditor);
        Assert.DoesNotContain(PresidentDni, await HtmlAsync(await auditor.GetAsync(ContractPage(round, round.Cuyes)), HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Contains("DNI N.° " + PresidentDni, Normalize(PdfTools.Text(await PdfAsync(auditor, contract.Id))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssuedContract_PrintsTheAuditChainsHead_WhichVerifyAuditAccepts()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await officer.PostFormAsync(ContractPage(round, round.Cuyes), TwoComponents);
        var contract = Assert.Single(await ContractsAsync(round.Id));

        var text = Normalize(PdfTools.Text(await PdfAsync(officer, contract.Id)));

        var anchor = Regex.Match(text, "Ancla de auditoría: ([0-9]+):([0-9a-f]{16})…");
        Assert.True(anchor.Success, text);
        var hash = await Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.Sequence == long.Parse(anchor.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Select(a => a.Hash).SingleAsync());
        Assert.StartsWith(anchor.Groups[2].Value, hash, StringComparison.Ordinal);
        var output = new StringWriter();
        Assert.Equal(0, await Contests.Web.Cli.CliRunner.RunAsync(App.Services, ["verify-audit", "--anchor", $"{anchor.Groups[1].Value}:{anchor.Groups[2].Value}…"], output));
        Assert.Contains($"matches record {anchor.Groups[1].Value}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_SeeTheContract_ButCannotIssueIt()
    {
        var round = await PublishedAsync();
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);

        var page = await HtmlAsync(await finance.GetAsync(ContractPage(round, round.Cuyes)), HttpStatusCode.OK);
        Assert.DoesNotContain("id=\"contract-form\"", page, StringComparison.Ordinal);
        Assert.Contains("S/ 7,500.00", HtmlPage.Text(page), StringComparison.Ordinal);
        var denied = await finance.PostFormAsync(ContractPage(round, round.Cuyes), ContractPage(round, round.Cuyes), TwoComponents);
        Assert.Equal("/account/denied", denied.Headers.Location!.AbsolutePath);
        Assert.Empty(await ContractsAsync(round.Id));
    }

    /// <summary>pdftotext keeps the layout's line breaks and the no-break spaces; one plain space makes the assertions read like the page.</summary>
    private static string Normalize(string text) => WhiteSpace().Replace(text, " ");

    [GeneratedRegex(@"[\s\u00A0]+")]
    private static partial Regex WhiteSpace();
}

public sealed class ContractTestsOnSqlite(SqliteApp app) : ContractTests<SqliteApp>(app);

public sealed class ContractTestsOnPostgres(PostgresApp app) : ContractTests<PostgresApp>(app);
