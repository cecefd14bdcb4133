using System.Net;
using Contests.Core.Registry;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Registry;

public abstract class CommunityTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RegistryData Data => new(App);

    [Fact]
    public async Task Create_Valid_RedirectsToItsPage_WhichShowsItsDistrict()
    {
        await Data.AddTerritoryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/communities/new",
            ("Name", "San José de Ccollpa"), ("Ubigeo", RegistryData.Abancay), ("RegistryNumber", "11001234"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var community = await Data.ReadAsync(db => db.Communities.SingleAsync());
        Assert.Equal($"/registry/communities/{community.Id}", response.Headers.Location!.OriginalString);
        var page = HtmlPage.Text(await officer.GetPageAsync(response.Headers.Location.OriginalString));
        Assert.Contains("Se registró la comunidad San José de Ccollpa.", page);
        Assert.Contains("Abancay (Abancay, Apurímac) · 030101", page);
        Assert.Contains("11001234", page);
        Assert.Equal(("San José de Ccollpa", RegistryData.Abancay, "11001234"), (community.Name, community.DistrictUbigeo, community.RegistryNumber));
    }

    [Theory]
    [InlineData("SAN JOSE DE CCOLLPA")]
    [InlineData("san josé de ccollpa")]
    [InlineData("  San  José de Ccollpa ")]
    public async Task Create_SameNameInTheDistrict_WhateverTheCaseOrAccents_IsRefused_PointingToIt(string name)
    {
        await Data.AddTerritoryAsync();
        var existing = await Data.AddCommunityAsync("San José de Ccollpa");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/communities/new", ("Name", name), ("Ubigeo", RegistryData.Abancay));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal($"Ya existe la comunidad «San José de Ccollpa» en ese distrito (N.º {existing}).", HtmlPage.ErrorOf(html, "Name"));
        Assert.Equal(name, HtmlPage.InputValue(html, "Name"));
        Assert.Equal(1, await Data.CountAsync<Community>());
    }

    [Fact]
    public async Task Create_SameNameInAnotherDistrict_IsAllowed()
    {
        await Data.AddTerritoryAsync();
        await Data.AddCommunityAsync("San José de Ccollpa");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/communities/new", ("Name", "San José de Ccollpa"), ("Ubigeo", RegistryData.Tamburco));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, await Data.CountAsync<Community>());
    }

    [Fact]
    public async Task Create_DistrictNotInTheTerritory_IsRefused()
    {
        await Data.AddTerritoryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/communities/new", ("Name", "Ccollpa"), ("Ubigeo", "030102"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("El distrito 030102 no está en el territorio registrado; agréguelo primero en Territorio.", HtmlPage.ErrorOf(html, "Ubigeo"));
        Assert.Equal("Ccollpa", HtmlPage.InputValue(html, "Name"));
        Assert.Equal(0, await Data.CountAsync<Community>());
    }

    [Fact]
    public async Task Create_EmptyForm_FlagsNameAndDistrict()
    {
        await Data.AddTerritoryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await (await officer.PostFormAsync("/registry/communities/new", ("Name", " "), ("Ubigeo", ""))).Content.ReadAsStringAsync();

        Assert.Equal("Complete el campo «Nombre».", HtmlPage.ErrorOf(html, "Name"));
        Assert.Equal("Escriba el UBIGEO del distrito.", HtmlPage.ErrorOf(html, "Ubigeo"));
        Assert.Null(HtmlPage.ErrorOf(html, "RegistryNumber"));
        Assert.Equal(0, await Data.CountAsync<Community>());
    }

    [Fact]
    public async Task Edit_KeepingItsNameAndChangingDistrict_Saves()
    {
        await Data.AddTerritoryAsync();
        var id = await Data.AddCommunityAsync("San José de Ccollpa");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync($"/registry/communities/{id}/edit",
            ("Name", "San José de Ccollpa"), ("Ubigeo", RegistryData.Tamburco), ("RegistryNumber", "11009999"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/registry/communities/{id}", response.Headers.Location!.OriginalString);
        var page = HtmlPage.Text(await officer.GetPageAsync($"/registry/communities/{id}"));
        Assert.Contains("Se guardó la comunidad San José de Ccollpa.", page);
        Assert.Contains("Tamburco (Abancay, Apurímac) · 030106", page);
        var community = await Data.ReadAsync(db => db.Communities.SingleAsync());
        Assert.Equal((RegistryData.Tamburco, "11009999"), (community.DistrictUbigeo, community.RegistryNumber));
    }

    [Fact]
    public async Task Edit_ToTheNameOfAnotherCommunityOfTheDistrict_IsRefused()
    {
        await Data.AddTerritoryAsync();
        var other = await Data.AddCommunityAsync("Villa Ampay");
        var id = await Data.AddCommunityAsync("San José de Ccollpa");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync($"/registry/communities/{id}/edit", ("Name", "villa ampay"), ("Ubigeo", RegistryData.Abancay));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Ya existe la comunidad «Villa Ampay» en ese distrito (N.º {other}).",
            HtmlPage.ErrorOf(await response.Content.ReadAsStringAsync(), "Name"));
        Assert.Equal("San José de Ccollpa", (await Data.ReadAsync(db => db.Communities.SingleAsync(c => c.Id == id))).Name);
    }

    [Fact]
    public async Task List_SearchesWithoutAccentsOrCase_AndFiltersByDistrict()
    {
        await Data.AddTerritoryAsync();
        await Data.AddCommunityAsync("San José de Ccollpa");
        await Data.AddCommunityAsync("Villa Ampay", RegistryData.Tamburco);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        Assert.Equal(["San José de Ccollpa"], HtmlPage.LinksTo(await officer.GetPageAsync("/registry/communities?q=jose"), "/registry/communities"));
        Assert.Equal(["Villa Ampay"], HtmlPage.LinksTo(await officer.GetPageAsync($"/registry/communities?district={RegistryData.Tamburco}"),
            "/registry/communities"));
    }
}

public sealed class CommunityTestsOnSqlite(SqliteApp app) : CommunityTests<SqliteApp>(app);

public sealed class CommunityTestsOnPostgres(PostgresApp app) : CommunityTests<PostgresApp>(app);
