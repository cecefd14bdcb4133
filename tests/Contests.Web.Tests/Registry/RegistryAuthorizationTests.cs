using System.Net;
using Contests.Core.Registry;
using Contests.Web.Tests.Infrastructure;

namespace Contests.Web.Tests.Registry;

/// <summary>
/// The pages of one record (they need the record to exist, which the matrix in
/// <c>AuthorizationMatrixTests</c> does not create): who may open them, who is denied.
/// </summary>
public abstract class RegistryAuthorizationTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private static readonly string[] Readers = [TestUsers.Admin, TestUsers.Officer, TestUsers.Finance, TestUsers.Auditor, TestUsers.Monitoring];
    private static readonly string[] Managers = [TestUsers.Officer];

    // {household}, {community} … are replaced by the ids of the records the test creates.
    private static readonly (string Route, string[] Allowed)[] Routes =
    [
        ("/registry/households/{household}", Readers),
        ("/registry/households/{household}/edit", Managers),
        ("/registry/communities/{community}", Readers),
        ("/registry/communities/{community}/edit", Managers),
        ("/registry/organizations/{organization}", Readers),
        ("/registry/organizations/{organization}/edit", Managers),
        ("/registry/accounts/new?holder=Household&id={household}", Managers),
        ("/registry/accounts/{account}/edit", Managers),
        ("/registry/watersheds/{watershed}", Managers),
        ("/programme/funding/{source}", Readers),
        ("/programme/funding/{source}/edit", Managers),
    ];

    public static TheoryData<string> RecordRoutes() => [.. Routes.Select(r => r.Route)];

    private async Task<Dictionary<string, int>> RecordsAsync()
    {
        var data = new RegistryData(App);
        await data.AddTerritoryAsync();
        var community = await data.AddCommunityAsync("Ccollpa");
        var household = await data.AddHouseholdAsync(community, "Juana", "Quispe Mamani", "01234567", "F");
        return new Dictionary<string, int>
        {
            ["{community}"] = community,
            ["{household}"] = household,
            ["{organization}"] = await data.AddOrganizationAsync("Mujeres Emprendedoras de Ccollpa"),
            ["{account}"] = await data.AddAccountAsync(AccountHolderKind.Household, household, Cci.Compose("018", "251", "004401234567"), "Juana Quispe Mamani"),
            ["{watershed}"] = await data.AddWatershedAsync("Microcuenca Mariño", community),
            ["{source}"] = await data.AddFundingSourceAsync(await data.AddProgrammeAsync(), "Fondo concursable FIDA", 10000m),
        };
    }

    [Theory]
    [MemberData(nameof(RecordRoutes))]
    public async Task RecordPages_OpenOnlyForTheirPolicy_AnonymousIsSentToSignIn(string template)
    {
        var ids = await RecordsAsync();
        var route = ids.Aggregate(template, (r, id) => r.Replace(id.Key, id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var allowed = Routes.Single(r => r.Route == template).Allowed;

        using (var anonymous = App.NewClient())
        {
            var response = await anonymous.GetAsync(route);
            Assert.Equal("/account/login", Redirects.PathOf(response));
        }
        foreach (var user in TestUsers.ByName.Keys)
        {
            using var client = await App.SignedInClientAsync(user);

            var response = await client.GetAsync(route);

            if (allowed.Contains(user))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route} as {user}: {(int)response.StatusCode} {response.Headers.Location}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect && Redirects.PathOf(response) == "/account/denied",
                    $"{route} as {user}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
    }

    [Fact]
    public async Task LracMember_IsDeniedAHouseholdsPage_AndSeesNoRegistryInTheMenu()
    {
        var ids = await RecordsAsync();
        using var lrac = await App.SignedInClientAsync(TestUsers.Lrac);

        var response = await lrac.GetAsync($"/registry/households/{ids["{household}"]}");

        Assert.Equal("/account/denied", Redirects.PathOf(response));
        Assert.DoesNotContain("Juana", await (await lrac.GetAsync("/account/denied")).Content.ReadAsStringAsync());
        Assert.DoesNotContain("href=\"/registry\"", await lrac.GetPageAsync("/"));
    }

    [Theory]
    [InlineData(TestUsers.Finance)]
    [InlineData(TestUsers.Auditor)]
    [InlineData(TestUsers.Monitoring)]
    public async Task ReadOnlyRoles_AreOfferedNoEditing(string user)
    {
        var ids = await RecordsAsync();
        using var client = await App.SignedInClientAsync(user);

        var household = await client.GetPageAsync($"/registry/households/{ids["{household}"]}");
        var list = await client.GetPageAsync("/registry/households");

        Assert.DoesNotContain("/edit\"", household);
        Assert.DoesNotContain("/move\"", household);
        Assert.DoesNotContain("href=\"/registry/households/new\"", list);
    }

    [Fact]
    public async Task UnknownRecord_IsNotFound()
    {
        await RecordsAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        foreach (var route in new[] { "/registry/households/999", "/registry/communities/999", "/registry/organizations/999", "/programme/funding/999",
                     "/registry/accounts/999/edit", "/registry/accounts/new?holder=Household&id=999" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(route)).StatusCode);
        }
    }
}

public sealed class RegistryAuthorizationTestsOnSqlite(SqliteApp app) : RegistryAuthorizationTests<SqliteApp>(app);

public sealed class RegistryAuthorizationTestsOnPostgres(PostgresApp app) : RegistryAuthorizationTests<PostgresApp>(app);
