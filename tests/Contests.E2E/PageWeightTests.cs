using System.Globalization;
using Contests.Web.Demo;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// What a page costs on a first visit (the browser's cache off, so every style sheet, script, image and icon comes over the
/// wire): the bytes transferred (headers and the body as sent, compressed where the app compresses) and the number of
/// requests. A juror scores on a phone in the field and the public reads results on 3G: their pages stay within 50 KB in
/// at most 6 requests; every other page within 150 KB. The figures go to the test's output (and the benchmarks README).
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class PageWeightTests(AppServer server, ITestOutputHelper output) : BrowserTest(server)
{
    private const long LightBudget = 50 * 1024;
    private const int LightRequests = 6;
    private const long OfficeBudget = 150 * 1024;

    private static BrowserNewContextOptions Desktop => new() { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } };

    [Fact]
    public async Task Juror_pages_weigh_at_most_50_KB_in_6_requests()
    {
        await using var context = await Server.NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "clar");
        await Expect(page.Locator("header nav a[data-nav='Nav.Judging']")).ToHaveCountAsync(1);

        var sheets = await WeighAsync(page, "/judging", "Mis fichas");
        var sheet = await page.Locator("a.sheet-link").First.GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(sheet), "The demo juror has no sheet to open.");
        var scoring = await WeighAsync(page, sheet!, "a score sheet");

        foreach (var weight in new[] { sheets, scoring })
        {
            weight.AssertWithin(LightBudget, LightRequests);
        }
    }

    [Fact]
    public async Task Public_home_and_results_weigh_at_most_50_KB_in_6_requests()
    {
        var roundId = await RoundIdAsync(DemoJudging.PublishedRoundName);
        await using var context = await Server.NewContextAsync(Phone);
        var page = await context.NewPageAsync();

        var home = await WeighAsync(page, "/public", "public home");
        await Expect(page.Locator($"#results-rounds li[data-round='{roundId}'] a")).ToHaveTextAsync(DemoJudging.PublishedRoundName);
        await page.Locator($"#results-rounds li[data-round='{roundId}'] a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/public/rounds/{roundId}/results$"));
        var results = await WeighAsync(page, $"/public/rounds/{roundId}/results", "public results");
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();

        home.AssertWithin(LightBudget, LightRequests);
        results.AssertWithin(LightBudget, LightRequests);
    }

    [Fact]
    public async Task Office_pages_weigh_at_most_150_KB()
    {
        var roundId = await RoundIdAsync(DemoJudging.PayingRoundName);
        await using var context = await Server.NewContextAsync(Desktop);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "oficial");
        await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");

        var weights = new List<PageWeight>();
        foreach (var (path, name) in new[]
                 {
                     ("/", "officer's home"), ("/rounds", "rounds"), ($"/rounds/{roundId}", "a round"),
                     ($"/rounds/{roundId}/payouts", "a round's payouts"), ("/registry/households", "households"),
                 })
        {
            weights.Add(await WeighAsync(page, path, name));
        }

        foreach (var weight in weights)
        {
            weight.AssertWithin(OfficeBudget, int.MaxValue);
        }
    }

    /// <summary>Opens <paramref name="path"/> with the cache off and adds up every response it took (until the network is idle).</summary>
    private async Task<PageWeight> WeighAsync(IPage page, string path, string name)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });
        var finished = new List<IRequest>();
        void Collect(object? sender, IRequest request) => finished.Add(request);
        page.RequestFinished += Collect;
        try
        {
            var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}.");
        }
        finally
        {
            page.RequestFinished -= Collect;
            await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = false });
        }
        long bytes = 0;
        var lines = new List<string>();
        foreach (var request in finished)
        {
            var sizes = await request.SizesAsync();
            // Nothing may come from a cache, or the figure would be a second visit's.
            Assert.True(sizes.ResponseBodySize > 0, $"{request.Url} came without a body (from a cache?): {path} would be measured short.");
            bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"    {sizes.ResponseBodySize + sizes.ResponseHeadersSize,7:N0} B  {new Uri(request.Url).AbsolutePath}"));
        }
        var weight = new PageWeight(name, path, bytes, finished.Count);
        output.WriteLine(weight.ToString());
        lines.ForEach(output.WriteLine);
        return weight;
    }

    private async Task<int> RoundIdAsync(string name)
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        return await db.Rounds.AsNoTracking().IgnoreAutoIncludes().Where(r => r.Name == name).Select(r => r.Id).SingleAsync();
    }

    private sealed record PageWeight(string Name, string Path, long Bytes, int Requests)
    {
        public void AssertWithin(long budget, int requests)
        {
            Assert.True(Bytes <= budget, $"{this}: over the budget of {budget / 1024} KB.");
            Assert.True(Requests <= requests, $"{this}: more than {requests} requests.");
        }

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Name} ({Path}): {Bytes / 1024.0:0.0} KB in {Requests} requests");
    }
}
