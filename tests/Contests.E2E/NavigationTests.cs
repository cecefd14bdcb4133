using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// The main menu on the screens people use: a bar always shown on an office desktop (1366×768) and a
/// tablet, with sign-out (shared office PCs); a <c>Menú</c> toggle on a phone that works without JavaScript.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class NavigationTests(AppServer server) : BrowserTest(server)
{
    private static BrowserNewContextOptions Desktop => new() { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } };

    private static BrowserNewContextOptions Tablet => new()
    {
        ViewportSize = new ViewportSize { Width = 768, Height = 1024 },
        IsMobile = true,
        HasTouch = true,
    };

    [Fact]
    public Task On_a_desktop_the_menu_bar_is_shown_navigates_and_signs_out() =>
        InBrowserAsync(async page =>
        {
            await SignInAsync(page, "admin");
            await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");

            // No toggle to find: the whole menu and the sign-out button are on screen, in the header.
            await Expect(page.Locator("header details.menu summary")).ToBeHiddenAsync();
            var nav = page.Locator("header nav#main-menu");
            var links = nav.Locator("a[data-nav]");
            await Expect(links).ToHaveCountAsync(10); // the administrator's menu, with the background jobs and the indicators
            for (var i = 0; i < 10; i++)
            {
                await Expect(links.Nth(i)).ToBeVisibleAsync();
                await Expect(links.Nth(i)).ToBeInViewportAsync();
            }
            await Expect(nav.Locator("#sign-out")).ToBeVisibleAsync();
            await Expect(nav.Locator("#sign-out")).ToBeInViewportAsync();
            // One bar: the header is not taller than two rows of links.
            var header = await page.Locator("header").BoundingBoxAsync();
            Assert.True(header is not null && header.Height <= 110, $"header {header?.Height}px high");

            await nav.Locator("a[data-nav='Nav.Rounds']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/rounds$"));
            await Expect(page.Locator("header nav a[data-nav='Nav.Rounds']")).ToHaveAttributeAsync("aria-current", "page");
            await page.Locator("header nav a[data-nav='Nav.Payouts']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/payouts$"));
            await page.Locator("header nav a[data-nav='Nav.Audit']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/audit$"));

            await page.Locator("header nav #sign-out").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
            await Expect(page.Locator("header nav#main-menu")).ToHaveCountAsync(0);
            await page.GotoAsync("/payouts");
            await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Fpayouts$"));
        }, Desktop);

    [Fact]
    public Task On_a_tablet_the_menu_bar_and_sign_out_are_shown() =>
        InBrowserAsync(async page =>
        {
            await SignInAsync(page, "oficial");
            await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");

            await Expect(page.Locator("header details.menu summary")).ToBeHiddenAsync();
            await Expect(page.Locator("header nav a[data-nav='Nav.Programme']")).ToBeInViewportAsync();
            await Expect(page.Locator("header nav #sign-out")).ToBeInViewportAsync();
            await ExpectNoHorizontalScrollAsync(page);

            await page.Locator("header nav a[data-nav='Nav.Registry']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/registry$"));
            await page.Locator("header nav #sign-out").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        }, Tablet);

    [Fact]
    public Task On_a_phone_without_javascript_the_menu_opens_navigates_and_signs_out() =>
        InBrowserAsync(async page =>
        {
            await SignInAsync(page, "finanzas");
            await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");

            var toggle = page.Locator("header details.menu summary");
            var nav = page.Locator("header nav#main-menu");
            await Expect(toggle).ToBeVisibleAsync();
            await Expect(nav).ToBeHiddenAsync();
            await toggle.ClickAsync();
            await Expect(nav.Locator("a[data-nav='Nav.Payouts']")).ToBeVisibleAsync();
            await nav.Locator("a[data-nav='Nav.Payouts']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/payouts$"));

            // A new page starts with the menu closed again.
            await Expect(page.Locator("header nav#main-menu")).ToBeHiddenAsync();
            await page.Locator("header details.menu summary").ClickAsync();
            await page.Locator("header nav #sign-out").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        }, PhoneWithoutJavaScript);

    private static BrowserNewContextOptions PhoneWithoutJavaScript
    {
        get
        {
            var options = Phone;
            options.JavaScriptEnabled = false;
            return options;
        }
    }
}
