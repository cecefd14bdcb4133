using System.Net;
using Contests.Core.Documents;
using Contests.Core.Payouts;
using Contests.Core.Rounds;
using Contests.Web.Demo;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Plans;

/// <summary>
/// The demo's business-plan round after its contracts: one plan under way (first tranche paid, receipts of both kinds of
/// payer, a deposit, an interim report awaiting the LRAC, with a PDF attached) whose second tranche waits on its records, one closed out with
/// its refund and closing acta, and the payouts page linking each tranche to its plan.
/// </summary>
public abstract class DemoPlanTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task DemoSeed_OnePlanUnderWay_OneClosedOut_LinkedFromThePayouts()
    {
        await App.ResetToDemoAsync();
        using var read = App.Services.CreateScope();
        var db = read.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var round = await db.Rounds.AsNoTracking().Where(r => r.Name == DemoPlans.PublishedRoundName).Select(r => new { r.Id, r.Phase }).SingleAsync();
        var contracts = await db.DonationContracts.AsNoTracking().Where(c => c.RoundId == round.Id).OrderBy(c => c.Id).Select(c => c.EntryId).ToListAsync();
        Assert.Equal(RoundPhase.Paying, round.Phase);
        Assert.Equal(2, contracts.Count);
        var (underWay, closed) = (contracts[0], contracts[1]);

        var receipts = await db.PlanReceipts.AsNoTracking().Where(r => r.EntryId == underWay).ToListAsync();
        Assert.Equal(2, receipts.Select(r => r.PaidBy).Distinct().Count());
        Assert.Equal(2, receipts.Select(r => r.Component).Distinct().Count());
        Assert.Equal(PayoutState.Paid, await db.Payouts.Where(p => p.EntryId == underWay && p.Tranche == 1).Select(p => p.State).SingleAsync());
        var closeOut = await db.PlanCloseOuts.AsNoTracking().SingleAsync();
        Assert.Equal((closed, 350m), (closeOut.EntryId, closeOut.Refund));
        Assert.Equal(1, await db.Documents.CountAsync(d => d.Kind == DocumentKind.ClosingActa && d.EntryId == closed));

        using var browser = App.NewClient();
        await browser.SignInAsync("oficial", DemoSeeder.DemoPassword);
        var payouts = await browser.GetPageAsync($"/rounds/{Id(round.Id)}/payouts");
        Assert.Contains($"href=\"/rounds/{Id(round.Id)}/plans/{Id(underWay)}#conditions\"", payouts, StringComparison.Ordinal);
        var plan = await browser.GetAsync($"/rounds/{Id(round.Id)}/plans/{Id(underWay)}");
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        var html = await plan.Content.ReadAsStringAsync();
        Assert.Contains("data-condition=\"CounterpartDeposited\" data-met=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("data-condition=\"PreviousAccounted\" data-met=\"false\"", html, StringComparison.Ordinal);
        Assert.Contains("data-condition=\"ProgressApproved\" data-met=\"false\"", html, StringComparison.Ordinal);
        // The received report's PDF, listed on the plan's page and downloaded as a PDF.
        var attachment = await db.ReportAttachments.AsNoTracking().SingleAsync();
        Assert.Equal(underWay, attachment.EntryId);
        var link = $"/rounds/{Id(round.Id)}/plans/{Id(underWay)}/reports/{Id(attachment.ReportId)}/attachments/{Id(attachment.Id)}";
        Assert.Contains($"href=\"{link}\"", html, StringComparison.Ordinal);
        var pdf = await browser.GetAsync(link);
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (pdf.StatusCode, pdf.Content.Headers.ContentType?.MediaType));
        Assert.Contains("Galpones", Infrastructure.Pdf.PdfTools.Text(await pdf.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        // The first invoice's scan, linked from the receipts list and downloaded as a PDF.
        var scanned = Assert.Single(receipts, r => r.File is not null);
        var scan = $"/rounds/{Id(round.Id)}/plans/{Id(underWay)}/receipts/{Id(scanned.Id)}/file";
        Assert.Contains($"href=\"{scan}\" id=\"proof-receipt-{Id(scanned.Id)}\"", html, StringComparison.Ordinal);
        var voucher = await browser.GetAsync(scan);
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (voucher.StatusCode, voucher.Content.Headers.ContentType?.MediaType));
        Assert.Contains("F001-004512", Infrastructure.Pdf.PdfTools.Text(await voucher.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Contains("data-closed=\"true\"", await browser.GetPageAsync($"/rounds/{Id(round.Id)}/plans/{Id(closed)}"), StringComparison.Ordinal);

        // The public progress page of the closed plan says so, with what was returned (no sign-in).
        using var anonymous = App.NewClient();
        var publicPage = await anonymous.GetPageAsync($"/public/plans/{Id(closed)}");
        Assert.Contains("id=\"plan-summary\" data-state=\"Closed\"", publicPage, StringComparison.Ordinal);
        Assert.Contains("id=\"plan-refund\" data-value=\"350.00\"", publicPage, StringComparison.Ordinal);
        Assert.Contains("data-state=\"InProgress\"", await anonymous.GetPageAsync($"/public/plans/{Id(underWay)}"), StringComparison.Ordinal);
    }
}

public sealed class DemoPlanTestsOnSqlite(SqliteApp app) : DemoPlanTests<SqliteApp>(app);

public sealed class DemoPlanTestsOnPostgres(PostgresApp app) : DemoPlanTests<PostgresApp>(app);
