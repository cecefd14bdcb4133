using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Infrastructure.Pdf;
using Contests.Web.Tests.Payouts;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Monitoring;

/// <summary>The logframe (/monitoring/logframe): targets per indicator and year, target / executed / % and its PDF.</summary>
public abstract partial class LogframeTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private string Year => LimaTime.FromUtc(App.Clock.GetUtcNow().UtcDateTime).Year.ToString(CultureInfo.InvariantCulture);

    private string LastYear => (int.Parse(Year, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture);

    private Task<List<LogframeTarget>> TargetsAsync() =>
        new PayoutData(App).Registry.ReadAsync(db => db.LogframeTargets.AsNoTracking().OrderBy(t => t.Year).ThenBy(t => t.Indicator).ToListAsync());

    private static Dictionary<string, string> Line(string html, LogframeIndicator indicator)
    {
        var row = Regex.Match(html, $"<tr data-indicator=\"{indicator}\"([^>]*)>", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(row.Success, $"no line {indicator}");
        return Attribute().Matches(row.Groups[1].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    private static decimal Number(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Targets_SetByTheMonitoringOfficer_AreShownBesideExecuted_ForTheYearAndCumulatively()
    {
        await MonitoringData.SeedAsync(App);
        using var client = await App.SignedInClientAsync(TestUsers.Monitoring);

        var earlier = await client.PostFormAsync("/monitoring/logframe", "/monitoring/logframe", ("Targets.Year", LastYear), ("Targets.Values[Households]", "10"));
        var saved = await client.PostFormAsync("/monitoring/logframe", "/monitoring/logframe",
            ("Targets.Year", Year), ("Targets.Values[Households]", "10"), ("Targets.Values[YouthHouseholds]", "2"), ("Targets.Values[Awarded]", "2500,50"));

        Assert.Equal($"/monitoring/logframe?year={LastYear}&saved=true", earlier.Headers.Location!.OriginalString);
        Assert.Equal($"/monitoring/logframe?year={Year}&saved=true", saved.Headers.Location!.OriginalString);
        var html = await client.GetPageAsync($"/monitoring/logframe?year={Year}");
        var households = Line(html, LogframeIndicator.Households);
        Assert.Equal((10m, 5m, 0.5m), (Number(households["data-target"]), Number(households["data-executed"]), Number(households["data-progress"])));
        Assert.Equal((20m, 5m), (Number(households["data-cumulative-target"]), Number(households["data-cumulative-executed"])));
        var youth = Line(html, LogframeIndicator.YouthHouseholds);
        Assert.Equal((2m, 3m, 1.5m), (Number(youth["data-target"]), Number(youth["data-executed"]), Number(youth["data-progress"])));
        var awarded = Line(html, LogframeIndicator.Awarded);
        Assert.Equal((2500.50m, 1000m), (Number(awarded["data-target"]), Number(awarded["data-executed"])));
        Assert.True(string.IsNullOrEmpty(Line(html, LogframeIndicator.Paid).GetValueOrDefault("data-target"))); // no target set
        Assert.Equal(new[]
            {
                (int.Parse(LastYear, CultureInfo.InvariantCulture), LogframeIndicator.Households, 10m),
                (int.Parse(Year, CultureInfo.InvariantCulture), LogframeIndicator.Households, 10m),
                (int.Parse(Year, CultureInfo.InvariantCulture), LogframeIndicator.YouthHouseholds, 2m),
                (int.Parse(Year, CultureInfo.InvariantCulture), LogframeIndicator.Awarded, 2500.50m),
            },
            (await TargetsAsync()).Select(t => (t.Year, t.Indicator, t.Value)).OrderBy(t => t.Year).ThenBy(t => t.Indicator));
        Assert.Equal(4, await new PayoutData(App).Registry.ReadAsync(db => db.AuditRecords.CountAsync(a => a.EntityType == nameof(LogframeTarget))));

        // Changed, and a blank box removes its target.
        await client.PostFormAsync("/monitoring/logframe", "/monitoring/logframe", ("Targets.Year", Year), ("Targets.Values[Households]", "12"));
        Assert.Equal(new[] { 10m, 12m }, (await TargetsAsync()).Select(t => t.Value));
    }

    [Theory]
    [InlineData("Households", "muchas")]
    [InlineData("Persons", "12.5")]
    [InlineData("Awarded", "100.555")]
    [InlineData("Paid", "-5")]
    [InlineData("ContestsHeld", "100000000")]
    public async Task Targets_WithABadBox_SaveNothing_AndKeepEveryTypedValue(string indicator, string typed)
    {
        using var client = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await client.PostFormAsync("/monitoring/logframe", "/monitoring/logframe",
            ("Targets.Year", Year), ("Targets.Values[LracsOperating]", "4"), ($"Targets.Values[{indicator}]", typed));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(HtmlPage.ErrorOf(html, $"Targets.Values[{indicator}]")), $"no message on {indicator}");
        Assert.Equal(typed, HtmlPage.InputValue(html, $"Targets.Values[{indicator}]"));
        Assert.Equal("4", HtmlPage.InputValue(html, "Targets.Values[LracsOperating]"));
        Assert.Empty(await TargetsAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("20x6")]
    [InlineData("1999")]
    public async Task Targets_ForABadYear_SaveNothing(string year)
    {
        using var client = await App.SignedInClientAsync(TestUsers.Monitoring);

        var response = await client.PostFormAsync("/monitoring/logframe", "/monitoring/logframe", ("Targets.Year", year), ("Targets.Values[Households]", "10"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(HtmlPage.ErrorOf(html, "Targets.Year")));
        Assert.Equal("10", HtmlPage.InputValue(html, "Targets.Values[Households]"));
        Assert.Empty(await TargetsAsync());
    }

    [Fact]
    public async Task Report_WithABadYear_IsA400WithAMessage()
    {
        using var client = await App.SignedInClientAsync(TestUsers.Auditor);

        var response = await client.GetAsync("/monitoring/logframe?year=dos");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(HtmlPage.ErrorOf(await response.Content.ReadAsStringAsync(), "year")));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/monitoring/logframe.pdf?year=3000")).StatusCode);
    }

    [Fact]
    public async Task ReadingRoles_SeeTheReport_ButNoTargetsForm()
    {
        foreach (var (user, form) in new[] { (TestUsers.Officer, true), (TestUsers.Monitoring, true), (TestUsers.Finance, false), (TestUsers.Auditor, false), (TestUsers.Admin, false) })
        {
            using var client = await App.SignedInClientAsync(user);
            var html = await client.GetPageAsync("/monitoring/logframe");
            Assert.Contains("id=\"logframe\"", html, StringComparison.Ordinal);
            Assert.Equal(form, html.Contains("id=\"targets-form\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Pdf_PrintsTheProgrammeHeader_AndTargetExecutedAndPercent()
    {
        await MonitoringData.SeedAsync(App);
        using var client = await App.SignedInClientAsync(TestUsers.Monitoring);
        await client.PostFormAsync("/monitoring/logframe", "/monitoring/logframe", ("Targets.Year", Year), ("Targets.Values[Households]", "10"));

        var response = await client.GetAsync($"/monitoring/logframe.pdf?year={Year}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var text = Spaces().Replace(PdfTools.Text(await response.Content.ReadAsByteArrayAsync()), " ");
        var programme = await new PayoutData(App).Registry.ReadAsync(db => db.Programmes.Select(p => p.Name).FirstAsync());
        Assert.Contains(programme, text, StringComparison.Ordinal);
        Assert.Contains("Marco lógico: metas y ejecución", text, StringComparison.Ordinal);
        Assert.Contains("Familias participantes 10 5 50 % 10 5 50 %", text, StringComparison.Ordinal);
        Assert.Contains("Premios otorgados (S/) — S/ 1,000.00 —", text, StringComparison.Ordinal);
    }

    [GeneratedRegex("(data-[a-z-]+)=\"([^\"]*)\"")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

public sealed class LogframeTestsOnSqlite(SqliteApp app) : LogframeTests<SqliteApp>(app);

public sealed class LogframeTestsOnPostgres(PostgresApp app) : LogframeTests<PostgresApp>(app);
