using System.Globalization;
using System.Text.RegularExpressions;
using Contests.Web.Demo;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// Judging in the field, on a phone: the LRAC president (demo login <c>clar</c>) scores her remaining
/// sheets of the demo round being judged — one refused for points above the criterion's maximum,
/// corrected, submitted; another autosaved, then submitted — after the officer recorded a conflict
/// of interest with one family, which she then no longer sees. The officer's progress board counts
/// her two sheets.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class JudgingTests(AppServer server, ITestOutputHelper output) : BrowserTest(server)
{
    /// <summary>The score sheet's first load over the wire (HTML, CSS, script; compressed): docs/architecture.md#figures-to-reach.</summary>
    private const long MaxFirstLoadBytes = 50 * 1024;

    private const int MinTouchTarget = 44;

    [Fact]
    public async Task Juror_scores_two_entries_on_a_phone_one_after_a_validation_error_and_the_progress_board_counts_them()
    {
        await using var officerContext = await Server.NewContextAsync(Phone);
        var officer = await officerContext.NewPageAsync();
        await using var jurorContext = await Server.NewContextAsync(Phone);
        var juror = await jurorContext.NewPageAsync();
        try
        {
            // The officer finds a family the president hasn't started and records her conflict with it.
            await SignInAsync(officer, "oficial");
            await officer.GotoAsync("/rounds");
            await officer.GetByRole(AriaRole.Link, new() { Name = DemoJudging.RoundName }).ClickAsync();
            await officer.Locator("a.tile[href$='/progress']").ClickAsync();
            var roundUrl = Regex.Match(officer.Url, @"^(.*/rounds/\d+)/progress$").Groups[1].Value;
            var presidentRow = officer.Locator("#by-juror tr", new() { HasText = "Hilaria Condori Puma" });
            var submittedBefore = int.Parse(await presidentRow.Locator("td").Nth(3).InnerTextAsync(), CultureInfo.InvariantCulture);
            var untouched = officer.Locator("#by-entry li[data-state=Assigned]", new() { HasText = "Hilaria Condori Puma" }).First;
            var conflictedEntry = await untouched.Locator("xpath=ancestor::tr").GetAttributeAsync("data-entry");

            await officer.GotoAsync(roundUrl + "/lrac");
            await officer.Locator("#Conflict_MemberId").SelectOptionAsync(new SelectOptionValue { Label = "Hilaria Condori Puma" });
            await officer.Locator("#Conflict_EntryId").SelectOptionAsync(conflictedEntry!);
            await officer.Locator("#Conflict_Reason").FillAsync("La familia es de su ahijada.");
            await officer.GetByRole(AriaRole.Button, new() { Name = "Registrar el conflicto" }).ClickAsync();
            await Expect(officer.Locator("main .flash.ok")).ToContainTextAsync("Hilaria Condori Puma no calificará a ese participante");

            // The president signs in on her phone: her sheets, without the family she is conflicted with.
            await SignInAsync(juror, "clar");
            await juror.Locator("header details.menu summary").ClickAsync();
            await juror.Locator("header nav a[data-nav='Nav.Judging']").ClickAsync();
            await Expect(juror).ToHaveURLAsync(new Regex("/judging$"));
            await Expect(juror.Locator($"a.sheet-link[data-entry='{conflictedEntry}']")).ToHaveCountAsync(0);
            await Expect(juror.Locator("a.sheet-link[data-state=Submitted]").First).ToBeVisibleAsync();
            await ExpectNoHorizontalScrollAsync(juror);

            // First sheet: 99 is above the criterion's maximum; refused, kept, corrected, submitted.
            await juror.Locator("a.sheet-link:not([data-state=Submitted])").First.ClickAsync();
            var inputs = juror.Locator("input[data-max]");
            var count = await inputs.CountAsync();
            Assert.True(count >= 2);
            await inputs.Nth(0).FillAsync("99");
            for (var i = 1; i < count; i++)
            {
                await inputs.Nth(i).FillAsync("10");
            }
            await juror.Locator("#Comments").FillAsync("Reservorio construido con faena comunal.");
            await juror.Locator("#Confirmed").CheckAsync();
            await juror.GetByRole(AriaRole.Button, new() { Name = "Enviar ficha" }).ClickAsync();
            var error = juror.Locator(".field.score").First.Locator(".field-validation-error");
            await Expect(error).ToContainTextAsync("va de 0 a");
            await Expect(juror.Locator("#Points_0")).ToHaveValueAsync("99");
            await Expect(juror.Locator("#Comments")).ToHaveValueAsync("Reservorio construido con faena comunal.");
            await ExpectNoHorizontalScrollAsync(juror);
            await juror.Locator("#Points_0").FillAsync("18,5");
            await Expect(juror.Locator("#total")).ToHaveTextAsync((18.5m + (10 * (count - 1))).ToString("0.#", CultureInfo.InvariantCulture));
            await juror.Locator("#Confirmed").CheckAsync();
            await juror.GetByRole(AriaRole.Button, new() { Name = "Enviar ficha" }).ClickAsync();
            await Expect(juror).ToHaveURLAsync(new Regex("/judging$"));
            await Expect(juror.Locator("main .flash.ok")).ToHaveTextAsync("Ficha enviada.");

            // Second sheet: typed, autosaved as a draft while she pauses, then submitted.
            await juror.Locator("a.sheet-link:not([data-state=Submitted])").First.ClickAsync();
            var second = juror.Locator("input[data-max]");
            for (var i = 0; i < await second.CountAsync(); i++)
            {
                await second.Nth(i).FillAsync("12");
            }
            await Expect(juror.Locator("#save-status")).ToHaveTextAsync("Borrador guardado.", new() { Timeout = 15_000 });
            await juror.Locator("#Confirmed").CheckAsync();
            await juror.GetByRole(AriaRole.Button, new() { Name = "Enviar ficha" }).ClickAsync();
            await Expect(juror.Locator("main .flash.ok")).ToHaveTextAsync("Ficha enviada.");

            // The officer's board counts both.
            await officer.GotoAsync(roundUrl + "/progress");
            var after = int.Parse(await officer.Locator("#by-juror tr", new() { HasText = "Hilaria Condori Puma" }).Locator("td").Nth(3).InnerTextAsync(),
                CultureInfo.InvariantCulture);
            Assert.Equal(submittedBefore + 2, after);
            await Expect(officer.Locator($"#by-entry tr[data-entry='{conflictedEntry}'] li", new() { HasText = "Hilaria Condori Puma" })).ToHaveCountAsync(0);
        }
        catch (Exception)
        {
            await SaveScreenshotAsync(officer, nameof(Juror_scores_two_entries_on_a_phone_one_after_a_validation_error_and_the_progress_board_counts_them) + "_officer");
            await SaveScreenshotAsync(juror, nameof(Juror_scores_two_entries_on_a_phone_one_after_a_validation_error_and_the_progress_board_counts_them) + "_juror");
            throw;
        }
    }

    [Fact]
    public Task Score_sheet_first_load_is_at_most_50_KB_compressed_and_every_touch_target_is_at_least_44_px() =>
        InBrowserAsync(async page =>
        {
            // A field and public juror of the demo round, with sheets not started.
            await SignInAsync(page, "clar.44038615");
            await page.GotoAsync("/judging");
            var href = await page.Locator("a.sheet-link:not([data-state=Submitted])").First.GetAttributeAsync("href");

            // A fresh context: nothing cached, as on the juror's phone the first time.
            await using var fresh = await Server.NewContextAsync(Phone);
            await fresh.AddCookiesAsync((await page.Context.CookiesAsync()).Select(c => new Cookie
            {
                Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
            }));
            var sheet = await fresh.NewPageAsync();
            var responses = new List<IResponse>();
            sheet.Response += (_, r) => responses.Add(r);
            await sheet.GotoAsync(href!, new() { WaitUntil = WaitUntilState.NetworkIdle });

            long total = 0;
            var lines = new List<string>();
            foreach (var r in responses)
            {
                var sizes = await r.Request.SizesAsync();
                total += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
                var encoding = await r.HeaderValueAsync("content-encoding");
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{r.Url} {sizes.ResponseBodySize}+{sizes.ResponseHeadersSize} {encoding}"));
            }
            Assert.True(responses.Count >= 3, string.Join('\n', lines)); // the page, its stylesheet, its script
            Assert.Contains(responses, r => r.Url.Contains("/js/sheet.js", StringComparison.Ordinal));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Score sheet first load: {total / 1024.0:0.0} KB in {responses.Count} responses"));
            lines.ForEach(output.WriteLine);
            Assert.True(total <= MaxFirstLoadBytes, $"{total} bytes on first load:\n{string.Join('\n', lines)}");
            Assert.Equal("br", await responses[0].HeaderValueAsync("content-encoding"));

            var small = await sheet.EvaluateAsync<string[]>(@"min => Array.from(document.querySelectorAll('a, button, input, select, textarea, summary'))
                .filter(e => e.type !== 'hidden' && e.checkVisibility())
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([e, r]) => r.width < min || r.height < min)
                .map(([e, r]) => `${e.tagName} '${(e.textContent || e.name || '').trim().slice(0, 40)}' ${Math.round(r.width)}x${Math.round(r.height)}`)",
                MinTouchTarget);
            Assert.True(small.Length == 0, "Touch targets under 44 px: " + string.Join("; ", small));
            await ExpectNoHorizontalScrollAsync(sheet);
        }, Phone);
}
