using Contests.Web.Tests.Infrastructure;

namespace Contests.Web.Tests.Registry;

/// <summary>Personal data (DNI) is masked except for the roles that register and pay people.</summary>
public abstract class DniMaskingTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string HeadDni = "45678912";
    private const string PartnerDni = "47654321";
    private const string PresidentDni = "41234567"; // see RegistryData.AddOrganizationAsync

    private RegistryData Data => new(App);

    /// <summary>A household with a partner, member of an organization; the pages that show their DNIs.</summary>
    private async Task<string[]> PagesAsync()
    {
        await Data.AddTerritoryAsync();
        var community = await Data.AddCommunityAsync("Ccollpa");
        var household = await Data.AddHouseholdAsync(community, "Juana", "Quispe Mamani", HeadDni, "F", "Pedro", "Huamán Ccori", PartnerDni);
        var organization = await Data.AddOrganizationAsync("Mujeres Emprendedoras de Ccollpa");
        await Data.WriteAsync(db => db.Organizations.Single().AddMember(household, App.Clock.GetUtcNow().UtcDateTime));
        return ["/registry/households", $"/registry/households/{household}", $"/registry/organizations/{organization}"];
    }

    [Theory]
    [InlineData(TestUsers.Officer)]
    [InlineData(TestUsers.Finance)]
    public async Task RolesThatRegisterOrPayPeople_SeeTheFullDni(string user)
    {
        var pages = await PagesAsync();
        using var client = await App.SignedInClientAsync(user);

        var list = await client.GetPageAsync(pages[0]);
        var household = await client.GetPageAsync(pages[1]);
        var organization = await client.GetPageAsync(pages[2]);

        Assert.Contains(HeadDni, list);
        Assert.Contains(HeadDni, household);
        Assert.Contains(PartnerDni, household);
        Assert.Contains(HeadDni, organization);
        Assert.Contains(PresidentDni, organization);
    }

    [Theory]
    [InlineData(TestUsers.Auditor)]
    [InlineData(TestUsers.Admin)]
    [InlineData(TestUsers.Monitoring)]
    public async Task OtherRoles_SeeOnlyTheLastTwoDigits_AndTheNumberIsNowhereInThePage(string user)
    {
        var pages = await PagesAsync();
        using var client = await App.SignedInClientAsync(user);

        var list = await client.GetPageAsync(pages[0]);
        var household = await client.GetPageAsync(pages[1]);
        var organization = await client.GetPageAsync(pages[2]);

        Assert.Contains("******12", HtmlPage.Text(list));
        Assert.Contains("DNI ******12", HtmlPage.Text(household));
        Assert.Contains("DNI ******21", HtmlPage.Text(household));
        Assert.Contains("DNI ******67", HtmlPage.Text(organization));
        foreach (var html in new[] { list, household, organization })
        {
            Assert.DoesNotContain(HeadDni, html);
            Assert.DoesNotContain(PartnerDni, html);
            Assert.DoesNotContain(PresidentDni, html);
            Assert.DoesNotContain(HeadDni[..6], html);
        }
    }
}

public sealed class DniMaskingTestsOnSqlite(SqliteApp app) : DniMaskingTests<SqliteApp>(app);

public sealed class DniMaskingTestsOnPostgres(PostgresApp app) : DniMaskingTests<PostgresApp>(app);
