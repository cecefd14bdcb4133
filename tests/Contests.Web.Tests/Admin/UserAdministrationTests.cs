using System.Net;
using Contests.Core.Accounts;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Admin;

public abstract class UserAdministrationTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private async Task<int> UserCountAsync()
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContestsDbContext>().Users.CountAsync();
    }

    private async Task<User> FindAsync(string userName)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContestsDbContext>().Users.SingleAsync(u => u.UserName == userName);
    }

    [Fact]
    public async Task Create_ValidUser_CanSignInWithTheirRoles()
    {
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);

        var response = await admin.PostFormAsync("/admin/users/new",
            ("UserName", "JQuispe"), ("DisplayName", "Juana Quispe Mamani"), ("Roles", "ProjectOfficer"), ("Roles", "FinanceOfficer"),
            ("Password", "papa amarilla 2026"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await admin.GetPageAsync("/admin/users");
        Assert.Contains("Se creó el usuario jquispe.", list);
        Assert.Contains("Juana Quispe Mamani", list);
        var user = await FindAsync("jquispe");
        Assert.Equal([Role.ProjectOfficer, Role.FinanceOfficer], user.Roles.Select(r => r.Role).Order());
        using var juana = await App.SignedInClientAsync("jquispe", "papa amarilla 2026");
    }

    [Fact]
    public async Task Create_BadInput_KeepsWhatWasTyped_SaysWhy_WritesNothing()
    {
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);
        var before = await UserCountAsync();

        var response = await admin.PostFormAsync("/admin/users/new",
            ("UserName", "josé pérez"), ("DisplayName", "José Pérez Huamán"), ("Password", "corta"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("letras minúsculas sin tildes", html);
        Assert.Contains("Elija al menos un rol.", html);
        Assert.Contains("La contraseña debe tener al menos 10 caracteres.", html);
        Assert.Contains("value=\"josé pérez\"", html);
        Assert.Contains("value=\"José Pérez Huamán\"", html);
        Assert.DoesNotContain("value=\"corta\"", html);
        Assert.Equal(before, await UserCountAsync());
    }

    [Fact]
    public async Task Create_BlankRequiredField_StillReportsEveryOtherProblemAtOnce()
    {
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);

        var response = await admin.PostFormAsync("/admin/users/new", ("UserName", "José P"), ("DisplayName", ""), ("Password", ""));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Complete el campo «Nombre completo».", html);
        Assert.Contains("Complete el campo «Contraseña inicial».", html);
        Assert.Contains("letras minúsculas sin tildes", html);
        Assert.Contains("Elija al menos un rol.", html);
        Assert.DoesNotContain("Ingrese una contraseña.", html); // one message per field
    }

    [Fact]
    public async Task Create_TakenUserName_IsRefused()
    {
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);

        var response = await admin.PostFormAsync("/admin/users/new",
            ("UserName", TestUsers.Officer), ("DisplayName", "Otro"), ("Roles", "Auditor"), ("Password", "papa amarilla 2026"));

        Assert.Contains($"Ya existe el usuario «{TestUsers.Officer}».", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Edit_ChangingRoles_SignsThePersonOutEverywhere()
    {
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);
        var id = (await FindAsync(TestUsers.Officer)).Id;

        var response = await admin.PostFormAsync($"/admin/users/{id}",
            ("DisplayName", "Test ProjectOfficer"), ("Roles", "ProjectOfficer"), ("Roles", "Auditor"), ("IsActive", "true"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/")).StatusCode);
        using var again = await App.SignedInClientAsync(TestUsers.Officer);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/audit")).StatusCode);
    }

    [Fact]
    public async Task Edit_Deactivated_CannotSignIn()
    {
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);
        var id = (await FindAsync(TestUsers.Finance)).Id;

        await admin.PostFormAsync($"/admin/users/{id}", ("DisplayName", "Test FinanceOfficer"), ("Roles", "FinanceOfficer"), ("IsActive", "false"));

        using var client = App.NewClient();
        var response = await client.PostFormAsync("/account/login", ("UserName", TestUsers.Finance), ("Password", TestUsers.Password));
        Assert.Contains("Esta cuenta está desactivada.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Edit_AdminCannotDemoteThemself()
    {
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);
        var id = (await FindAsync(TestUsers.Admin)).Id;

        var response = await admin.PostFormAsync($"/admin/users/{id}", ("DisplayName", "Test Admin"), ("Roles", "Auditor"), ("IsActive", "true"));

        Assert.Contains("No puede quitarse a sí mismo(a) el rol de administrador", await response.Content.ReadAsStringAsync());
        Assert.True((await FindAsync(TestUsers.Admin)).HasRole(Role.Admin));
    }

    [Fact]
    public async Task Unlock_LetsALockedUserInBeforeTheLockEnds()
    {
        using (var attacker = App.NewClient())
        {
            for (var i = 0; i < 5; i++)
            {
                await attacker.PostFormAsync("/account/login", ("UserName", TestUsers.Lrac), ("Password", "wrong-password"));
            }
        }
        var id = (await FindAsync(TestUsers.Lrac)).Id;
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);
        Assert.Contains("Cuenta bloqueada por intentos fallidos", await admin.GetPageAsync($"/admin/users/{id}"));

        await admin.PostFormAsync($"/admin/users/{id}", $"/admin/users/{id}/unlock");

        using var lrac = await App.SignedInClientAsync(TestUsers.Lrac);
    }

    [Fact]
    public async Task SetPassword_TooShort_ShowsWhy()
    {
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);
        var id = (await FindAsync(TestUsers.Lrac)).Id;

        var response = await admin.PostFormAsync($"/admin/users/{id}", $"/admin/users/{id}/password", ("Password", "corta"));
        var page = await response.Content.ReadAsStringAsync();

        // On the user's page itself, next to the password field (not a banner after a redirect).
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("id=\"Password-error\">La contraseña debe tener al menos 10 caracteres.", page, StringComparison.Ordinal);
        using var lrac = await App.SignedInClientAsync(TestUsers.Lrac);
    }

    [Fact]
    public async Task List_SearchesByNameAndPages()
    {
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);

        var html = await admin.GetPageAsync("/admin/users?q=auditor");

        Assert.Contains(TestUsers.Auditor, html);
        Assert.DoesNotContain(TestUsers.Finance, html);
        Assert.Contains("1 usuarios", html);
    }
}

public sealed class UserAdministrationTestsOnSqlite(SqliteApp app) : UserAdministrationTests<SqliteApp>(app);

public sealed class UserAdministrationTestsOnPostgres(PostgresApp app) : UserAdministrationTests<PostgresApp>(app);
