using System.Net;
using System.Text.RegularExpressions;
using Contests.Core.Plans;
using Contests.Web.Tests.Infrastructure;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Plans;

/// <summary>
/// The funded plans' reports across rounds (<c>/plans/reports</c>), through HTTP on both providers: a report not received
/// by its due date is listed as late, first; one received as received; each row links to its plan; the round filter
/// keeps to its round; finance reads it, the LRAC may not.
/// </summary>
public abstract partial class PlanReportsTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task Reports_TheInterimNotReceivedByItsDueDate_IsLateAndFirst_TheFinalReceived_IsReceived_FinanceReads_TheLracMayNot()
    {
        var (roundId, entryId, _) = await new ContractedPlan(App).CreateAsync();
        var page = $"/rounds/{Id(roundId)}/plans/{Id(entryId)}";
        using (var officer = await App.SignedInClientAsync(TestUsers.Officer))
        {
            await RedirectsToAsync(await officer.PostFormAsync(page, page + "/reports", ("Report.Kind", nameof(ReportKind.Final)),
                ("Report.ReceivedOn", "2026-11-23"), ("Report.Narrative", "Galpones terminados."), ("Report.Progress[0]", "100"),
                ("Report.Progress[1]", "100")), page);
            // Before the interim's due date (half-way through the 12 months from 2026-11-23) it is only due.
            var before = await HtmlAsync(await officer.GetAsync($"/plans/reports?round={Id(roundId)}"), HttpStatusCode.OK);
            Assert.Equal([("Interim", "Due"), ("Final", "Received")], Rows(before));
            Assert.Contains($"href=\"{page}\"", before, StringComparison.Ordinal);
            var round = await HtmlAsync(await officer.GetAsync($"/rounds/{Id(roundId)}"), HttpStatusCode.OK);
            Assert.Contains($"href=\"/plans/reports?round={Id(roundId)}\" id=\"plan-reports-link\"", round, StringComparison.Ordinal);
        }
        using (var lrac = await App.SignedInClientAsync(TestUsers.Lrac))
        {
            var denied = await lrac.GetAsync("/plans/reports");
            Assert.Equal((HttpStatusCode.Redirect, "/account/denied"), (denied.StatusCode, Redirects.PathOf(denied)));
        }

        App.Clock.Advance(TimeSpan.FromDays(200));
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);
        var html = await HtmlAsync(await finance.GetAsync("/plans/reports"), HttpStatusCode.OK);

        Assert.Equal([("Interim", "Late"), ("Final", "Received")], Rows(html));
        var other = await HtmlAsync(await finance.GetAsync($"/plans/reports?round={Id(roundId + 1000)}"), HttpStatusCode.OK);
        Assert.Empty(Rows(other));
        Assert.Contains("id=\"no-reports\"", other, StringComparison.Ordinal);
    }

    private static List<(string Kind, string State)> Rows(string html) =>
        [.. RowPattern().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];

    [GeneratedRegex("<tr data-entry=\"\\d+\" data-kind=\"(\\w+)\" data-state=\"(\\w+)\"")]
    private static partial Regex RowPattern();
}

public sealed class PlanReportsTestsOnSqlite(SqliteApp app) : PlanReportsTests<SqliteApp>(app);

public sealed class PlanReportsTestsOnPostgres(PostgresApp app) : PlanReportsTests<PostgresApp>(app);
