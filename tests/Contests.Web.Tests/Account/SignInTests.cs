using System.Net;
using Microsoft.EntityFrameworkCore;
using Contests.Web.Tests.Infrastructure;

namespace Contests.Web.Tests.Account;

public abstract partial class SignInTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
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
    public async Task FiveWrongPasswords_LockTheAccountForAWhile_WithoutSayingSoToWhoeverIsGuessing()
    {
        using var client = App.NewClient();
        for (var i = 1; i <= 5; i++)
        {
            var html = await (await client.PostFormAsync("/account/login", ("UserName", TestUsers.Officer), ("Password", $"wrong-{i}-password")))
                .Content.ReadAsStringAsync();
            Assert.Contains("Usuario o contraseña incorrectos. Tras 5 intentos fallidos seguidos la cuenta se bloquea 15 minutos.", html);
        }
        Assert.Equal(new DateTime(2026, 11, 23, 14, 15, 0, DateTimeKind.Utc), (await UserAsync(TestUsers.Officer)).LockoutEndUtc);

        // Locked: even the right password is refused, with the same answer as an unknown name.
        var locked = await client.PostFormAsync("/account/login", ("UserName", TestUsers.Officer), ("Password", TestUsers.Password));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var lockedHtml = await locked.Content.ReadAsStringAsync();
        Assert.Contains("Usuario o contraseña incorrectos.", lockedHtml);
        Assert.DoesNotContain("bloqueada", lockedHtml);

        // A while later the lock is over.
        App.Clock.Advance(TimeSpan.FromMinutes(16));
        await client.SignInAsync(TestUsers.Officer, TestUsers.Password);
    }

    [Fact]
    public async Task LockedAccount_AndUnknownName_GetTheSameAnswer_WhateverThePassword()
    {
        using var client = App.NewClient();
        for (var i = 1; i <= 5; i++)
        {
            await client.PostFormAsync("/account/login", ("UserName", TestUsers.Officer), ("Password", $"wrong-{i}-password"));
        }
        Assert.True((await UserAsync(TestUsers.Officer)).IsLockedOut(App.Clock.GetUtcNow().UtcDateTime));

        var lockedRight = await client.PostFormAsync("/account/login", ("UserName", TestUsers.Officer), ("Password", TestUsers.Password));
        var lockedWrong = await client.PostFormAsync("/account/login", ("UserName", TestUsers.Officer), ("Password", "wrong-6-password"));
        var unknown = await client.PostFormAsync("/account/login", ("UserName", "t-nobody"), ("Password", TestUsers.Password));

        var answers = new[] { lockedRight, lockedWrong, unknown };
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var summaries = await Task.WhenAll(answers.Select(async r => ErrorSummary(await r.Content.ReadAsStringAsync())));
        Assert.Equal("Usuario o contraseña incorrectos. Tras 5 intentos fallidos seguidos la cuenta se bloquea 15 minutos.", summaries[2]);
        Assert.All(summaries, s => Assert.Equal(summaries[2], s));
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
    public async Task SignOut_RevokesTheCookieOnTheServer_ACopyNoLongerWorks_OtherDevicesStaySignedIn()
    {
        using var laptop = App.NewClient();
        var signIn = await laptop.SignInAsync(TestUsers.Officer, TestUsers.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".contests.auth=", StringComparison.Ordinal)).Split(';')[0];
        using var phone = await App.SignedInClientAsync(TestUsers.Officer);
        using var copy = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        Task<HttpResponseMessage> GetWithCopyAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", cookie);
            return copy.SendAsync(request);
        }
        Assert.Equal(HttpStatusCode.OK, (await GetWithCopyAsync()).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await laptop.PostFormAsync("/", "/account/logout")).StatusCode);

        var replayed = await GetWithCopyAsync();
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("http://localhost/account/login", replayed.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/")).StatusCode);
        var officerId = (await UserAsync(TestUsers.Officer)).Id;
        Assert.Equal(1, await ReadAsync(db => db.UserSessions.CountAsync(x => x.UserId == officerId)));
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_CountsTowardsTheLockout_ThenNothingIsChecked()
    {
        using var client = await App.SignedInClientAsync(TestUsers.Lrac);
        Task<HttpResponseMessage> ChangeAsync(string current) => client.PostFormAsync("/account/password",
            ("CurrentPassword", current), ("NewPassword", "quinua y kiwicha"), ("ConfirmPassword", "quinua y kiwicha"));
        for (var i = 1; i <= 4; i++)
        {
            var html = await (await ChangeAsync($"wrong-{i}-password")).Content.ReadAsStringAsync();
            Assert.Equal("La contraseña actual no es correcta.", HtmlPage.ErrorOf(html, "CurrentPassword"));
        }

        var fifth = ErrorSummary(await (await ChangeAsync("wrong-5-password")).Content.ReadAsStringAsync());
        // 14:00 UTC + 15 min = 09:15 in Lima.
        Assert.StartsWith("Su cuenta está bloqueada por demasiados intentos fallidos.", fifth);
        Assert.Contains("23/11/2026 09:15", fifth);
        var hashBefore = (await UserAsync(TestUsers.Lrac)).PasswordHash;

        // Locked: even the right current password changes nothing, and the sign-in is locked too.
        var right = ErrorSummary(await (await ChangeAsync(TestUsers.Password)).Content.ReadAsStringAsync());
        Assert.StartsWith("Su cuenta está bloqueada", right);
        Assert.Equal(hashBefore, (await UserAsync(TestUsers.Lrac)).PasswordHash);
        using var fresh = App.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await fresh.PostFormAsync("/account/login", ("UserName", TestUsers.Lrac), ("Password", TestUsers.Password))).StatusCode);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa", "La contraseña repite o encadena caracteres")]
    [InlineData("123456789012", "La contraseña repite o encadena caracteres")]
    [InlineData("abcdefghijkl", "La contraseña repite o encadena caracteres")]
    [InlineData("Password2026!", "Esa contraseña está entre las más usadas")]
    [InlineData("contraseña123", "Esa contraseña está entre las más usadas")]
    [InlineData("lrac test 2026", "La contraseña no puede contener su nombre de usuario, su nombre ni su DNI.")]
    [InlineData("testlracmember", "La contraseña no puede contener su nombre de usuario, su nombre ni su DNI.")]
    public async Task ChangePassword_WeakPassword_IsRefusedOnTheField_AndNothingChanges(string weak, string message)
    {
        using var client = await App.SignedInClientAsync(TestUsers.Lrac);
        var hashBefore = (await UserAsync(TestUsers.Lrac)).PasswordHash;

        var response = await client.PostFormAsync("/account/password",
            ("CurrentPassword", TestUsers.Password), ("NewPassword", weak), ("ConfirmPassword", weak));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(message, HtmlPage.ErrorOf(await response.Content.ReadAsStringAsync(), "NewPassword"));
        Assert.Equal(hashBefore, (await UserAsync(TestUsers.Lrac)).PasswordHash);
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

public abstract partial class SignInTests<TApp>
{
    private async Task<Contests.Core.Accounts.User> UserAsync(string userName)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Contests.Web.Infrastructure.Persistence.ContestsDbContext>().Users
            .AsNoTracking().SingleAsync(u => u.UserName == userName);
    }

    private async Task<T> ReadAsync<T>(Func<Contests.Web.Infrastructure.Persistence.ContestsDbContext, Task<T>> read)
    {
        using var scope = App.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<Contests.Web.Infrastructure.Persistence.ContestsDbContext>());
    }

    /// <summary>The text of the form's error summary (what the page says went wrong).</summary>
    internal static string ErrorSummary(string html) =>
        HtmlPage.Text(System.Text.RegularExpressions.Regex.Match(html, "<div class=\"[^\"]*errors[^\"]*\"[^>]*>(.*?)</div>",
            System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value);
}

public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests<SqliteApp>(app);

public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests<PostgresApp>(app);
