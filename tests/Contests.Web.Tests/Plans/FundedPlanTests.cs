using System.Net;
using Contests.Core.Payouts;
using Contests.Core.Plans;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Infrastructure.Pdf;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Registry;
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
    private const string Sheds = ContractedPlan.Sheds;
    private const string Training = ContractedPlan.Training;
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
        Assert.Contains(ContractedPlan.Cuyes, text, StringComparison.Ordinal);
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

    [Fact]
    public async Task RoundClose_RefusedWhileAPlanIsOpenOrAPayoutUnpaid_AcceptedOnceEverythingIsSettled()
    {
        var (roundId, entryId) = await ContractedAsync();
        var page = PlanPage(roundId, entryId);
        var show = $"/rounds/{Id(roundId)}";
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        // The plan is under way and its second tranche unpaid: both reasons, the round stays in Paying.
        await RedirectsToAsync(await MoveAsync(officer, roundId, nameof(RoundPhase.Closed)), show);
        var refused = FlashError(await HtmlAsync(await officer.GetAsync(show), HttpStatusCode.OK));
        Assert.Contains("sin liquidar", refused, StringComparison.Ordinal);
        Assert.Contains("Quedan 1 pagos", refused, StringComparison.Ordinal);
        Assert.Equal(RoundPhase.Paying, await PhaseAsync(roundId));

        // Closed out (S/ 250.00 returned); the second tranche is still unpaid: only that reason.
        await RedirectsToAsync(await officer.PostFormAsync(page, page + "/receipts", Receipt("F001-000301", "5000")), page);
        await RedirectsToAsync(await officer.PostFormAsync(page, page + "/reports", ("Report.Kind", nameof(ReportKind.Final)), ("Report.ReceivedOn", "2026-11-23"),
            ("Report.Narrative", "Galpones terminados y socias capacitadas."), ("Report.Progress[0]", "100"), ("Report.Progress[1]", "100")), page);
        await RedirectsToAsync(await officer.PostFormAsync(page, page + "/close-out", ("CloseOut.RefundAmount", "250.00"),
            ("CloseOut.RefundedOn", "2026-11-23"), ("CloseOut.RefundReference", "OP-990021"), ("CloseOut.Rating", "5")), page);
        await RedirectsToAsync(await MoveAsync(officer, roundId, nameof(RoundPhase.Closed)), show);
        refused = FlashError(await HtmlAsync(await officer.GetAsync(show), HttpStatusCode.OK));
        Assert.Contains("Quedan 1 pagos", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("sin liquidar", refused, StringComparison.Ordinal);
        Assert.Equal(RoundPhase.Paying, await PhaseAsync(roundId));

        // The second tranche paid in cash: the round is settled and closes.
        var financeId = await Judging.Rounds.UserIdAsync(TestUsers.Finance);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Core.Common.LimaTime.FromUtc(now));
        await Registry.WriteAsync(db =>
        {
            var first = db.Payouts.Single(p => p.EntryId == entryId && p.Tranche == 1);
            var second = db.Payouts.Single(p => p.EntryId == entryId && p.Tranche == 2);
            Assert.True(second.ChangeMethod(PayoutMethod.Cash).Succeeded);
            Assert.True(second.Approve(financeId, null, first, Enum.GetValues<TrancheConditionKind>(), now).Succeeded);
            Assert.True(second.RecordCashReceipt("R-0002", "Juana Quispe", false, today, today, financeId, now).Succeeded);
            return 0;
        });
        await RedirectsToAsync(await MoveAsync(officer, roundId, nameof(RoundPhase.Closed)), show);
        Assert.Null(FlashError(await HtmlAsync(await officer.GetAsync(show), HttpStatusCode.OK)));
        Assert.Equal(RoundPhase.Closed, await PhaseAsync(roundId));
    }

    private Task<RoundPhase> PhaseAsync(int roundId) => Registry.ReadAsync(db => db.Rounds.Where(r => r.Id == roundId).Select(r => r.Phase).SingleAsync());

    private Task<PayoutState> StateAsync(int payoutId) => Registry.ReadAsync(db => db.Payouts.Where(p => p.Id == payoutId).Select(p => p.State).SingleAsync());

    /// <summary>The Cuyes association's plan under contract, its first tranche (S/ 5,250.00) paid in cash (<see cref="ContractedPlan"/>).</summary>
    private async Task<(int RoundId, int EntryId)> ContractedAsync()
    {
        var (roundId, entryId, _) = await new ContractedPlan(App).CreateAsync();
        Assert.Equal(5_250m, await Registry.ReadAsync(db => db.Payouts.Where(p => p.EntryId == entryId && p.Tranche == 1).Select(p => p.Amount).SingleAsync()));
        return (roundId, entryId);
    }
}

public sealed class FundedPlanTestsOnSqlite(SqliteApp app) : FundedPlanTests<SqliteApp>(app);

public sealed class FundedPlanTestsOnPostgres(PostgresApp app) : FundedPlanTests<PostgresApp>(app);
