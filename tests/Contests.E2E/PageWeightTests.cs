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
        var signedIn = await context.StorageStateAsync();

        string? sheet = null;
        var sheets = await WeighAsync(Phone, signedIn, "/judging", "Mis fichas",
            async first => sheet = await first.Locator("a.sheet-link").First.GetAttributeAsync("href"));
        Assert.False(string.IsNullOrEmpty(sheet), "The demo juror has no sheet to open.");
        var scoring = await WeighAsync(Phone, signedIn, sheet!, "a score sheet",
            first => Expect(first.Locator("main h1")).ToBeVisibleAsync());

        foreach (var weight in new[] { sheets, scoring })
        {
            weight.AssertWithin(LightBudget, LightRequests);
        }
    }

    [Fact]
    public async Task Public_home_and_results_weigh_at_most_50_KB_in_6_requests()
    {
        var roundId = await RoundIdAsync(DemoJudging.PublishedRoundName);

        var home = await WeighAsync(Phone, null, "/public", "public home", async first =>
        {
            var link = first.Locator($"#results-rounds li[data-round='{roundId}'] a");
            await Expect(link).ToHaveTextAsync(DemoJudging.PublishedRoundName);
            await link.ClickAsync();
            await Expect(first).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/public/rounds/{roundId}/results$"));
        });
        var results = await WeighAsync(Phone, null, $"/public/rounds/{roundId}/results", "public results",
            first => Expect(first.Locator("main h1")).ToBeVisibleAsync());

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
        var signedIn = await context.StorageStateAsync();

        var weights = new List<PageWeight>();
        foreach (var (path, name) in new[]
                 {
                     ("/", "officer's home"), ("/rounds", "rounds"), ($"/rounds/{roundId}", "a round"),
                     ($"/rounds/{roundId}/payouts", "a round's payouts"), ("/registry/households", "households"),
                 })
        {
            weights.Add(await WeighAsync(Desktop, signedIn, path, name, first => Expect(first.Locator("main h1")).ToBeVisibleAsync()));
        }

        foreach (var weight in weights)
        {
            weight.AssertWithin(OfficeBudget, int.MaxValue);
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> as a first visit would — in a browser context of its own (its HTTP cache, favicon and
    /// service workers empty; <paramref name="signedIn"/>'s cookies if given) with the cache off — adds up every response
    /// it took (until the network is idle), then lets <paramref name="then"/> look at the page before the context closes.
    /// </summary>
    private async Task<PageWeight> WeighAsync(
        BrowserNewContextOptions options, string? signedIn, string path, string name, Func<IPage, Task> then)
    {
        options.StorageState = signedIn;
        await using var context = await Server.NewContextAsync(options);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });
        var finished = new List<IRequest>();
        void Collect(object? sender, IRequest request) => finished.Add(request);
        page.RequestFinished += Collect;
        try
        {
            var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}.");
            Assert.EndsWith(path, page.Url, StringComparison.Ordinal);
        }
        finally
        {
            page.RequestFinished -= Collect;
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
        await then(page);
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
