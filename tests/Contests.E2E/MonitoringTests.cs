using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// The monitoring officer's journey over the demo programme, on an office desktop and on a phone: Indicadores, a filter,
/// a figure followed to the rows behind it, the logframe, a target set, and the logframe's PDF with the programme's header.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class MonitoringTests(AppServer server) : BrowserTest(server)
{
    private static BrowserNewContextOptions Desktop => new() { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } };

    private static BrowserNewContextOptions SmallPhone => new()
    {
        ViewportSize = new ViewportSize { Width = 360, Height = 740 },
        IsMobile = true,
        HasTouch = true,
    };

    [Fact]
    public Task Monitoring_officer_on_a_desktop_reads_filters_follows_a_figure_sets_a_target_and_prints_the_logframe() =>
        InBrowserAsync(page => JourneyAsync(page, phone: false, target: "120"), Desktop);

    [Fact]
    public Task Monitoring_officer_on_a_phone_reads_filters_follows_a_figure_sets_a_target_and_prints_the_logframe() =>
        InBrowserAsync(page => JourneyAsync(page, phone: true, target: "80"), SmallPhone);

    private async Task JourneyAsync(IPage page, bool phone, string target)
    {
        await SignInAsync(page, "seguimiento");
        await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");

        // Indicadores from the menu (behind the Menú toggle on a phone).
        if (phone)
        {
            await page.Locator("header details.menu summary").ClickAsync();
        }
        await page.Locator("header nav a[data-nav='Nav.Monitoring']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/monitoring$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Indicadores de seguimiento y evaluación");
        var households = await FigureAsync(page, "households");
        Assert.True(households > 0, "the demo programme has households");
        Assert.True(await FigureAsync(page, "awarded") > 0, "the demo programme has prizes");
        Assert.True(await FigureAsync(page, "counterpart") > 0, "the demo's business plans commit a counterpart");
        await Expect(page.Locator("svg#chart-by-source")).ToBeVisibleAsync();
        if (phone)
        {
            await ExpectNoHorizontalScrollAsync(page);
        }

        // A filter: household contests only. The form keeps it and the figures are those of that level.
        await page.Locator("#Level").SelectOptionAsync("Households");
        await page.Locator("#filters button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]Level=Households"));
        await Expect(page.Locator("#Level")).ToHaveValueAsync("Households");
        Assert.Equal(households, await FigureAsync(page, "households"));
        Assert.Equal(0, await FigureAsync(page, "organizations-presented"));
        Assert.Equal(0, await FigureAsync(page, "counterpart"));

        // Back to every contest, then a figure followed to the rows behind it: a round's entries.
        await page.Locator("#filters a[href='/monitoring']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/monitoring$"));
        var link = page.Locator("#rounds a[data-entries]:not([data-entries='0'])").First;
        var entries = int.Parse(await link.GetAttributeAsync("data-entries") ?? "0", CultureInfo.InvariantCulture);
        var href = await link.GetAttributeAsync("href");
        await link.ClickAsync();
        await Expect(page).ToHaveURLAsync(Server.BaseUrl + href);
        Assert.True(await page.Locator("main table tbody tr").CountAsync() >= entries, $"{href} lists the {entries} entries counted");
        await page.GoBackAsync();

        // The logframe: set a target, see it in the report, print it.
        await page.Locator("#logframe-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/monitoring/logframe$"));
        var first = page.Locator("#targets-form input[inputmode=decimal]").First;
        await first.FillAsync(target);
        await page.Locator("#targets-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#saved")).ToBeVisibleAsync();
        // The report's first line is that indicator's, its target the one typed (exact, invariant: 80 or 80.0).
        var saved = await page.Locator("#logframe tbody tr").First.GetAttributeAsync("data-target");
        Assert.Equal(decimal.Parse(target, CultureInfo.InvariantCulture), decimal.Parse(saved ?? "", CultureInfo.InvariantCulture));
        if (phone)
        {
            await ExpectNoHorizontalScrollAsync(page);
        }

        var work = Directory.CreateTempSubdirectory("contests-e2e-logframe-").FullName;
        try
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#logframe-pdf").ClickAsync());
            var pdf = Path.Combine(work, "marco-logico.pdf");
            await download.SaveAsAsync(pdf);
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(pdf))[..4]));
            var text = Spaces().Replace(await CommandLine.RunAsync("pdftotext", pdf, "-"), " ");
            Assert.Contains("Programa Sierra Sur (demostración)", text, StringComparison.Ordinal);
            Assert.Contains("FIDA y Gobierno del Perú", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A figure's exact value, from its <c>data-value</c>.</summary>
    private static async Task<decimal> FigureAsync(IPage page, string code) =>
        decimal.Parse(await page.Locator($"[data-figure='{code}']").GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
