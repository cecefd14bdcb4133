using System.Net;
using Contests.Core.Accounts;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Account;

/// <summary>
/// A password someone made for another person (an administrator's "set a password"; a juror's, in the LRAC tests)
/// only lets that person choose their own, and expires after 14 days.
/// </summary>
public abstract class OneTimePasswordTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string OneTime = "maíz morado del valle";
    private const string Own = "chacra de mi abuela";

    private async Task<User> UserAsync(string userName)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContestsDbContext>().Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
    }

    private async Task SetPasswordAsAdminAsync(string userName, string password)
    {
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);
        var id = (await UserAsync(userName)).Id;
        var response = await admin.PostFormAsync($"/admin/users/{id}", $"/admin/users/{id}/password", ("Password", password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static void AssertSentToThePasswordPage(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/password", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task PasswordSetByAnAdministrator_OnlyLetsThePersonChooseTheirOwn_ThenNoLongerWorks()
    {
        await SetPasswordAsAdminAsync(TestUsers.Lrac, OneTime);
        var user = await UserAsync(TestUsers.Lrac);
        Assert.True(user.MustChangePassword);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromDays(14), user.PasswordExpiresUtc);

        // Whoever holds the one-time password (the administrator, here) reaches nothing but the password page.
        using var administrator = await App.SignedInClientAsync(TestUsers.Lrac, OneTime);
        foreach (var url in new[] { "/", "/judging", "/admin/users", "/account/passwordx" })
        {
            AssertSentToThePasswordPage(await administrator.GetAsync(url));
        }
        AssertSentToThePasswordPage(await administrator.PostFormAsync("/account/password", "/judging"));
        var page = await administrator.GetPageAsync("/account/password");
        Assert.Contains("id=\"must-change-password\"", page);

        // The person chooses their own: the same one-time password again is refused.
        using var person = await App.SignedInClientAsync(TestUsers.Lrac, OneTime);
        var same = await person.PostFormAsync("/account/password", ("CurrentPassword", OneTime), ("NewPassword", OneTime), ("ConfirmPassword", OneTime));
        Assert.Equal("La contraseña nueva debe ser distinta de la actual.", HtmlPage.ErrorOf(await same.Content.ReadAsStringAsync(), "NewPassword"));
        var changed = await person.PostFormAsync("/account/password", ("CurrentPassword", OneTime), ("NewPassword", Own), ("ConfirmPassword", Own));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/judging")).StatusCode);
        Assert.DoesNotContain("must-change-password", await person.GetPageAsync("/account/password"));

        // The administrator's session ended and the one-time password no longer signs in.
        var ended = await administrator.GetAsync("/account/password");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("http://localhost/account/login", ended.Headers.Location!.ToString());
        using var again = App.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await again.PostFormAsync("/account/login", ("UserName", TestUsers.Lrac), ("Password", OneTime))).StatusCode);
        user = await UserAsync(TestUsers.Lrac);
        Assert.False(user.MustChangePassword);
        Assert.Null(user.PasswordExpiresUtc);
    }

    [Fact]
    public async Task OneTimePassword_SignsInFor14Days_ThenIsRefusedWithTheReason()
    {
        await SetPasswordAsAdminAsync(TestUsers.Lrac, OneTime);

        App.Clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        using (var inTime = App.NewClient())
        {
            await inTime.SignInAsync(TestUsers.Lrac, OneTime);
        }
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        using var late = App.NewClient();
        var response = await late.PostFormAsync("/account/login", ("UserName", TestUsers.Lrac), ("Password", OneTime));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Su contraseña temporal venció: valía 14 días. Pida una nueva a quien creó su cuenta.",
            SignInTests<TApp>.ErrorSummary(await response.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith(".contests.auth=", StringComparison.Ordinal));
    }
}

public sealed class OneTimePasswordTestsOnSqlite(SqliteApp app) : OneTimePasswordTests<SqliteApp>(app);

public sealed class OneTimePasswordTestsOnPostgres(PostgresApp app) : OneTimePasswordTests<PostgresApp>(app);
