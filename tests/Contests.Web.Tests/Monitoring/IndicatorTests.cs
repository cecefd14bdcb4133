using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Contests.Core.Common;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Payouts;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Monitoring;

/// <summary>The indicators page (/monitoring) over <see cref="MonitoringData.SeedAsync"/>.</summary>
public abstract class IndicatorTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private Task<JudgingRound> SeedAsync() => MonitoringData.SeedAsync(App);

    private static string Figure(string html, string name)
    {
        var match = Regex.Match(html, $"<div data-figure=\"{name}\"[^>]*>.*?<dd>(.*?)</dd>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(match.Success, $"no figure {name}");
        return HtmlPage.Text(match.Groups[1].Value);
    }

    /// <summary>The figure's exact value (invariant culture, in its data-value attribute).</summary>
    private static decimal? FigureValue(string html, string name) =>
        Regex.Match(html, $"<div data-figure=\"{name}\" data-value=\"([^\"]*)\"", RegexOptions.None, TimeSpan.FromSeconds(1)) is { Success: true } m
            ? decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    private static (string Households, string Persons) Split(string html, string key)
    {
        var match = Regex.Match(html, $"<tr data-split=\"{key}\">.*?data-households=\"(\\d+)\".*?data-persons=\"(\\d+)\"", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(match.Success, $"no row {key}");
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    [Fact]
    public async Task Page_CountsHouseholdsAndPersons_AsTheyWereAtEntry_BySexYouthAndTongue()
    {
        var round = await SeedAsync();
        using var client = await App.SignedInClientAsync(TestUsers.Monitoring);

        var html = await client.GetPageAsync("/monitoring");

        Assert.Equal("5", Figure(html, "entries"));
        Assert.Equal("5", Figure(html, "households"));
        Assert.Equal("15", Figure(html, "persons"));
        Assert.Equal("3", Figure(html, "women-headed"));
        Assert.Equal(("3", "9"), Split(html, "women"));
        Assert.Equal(("2", "6"), Split(html, "men"));
        Assert.Equal(("3", "8"), Split(html, "youth")); // Juana 25 (born 1950 by today's registry), Rosa 29, Hilda 15
        Assert.Equal(("2", "9"), Split(html, "tongue-Quechua"));
        Assert.Equal(("1", "1"), Split(html, "tongue-Aymara"));
        Assert.Equal(("1", "3"), Split(html, "tongue-Spanish"));
        Assert.Equal(("1", "2"), Split(html, "tongue-unknown"));
        Assert.Equal("1", Figure(html, "lrac-sessions"));
        Assert.Contains($"href=\"/rounds/{round.Id}/entries\" data-entries=\"5\"", html, StringComparison.Ordinal);
        // A chart per table, readable without sight: role="img" with a title.
        Assert.Matches("<svg id=\"chart-households\" class=\"chart\" role=\"img\"[^>]*><title id=\"chart-households-title\">", html);
    }

    [Fact]
    public async Task Page_ShowsTheMoneyAndTheResults_OfTheApprovedActa()
    {
        await SeedAsync();
        using var client = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await client.GetPageAsync("/monitoring");

        Assert.Equal(1000m, FigureValue(html, "awarded"));
        Assert.Equal(500m, FigureValue(html, "average-prize"));
        Assert.Equal(500m, FigureValue(html, "median-prize"));
        Assert.Equal(0m, FigureValue(html, "paid"));
        Assert.Equal(0.6m, FigureValue(html, "top-share")); // ⌈5 / 10⌉ = 1 household (Juana) took 600 of 1,000
        Assert.Equal("2", Figure(html, "visited"));
        Assert.Equal("0.40", Figure(html, "investment-per-sol").Replace(',', '.')); // (300 + 100) / 1,000
        Assert.Equal(0.5m, FigureValue(html, "kept"));
        // One funding source paid both prizes: its row has the whole amount.
        var bySource = Regex.Matches(html[html.IndexOf("id=\"by-source\"", StringComparison.Ordinal)..html.IndexOf("id=\"chart-by-district\"", StringComparison.Ordinal)], "data-amount=\"([^\"]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.Equal(new[] { 1000m }, bySource.Select(m => decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Filters_NarrowTheFigures_ByYearLevelRoundAndDistrict()
    {
        var round = await SeedAsync();
        var year = LimaTime.FromUtc(App.Clock.GetUtcNow().UtcDateTime).Year.ToString(CultureInfo.InvariantCulture);
        var districts = await new PayoutData(App).Registry.ReadAsync(db => db.Entries.Where(e => e.RoundId == round.Id)
            .GroupBy(e => e.DistrictUbigeo).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        using var client = await App.SignedInClientAsync(TestUsers.Auditor);

        Assert.Equal("5", Figure(await client.GetPageAsync($"/monitoring?Year={year}"), "households"));
        Assert.Equal("0", Figure(await client.GetPageAsync("/monitoring?Year=2019"), "households"));
        Assert.Equal("0", Figure(await client.GetPageAsync("/monitoring?Level=Communities"), "households"));
        Assert.Equal("5", Figure(await client.GetPageAsync("/monitoring?Level=Households&Year=&District=&Theme=&Round="), "households"));
        Assert.Equal("5", Figure(await client.GetPageAsync($"/monitoring?Round={round.Id}"), "households"));
        Assert.Equal("0", Figure(await client.GetPageAsync($"/monitoring?Round={round.Id + 1000}"), "households"));
        foreach (var district in districts)
        {
            var html = await client.GetPageAsync($"/monitoring?District={district.Key}");
            Assert.Equal(district.Count.ToString(CultureInfo.InvariantCulture), Figure(html, "households"));
            Assert.Contains($"<option value=\"{district.Key}\" selected=\"selected\">", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Year", "abc")]
    [InlineData("Year", "1899")]
    [InlineData("District", "12")]
    [InlineData("Theme", "Gold")]
    [InlineData("Level", "7")]
    [InlineData("Round", "-1")]
    public async Task BadFilterValue_IsA400WithAMessageOnItsField_AndTheTypedValueIsKept(string field, string value)
    {
        await SeedAsync();
        using var client = await App.SignedInClientAsync(TestUsers.Monitoring);

        var response = await client.GetAsync($"/monitoring?{field}={Uri.EscapeDataString(value)}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(HtmlPage.ErrorOf(html, field)), $"no message on {field}");
        Assert.Contains("id=\"filter-errors\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-figure=\"households\"", html, StringComparison.Ordinal);
        if (field == "Year")
        {
            Assert.Equal(value, HtmlPage.InputValue(html, "Year"));
        }
    }

    [Fact]
    public async Task Menu_ShowsTheIndicators_ToEveryRoleThatMayOpenThem()
    {
        foreach (var user in TestUsers.ByName.Keys)
        {
            using var client = await App.SignedInClientAsync(user);
            var home = await client.GetPageAsync("/");
            Assert.Equal(user != TestUsers.Lrac, home.Contains("href=\"/monitoring\"", StringComparison.Ordinal));
        }
    }
}

public sealed class IndicatorTestsOnSqlite(SqliteApp app) : IndicatorTests<SqliteApp>(app);

public sealed class IndicatorTestsOnPostgres(PostgresApp app) : IndicatorTests<PostgresApp>(app);
