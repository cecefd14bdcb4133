using System.Net;
using Contests.Core.Registry;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Registry;

public abstract class TerritoryTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RegistryData Data => new(App);

    [Fact]
    public async Task AddDistrict_New_CreatesItsProvinceAndDepartment_AndListsIt()
    {
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/territory",
            ("Ubigeo", "030101"), ("DepartmentName", "Apurímac"), ("ProvinceName", "Abancay"), ("DistrictName", "Abancay"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/registry/territory", response.Headers.Location!.OriginalString);
        var page = HtmlPage.Text(await officer.GetPageAsync("/registry/territory"));
        Assert.Contains("Se agregó el distrito Abancay.", page);
        Assert.Contains("030101 Abancay Abancay Apurímac", page);
        Assert.Equal("Apurímac", (await Data.ReadAsync(db => db.Departments.SingleAsync(d => d.Code == "03"))).Name);
        Assert.Equal("Abancay", (await Data.ReadAsync(db => db.Provinces.SingleAsync(p => p.Code == "0301"))).Name);
    }

    [Fact]
    public async Task AddDistrict_UnknownDepartmentCode_SaysWhy_KeepsWhatWasTyped()
    {
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/territory",
            ("Ubigeo", "990101"), ("DepartmentName", "Apurímac"), ("ProvinceName", "Abancay"), ("DistrictName", "Abancay"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("El departamento 99 no existe: los dos primeros dígitos van de 01 a 25.", HtmlPage.ErrorOf(html, "Ubigeo"));
        Assert.Equal("990101", HtmlPage.InputValue(html, "Ubigeo"));
        Assert.Equal("Apurímac", HtmlPage.InputValue(html, "DepartmentName"));
        Assert.Equal(0, await Data.CountAsync<District>());
        Assert.Equal(0, await Data.CountAsync<Department>());
    }

    [Fact]
    public async Task AddDistrict_ProvinceNamedOtherwiseThanRegistered_IsRefused()
    {
        await Data.AddTerritoryAsync(); // province 0301 is Abancay
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/territory",
            ("Ubigeo", "030102"), ("DepartmentName", "Apurímac"), ("ProvinceName", "Andahuaylas"), ("DistrictName", "Chacoche"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("La provincia 0301 ya está registrada como «Abancay».", HtmlPage.ErrorOf(html, "ProvinceName"));
        Assert.Null(HtmlPage.ErrorOf(html, "DepartmentName"));
        Assert.False(await Data.ReadAsync(db => db.Districts.AnyAsync(d => d.Ubigeo == "030102")));
    }

    [Fact]
    public async Task AddDistrict_RegisteredNamesTypedWithoutAccentsOrInCapitals_AreTheSamePlaces()
    {
        await Data.AddTerritoryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/territory",
            ("Ubigeo", "030102"), ("DepartmentName", "APURIMAC"), ("ProvinceName", "abancay"), ("DistrictName", "Chacoche"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await Data.CountAsync<Province>());
        Assert.Equal("Apurímac", (await Data.ReadAsync(db => db.Departments.SingleAsync())).Name);
    }

    [Fact]
    public async Task AddDistrict_UbigeoAlreadyRegistered_IsRefused()
    {
        await Data.AddTerritoryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/territory",
            ("Ubigeo", "030101"), ("DepartmentName", "Apurímac"), ("ProvinceName", "Abancay"), ("DistrictName", "Otro"));

        Assert.Equal("El UBIGEO 030101 ya está registrado (Abancay).", HtmlPage.ErrorOf(await response.Content.ReadAsStringAsync(), "Ubigeo"));
        Assert.Equal(2, await Data.CountAsync<District>());
    }
}

public sealed class TerritoryTestsOnSqlite(SqliteApp app) : TerritoryTests<SqliteApp>(app);

public sealed class TerritoryTestsOnPostgres(PostgresApp app) : TerritoryTests<PostgresApp>(app);
