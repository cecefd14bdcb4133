using System.Net;
using Contests.Core.Accounts;
using Contests.Web.Infrastructure.Localization;
using Contests.Web.Tests.Infrastructure;

namespace Contests.Web.Tests.Localization;

public sealed class LanguageTests(SqliteApp app) : AppTest<SqliteApp>(app)
{
    [Fact]
    public async Task ChoosingEnglish_IsRemembered_AndCanSwitchBack()
    {
        using var client = App.NewClient();

        var response = await client.PostFormAsync("/account/login", "/account/language", ("culture", "en"), ("returnUrl", "/account/login"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.OriginalString);
        var english = await client.GetPageAsync("/account/login");
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("<h1>Sign in</h1>", english);

        await client.PostFormAsync("/account/login", "/account/language", ("culture", "es-PE"), ("returnUrl", "/account/login"));
        Assert.Contains("<h1>Iniciar sesión</h1>", await client.GetPageAsync("/account/login"));
    }

    [Fact]
    public async Task UnknownCulture_FallsBackToSpanish_AndForeignReturnUrlIsIgnored()
    {
        using var client = App.NewClient();

        var response = await client.PostFormAsync("/account/login", "/account/language", ("culture", "xx"), ("returnUrl", "//evil.example/"));

        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Contains("<h1>Iniciar sesión</h1>", await client.GetPageAsync("/account/login"));
    }

    [Fact]
    public async Task BrowserLanguageAlone_DoesNotSwitchToEnglish()
    {
        using var client = App.NewClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        Assert.Contains("<h1>Iniciar sesión</h1>", await client.GetPageAsync("/account/login"));
    }

    [Fact]
    public async Task EnglishValidationMessages()
    {
        using var client = App.NewClient();
        await client.PostFormAsync("/account/login", "/account/language", ("culture", "en"), ("returnUrl", "/"));

        var html = await (await client.PostFormAsync("/account/login", ("UserName", ""), ("Password", ""))).Content.ReadAsStringAsync();

        Assert.Contains("User name is required.", html);
    }

    [Fact]
    public async Task EveryRole_HasANameInBothLanguages()
    {
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);
        var spanish = await admin.GetPageAsync("/admin/users");
        await admin.PostFormAsync("/", "/account/language", ("culture", "en"), ("returnUrl", "/"));
        var english = await admin.GetPageAsync("/admin/users/new");

        Assert.Contains("Oficial de proyecto", spanish);
        Assert.Contains("Miembro del CLAR", spanish);
        foreach (var name in new[] { "Administrator", "Project officer", "LRAC member", "Finance officer", "Auditor", "Monitoring and evaluation officer" })
        {
            Assert.Contains(name, english);
        }
        Assert.Contains("Especialista de seguimiento y evaluación", spanish);
        Assert.Equal(6, Enum.GetValues<Role>().Length);
    }

    [Fact]
    public void Display_MoneyAndLimaTime_FollowTheCulture()
    {
        var utc = new DateTime(2026, 11, 23, 2, 5, 0, DateTimeKind.Utc);
        var previous = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new("es-PE");
            Assert.Equal("S/ 1,250.50", Display.Money(1250.5m));
            Assert.Equal("22/11/2026 21:05", Display.DateTime(utc));
            System.Globalization.CultureInfo.CurrentCulture = new("en");
            Assert.Equal("S/ 1,250.50", Display.Money(1250.5m));
            Assert.Equal("11/22/2026 9:05\u202FPM", Display.DateTime(utc)); // ICU puts a narrow no-break space before PM
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = previous;
        }
    }
}
