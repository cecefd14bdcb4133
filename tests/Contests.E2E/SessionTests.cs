using System.Globalization;
using System.Text.RegularExpressions;
using Contests.Core.Common;
using Contests.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// The LRAC session on the president's phone: Marcelino, president of the demo round in review
/// (Pachachaca), opens the session, records who is present (quorum shown), reviews the prizes, changes one with
/// a reason, and approves the acta; the public results page — opened without signing in — shows the results,
/// the acta's number and the committee's note, and no DNI.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class SessionTests(AppServer server) : BrowserTest(server)
{
    private const string Reason = "La familia no presentó el croquis de su parcela";

    [Fact]
    public Task President_records_attendance_reviews_overrides_one_prize_with_a_reason_and_approves_then_the_public_page_shows_it() =>
        InBrowserAsync(async page =>
        {
            await SignInAsync(page, "clar.46260837");
            await page.GotoAsync("/judging");
            await page.Locator(".session-link", new() { HasText = DemoJudging.ReviewedRoundName }).GetByRole(AriaRole.Link).ClickAsync();
            await Expect(page.Locator("h1")).ToContainTextAsync("Sesión del CLAR");
            await ExpectNoHorizontalScrollAsync(page);

            // Open the session: an hour ago in Lima, at the community hall.
            var held = LimaTime.FromUtc(DateTime.UtcNow).AddHours(-1);
            await page.Locator("#Session_Held").FillAsync(held.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            await page.Locator("#Session_Place").FillAsync("Local comunal de Asillo");
            await page.GetByRole(AriaRole.Button, new() { Name = "Abrir la sesión" }).ClickAsync();
            await Expect(page.Locator("main .flash.ok")).ToHaveTextAsync("Sesión guardada.");
            await Expect(page.Locator("#attendance .quorum")).ToContainTextAsync("Sin quórum: 0 de 3");

            // Attendance: the president and the secretary; quorum is two of three.
            await page.Locator("#attendance label", new() { HasText = "Marcelino Huarcaya Ttito" }).Locator("input").CheckAsync();
            await page.Locator("#attendance label", new() { HasText = "Nélida Contreras Ayquipa" }).Locator("input").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar asistencia" }).ClickAsync();
            await Expect(page.Locator("#attendance .quorum")).ToHaveTextAsync("Hay quórum: 2 de 3 miembros con voto presentes (se necesitan 2).");

            // Review: N.° 5 gets the participation prize; the committee withdraws it, with its reason.
            var fifth = page.Locator("li[data-entry]", new() { HasText = "N.° 5 —" });
            await Expect(fifth.Locator(".award")).ToContainTextAsync("S/ 50.00");
            await fifth.Locator("summary", new() { HasText = "Cambiar el monto" }).ClickAsync();
            await fifth.GetByLabel("Monto (S/)").FillAsync("0");
            await fifth.GetByLabel("Motivo").FillAsync(Reason);
            await fifth.GetByRole(AriaRole.Button, new() { Name = "Guardar el cambio" }).ClickAsync();
            await Expect(page.Locator("main .flash.ok")).ToContainTextAsync("Monto modificado con su motivo");
            fifth = page.Locator("li[data-entry]", new() { HasText = "N.° 5 —" });
            await Expect(fifth.Locator(".award")).ToContainTextAsync($"El CLAR cambió el monto de S/ 50.00 a S/ 0.00. Motivo: {Reason}");
            await Expect(page.Locator("#results")).ToContainTextAsync("Total asignado S/ 1,300.00");
            await ExpectNoHorizontalScrollAsync(page);

            // Approve: the acta is numbered and the round published.
            await page.Locator("#approve-confirmed").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Aprobar el acta y publicar los resultados" }).ClickAsync();
            await Expect(page.Locator("main .flash.ok[role=status]")).ToHaveTextAsync("Acta aprobada: los resultados están publicados y el plazo de reclamos está abierto.");
            var line = await page.Locator("#approved .flash.ok").InnerTextAsync();
            var code = Regex.Match(line, @"Acta N\.° (\d{3}-\d{4})").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(code), line);

            // The public page, for anyone: the result, the acta, the committee's note; no DNI.
            var href = await page.GetByRole(AriaRole.Link, new() { Name = "Página pública de resultados" }).GetAttributeAsync("href");
            await using var anonymous = await Server.NewContextAsync(Phone);
            var visitor = await anonymous.NewPageAsync();
            await visitor.GotoAsync(href!);
            await Expect(visitor.Locator("h1")).ToContainTextAsync(DemoJudging.ReviewedRoundName);
            await Expect(visitor.Locator("#acta")).ToContainTextAsync($"N.° {code}");
            var row = visitor.Locator("tr[data-number='5']");
            await Expect(row).ToContainTextAsync("S/ 0.00");
            await Expect(visitor.Locator(".override-note")).ToHaveTextAsync($"Acuerdo del CLAR: {Reason}");
            await Expect(visitor.Locator("tr[data-number='1']")).ToContainTextAsync("S/ 600.00");
            var text = await visitor.Locator("main").InnerTextAsync();
            // An 8-digit number standing alone, as a DNI is shown (the audit anchor's hex hash may hold eight digits in a row).
            Assert.DoesNotMatch(new Regex(@"(?<![\dA-Za-z])\d{8}(?![\dA-Za-z])"), text);
            await ExpectNoHorizontalScrollAsync(visitor);
            await SaveScreenshotAsync(visitor, "public-results");
        }, Phone);
}
