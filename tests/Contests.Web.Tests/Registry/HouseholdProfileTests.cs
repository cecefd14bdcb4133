using System.Globalization;
using System.Net;
using Contests.Core.Registry;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Registry.ImportKit;

namespace Contests.Web.Tests.Registry;

/// <summary>The household's optional profile (the head's mother tongue and education): form, page and CSV import.</summary>
public abstract class HouseholdProfileTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RegistryData Data => new(App);

    private static (string, string)[] Household(int communityId, string tongue, string education) =>
    [
        ("CommunityId", communityId.ToString(CultureInfo.InvariantCulture)),
        ("HeadFirstNames", "Juana Rosa"), ("HeadLastNames", "Quispe Mamani"), ("HeadDni", "01234567"), ("HeadSex", "F"), ("HeadBirthYear", "1980"),
        ("Members", "4"), ("Phone", "983 111 222"), ("MotherTongue", tongue), ("Education", education),
    ];

    private async Task<int> CommunityAsync()
    {
        await Data.AddTerritoryAsync();
        return await Data.AddCommunityAsync("Ccollpa");
    }

    [Fact]
    public async Task Register_WithMotherTongueAndEducation_StoresThem_AndTheHouseholdPageShowsThem()
    {
        var community = await CommunityAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/households/new", Household(community, "Quechua", "Primary"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var household = await Data.ReadAsync(db => db.Households.SingleAsync());
        Assert.Equal((MotherTongue.Quechua, EducationLevel.Primary), (household.MotherTongue, household.Education));
        var page = await officer.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("<dd id=\"mother-tongue\" data-code=\"Quechua\">Quechua</dd>", page);
        Assert.Contains("<dd id=\"education\" data-code=\"Primary\">Primaria</dd>", page);
    }

    [Fact]
    public async Task Register_WithoutProfile_IsFine_AndThePageSaysNotRecorded()
    {
        var community = await CommunityAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/households/new", Household(community, "", ""));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var household = await Data.ReadAsync(db => db.Households.SingleAsync());
        Assert.Equal((null, null), (household.MotherTongue, household.Education));
        var page = await officer.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("<dd id=\"mother-tongue\" data-code=\"\">No registrado</dd>", page);
    }

    [Fact]
    public async Task Register_UnknownValues_MessageOnEachField_KeepsWhatWasTyped_WritesNothing()
    {
        var community = await CommunityAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/households/new", Household(community, "Klingon", "Doctorado"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("«Klingon» no es una lengua materna reconocida", HtmlPage.ErrorOf(html, "MotherTongue"));
        Assert.StartsWith("«Doctorado» no es un nivel educativo reconocido", HtmlPage.ErrorOf(html, "Education"));
        Assert.Null(HtmlPage.ErrorOf(html, "HeadDni"));
        Assert.Equal("Quispe Mamani", HtmlPage.InputValue(html, "HeadLastNames"));
        Assert.Equal("983 111 222", HtmlPage.InputValue(html, "Phone"));
        Assert.Contains("<option value=\"Klingon\" selected>Klingon</option>", html);
        Assert.Equal(0, await Data.CountAsync<Household>());
    }

    [Fact]
    public async Task Edit_ShowsTheStoredProfileSelected_AndChangesIt()
    {
        var community = await CommunityAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await officer.PostFormAsync("/registry/households/new", Household(community, "Aymara", "Secondary"));
        var id = await Data.ReadAsync(db => db.Households.Select(h => h.Id).SingleAsync());

        var form = await officer.GetPageAsync($"/registry/households/{id}/edit");
        Assert.Contains("<option value=\"Aymara\" selected=\"selected\">Aimara</option>", form);
        Assert.Contains("<option value=\"Secondary\" selected=\"selected\">Secundaria</option>", form);

        var fields = Household(community, "Spanish", "").Where(f => f.Item1 != "CommunityId").ToArray();
        var response = await officer.PostFormAsync($"/registry/households/{id}/edit", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var household = await Data.ReadAsync(db => db.Households.SingleAsync());
        Assert.Equal((MotherTongue.Spanish, (EducationLevel?)null), (household.MotherTongue, household.Education));
    }

    private static string ProfileCsv(params (string Dni, string Tongue, string Education)[] rows) =>
        Csv(HouseholdsHeader, rows.Select(r => HouseholdLine(r.Dni).Concat([r.Tongue, r.Education]).ToArray()));

    [Fact]
    public async Task Import_AcceptsCodesAndSpanishLabels_AnyCaseWithOrWithoutAccents()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        Assert.EndsWith("lengua_materna,nivel_educativo", HouseholdsHeader);

        await ImportedAsync(officer, ImportKind.Households, Utf8(ProfileCsv(
            ("10000001", "Quechua", "Primaria"), ("10000002", "aimara", "superior tecnica"), ("10000003", "Castellano", "Superior universitaria"),
            ("10000004", "Spanish", "HigherTechnical"), ("10000005", "", ""), ("10000006", "Otra", "Sin nivel"))));

        var profiles = await QueryAsync(App, db => db.Households.OrderBy(h => h.HeadDni).Select(h => new { h.MotherTongue, h.Education }).ToListAsync());
        Assert.Equal(
            [
                (MotherTongue.Quechua, EducationLevel.Primary), (MotherTongue.Aymara, EducationLevel.HigherTechnical),
                (MotherTongue.Spanish, EducationLevel.HigherUniversity), (MotherTongue.Spanish, EducationLevel.HigherTechnical),
                ((MotherTongue?)null, (EducationLevel?)null), (MotherTongue.Other, EducationLevel.None),
            ],
            profiles.Select(p => (p.MotherTongue, p.Education)));
    }

    [Fact]
    public async Task Import_WithoutTheProfileColumns_StillImports()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var oldHeader = string.Join(",", ImportLayouts.Households.Where(c => c.Field is not ("MotherTongue" or "Education")).Select(c => c.Header));

        await ImportedAsync(officer, ImportKind.Households, Utf8(Csv(oldHeader, [HouseholdLine("10000001")])));

        Assert.Equal(1, await Data.CountAsync<Household>());
    }

    [Fact]
    public async Task Import_UnknownValues_AreReportedOnTheirRowAndColumn_InSpanishOrEnglish_NothingWritten()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var file = Utf8(ProfileCsv(("10000001", "Quechua", "Primaria"), ("10000002", "Klingon", "Primaria"), ("10000003", "Aimara", "Doctorado")));

        var (_, problems) = await RefusedAsync(officer, ImportKind.Households, file);

        Assert.Equal(
            [(3, "lengua_materna"), (4, "nivel_educativo")],
            problems.Select(p => (p.Row, p.Column)));
        Assert.StartsWith("«Klingon» no es una lengua materna reconocida: escriba Quechua, Aimara, Castellano u Otra", problems[0].Message);
        Assert.Equal(0, await Data.CountAsync<Household>());

        await officer.PostFormAsync("/", "/account/language", ("culture", "en"), ("returnUrl", "/"));
        var (_, english) = await RefusedAsync(officer, ImportKind.Households, file);
        Assert.StartsWith("«Klingon» is not a known mother tongue: write Quechua, Aymara, Spanish or Other", english[0].Message);
        Assert.StartsWith("«Doctorado» is not a known education level", english[1].Message);
    }
}

public sealed class HouseholdProfileTestsOnSqlite(SqliteApp app) : HouseholdProfileTests<SqliteApp>(app);

public sealed class HouseholdProfileTestsOnPostgres(PostgresApp app) : HouseholdProfileTests<PostgresApp>(app);
