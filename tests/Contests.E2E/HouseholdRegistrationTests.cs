using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// A project officer registers households on a phone, the way it is done in the field: a mistyped DNI
/// is refused next to its field with everything else still filled in; a DNI already in the register
/// is refused with a pointer to the household that has it.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class HouseholdRegistrationTests(AppServer server) : BrowserTest(server)
{
    // Not in the demo data: the demo DNIs are 41,000,000 and up.
    private const string ShortDni = "4512345";
    private const string FixedDni = "04512345";

    [Fact]
    public Task Officer_on_a_phone_fixes_a_seven_digit_DNI_and_registers_the_household() =>
        InBrowserAsync(async page =>
        {
            await SignInAsync(page, "oficial");
            await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");

            // Menu → Registro → Familias → Registrar familia, as an officer would tap through it.
            var menu = page.Locator("header details.menu");
            await menu.Locator("summary").ClickAsync();
            await page.Locator("header nav a[data-nav='Nav.Registry']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/registry$"));
            await page.Locator("main a.tile[href='/registry/households']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/registry/households$"));
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Familias");
            await page.GetByRole(AriaRole.Link, new() { Name = "Registrar familia", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/registry/households/new$"));
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Registrar familia");

            // On a phone the DNI field asks for the numeric keyboard and says how many digits it wants.
            await Expect(page.Locator("#HeadDni")).ToHaveAttributeAsync("inputmode", "numeric");
            await Expect(page.Locator("#HeadDni-hint")).ToHaveTextAsync("8 dígitos, con el 0 inicial si lo tiene.");

            var form = new HouseholdEntry(ShortDni);
            var communityId = await form.FillAsync(page);
            await SubmitAsync(page);

            // Refused: same page, the message sits in the DNI's own field, the rest is as typed.
            await Expect(page).ToHaveURLAsync(new Regex("/registry/households/new$"));
            await Expect(page.Locator("main p.flash.error")).ToHaveTextAsync("Revise los campos marcados: no se guardó nada todavía.");
            var dniError = page.Locator("main .field:has(> #HeadDni) > #HeadDni-error");
            await Expect(dniError).ToBeVisibleAsync();
            await Expect(dniError).ToContainTextAsync("El DNI tiene 8 dígitos y aquí hay 7");
            await Expect(page.Locator("#HeadDni")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.Locator("#HeadDni")).ToHaveAttributeAsync("aria-describedby", new Regex(@"\bHeadDni-error\b"));
            await Expect(page.Locator("#HeadDni")).ToHaveValueAsync(ShortDni);
            // The DNI is the only thing wrong.
            await Expect(page.Locator("main .field-validation-error")).ToHaveCountAsync(1);
            await Expect(page.Locator("main [aria-invalid=true]")).ToHaveCountAsync(1);
            await form.ExpectKeptAsync(page, communityId);
            await ExpectNoHorizontalScrollAsync(page);

            await page.Locator("#HeadDni").FillAsync(FixedDni);
            await SubmitAsync(page);

            // Saved: the household's own page, with the flash and what was typed.
            await Expect(page).ToHaveURLAsync(new Regex(@"/registry/households/\d+$"));
            var id = Regex.Match(page.Url, @"/registry/households/(\d+)$").Groups[1].Value;
            await Expect(page.Locator("main .flash.ok")).ToHaveTextAsync($"Se registró la familia de {form.HeadFullName}.");
            await Expect(page.Locator("main h1")).ToHaveTextAsync(form.HeadFullName);
            await Expect(Fact(page, "Familia N.º")).ToHaveTextAsync(id);
            await Expect(Fact(page, "DNI")).ToHaveTextAsync(FixedDni);
            await Expect(Fact(page, "Comunidad")).ToHaveTextAsync("Antilla (Curahuasi)");
            await Expect(Fact(page, "Sexo")).ToHaveTextAsync("Mujer");
            await Expect(Fact(page, "Año de nacimiento")).ToHaveTextAsync(form.BirthYear);
            await Expect(Fact(page, "Miembros de la familia")).ToHaveTextAsync(form.Members);
            await Expect(Fact(page, "Cónyuge")).ToHaveTextAsync($"{form.PartnerFirstNames} {form.PartnerLastNames} · DNI {form.PartnerDni}");
            await Expect(Fact(page, "Teléfono")).ToHaveTextAsync(form.Phone);
            await ExpectNoHorizontalScrollAsync(page);

            // And it is in the register: a search by the DNI finds exactly this household.
            await page.GotoAsync($"/registry/households?q={FixedDni}");
            var rows = page.Locator("main table.list tbody tr");
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.GetByRole(AriaRole.Link, new() { Name = form.HeadFullName, Exact = true }))
                .ToHaveAttributeAsync("href", $"/registry/households/{id}");
        }, Phone);

    [Fact]
    public Task Officer_on_a_phone_sees_the_household_list_as_cards_and_is_pointed_to_the_holder_of_a_duplicate_DNI() =>
        InBrowserAsync(async page =>
        {
            await SignInAsync(page, "oficial");
            await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");
            await page.GotoAsync("/registry/households");
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Familias");

            // On a phone each row is a card: no header row, each cell labelled, nothing wider than the screen.
            var rows = page.Locator("main table.list tbody tr");
            await Expect(rows).ToHaveCountAsync(25);
            await Expect(page.Locator("main table.list thead")).ToBeHiddenAsync();
            var first = rows.First;
            await Expect(first).ToBeVisibleAsync();
            await Expect(first).ToHaveCSSAsync("display", "block");
            var dniCell = first.Locator("td[data-label='DNI']");
            await Expect(dniCell).ToHaveCSSAsync("display", "flex");
            Assert.Equal("\"DNI\"", await dniCell.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content"));
            await ExpectNoHorizontalScrollAsync(page);
            Assert.True(await page.EvaluateAsync<bool>(
                "() => [...document.querySelectorAll('main table.list tbody tr')].every(r => r.getBoundingClientRect().right <= window.innerWidth)"),
                "a household card is wider than the phone's screen");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Registrar familia", Exact = true })).ToBeVisibleAsync();

            // Take an existing household's head DNI (the officer sees it in full) and try to register it again.
            var link = first.Locator("td[data-label='Jefe(a) de familia'] a");
            await Expect(dniCell).ToHaveTextAsync(new Regex(@"^\d{8}$"));
            var dni = (await dniCell.TextContentAsync())!.Trim();
            var holder = (await link.TextContentAsync())!.Trim();
            var holderId = Regex.Match((await link.GetAttributeAsync("href"))!, @"/registry/households/(\d+)$").Groups[1].Value;
            var communityCell = (await first.Locator("td[data-label='Comunidad']").TextContentAsync())!.Trim();
            var community = Regex.Match(communityCell, @"^(.+?) \(").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(holderId) || string.IsNullOrEmpty(community), $"unexpected first row: {holder} {communityCell}");

            await page.GetByRole(AriaRole.Link, new() { Name = "Registrar familia", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/registry/households/new$"));
            var form = new HouseholdEntry(dni)
            {
                HeadFirstNames = "Teodora",
                HeadLastNames = "Ccahuana Pillco",
                PartnerFirstNames = string.Empty,
                PartnerLastNames = string.Empty,
                PartnerDni = string.Empty,
                Members = "3",
            };
            var communityId = await form.FillAsync(page);
            await SubmitAsync(page);

            await Expect(page).ToHaveURLAsync(new Regex("/registry/households/new$"));
            var dniError = page.Locator("main .field:has(> #HeadDni) > #HeadDni-error");
            await Expect(dniError).ToContainTextAsync("ya está registrado");
            await Expect(dniError).ToHaveTextAsync(
                $"El DNI {dni} ya está registrado: es de {holder}, jefe(a) de la familia N.º {holderId} ({community}).");
            await Expect(page.Locator("#HeadDni")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.Locator("main .field-validation-error")).ToHaveCountAsync(1);
            await form.ExpectKeptAsync(page, communityId);
            await ExpectNoHorizontalScrollAsync(page);

            // The pointer is right: household N.º {holderId} is that person's.
            await page.GotoAsync($"/registry/households/{holderId}");
            await Expect(page.Locator("main h1")).ToHaveTextAsync(holder);
            await Expect(Fact(page, "DNI")).ToHaveTextAsync(dni);
            await Expect(Fact(page, "Comunidad")).ToContainTextAsync(community);
        }, Phone);

    /// <summary>Taps Guardar. A browser posts only this form's own fields, so the form must carry its own antiforgery token.</summary>
    private static async Task SubmitAsync(IPage page)
    {
        var form = page.Locator("main form[method=post]");
        await Expect(form).ToHaveCountAsync(1);
        // Without its own token the app answers 400 ("Algo salió mal"); the one in the menu's sign-out form is not sent.
        await Expect(form.Locator("input[name=__RequestVerificationToken]")).ToHaveCountAsync(1);
        await form.Locator("button[type=submit]").ClickAsync();
    }

    /// <summary>The value shown for a label on a detail page (<c>dl.facts</c>).</summary>
    private static ILocator Fact(IPage page, string label) =>
        page.Locator("main dl.facts dt").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(label) + "$") })
            .Locator("xpath=following-sibling::dd[1]");

    /// <summary>What the officer types into the household form; checks it is all still there after a refusal.</summary>
    private sealed class HouseholdEntry(string headDni)
    {
        public string Community { get; init; } = "Antilla";
        public string HeadFirstNames { get; init; } = "Felícitas";
        public string HeadLastNames { get; init; } = "Huarcaya Ccoyllo";
        public string HeadDni { get; } = headDni;
        public string HeadSex { get; init; } = "F";
        public string BirthYear { get; init; } = "1984";
        public string PartnerFirstNames { get; init; } = "Hipólito";
        public string PartnerLastNames { get; init; } = "Quispe Sullca";
        public string PartnerDni { get; init; } = "04598761";
        public string PartnerSex { get; init; } = "M";
        public string Members { get; init; } = "4";
        public string Phone { get; init; } = "983 456 123";

        public string HeadFullName => $"{HeadFirstNames} {HeadLastNames}";

        private bool HasPartner => PartnerFirstNames.Length > 0;

        /// <summary>Fills the form; returns the chosen community's option value.</summary>
        public async Task<string> FillAsync(IPage page)
        {
            var chosen = await page.Locator("#CommunityId").SelectOptionAsync(new SelectOptionValue { Label = Community });
            await page.Locator("#HeadFirstNames").FillAsync(HeadFirstNames);
            await page.Locator("#HeadLastNames").FillAsync(HeadLastNames);
            await page.Locator("#HeadDni").FillAsync(HeadDni);
            await page.Locator($"input[name=HeadSex][value={HeadSex}]").CheckAsync();
            await page.Locator("#HeadBirthYear").FillAsync(BirthYear);
            if (HasPartner)
            {
                await page.Locator("#PartnerFirstNames").FillAsync(PartnerFirstNames);
                await page.Locator("#PartnerLastNames").FillAsync(PartnerLastNames);
                await page.Locator("#PartnerDni").FillAsync(PartnerDni);
                await page.Locator($"input[name=PartnerSex][value={PartnerSex}]").CheckAsync();
            }
            await page.Locator("#Members").FillAsync(Members);
            await page.Locator("#Phone").FillAsync(Phone);
            return Assert.Single(chosen);
        }

        public async Task ExpectKeptAsync(IPage page, string communityId)
        {
            await Expect(page.Locator("#CommunityId")).ToHaveValueAsync(communityId);
            await Expect(page.Locator("#CommunityId option:checked")).ToHaveTextAsync(Community);
            await Expect(page.Locator("#HeadFirstNames")).ToHaveValueAsync(HeadFirstNames);
            await Expect(page.Locator("#HeadLastNames")).ToHaveValueAsync(HeadLastNames);
            await Expect(page.Locator($"input[name=HeadSex][value={HeadSex}]")).ToBeCheckedAsync();
            await Expect(page.Locator("input[name=HeadSex]:checked")).ToHaveCountAsync(1);
            await Expect(page.Locator("#HeadBirthYear")).ToHaveValueAsync(BirthYear);
            await Expect(page.Locator("#PartnerFirstNames")).ToHaveValueAsync(PartnerFirstNames);
            await Expect(page.Locator("#PartnerLastNames")).ToHaveValueAsync(PartnerLastNames);
            await Expect(page.Locator("#PartnerDni")).ToHaveValueAsync(PartnerDni);
            if (HasPartner)
            {
                await Expect(page.Locator($"input[name=PartnerSex][value={PartnerSex}]")).ToBeCheckedAsync();
            }
            else
            {
                await Expect(page.Locator("input[name=PartnerSex]:checked")).ToHaveCountAsync(0);
            }
            await Expect(page.Locator("#Members")).ToHaveValueAsync(Members);
            await Expect(page.Locator("#Phone")).ToHaveValueAsync(Phone);
        }
    }
}
