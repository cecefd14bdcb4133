using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Contests.Core.Registry;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Registry;

public abstract class OrganizationTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RegistryData Data => new(App);

    private static (string, string)[] Organization(string name = "Mujeres Emprendedoras de Ccollpa", string ruc = "20131312955") =>
    [
        ("Name", name), ("Type", "WomensGroup"), ("Ruc", ruc), ("RegistryNumber", ""), ("Ubigeo", RegistryData.Abancay),
        ("PresidentName", "Rosa Huamán Ccori"), ("PresidentDni", "41234567"), ("TreasurerName", "Lucía Mamani Quispe"), ("TreasurerDni", "42345678"),
    ];

    private async Task<List<OrganizationMember>> MembersAsync(int organizationId) =>
        await Data.ReadAsync(db => db.Organizations.Where(o => o.Id == organizationId).SelectMany(o => o.Members).ToListAsync());

    [Fact]
    public async Task Create_WithRuc_RedirectsToItsPage()
    {
        await Data.AddTerritoryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/organizations/new", Organization());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var organization = await Data.ReadAsync(db => db.Organizations.SingleAsync());
        Assert.Equal($"/registry/organizations/{organization.Id}", response.Headers.Location!.OriginalString);
        var page = HtmlPage.Text(await officer.GetPageAsync(response.Headers.Location.OriginalString));
        Assert.Contains("Se registró la organización Mujeres Emprendedoras de Ccollpa.", page);
        Assert.Contains("Tipo Grupo de mujeres", page);
        Assert.Contains("RUC 20131312955", page);
        Assert.Equal(("20131312955", OrganizationType.WomensGroup, "41234567"), (organization.Ruc, organization.Type, organization.PresidentDni));
    }

    [Fact]
    public async Task Create_WrongRucCheckDigit_SaysWhichDigitItShouldBe_WritesNothing()
    {
        await Data.AddTerritoryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/organizations/new", Organization(ruc: "20131312950"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("El dígito verificador del RUC debería ser 5, no 0: revise los dígitos.", HtmlPage.ErrorOf(html, "Ruc"));
        Assert.Equal("20131312950", HtmlPage.InputValue(html, "Ruc"));
        Assert.Equal("Mujeres Emprendedoras de Ccollpa", HtmlPage.InputValue(html, "Name"));
        Assert.Equal(0, await Data.CountAsync<Organization>());
    }

    [Fact]
    public async Task Create_RucAlreadyRegistered_IsRefused_PointingToItsHolder()
    {
        await Data.AddTerritoryAsync();
        var existing = await Data.AddOrganizationAsync("Asociación de Productores de Ccollpa");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/organizations/new", Organization());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"El RUC 20131312955 ya está registrado para «Asociación de Productores de Ccollpa» (N.º {existing}).",
            HtmlPage.ErrorOf(await response.Content.ReadAsStringAsync(), "Ruc"));
        Assert.Equal(1, await Data.CountAsync<Organization>());
    }

    [Fact]
    public async Task Members_AddedByTheHeadsDni_ShownOnBothPages_ThenRemoved()
    {
        await Data.AddTerritoryAsync();
        var community = await Data.AddCommunityAsync("Ccollpa");
        var household = await Data.AddHouseholdAsync(community, "Juana", "Quispe Mamani", "01234567", "F");
        var id = await Data.AddOrganizationAsync("Mujeres Emprendedoras de Ccollpa");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var page = $"/registry/organizations/{id}";

        var added = await officer.PostFormAsync(page, $"{page}/members", ("dni", "01234567"));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(page, added.Headers.Location!.OriginalString);
        var html = await officer.GetPageAsync(page);
        Assert.Contains("Se agregó la familia como socia.", html);
        Assert.Equal(["Juana Quispe Mamani"], HtmlPage.LinksTo(html, "/registry/households"));
        Assert.Equal(["Mujeres Emprendedoras de Ccollpa"], HtmlPage.LinksTo(await officer.GetPageAsync($"/registry/households/{household}"), "/registry/organizations"));
        Assert.Equal(household, Assert.Single(await MembersAsync(id)).HouseholdId);

        var again = await officer.PostFormAsync(page, $"{page}/members", ("dni", "01234567"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("id=\"dni-error\">Esa familia ya es socia de la organización.", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        Assert.Single(await MembersAsync(id));

        var removed = await officer.PostFormAsync(page, $"{page}/members/{household.ToString(CultureInfo.InvariantCulture)}/remove");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        html = await officer.GetPageAsync(page);
        Assert.Contains("Se retiró la familia de la organización.", html);
        Assert.Empty(HtmlPage.LinksTo(html, "/registry/households"));
        Assert.Empty(await MembersAsync(id));
    }

    [Fact]
    public async Task Members_DniOfNoHead_SaysThereIsNoSuchHousehold()
    {
        await Data.AddTerritoryAsync();
        var community = await Data.AddCommunityAsync("Ccollpa");
        await Data.AddHouseholdAsync(community, "Pedro", "Huamán Ccori", "40111222", "M", "Rosa", "Condori Puma", "47777111");
        var id = await Data.AddOrganizationAsync("Mujeres Emprendedoras de Ccollpa");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var page = $"/registry/organizations/{id}";

        foreach (var (dni, message) in new[]
        {
            ("49999999", "No hay una familia registrada cuyo jefe(a) tenga el DNI 49999999."),
            ("47777111", "No hay una familia registrada cuyo jefe(a) tenga el DNI 47777111."), // a partner, not a head
            ("4011122", "El DNI tiene 8 dígitos y aquí hay 7."),
        })
        {
            // Refused on the page itself: the message next to the field and the DNI still in it, no redirect that loses both.
            var response = await officer.PostFormAsync(page, $"{page}/members", ("dni", dni));
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Matches($"id=\"dni-error\">{Regex.Escape(message)}", html);
            Assert.Contains($"value=\"{dni}\"", html, StringComparison.Ordinal);
        }
        Assert.Empty(await MembersAsync(id));
    }
}

public sealed class OrganizationTestsOnSqlite(SqliteApp app) : OrganizationTests<SqliteApp>(app);

public sealed class OrganizationTestsOnPostgres(PostgresApp app) : OrganizationTests<PostgresApp>(app);
