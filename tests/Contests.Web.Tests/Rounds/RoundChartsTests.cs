using System.Globalization;
using System.Text.RegularExpressions;
using Contests.Core.Common;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Payouts;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Rounds;

/// <summary>
/// The round charts (inline SVG with a title, a description and the numbers as a table beside it): judging progress per
/// juror, budget against the most the prizes can cost, money by funding source, the score distribution per pool with
/// the qualifying line, payouts by state over time. The tests read the tables' numbers.
/// </summary>
public abstract class RoundChartsTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    /// <summary>The chart with that id, as the accessible image it must be: role="img", a title and a description.</summary>
    private static void HasChart(string html, string id) =>
        Assert.Matches($"<svg id=\"{id}\" class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\"[^>]*><title id=\"{id}-title\">[^<]+</title><desc id=\"{id}-desc\">[^<]+</desc>", html);

    private static string Attr(string tag, string name) =>
        Regex.Match(tag, $"\\b{name}=\"([^\"]*)\"", RegexOptions.None, Limit) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"no {name} in {tag}");

    private static List<string> Tags(string html, string pattern) => [.. Regex.Matches(html, pattern, RegexOptions.None, Limit).Select(m => m.Value)];

    [Fact]
    public async Task Progress_ChartsEachJurorsSheets_AndItsTableHasTheCounts()
    {
        var data = new JudgingData(App);
        var round = await data.SeedAsync();
        await data.SubmitAsync(await data.SheetOfAsync(round.Lrac, round.Entry(1)), 10m, 10m, 10m);
        await data.SubmitAsync(await data.SheetOfAsync(round.Lrac, round.Entry(2)), 10m, 10m, 10m);
        var reopened = await data.SheetOfAsync(round.Other, round.Entry(1));
        await data.SubmitAsync(reopened, 10m, 10m, 10m);
        await data.ReopenAsync(reopened);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await officer.GetPageAsync($"/rounds/{Id(round.Id)}/progress");

        HasChart(html, "chart-by-juror");
        (int, int, int) Counts(int member)
        {
            var row = Regex.Match(html, $"<tr[^>]* data-juror=\"{Id(member)}\">(.*?)</tr>", RegexOptions.Singleline, Limit).Groups[1].Value;
            return (int.Parse(Attr(row, "data-assigned"), CultureInfo.InvariantCulture), int.Parse(Attr(row, "data-drafted"), CultureInfo.InvariantCulture),
                int.Parse(Attr(row, "data-submitted"), CultureInfo.InvariantCulture));
        }
        Assert.Equal((2, 0, 2), Counts(round.Lrac.MemberId));
        Assert.Equal((3, 1, 0), Counts(round.Other.MemberId));
        Assert.Equal((2, 0, 0), Counts(round.Neighbour.MemberId));
        Assert.Contains("2 de 10 enviadas", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ranking_ChartsEachPoolsScores_WithTheQualifyingLine()
    {
        var round = await new Review.ReviewData(App).InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await officer.GetPageAsync($"/rounds/{Id(round.Id)}/ranking");

        // Ccollpa: Juana 50, Pedro 40, Rosa 35; Villa Ampay: María 20, Hilda 20 — out of 50, approved from 30, columns of 5 points.
        HasChart(html, "chart-scores-0");
        HasChart(html, "chart-scores-1");
        Assert.Equal(2, Tags(html, "<line [^>]*data-line=\"30\"").Count);
        var pools = Regex.Matches(html, "<table class=\"scores\" id=\"scores-\\d\">(.*?)</table>", RegexOptions.Singleline, Limit)
            .Select(t => (Bins: string.Join(" ", Tags(t.Groups[1].Value, "<tr data-from=\"[^\"]*\" data-count=\"\\d+\">").Select(r => Attr(r, "data-from") + ":" + Attr(r, "data-count"))),
                Qualified: Attr(Tags(t.Groups[1].Value, "<tr data-qualified=\"\\d+\">")[0], "data-qualified")))
            .OrderBy(p => p.Bins, StringComparer.Ordinal).ToList();
        Assert.Equal([("20:2", "0"), ("35:1 40:1 45:1", "3")], pools);
    }

    [Fact]
    public async Task Dashboard_ChartsTheBudgetAgainstTheMostThePrizesCost_AndTheMoneyOfEachSource()
    {
        var data = new PayoutData(App);
        var round = await data.FinalAsync();
        var payouts = await data.CreatedAsync(round);
        var juana = payouts.Single(p => p.EntryNumber == 1);
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Contests.Web.Infrastructure.Persistence.ContestsDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE payouts SET state = 'Paid', paid_on = {new DateOnly(2026, 12, 1)} WHERE id = {juana.Id}");
        }
        using var officer = await App.SignedInClientAsync(TestUsers.Finance);

        var html = await officer.GetPageAsync($"/rounds/{Id(round.Id)}");

        HasChart(html, "chart-budget");
        HasChart(html, "chart-by-source");
        var budget = Tags(html, "<tr data-row=\"[^\"]+\" data-amount=\"[^\"]+\">").Select(t => (Attr(t, "data-row"), Attr(t, "data-amount")));
        // Budget S/ 1,000 from one source; two pools (3 and 2 entries) each with prizes 600 and 400.
        Assert.Equal([("budget", "1000.00"), ("max-cost", "2000.00")], budget);
        var source = Tags(html, "<tr data-source=\"\\d+\"[^>]*>").Single();
        Assert.Equal(Id(round.World.SourceId), Attr(source, "data-source"));
        Assert.Equal(("1000.00", "1000.00", "600.00"), (Attr(source, "data-budget"), Attr(source, "data-awarded"), Attr(source, "data-paid")));
    }

    [Fact]
    public async Task Payouts_ChartTheirStatesDayByDay()
    {
        var data = new PayoutData(App);
        var round = await data.FinalAsync(pedroVerified: false);
        var payouts = await data.CreatedAsync(round);
        var created = DateOnly.FromDateTime(LimaTime.FromUtc(App.Clock.GetUtcNow().UtcDateTime));
        App.Clock.Advance(TimeSpan.FromDays(2));
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);
        var page = $"/rounds/{Id(round.Id)}/payouts";
        await RedirectsToAsync(await finance.PostFormAsync(page, page + "/approve", ("selected", Id(payouts.Single(p => p.EntryNumber == 1).Id))), page);
        var approved = DateOnly.FromDateTime(LimaTime.FromUtc(App.Clock.GetUtcNow().UtcDateTime));

        var html = await finance.GetPageAsync(page);

        HasChart(html, "chart-payouts");
        string Day(DateOnly day)
        {
            var row = Regex.Match(html, $"<tr data-day=\"{day:yyyy-MM-dd}\">(.*?)</tr>", RegexOptions.Singleline, Limit);
            Assert.True(row.Success, $"no row for {day}");
            return string.Join(" ", Regex.Matches(row.Groups[1].Value, "data-stage=\"(\\w+)\">(\\d+)<", RegexOptions.None, Limit).Select(m => m.Groups[1].Value + "=" + m.Groups[2].Value));
        }
        Assert.Equal("Pending=2 Approved=0 Sent=0 Paid=0 Failed=0", Day(created));
        Assert.Equal("Pending=1 Approved=1 Sent=0 Paid=0 Failed=0", Day(approved));
        Assert.Equal(2, Tags(html, "<tr data-day=\"[^\"]+\">").Count);
    }
}

public sealed class RoundChartsTestsOnSqlite(SqliteApp app) : RoundChartsTests<SqliteApp>(app);

public sealed class RoundChartsTestsOnPostgres(PostgresApp app) : RoundChartsTests<PostgresApp>(app);
