using System.Globalization;
using System.Net;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Rounds;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.InputHygiene;

/// <summary>
/// The names of places and organizations follow one rule (<c>Text.Name</c>) on every form that types one: emoji in any
/// form (pictographs, skin tones, flags, keycaps) are refused on the field, what was typed stays in the form, and nothing
/// is written; Quechua and Aymara names with their apostrophes are saved.
/// </summary>
public abstract class PlaceNameScreensTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RoundData Data => new(App);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A form with one name field: the page it is on, where it posts, its fields (the name last), what it writes.</summary>
    private static (string Page, string Action, (string, string)[] Fields) Form(string form, RoundWorld world, string name) => form switch
    {
        "programme" => ("/programme/edit", "/programme/edit", [("Funder", "FIDA"), ("Name", name)]),
        "funder" => ("/programme/edit", "/programme/edit", [("Name", "Sierra Sur II"), ("Funder", name)]),
        "office" => ("/programme", "/programme/offices", [("City", "Abancay"), ("ChiefName", "Julio Céspedes Rojas"), ("OfficeName", name)]),
        "city" => ("/programme", "/programme/offices", [("OfficeName", "Oficina Local Chalhuanca"), ("ChiefName", "Julio Céspedes Rojas"), ("City", name)]),
        "source" => ("/programme/funding/new", "/programme/funding/new", [("Kind", "ProjectLoanOrGrant"), ("Committed", "1000"), ("Name", name)]),
        "watershed" => ("/registry/watersheds/new", "/registry/watersheds/new", [("CommunityIds", Id(world.Ampay)), ("Name", name)]),
        "district" => ("/registry/territory", "/registry/territory",
            [("Ubigeo", "030102"), ("DepartmentName", "Apurímac"), ("ProvinceName", "Abancay"), ("DistrictName", name)]),
        _ => ("/rounds/new", "/rounds/new",
            [("LocalOfficeId", Id(world.OfficeId)), ("Level", "Households"), ("PoolBy", "Community"), ("Themes", "SoilAndWater"),
             ("Districts", "030101"), ("Communities", Id(world.Ampay)), ("Categories", ""), ("Name", name)]),
    };

    [Theory]
    [InlineData("programme", "Sierra Sur 😀")]
    [InlineData("funder", "FIDA 🇵🇪")]
    [InlineData("office", "Oficina 🏔 Abancay")]
    [InlineData("city", "Abancay ☀")]
    [InlineData("source", "Fondo 👍🏽")]
    [InlineData("watershed", "Microcuenca Mariño 1\uFE0F\u20E3")]
    [InlineData("district", "Tamburco 😀")]
    [InlineData("round", "Concurso Ccollpa 2026 🏆")]
    public async Task NameWithEmoji_RefusedOnTheField_KeepsWhatWasTyped_NothingWritten(string form, string name)
    {
        var world = await Data.WorldAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var (page, action, fields) = Form(form, world, name);
        var field = fields[^1].Item1;
        var audits = await AuditsAsync();

        var response = await officer.PostFormAsync(page, action, fields);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = HtmlPage.ErrorOf(html, field);
        Assert.NotNull(message);
        Assert.Contains("no admite emojis", message, StringComparison.Ordinal);
        Assert.Equal(name, HtmlPage.InputValue(html, field));
        Assert.Equal(audits, await AuditsAsync());
    }

    [Theory]
    [InlineData("watershed", "Microcuenca Q'ero Jach’a Uma")]
    [InlineData("district", "Ch'uqi Marka")]
    [InlineData("round", "Concurso Qhapaqʼ Ñan N° 2")]
    public async Task QuechuaAndAymaraNames_AreSaved(string form, string name)
    {
        var world = await Data.WorldAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var (page, action, fields) = Form(form, world, name);

        var response = await officer.PostFormAsync(page, action, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await Data.Registry.ReadAsync(db => form switch
        {
            "watershed" => db.Watersheds.AnyAsync(w => w.Name == name),
            "district" => db.Districts.AnyAsync(d => d.Name == name),
            _ => db.Rounds.AnyAsync(r => r.Name == name),
        });
        Assert.True(saved);
    }

    private Task<int> AuditsAsync() => Data.Registry.ReadAsync(db => db.AuditRecords.CountAsync());
}

public sealed class PlaceNameScreensTestsOnSqlite(SqliteApp app) : PlaceNameScreensTests<SqliteApp>(app);

public sealed class PlaceNameScreensTestsOnPostgres(PostgresApp app) : PlaceNameScreensTests<PostgresApp>(app);
