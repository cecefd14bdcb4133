using System.Runtime.CompilerServices;
using Contests.Web.Demo;
using Microsoft.Playwright;

namespace Contests.E2E;

/// <summary>Runs a test body in a new browser context; on failure saves a full-page screenshot, then rethrows.</summary>
public abstract class BrowserTest(AppServer server)
{
    /// <summary>An iPhone-12-sized touch screen: the layout the project officers use in the field.</summary>
    protected static BrowserNewContextOptions Phone => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
    };

    protected AppServer Server { get; } = server;

    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    protected async Task InBrowserAsync(Func<IPage, Task> body, BrowserNewContextOptions? options = null, string? variant = null,
        [CallerMemberName] string testName = "")
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var context = await Server.NewContextAsync(options);
        var page = await context.NewPageAsync();
        try
        {
            await body(page);
        }
        catch (Exception)
        {
            await SaveScreenshotAsync(page, variant is null ? testName : $"{testName}_{variant}");
            throw;
        }
    }

    protected static async Task SignInAsync(IPage page, string userName, string password = DemoSeeder.DemoPassword)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!page.Url.Contains("/account/login", StringComparison.Ordinal))
        {
            await page.GotoAsync("/account/login");
        }
        await page.Locator("#UserName").FillAsync(userName);
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }

    /// <summary>A phone page must never scroll sideways: officers read it with one hand in the field.</summary>
    protected static async Task ExpectNoHorizontalScrollAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{page.Url} scrolls sideways on a phone: {scrollWidth}px wide, screen {innerWidth}px"));
    }

    protected static async Task SaveScreenshotAsync(IPage page, string name)
    {
        try
        {
            var safe = string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == ' ' ? '_' : c));
            Directory.CreateDirectory(ScreenshotDirectory);
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(ScreenshotDirectory, safe + ".png"),
                FullPage = true,
                Timeout = 5_000,
            });
        }
        catch (PlaywrightException)
        {
            // The test's own failure is what matters; a screenshot is a bonus.
        }
        catch (IOException)
        {
        }
    }
}
