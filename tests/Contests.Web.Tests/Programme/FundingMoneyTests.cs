using System.Globalization;
using System.Text.RegularExpressions;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Payouts;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Programme;

/// <summary>
/// One definition of a funding source's money: the programme page and the payouts board show the
/// same allocated, awarded, in process, paid and balance for the same data, and they reconcile.
/// </summary>
public abstract class FundingMoneyTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private PayoutData Data => new(App);

    /// <summary>The money cells of a source's row (<c>data-money</c> → amount), as a page renders them.</summary>
    private static Dictionary<string, decimal> Money(string html, int sourceId)
    {
        var row = Regex.Match(html, $"<tr data-source=\"{Id(sourceId)}\">(.*?)</tr>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(row.Success, $"No row of source {sourceId}.");
        return Regex.Matches(row.Groups[1].Value, "data-money=\"([a-z-]+)\" data-amount=\"([0-9.-]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1))
            .ToDictionary(m => m.Groups[1].Value, m => decimal.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ProgrammePageAndPayoutBoard_ShowTheSameMoney_AndItReconciles()
    {
        // Awards from the approved acta: Juana S/ 600, Pedro S/ 400, both from the one source (committed S/ 10,000).
        var round = await Data.FinalAsync();
        var source = round.World.SourceId;
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var funding = $"/programme/funding/{Id(source)}";
        await RedirectsToAsync(await officer.PostFormAsync(funding, funding + "/adjust", ("Kind", "Allocated"), ("Amount", "500"),
            ("Reason", "Premio especial acordado fuera del sistema")), funding);
        await RedirectsToAsync(await officer.PostFormAsync(funding, funding + "/adjust", ("Kind", "Paid"), ("Amount", "1240"),
            ("Reason", "Premios del piloto 2025, pagados antes de usar el sistema")), funding);
        var payouts = await Data.CreatedAsync(round);
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);
        var page = $"/rounds/{Id(round.Id)}/payouts";
        await RedirectsToAsync(await finance.PostFormAsync(page, page + "/approve", ("selected", Id(payouts[0].Id))), page);

        var programme = Money(await officer.GetPageAsync("/programme"), source);
        var board = Money(await finance.GetPageAsync("/payouts"), source);

        Assert.Equal(programme, board);
        Assert.Equal(new Dictionary<string, decimal>
        {
            ["committed"] = 10_000m, ["allocated"] = 1_500m, ["awarded"] = 1_000m, ["in-process"] = 600m, ["paid"] = 1_240m, ["balance"] = 7_260m,
        }, board);
        // Committed = allocated (awards + by hand) + paid outside the system + balance.
        Assert.Equal(board["committed"], board["allocated"] + board["paid"] + board["balance"]);
        Assert.Contains("<strong data-balance>S/ 7,260.00</strong>", await officer.GetPageAsync(funding));
    }
}

public sealed class FundingMoneyTestsOnSqlite(SqliteApp app) : FundingMoneyTests<SqliteApp>(app);

public sealed class FundingMoneyTestsOnPostgres(PostgresApp app) : FundingMoneyTests<PostgresApp>(app);
