using System.Text.RegularExpressions;
using Contests.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

[Collection(E2ECollection.Name)]
public sealed partial class SignInTests(AppServer server) : BrowserTest(server)
{
    // The expected menus are written out on purpose (not read from Navigation.Items), so that a change
    // to who sees what in the menu makes this test fail.
    [Theory]
    [InlineData("admin", "Admin", "Nav.Home", "Nav.Registry", "Nav.Rounds", "Nav.Programme", "Nav.Payouts", "Nav.Monitoring", "Nav.Users", "Nav.Audit", "Nav.Jobs", "Nav.Account")]
    [InlineData("oficial", "ProjectOfficer", "Nav.Home", "Nav.Registry", "Nav.Rounds", "Nav.Programme", "Nav.Payouts", "Nav.Monitoring", "Nav.Account")]
    [InlineData("clar", "LracMember", "Nav.Home", "Nav.Judging", "Nav.Account")]
    [InlineData("finanzas", "FinanceOfficer", "Nav.Home", "Nav.Registry", "Nav.Rounds", "Nav.Programme", "Nav.Payouts", "Nav.Monitoring", "Nav.Account")]
    [InlineData("auditor", "Auditor", "Nav.Home", "Nav.Registry", "Nav.Rounds", "Nav.Programme", "Nav.Payouts", "Nav.Monitoring", "Nav.Audit", "Nav.Account")]
    [InlineData("seguimiento", "Monitoring", "Nav.Home", "Nav.Registry", "Nav.Rounds", "Nav.Programme", "Nav.Payouts", "Nav.Monitoring", "Nav.Audit", "Nav.Account")]
    public Task Each_demo_role_signs_in_on_a_phone_and_sees_its_menu(string userName, string role, params string[] expectedNav) =>
        InBrowserAsync(async page =>
        {
            // Signed out, the home page sends the visitor to the sign-in page, in Spanish by default.
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(LoginUrl());
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-PE");
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Iniciar sesión");

            await SignInAsync(page, userName);

            await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");
            var displayName = DemoSeeder.Accounts.Single(a => a.UserName == userName).DisplayName;
            await Expect(page.Locator("main h1")).ToHaveTextAsync($"Bienvenido(a), {displayName}");
            await Expect(page.Locator($"main .badge[data-role={role}]")).ToBeVisibleAsync();
            await Expect(page.Locator("main .badge[data-role]")).ToHaveCountAsync(1);

            // On a phone the menu starts closed; tapping its summary opens it.
            var menu = page.Locator("header details.menu");
            var nav = page.Locator("header nav#main-menu");
            await Expect(menu).Not.ToHaveAttributeAsync("open", new Regex(".*"));
            await Expect(nav.Locator("a[data-nav]").First).ToBeHiddenAsync();
            await menu.Locator("summary").ClickAsync();
            await Expect(menu).ToHaveAttributeAsync("open", new Regex(".*"));

            var links = nav.Locator("a[data-nav]");
            await Expect(links).ToHaveCountAsync(expectedNav.Length);
            var shown = new List<string>();
            for (var i = 0; i < expectedNav.Length; i++)
            {
                await Expect(links.Nth(i)).ToBeVisibleAsync();
                shown.Add(await links.Nth(i).GetAttributeAsync("data-nav") ?? string.Empty);
            }
            Assert.Equal(expectedNav.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
            await Expect(nav.Locator("a[data-nav='Nav.Home']")).ToHaveTextAsync("Inicio");

            await nav.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión", Exact = true }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Iniciar sesión");
            await Expect(page.Locator("header details.menu")).ToHaveCountAsync(0);
            // The cookie is gone: the home page asks to sign in again.
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(LoginUrl());
        }, Phone, userName);

    [Fact]
    public Task Wrong_password_shows_a_spanish_error_and_keeps_the_user_name() =>
        InBrowserAsync(async page =>
        {
            await page.GotoAsync("/account/login");
            await SignInAsync(page, "finanzas", "no-es-la-clave");

            await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
            await Expect(page.Locator("main .validation-summary-errors li")).ToHaveTextAsync("Usuario o contraseña incorrectos. Tras 5 intentos fallidos seguidos la cuenta se bloquea 15 minutos.");
            await Expect(page.Locator("#UserName")).ToHaveValueAsync("finanzas");
            await Expect(page.Locator("#Password")).ToHaveValueAsync(string.Empty);
            await Expect(page.Locator("header details.menu")).ToHaveCountAsync(0);
        });

    [Fact]
    public Task Footer_switches_the_language_to_english_and_back() =>
        InBrowserAsync(async page =>
        {
            await page.GotoAsync("/account/login");
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Iniciar sesión");
            var footer = page.Locator("footer");

            await footer.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Sign in");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
            await Expect(footer.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");

            await footer.GetByRole(AriaRole.Button, new() { Name = "Español", Exact = true }).ClickAsync();
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Iniciar sesión");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-PE");
            await Expect(footer.GetByRole(AriaRole.Button, new() { Name = "Español", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        });

    private Regex LoginUrl() => new("^" + Regex.Escape(Server.BaseUrl) + "/account/login(\\?ReturnUrl=%2F)?$");
}
