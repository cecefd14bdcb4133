using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// The monitoring officer's impact journey over the demo programme: from Indicadores to the impact page, the demo's
/// household survey (baseline and follow-up of participants and non-participants), and a difference-in-differences
/// estimate chosen on the form — the table with the estimate, its interval and the means by group and wave.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ImpactTests(AppServer server) : BrowserTest(server)
{
    private static BrowserNewContextOptions Desktop => new() { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } };

    [Fact]
    public Task Monitoring_officer_on_a_desktop_opens_the_demo_survey_and_reads_its_estimate() =>
        InBrowserAsync(page => JourneyAsync(page, phone: false), Desktop);

    [Fact]
    public Task Monitoring_officer_on_a_phone_opens_the_demo_survey_and_reads_its_estimate() =>
        InBrowserAsync(page => JourneyAsync(page, phone: true), Phone);

    private async Task JourneyAsync(IPage page, bool phone)
    {
        await SignInAsync(page, "seguimiento");
        await page.GotoAsync(Server.BaseUrl + "/monitoring");
        await page.Locator("#impact-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/impact$"));

        // The demo's survey: two waves, every registry household answered both.
        await page.Locator("#surveys a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/impact/surveys/\\d+$"));
        await Expect(page.Locator("#waves tbody tr")).ToHaveCountAsync(2);
        var answered = int.Parse(await page.Locator("#waves tbody tr").First.GetAttributeAsync("data-households") ?? "0", CultureInfo.InvariantCulture);
        Assert.True(answered > 10, $"the demo survey has {answered} households at its baseline");

        // The estimate: the indicator and the theme chosen on the form, treated from the first entry.
        await page.Locator("#estimate-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/impact/estimate\\?survey=\\d+$"));
        await page.Locator("#Indicator").SelectOptionAsync("activos_valor");
        await page.Locator("#Theme").SelectOptionAsync("SoilAndWater");
        await page.Locator("#estimate-form button[type=submit]").ClickAsync();
        var estimate = page.Locator("#estimate");
        await Expect(estimate).ToBeVisibleAsync();
        double Value(string? text) => double.Parse(text ?? "", CultureInfo.InvariantCulture);
        var point = Value(await estimate.GetAttributeAsync("data-estimate"));
        var low = Value(await estimate.GetAttributeAsync("data-ci-low"));
        var high = Value(await estimate.GetAttributeAsync("data-ci-high"));
        Assert.True(low < point && point < high, $"{low} < {point} < {high}");
        Assert.True(point > 0, "the demo's simulated effect is positive");
        await Expect(page.Locator("#means tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#Indicator")).ToHaveValueAsync("activos_valor");
        await Expect(page.Locator("#meaning")).ToBeVisibleAsync();
        // The printable report of the same estimate, fetched as the signed-in browser (its cookies): a PDF.
        var pdf = await page.APIRequest.GetAsync(new Uri(new Uri(Server.BaseUrl), await page.Locator("#report-pdf").GetAttributeAsync("href")).ToString());
        Assert.Equal((200, "application/pdf"), (pdf.Status, pdf.Headers["content-type"]));
        Assert.Equal("%PDF-"u8.ToArray(), (await pdf.BodyAsync())[..5]);
        if (phone)
        {
            await ExpectNoHorizontalScrollAsync(page);
        }
    }
}
