using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// A project officer sets up a contest the way a Pacha Mama Raymi programme runs one: a two-part
/// rubric (field visit + public presentation), prizes per place, a budget line; opens it; registers
/// three families of the community; the round's dashboard counts them in the community's pool. On a
/// phone, as officers work in the field.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class RoundSetupTests(AppServer server) : BrowserTest(server)
{
    private const string RoundName = "Concurso interfamiliar de andenes — Kiuñalla 2026";

    [Fact]
    public Task Officer_creates_a_round_with_a_two_part_rubric_and_fixed_tiers_opens_it_and_registers_three_households() =>
        InBrowserAsync(async page =>
        {
            await SignInAsync(page, "oficial");
            await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");
            await page.Locator("header details.menu summary").ClickAsync();
            await page.Locator("header nav a[data-nav='Nav.Rounds']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/rounds$"));
            await page.GetByRole(AriaRole.Link, new() { Name = "Nuevo concurso", Exact = true }).ClickAsync();

            // Setup: who competes, where, how pools form.
            await page.Locator("#Name").FillAsync(RoundName);
            await page.Locator("#LocalOfficeId").SelectOptionAsync(new SelectOptionValue { Label = "Oficina Local Abancay" });
            await Expect(page.Locator("input[name=Level][value=Households]")).ToBeCheckedAsync();
            await Expect(page.Locator("input[name=PoolBy][value=Community]")).ToBeCheckedAsync();
            await page.Locator("input[name=Themes][value=Terraces]").CheckAsync();
            var communities = page.Locator("details:has(input[name=Communities])");
            await communities.Locator("summary").ClickAsync();
            await communities.Locator("label.check", new() { HasText = "Kiuñalla" }).Locator("input").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Crear y pasar a las bases" }).ClickAsync();

            // Rules: part 1 is offered with one row of jurors; part 2 is a spare blank part.
            await Expect(page).ToHaveURLAsync(new Regex(@"/rounds/\d+/rules/edit$"));
            var roundUrl = Regex.Match(page.Url, @"^(.*/rounds/\d+)/rules/edit$").Groups[1].Value;
            await Expect(page.Locator("main .flash.ok")).ToContainTextAsync("Ahora escriba sus bases");
            await page.Locator("[name='Parts[0].Name']").FillAsync("Evaluación de campo");
            await page.Locator("[name='Parts[0].Criteria[0].Name']").FillAsync("Andenes construidos y mantenidos");
            await page.Locator("[name='Parts[0].Criteria[0].MaxPoints']").FillAsync("30");
            await page.Locator("[name='Parts[0].Criteria[1].Name']").FillAsync("Manejo de suelos");
            await page.Locator("[name='Parts[0].Criteria[1].MaxPoints']").FillAsync("20");
            await page.Locator("[name='Parts[1].Name']").FillAsync("Exposición pública");
            await page.Locator("[name='Parts[1].MinJurors']").FillAsync("3");
            await page.Locator("[name='Parts[1].MaxJurors']").FillAsync("5");
            await page.Locator("[name='Parts[1].Criteria[0].Name']").FillAsync("Claridad y aprendizajes");
            await page.Locator("[name='Parts[1].Criteria[0].MaxPoints']").FillAsync("50");
            await Expect(page.Locator("[name=QualifyingScore]")).ToHaveValueAsync("70");
            await Expect(page.Locator("input[name=Method][value=FixedTiers]")).ToBeCheckedAsync();
            await page.Locator("[name='Tiers[0]']").FillAsync("600.00");
            await page.Locator("[name='Tiers[1]']").FillAsync("400.00");
            await page.Locator("[name='Tiers[2]']").FillAsync("200.00");
            await page.GetByLabel("Préstamo FIDA — premios de concursos").FillAsync("1,200.00");
            await ExpectNoHorizontalScrollAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar bases" }).ClickAsync();

            // The dashboard: rules version 1, the phase can move on.
            await Expect(page).ToHaveURLAsync(roundUrl);
            await Expect(page.Locator("main .flash.ok")).ToHaveTextAsync("Bases guardadas (versión 1).");
            await Expect(page.Locator("main h1")).ToHaveTextAsync(RoundName);
            await page.Locator("#phase-understood").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Pasar a «Inscripción abierta»" }).ClickAsync();
            await Expect(page.Locator("main .flash.ok")).ToHaveTextAsync("El concurso pasó a «Inscripción abierta».");
            await Expect(page.Locator("main .heading .badge")).ToHaveTextAsync("Inscripción abierta");

            // The rules page shows both parts adding up to 100 and the prizes.
            await page.GetByRole(AriaRole.Link, new() { Name = "v1 Bases", Exact = true }).ClickAsync();
            await Expect(page.Locator("main")).ToContainTextAsync("Aprueba desde 70 puntos de 100.");
            await Expect(page.Locator("main ol.tiers li")).ToHaveTextAsync(["S/ 600.00", "S/ 400.00", "S/ 200.00"]);
            await page.GetByRole(AriaRole.Link, new() { Name = "Volver al tablero del concurso" }).ClickAsync();

            // Register three families of Kiuñalla, found by the community's name.
            await page.GetByRole(AriaRole.Link, new() { Name = "Inscribir participantes" }).First.ClickAsync();
            await page.Locator("#q").FillAsync("Kiuñalla");
            await page.GetByRole(AriaRole.Button, new() { Name = "Buscar" }).ClickAsync();
            var registerButtons = page.Locator("main table.list button", new() { HasText = "Inscribir" });
            var available = await registerButtons.CountAsync();
            Assert.True(available >= 3, $"Expected at least three families of Kiuñalla to register, found {available}.");
            for (var n = 1; n <= 3; n++)
            {
                await registerButtons.First.ClickAsync();
                await Expect(page.Locator("main .flash.ok")).ToContainTextAsync($"inscrito con el N.º {n} en el ámbito «Kiuñalla»");
                await Expect(registerButtons).ToHaveCountAsync(available - n);
            }
            await Expect(page.Locator("main table.list")).ToContainTextAsync("Ya está inscrito en este concurso.");
            await ExpectNoHorizontalScrollAsync(page);

            await page.GotoAsync(roundUrl);
            await Expect(page.Locator("main .tiles .tile").First).ToContainTextAsync("3 Inscritos");
            var pool = page.Locator("main section.card:has(h2:text-is('Inscritos por ámbito')) tbody tr");
            await Expect(pool).ToHaveCountAsync(1);
            await Expect(pool.Locator("td").Nth(0)).ToHaveTextAsync("Kiuñalla");
            await Expect(pool.Locator("td").Nth(1)).ToHaveTextAsync("3");
            await ExpectNoHorizontalScrollAsync(page);
        }, Phone);
}
