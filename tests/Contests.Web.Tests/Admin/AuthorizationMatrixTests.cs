using System.Net;
using Contests.Web.Tests.Infrastructure;

namespace Contests.Web.Tests.Admin;

/// <summary>
/// For each protected route and each role (and anonymous): allowed, sent to sign in, or denied.
/// Every feature adds its rows here.
/// </summary>
public abstract class AuthorizationMatrixTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    public enum Expect { Allow, SignIn, Deny }

    private const string Anonymous = "(anonymous)";

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

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Get(string route, string user, Expect expected)
    {
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
        foreach (var (route, allowed) in Routes.Where(r => r.Route is "/admin/users" or "/audit"))
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
