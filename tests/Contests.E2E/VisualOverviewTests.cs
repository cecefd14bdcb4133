using System.Globalization;
using Contests.Web.Demo;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// The visual overview of a round in the browser, on the demo data: the dashboard on a phone opens with the next
/// action of the phase; the phase stepper and each chart fit a 390 px phone and a 1366 px desktop. Each is
/// photographed on the way (element screenshots under <c>screenshots/overview</c>, and into the folder named by
/// <c>CONTESTS_SCREENSHOTS</c> when set: how <c>docs/screenshots</c> is made).
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class VisualOverviewTests(AppServer server) : BrowserTest(server)
{
    private static BrowserNewContextOptions Desktop => new() { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } };

    [Fact]
    public async Task Round_dashboard_on_a_phone_shows_the_next_action_on_the_first_screen()
    {
        var judging = await RoundIdAsync(DemoJudging.RoundName);
        await InBrowserAsync(async page =>
        {
            await SignInAsync(page, "oficial");
            await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");

            await page.GotoAsync($"/rounds/{judging}");

            var action = page.Locator("#phase-action");
            await Expect(action).ToBeVisibleAsync();
            await Expect(action).ToHaveAttributeAsync("href", $"/rounds/{judging}/progress");
            var box = await action.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Y + box.Height <= 844, string.Create(CultureInfo.InvariantCulture, $"The next action ends at {box.Y + box.Height}px, below the first screen (844px)."));
            var tiles = await page.Locator("nav.tiles").BoundingBoxAsync();
            Assert.True(tiles is not null && tiles.Y > box.Y, "The tiles come before the next action.");
            await Expect(page.Locator("#phase-stepper li[aria-current=step]")).ToHaveAttributeAsync("data-phase", "Judging");
            await ExpectNoHorizontalScrollAsync(page);
        }, Phone);
    }

    [Fact]
    public async Task Stepper_and_charts_fit_a_phone_and_a_desktop()
    {
        var (judging, reviewed, paying) = (await RoundIdAsync(DemoJudging.RoundName), await RoundIdAsync(DemoJudging.ReviewedRoundName),
            await RoundIdAsync(DemoJudging.PayingRoundName));
        (string Path, string Selector, string Name)[] shots =
        [
            ($"/rounds/{judging}", "#phase-stepper", "stepper"),
            ($"/rounds/{judging}/progress", "#chart-by-juror", "chart-by-juror"),
            ($"/rounds/{paying}", "#chart-budget", "chart-budget"),
            ($"/rounds/{paying}", "#chart-by-source", "chart-by-source"),
            ($"/rounds/{reviewed}/ranking", "#chart-scores-0", "chart-scores"),
            ($"/rounds/{paying}/payouts", "#chart-payouts", "chart-payouts"),
        ];
        foreach (var (device, options, width) in new[] { ("phone", Phone, 390), ("desktop", Desktop, 1366) })
        {
            await InBrowserAsync(async page =>
            {
                await SignInAsync(page, "oficial");
                await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");
                foreach (var (path, selector, name) in shots)
                {
                    await page.GotoAsync(path);
                    var element = page.Locator(selector);
                    await Expect(element).ToBeVisibleAsync();
                    var box = await element.BoundingBoxAsync();
                    Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= width,
                        string.Create(CultureInfo.InvariantCulture, $"{name} on {path} is not within the {width}px screen: {box?.X}+{box?.Width}"));
                    if (device == "phone")
                    {
                        await ExpectNoHorizontalScrollAsync(page);
                    }
                    // The stepper alone; a chart with the table of its numbers (their figure).
                    var shot = selector == "#phase-stepper" ? element : element.Locator("xpath=ancestor::figure[1]");
                    await PhotographAsync(shot, $"{name}-{device}");
                }
            }, options, device);
        }
    }

    private static async Task PhotographAsync(ILocator element, string name)
    {
        var folders = new List<string> { Path.Combine(ScreenshotDirectory, "overview") };
        if (Environment.GetEnvironmentVariable("CONTESTS_SCREENSHOTS") is { Length: > 0 } wanted)
        {
            folders.Add(wanted);
        }
        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder);
            await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, name + ".png"), Scale = ScreenshotScale.Css, Animations = ScreenshotAnimations.Disabled });
        }
    }

    private async Task<int> RoundIdAsync(string name)
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        return await db.Rounds.AsNoTracking().IgnoreAutoIncludes().Where(r => r.Name == name).Select(r => r.Id).SingleAsync();
    }
}
