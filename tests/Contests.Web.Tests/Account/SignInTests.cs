using System.Net;
using Contests.Web.Tests.Infrastructure;

namespace Contests.Web.Tests.Account;

public abstract class SignInTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task LoginPage_IsSpanishByDefault()
    {
        using var client = App.NewClient();

        var html = await client.GetPageAsync("/account/login");

        Assert.Contains("<html lang=\"es-PE\">", html);
        Assert.Contains("<h1>Iniciar sesión</h1>", html);
    }

    [Fact]
    public async Task SignIn_RightPassword_RedirectsHomeWithAuthCookie()
    {
        using var client = App.NewClient();

        var response = await client.SignInAsync(TestUsers.Officer, TestUsers.Password);

        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".contests.auth=", StringComparison.Ordinal));
        var home = await client.GetPageAsync("/");
        Assert.Contains("Test ProjectOfficer", home);
    }

    [Fact]
    public async Task SignIn_UserNameIsCaseInsensitive()
    {
        using var client = App.NewClient();

        await client.SignInAsync("T-Officer", TestUsers.Password);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsMessageAndKeepsUserName()
    {
        using var client = App.NewClient();

        var response = await client.PostFormAsync("/account/login", ("UserName", TestUsers.Officer), ("Password", "wrong-password"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Usuario o contraseña incorrectos.", html);
        Assert.Contains($"value=\"{TestUsers.Officer}\"", html);
        Assert.DoesNotContain("wrong-password", html);
    }

    [Fact]
    public async Task SignIn_UnknownUser_SameMessageAsWrongPassword()
    {
        using var client = App.NewClient();

        var response = await client.PostFormAsync("/account/login", ("UserName", "nobody"), ("Password", "whatever-password"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Usuario o contraseña incorrectos.", html);
    }

    [Fact]
    public async Task SignIn_EmptyFields_SaySoNextToTheFields()
    {
        using var client = App.NewClient();

        var response = await client.PostFormAsync("/account/login", ("UserName", ""), ("Password", ""));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Complete el campo «Usuario».", html);
        Assert.Contains("Complete el campo «Contraseña».", html);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccountForAWhile_WithAClearMessage()
    {
        using var client = App.NewClient();
        for (var i = 1; i <= 4; i++)
        {
            var html = await (await client.PostFormAsync("/account/login", ("UserName", TestUsers.Officer), ("Password", $"wrong-{i}-password")))
                .Content.ReadAsStringAsync();
            Assert.Contains("Usuario o contraseña incorrectos.", html);
        }

        var fifth = await (await client.PostFormAsync("/account/login", ("UserName", TestUsers.Officer), ("Password", "wrong-5-password")))
            .Content.ReadAsStringAsync();

        // 14:00 UTC + 15 min = 09:15 in Lima.
        Assert.Contains("Su cuenta está bloqueada por demasiados intentos fallidos.", fifth);
        Assert.Contains("23/11/2026 09:15", fifth);

        // Locked: even the right password is refused, without being checked.
        var locked = await client.PostFormAsync("/account/login", ("UserName", TestUsers.Officer), ("Password", TestUsers.Password));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("bloqueada", await locked.Content.ReadAsStringAsync());

        // A while later the lock is over.
        App.Clock.Advance(TimeSpan.FromMinutes(16));
        await client.SignInAsync(TestUsers.Officer, TestUsers.Password);
    }

    [Fact]
    public async Task WrongPassword_AfterSeveralTries_SameAnswerAsForAnUnknownUser()
    {
        using var client = App.NewClient();
        for (var i = 1; i <= 3; i++)
        {
            await client.PostFormAsync("/account/login", ("UserName", TestUsers.Officer), ("Password", "wrong-password"));
        }

        var known = await (await client.PostFormAsync("/account/login", ("UserName", TestUsers.Officer), ("Password", "wrong-password")))
            .Content.ReadAsStringAsync();
        var unknown = await (await client.PostFormAsync("/account/login", ("UserName", "t-nobody"), ("Password", "wrong-password")))
            .Content.ReadAsStringAsync();

        const string message = "Usuario o contraseña incorrectos. Tras 5 intentos fallidos seguidos la cuenta se bloquea 15 minutos.";
        Assert.Contains(message, known);
        Assert.Contains(message, unknown);
    }

    [Fact]
    public async Task PostWithoutAntiforgeryToken_IsRejected()
    {
        using var client = App.NewClient();
        await client.GetPageAsync("/account/login");

        var response = await client.Http.PostAsync(new Uri("/account/login", UriKind.Relative),
            new FormUrlEncodedContent([new("UserName", TestUsers.Officer), new("Password", TestUsers.Password)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith(".contests.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var client = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await client.PostFormAsync("/", "/account/logout");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/account/login", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ReturnUrl_OnlyLocal()
    {
        using var client = App.NewClient();

        var response = await client.PostFormAsync("/account/login?returnUrl=https://evil.example",
            "/account/login", ("UserName", TestUsers.Officer), ("Password", TestUsers.Password), ("ReturnUrl", "https://evil.example/"));

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ChangePassword_SignsOutOtherSessions_AndNewPasswordWorks()
    {
        using var phone = await App.SignedInClientAsync(TestUsers.Lrac);
        using var laptop = await App.SignedInClientAsync(TestUsers.Lrac);

        var response = await laptop.PostFormAsync("/account/password",
            ("CurrentPassword", TestUsers.Password), ("NewPassword", "quinua y kiwicha"), ("ConfirmPassword", "quinua y kiwicha"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/")).StatusCode);
        using var fresh = App.NewClient();
        await fresh.SignInAsync(TestUsers.Lrac, "quinua y kiwicha");
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentOrTooShort_SaysWhichAndChangesNothing()
    {
        using var client = await App.SignedInClientAsync(TestUsers.Lrac);

        var wrong = await (await client.PostFormAsync("/account/password",
            ("CurrentPassword", "not-my-password"), ("NewPassword", "quinua y kiwicha"), ("ConfirmPassword", "quinua y kiwicha")))
            .Content.ReadAsStringAsync();
        var shortPassword = await (await client.PostFormAsync("/account/password",
            ("CurrentPassword", TestUsers.Password), ("NewPassword", "corta"), ("ConfirmPassword", "corta")))
            .Content.ReadAsStringAsync();
        var mismatch = await (await client.PostFormAsync("/account/password",
            ("CurrentPassword", TestUsers.Password), ("NewPassword", "quinua y kiwicha"), ("ConfirmPassword", "quinua y maíz")))
            .Content.ReadAsStringAsync();

        Assert.Contains("La contraseña actual no es correcta.", wrong);
        Assert.Contains("La contraseña debe tener al menos 10 caracteres.", shortPassword);
        Assert.Contains("Las dos contraseñas nuevas no coinciden.", mismatch);
        using var fresh = App.NewClient();
        await fresh.SignInAsync(TestUsers.Lrac, TestUsers.Password);
    }
}

public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests<SqliteApp>(app);

public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests<PostgresApp>(app);
