using System.Net;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;
using Contests.Web.Tests.Rounds;

namespace Contests.Web.Tests.Admin;

/// <summary>
/// For each protected route and each role (and anonymous): allowed, sent to sign in, or denied.
/// Every feature adds its rows here.
/// </summary>
public abstract class AuthorizationMatrixTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    public enum Expect { Allow, SignIn, Deny }

    private const string Anonymous = "(anonymous)";

    private static readonly string[] ReadRegistry = [TestUsers.Admin, TestUsers.Officer, TestUsers.Finance, TestUsers.Auditor];
    private static readonly string[] ManageRegistry = [TestUsers.Officer];
    private static readonly string[] VerifyBankAccounts = [TestUsers.Officer, TestUsers.Finance];
    private static readonly string[] ReadRounds = [TestUsers.Admin, TestUsers.Officer, TestUsers.Finance, TestUsers.Auditor];
    private static readonly string[] ManageRounds = [TestUsers.Officer];

    // route → who may open it; everyone else signed in is denied, anonymous is sent to sign in.
    private static readonly (string Route, string[] Allowed)[] Routes =
    [
        ("/", [TestUsers.Admin, TestUsers.Officer, TestUsers.Lrac, TestUsers.Finance, TestUsers.Auditor]),
        ("/account/password", [TestUsers.Admin, TestUsers.Officer, TestUsers.Lrac, TestUsers.Finance, TestUsers.Auditor]),
        ("/admin/users", [TestUsers.Admin]),
        ("/admin/users/new", [TestUsers.Admin]),
        ("/admin/users/1", [TestUsers.Admin]),
        ("/audit", [TestUsers.Admin, TestUsers.Auditor]),
        ("/audit/verify", [TestUsers.Admin, TestUsers.Auditor]),
        ("/registry", ReadRegistry),
        ("/registry/households", ReadRegistry),
        ("/registry/households/new", ManageRegistry),
        ("/registry/communities", ReadRegistry),
        ("/registry/communities/new", ManageRegistry),
        ("/registry/organizations", ReadRegistry),
        ("/registry/organizations/new", ManageRegistry),
        ("/registry/accounts", ReadRegistry),
        ("/registry/territory", ReadRegistry),
        ("/registry/watersheds", ReadRegistry),
        ("/registry/watersheds/new", ManageRegistry),
        ("/programme", ReadRegistry),
        ("/programme/edit", ManageRegistry),
        ("/programme/funding/new", ManageRegistry),
        ("/rounds", ReadRounds),
        ("/rounds/new", ManageRounds),
    ];

    // Pages of round 1 (each test seeds it): who may open them.
    private static readonly (string Route, string[] Allowed)[] RoundRoutes =
    [
        ("/rounds/1", ReadRounds),
        ("/rounds/1/rules", ReadRounds),
        ("/rounds/1/entries", ReadRounds),
        ("/rounds/1/entries/1", ReadRounds),
        ("/rounds/1/edit", ManageRounds),
        ("/rounds/1/rules/edit", ManageRounds),
        ("/rounds/1/entries/new", ManageRounds),
        ("/rounds/1/entries/import", ManageRounds),
        ("/rounds/1/entries/import/template", ManageRounds),
    ];

    // POST route → who may post; the others are denied even with a valid antiforgery token. Routes with
    // ids need no data: authorization runs before the action looks anything up.
    private static readonly (string Route, string[] Allowed)[] PostRoutes =
    [
        ("/registry/territory", ManageRegistry),
        ("/registry/communities/new", ManageRegistry),
        ("/registry/communities/1/edit", ManageRegistry),
        ("/registry/households/new", ManageRegistry),
        ("/registry/households/1/edit", ManageRegistry),
        ("/registry/households/1/move", ManageRegistry),
        ("/registry/organizations/new", ManageRegistry),
        ("/registry/organizations/1/edit", ManageRegistry),
        ("/registry/organizations/1/members", ManageRegistry),
        ("/registry/organizations/1/members/1/remove", ManageRegistry),
        ("/registry/accounts/new", ManageRegistry),
        ("/registry/accounts/1/edit", ManageRegistry),
        ("/registry/accounts/1/deactivate", ManageRegistry),
        ("/registry/accounts/1/verify", VerifyBankAccounts),
        ("/registry/watersheds/new", ManageRegistry),
        ("/registry/watersheds/1", ManageRegistry),
        ("/programme/edit", ManageRegistry),
        ("/programme/offices", ManageRegistry),
        ("/programme/funding/new", ManageRegistry),
        ("/programme/funding/1/edit", ManageRegistry),
        ("/programme/funding/1/adjust", ManageRegistry),
        ("/rounds/new", ManageRounds),
        ("/rounds/1/edit", ManageRounds),
        ("/rounds/1/rules/edit", ManageRounds),
        ("/rounds/1/phase", ManageRounds),
        ("/rounds/1/calendar", ManageRounds),
        ("/rounds/1/entries/new", ManageRounds),
        ("/rounds/1/entries/1/withdraw", ManageRounds),
        ("/rounds/1/entries/1/disqualify", ManageRounds),
        ("/rounds/1/entries/1/baseline", ManageRounds),
        ("/rounds/1/entries/1/photos", ManageRounds),
        ("/rounds/1/entries/import", ManageRounds),
    ];

    private static readonly string[] Public = ["/account/login", "/health"];

    public static TheoryData<string, string, Expect> Matrix()
    {
        var data = new TheoryData<string, string, Expect>();
        foreach (var (route, allowed) in Routes)
        {
            data.Add(route, Anonymous, Expect.SignIn);
            foreach (var user in TestUsers.ByName.Keys)
            {
                data.Add(route, user, allowed.Contains(user) ? Expect.Allow : Expect.Deny);
            }
        }
        foreach (var route in Public)
        {
            data.Add(route, Anonymous, Expect.Allow);
        }
        return data;
    }

    public static TheoryData<string> RoundPages() => [.. RoundRoutes.Select(r => r.Route)];

    public static TheoryData<string> RegistryPostRoutes() => [.. PostRoutes.Select(r => r.Route)];

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Get(string route, string user, Expect expected)
    {
        // Every installation is set up with its programme (without one, /programme sends you to set it up).
        await new RegistryData(App).AddProgrammeAsync();
        using var client = user == Anonymous ? App.NewClient() : await App.SignedInClientAsync(user);

        var response = await client.GetAsync(route);

        var actual = response.StatusCode switch
        {
            HttpStatusCode.OK => Expect.Allow,
            HttpStatusCode.Redirect when response.Headers.Location!.AbsolutePath == "/account/login" => Expect.SignIn,
            HttpStatusCode.Redirect when response.Headers.Location!.AbsolutePath == "/account/denied" => Expect.Deny,
            var other => throw new Xunit.Sdk.XunitException($"{route} as {user}: unexpected {(int)other} → {response.Headers.Location}"),
        };
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(RoundPages))]
    public async Task Get_RoundPages_ByRole(string route)
    {
        await SeedRoundWithOneEntryAsync();
        var allowed = RoundRoutes.Single(r => r.Route == route).Allowed;
        using (var anonymous = App.NewClient())
        {
            Assert.Equal("/account/login", Redirects.PathOf(await anonymous.GetAsync(route)));
        }
        foreach (var user in TestUsers.ByName.Keys)
        {
            using var client = await App.SignedInClientAsync(user);
            var response = await client.GetAsync(route);
            if (allowed.Contains(user))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {route} as {user}: {(int)response.StatusCode} {response.Headers.Location}");
            }
            else
            {
                Assert.Equal("/account/denied", Redirects.PathOf(response));
            }
        }
    }

    /// <summary>Round 1, open, with entry 1 (a household of Huayllabamba).</summary>
    private async Task SeedRoundWithOneEntryAsync()
    {
        var round = await OpenRound.SeedAsync(App);
        await round.RegisterAsync(App, round.Inside[0]);
        Assert.Equal(1, round.Id);
    }

    [Theory]
    [InlineData("/admin/users/new")]
    [InlineData("/admin/users/1")]
    [InlineData("/admin/users/1/password")]
    [InlineData("/admin/users/1/unlock")]
    public async Task Post_AdminRoutes_DeniedToOtherRoles_EvenWithAValidToken(string route)
    {
        foreach (var user in TestUsers.ByName.Keys.Where(u => u != TestUsers.Admin))
        {
            using var client = await App.SignedInClientAsync(user);

            var response = await client.PostFormAsync("/account/password", route, ("DisplayName", "x"), ("Roles", "Admin"), ("IsActive", "true"));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/denied", response.Headers.Location!.AbsolutePath);
        }
    }

    [Theory]
    [MemberData(nameof(RegistryPostRoutes))]
    public async Task Post_RegistryAndProgrammeRoutes_DeniedToRolesOutsideThePolicy_EvenWithAValidToken(string route)
    {
        var allowed = PostRoutes.Single(r => r.Route == route).Allowed;
        foreach (var user in TestUsers.ByName.Keys)
        {
            using var client = await App.SignedInClientAsync(user);

            var response = await client.PostFormAsync("/account/password", route, ("Name", "x"), ("communityId", "1"), ("dni", "01234567"));

            var denied = response.StatusCode == HttpStatusCode.Redirect && Redirects.PathOf(response) == "/account/denied";
            Assert.True(allowed.Contains(user) != denied, $"POST {route} as {user}: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task DeniedPage_IsAForbiddenStatusWithAnExplanation()
    {
        using var client = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await client.GetAsync("/account/denied");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Su rol no permite abrir esta página", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Menu_ShowsOnlyWhatTheRoleMayOpen()
    {
        foreach (var (route, allowed) in Routes.Where(r => r.Route is "/admin/users" or "/audit" or "/registry" or "/programme" or "/rounds"))
        {
            foreach (var user in TestUsers.ByName.Keys)
            {
                using var client = await App.SignedInClientAsync(user);
                var home = await client.GetPageAsync("/");
                Assert.Equal(allowed.Contains(user), home.Contains($"href=\"{route}\"", StringComparison.Ordinal));
            }
        }
    }
}

public sealed class AuthorizationMatrixTestsOnSqlite(SqliteApp app) : AuthorizationMatrixTests<SqliteApp>(app);

public sealed class AuthorizationMatrixTestsOnPostgres(PostgresApp app) : AuthorizationMatrixTests<PostgresApp>(app);
