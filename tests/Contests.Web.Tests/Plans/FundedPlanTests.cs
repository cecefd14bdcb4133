using System.Net;
using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Payouts;
using Contests.Core.Plans;
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

namespace Contests.Web.Tests.Plans;

/// <summary>
/// A funded plan after its contract, through HTTP on both providers: a receipt with bad input keeps what was typed and
/// writes nothing; the same voucher twice is refused; the second tranche is refused for payment until the receipts
/// account for 70 % of the first, the counterpart deposit is recorded and the LRAC's approval of the progress is recorded,
/// and approved after.
/// </summary>
public abstract class FundedPlanTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string Cuyes = "Asociación de Criadores de Cuyes Señor de Ánimas";
    private const string Sheds = "Galpones mejorados para cuyes";
    private const string Training = "Capacitación en sanidad y comercialización";
    private const string SupplierRuc = "20100070970";

    private JudgingData Judging { get; } = new(app);

    private RegistryData Registry => Judging.Registry;

    private static string PlanPage(int roundId, int entryId) => $"/rounds/{Id(roundId)}/plans/{Id(entryId)}";

    private static (string, string)[] Receipt(string number, string amount, string ruc = SupplierRuc, string issuedOn = "2026-11-23") =>
    [
        ("Expense.IssuedOn", issuedOn), ("Expense.SupplierRuc", ruc), ("Expense.DocumentType", nameof(ReceiptDocumentType.Invoice)),
        ("Expense.DocumentNumber", number), ("Expense.Amount", amount), ("Expense.PaidBy", nameof(ReceiptPayer.Project)), ("Expense.Component", Sheds),
    ];

    [Fact]
    public async Task Receipt_BadInput_KeepsWhatWasTyped_WritesNothing()
    {
        var (roundId, entryId) = await ContractedAsync();
        var page = PlanPage(roundId, entryId);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await HtmlAsync(await officer.PostFormAsync(page, page + "/receipts", Receipt("factura 12", "10.005", ruc: "20100070971", issuedOn: "2026-11-30")),
            (HttpStatusCode)422);

        Assert.NotNull(HtmlPage.ErrorOf(html, "Expense.IssuedOn"));
        Assert.NotNull(HtmlPage.ErrorOf(html, "Expense.SupplierRuc"));
        Assert.NotNull(HtmlPage.ErrorOf(html, "Expense.DocumentNumber"));
        Assert.NotNull(HtmlPage.ErrorOf(html, "Expense.Amount"));
        Assert.Equal("20100070971", HtmlPage.InputValue(html, "Expense.SupplierRuc"));
        Assert.Equal("factura 12", HtmlPage.InputValue(html, "Expense.DocumentNumber"));
        Assert.Equal("10.005", HtmlPage.InputValue(html, "Expense.Amount"));
        Assert.Equal(0, await Registry.ReadAsync(db => db.PlanReceipts.CountAsync()));
    }

    [Fact]
    public async Task Receipt_TheSameVoucherTwice_IsRefused_OneRowKept()
    {
        var (roundId, entryId) = await ContractedAsync();
        var page = PlanPage(roundId, entryId);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await RedirectsToAsync(await officer.PostFormAsync(page, page + "/receipts", Receipt("F001-000045", "1200.50")), page);

        var html = await HtmlAsync(await officer.PostFormAsync(page, page + "/receipts", Receipt("f001 - 000045", "80")), (HttpStatusCode)422);

        Assert.NotNull(HtmlPage.ErrorOf(html, "Expense.DocumentNumber"));
        // On a phone the tables become cards whose cells are named by their data-label: none may show a bare figure.
        Assert.Contains("data-label=", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<td(?![^>]*\bdata-label=)[^>]*>\s*[^<\s]", html);
        var receipt = Assert.Single(await Registry.ReadAsync(db => db.PlanReceipts.AsNoTracking().ToListAsync()));
        Assert.Equal(("F001-000045", 1_200.50m, Sheds), (receipt.DocumentNumber, receipt.Amount, receipt.Component));
    }

    [Fact]
    public async Task SecondTranche_RefusedUntilTheRecordsMeetItsConditions_ThenApproved()
    {
        var (roundId, entryId) = await ContractedAsync();
        var page = PlanPage(roundId, entryId);
        var payouts = $"/rounds/{Id(roundId)}/payouts";
        var second = await Registry.ReadAsync(db => db.Payouts.AsNoTracking().SingleAsync(p => p.EntryId == entryId && p.Tranche == 2));
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);

        // S/ 3,674.99 accounted of the first tranche's S/ 5,250.00: a céntimo short of 70 %; no deposit, no approval.
        await RedirectsToAsync(await officer.PostFormAsync(page, page + "/receipts", Receipt("F001-000101", "3674.99")), page);
        Assert.Equal((HttpStatusCode)422, (await finance.PostFormAsync(payouts, payouts + "/approve", ("selected", Id(second.Id)))).StatusCode);
        Assert.Equal(PayoutState.Pending, await StateAsync(second.Id));
        var before = await HtmlAsync(await officer.GetAsync(page), HttpStatusCode.OK);
        Assert.Contains("data-condition=\"PreviousAccounted\" data-met=\"false\"", before, StringComparison.Ordinal);

        await RedirectsToAsync(await officer.PostFormAsync(page, page + "/receipts", Receipt("B002-7", "0.01")), page);
        await RedirectsToAsync(await officer.PostFormAsync(page, page + "/deposits",
            ("Deposit.DepositedOn", "2026-11-23"), ("Deposit.Amount", "2500"), ("Deposit.BankReference", "OP-778812")), page);
        Assert.Equal((HttpStatusCode)422, (await finance.PostFormAsync(payouts, payouts + "/approve", ("selected", Id(second.Id)))).StatusCode);
        await RedirectsToAsync(await officer.PostFormAsync(page, page + "/reports", ("Report.Kind", nameof(ReportKind.Interim)), ("Report.ReceivedOn", "2026-11-23"),
            ("Report.Narrative", "Galpones techados; primera capacitación dictada."), ("Report.Progress[0]", "70"), ("Report.Progress[1]", "50")), page);
        var reportId = await Registry.ReadAsync(db => db.ProgressReports.Select(r => r.Id).SingleAsync());
        await RedirectsToAsync(await officer.PostFormAsync(page, $"{page}/reports/{Id(reportId)}/approve",
            ("Approval.ApprovalActa", "Acta N.° 008 del CLAR"), ("Approval.ApprovedOn", "2026-11-23")), page);
        var after = await HtmlAsync(await officer.GetAsync(page), HttpStatusCode.OK);
        Assert.All(Enum.GetValues<TrancheConditionKind>(),
            kind => Assert.Contains($"data-condition=\"{kind}\" data-met=\"true\"", after, StringComparison.Ordinal));

        await RedirectsToAsync(await finance.PostFormAsync(payouts, payouts + "/approve", ("selected", Id(second.Id))), payouts);
        Assert.Equal(PayoutState.Approved, await StateAsync(second.Id));
    }

    [Fact]
    public async Task CloseOut_WithTheRefundToTheCentimo_ClosesThePlan_TheActaDownloads_AndNoMoreReceiptsAreTaken()
    {
        var (roundId, entryId) = await ContractedAsync();
        var page = PlanPage(roundId, entryId);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        // S/ 5,250.00 paid, S/ 5,000.00 accounted for with the project's money: S/ 250.00 to return.
        await RedirectsToAsync(await officer.PostFormAsync(page, page + "/receipts", Receipt("F001-000201", "5000")), page);
        await RedirectsToAsync(await officer.PostFormAsync(page, page + "/reports", ("Report.Kind", nameof(ReportKind.Final)), ("Report.ReceivedOn", "2026-11-23"),
            ("Report.Narrative", "Galpones terminados y socias capacitadas."), ("Report.Progress[0]", "100"), ("Report.Progress[1]", "100")), page);

        await RedirectsToAsync(await officer.PostFormAsync(page, page + "/close-out", ("CloseOut.RefundAmount", "250.00"),
            ("CloseOut.RefundedOn", "2026-11-23"), ("CloseOut.RefundReference", "OP-990011"), ("CloseOut.Rating", "4")), page);

        var closeOut = await Registry.ReadAsync(db => db.PlanCloseOuts.AsNoTracking().SingleAsync());
        Assert.Equal((entryId, 5_250m, 5_000m, 250m, "OP-990011", 4),
            (closeOut.EntryId, closeOut.Paid, closeOut.AccountedProject, closeOut.Refund, closeOut.RefundReference, closeOut.Rating));
        var html = await HtmlAsync(await officer.GetAsync(page), HttpStatusCode.OK);
        Assert.Contains("data-closed=\"true\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"receipt-form\"", html, StringComparison.Ordinal);
        var acta = System.Text.RegularExpressions.Regex.Match(html, "id=\"closing-acta\" href=\"(/documents/\\d+/file)\"").Groups[1].Value;
        Assert.NotEmpty(acta);
        var pdf = await officer.GetAsync(acta);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var text = PdfTools.Text(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("LIQUIDACIÓN", text, StringComparison.Ordinal);
        Assert.Contains(Cuyes, text, StringComparison.Ordinal);
        Assert.Contains("OP-990011", text, StringComparison.Ordinal);
        Assert.Contains("/verify/", text, StringComparison.Ordinal);
        // The second tranche is still to be paid: the round stays in Paying.
        Assert.Equal(RoundPhase.Paying, await Registry.ReadAsync(db => db.Rounds.Where(r => r.Id == roundId).Select(r => r.Phase).SingleAsync()));

        Assert.Equal((HttpStatusCode)422, (await officer.PostFormAsync(page, page + "/receipts", Receipt("F001-000202", "10"))).StatusCode);
        Assert.Equal(1, await Registry.ReadAsync(db => db.PlanReceipts.CountAsync()));
    }

    [Fact]
    public async Task CloseOut_WithoutFinalReport_RefundACentimoShort_KeepsWhatWasTyped_WritesNothing()
    {
        var (roundId, entryId) = await ContractedAsync();
        var page = PlanPage(roundId, entryId);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await HtmlAsync(await officer.PostFormAsync(page, page + "/close-out", ("CloseOut.RefundAmount", "5249.99"),
            ("CloseOut.RefundedOn", "2026-11-23"), ("CloseOut.RefundReference", "OP-990012"), ("CloseOut.Rating", "")), (HttpStatusCode)422);

        Assert.NotNull(HtmlPage.ErrorOf(html, "CloseOut.RefundAmount"));
        Assert.NotNull(HtmlPage.ErrorOf(html, "CloseOut.Rating"));
        Assert.Contains("informe final", HtmlPage.Text(html), StringComparison.Ordinal);
        Assert.Equal("5249.99", HtmlPage.InputValue(html, "CloseOut.RefundAmount"));
        Assert.Equal("OP-990012", HtmlPage.InputValue(html, "CloseOut.RefundReference"));
        Assert.Equal(0, await Registry.ReadAsync(db => db.PlanCloseOuts.CountAsync()));
        Assert.Equal(0, await Registry.ReadAsync(db => db.Documents.CountAsync(d => d.Kind == Contests.Core.Documents.DocumentKind.ClosingActa)));
    }

    private Task<PayoutState> StateAsync(int payoutId) => Registry.ReadAsync(db => db.Payouts.Where(p => p.Id == payoutId).Select(p => p.State).SingleAsync());

    /// <summary>
    /// A business-plan round whose acta funds the Cuyes association (plan S/ 10,000.00 with S/ 2,500.00 of counterpart:
    /// S/ 7,500.00 in two tranches, 70 % and 30 %), its contract issued today for 12 months with two components, the
    /// payouts created and the first tranche paid in cash.
    /// </summary>
    private async Task<(int RoundId, int EntryId)> ContractedAsync()
    {
        var world = await Judging.Rounds.WorldAsync();
        var cuyes = await Registry.AddOrganizationAsync(Cuyes);
        var account = await Registry.AddAccountAsync(AccountHolderKind.Organization, cuyes, Cci.Compose("802", "301", "001020034560"), Cuyes);
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
        await Registry.WriteAsync(db =>
        {
            var round = db.Rounds.AsSplitQuery().Single(r => r.Id == roundId);
            var o = db.Organizations.Single(x => x.Id == cuyes);
            var (result, e) = Entry.Register(round, new Entry.Competitor(o.Id, o.Name, null, o.DistrictUbigeo, false), new PoolAssignment("ALL", round.Name),
                null, new Entry.Plan("Crianza mejorada de cuyes", 10_000m, 2_500m), new EligibilityResult([], []), 1, officerId, now.AddDays(-20));
            Assert.True(result.Succeeded);
            var entry = db.Entries.Add(e!).Entity;
            db.SaveChanges();
            var ranks = new List<RankedEntry> { new(entry.Id, 1, "ALL", 85m, 1, 0, true, false) };
            var allocation = Allocator.Allocate(rules.Prizes,
                [new AllocationEntry(ranks[0], cuyes, Theme.BusinessPlans, RegistryData.Abancay, false, new PlanCosts(10_000m, 2_500m))],
                new Dictionary<int, SourceFacts> { [world.SourceId] = new(world.SourceId, RoundData.SourceName, 10_000m, new HashSet<Theme>(), new HashSet<string>()) });
            Assert.True(allocation.Succeeded);
            var held = now.AddMinutes(-30);
            var acta = Acta.Open(roundId, world.OfficeId, ActaKind.Session, held, "Local comunal de Tamburco", officerId, held, new List<DomainError>())!;
            Assert.True(acta.RecordAttendance([president.MemberId, secretary.MemberId], [president.MemberId, secretary.MemberId]).Succeeded);
            Assert.True(acta.Approve(new ActaApproval(new Dictionary<int, LracRole> { [president.MemberId] = LracRole.President, [secretary.MemberId] = LracRole.Secretary },
                allocation, ranks, 7, now.AddDays(7), officerId, now)).Succeeded);
            db.Actas.Add(acta);
            Assert.True(round.MoveTo(RoundPhase.Published, new PhaseFacts { HasRubric = true, HasBudget = true, Entries = 1, ActaApprovedWithQuorum = true },
                false, officerId, now).Succeeded);
            db.SaveChanges();
            return acta.Id;
        });
        var entryId = await Registry.ReadAsync(db => db.Entries.Where(e => e.RoundId == roundId).Select(e => e.Id).SingleAsync());
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var contract = $"/rounds/{Id(roundId)}/contracts/{Id(entryId)}";
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync(contract,
            ("Components[0].Name", Sheds), ("Components[0].Project", "5000"), ("Components[0].Counterpart", "1500"),
            ("Components[1].Name", Training), ("Components[1].Project", "2500"), ("Components[1].Counterpart", "1000"),
            ("TermMonths", "12"), ("Place", "Tamburco"), ("SignedOn", "2026-11-23"))).StatusCode);
        await Registry.WriteAsync(db => db.Rounds.AsSplitQuery().Single(r => r.Id == roundId).MoveTo(RoundPhase.Final,
            new PhaseFacts { ActaApprovedWithQuorum = true, AppealsWindowOver = true }, false, officerId, now));
        var payouts = $"/rounds/{Id(roundId)}/payouts";
        await RedirectsToAsync(await officer.PostFormAsync(payouts, payouts), payouts);
        await Registry.WriteAsync(db =>
        {
            var first = db.Payouts.Single(p => p.EntryId == entryId && p.Tranche == 1);
            Assert.True(first.ChangeMethod(PayoutMethod.Cash).Succeeded);
            Assert.True(first.Approve(financeId, null, null, now).Succeeded);
            Assert.True(first.RecordCashReceipt("R-0001", "Juana Quispe", false, DateOnly.FromDateTime(LimaTime.FromUtc(now)),
                DateOnly.FromDateTime(LimaTime.FromUtc(now)), officerId, now).Succeeded);
            return 0;
        });
        Assert.Equal(5_250m, await Registry.ReadAsync(db => db.Payouts.Where(p => p.EntryId == entryId && p.Tranche == 1).Select(p => p.Amount).SingleAsync()));
        return (roundId, entryId);
    }
}

public sealed class FundedPlanTestsOnSqlite(SqliteApp app) : FundedPlanTests<SqliteApp>(app);

public sealed class FundedPlanTestsOnPostgres(PostgresApp app) : FundedPlanTests<PostgresApp>(app);
