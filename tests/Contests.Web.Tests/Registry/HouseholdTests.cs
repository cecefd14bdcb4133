using System.Globalization;
using System.Net;
using Contests.Core.Common;
using Contests.Core.Registry;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Registry;

public abstract class HouseholdTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RegistryData Data => new(App);

    /// <summary>A complete household with a partner, as an officer types it.</summary>
    private static (string, string)[] Household(int communityId, string headDni = "01234567", string partnerDni = "45678912") =>
    [
        ("CommunityId", communityId.ToString(CultureInfo.InvariantCulture)),
        ("HeadFirstNames", "Juana Rosa"), ("HeadLastNames", "Quispe Mamani"), ("HeadDni", headDni), ("HeadSex", "F"), ("HeadBirthYear", "1980"),
        ("PartnerFirstNames", "Pedro"), ("PartnerLastNames", "Huamán Ccori"), ("PartnerDni", partnerDni), ("PartnerSex", "M"),
        ("Members", "5"), ("Phone", "+51 984 123 456"),
    ];

    private static string Lima(DateTime utc) => LimaTime.FromUtc(utc).ToString("g", CultureInfo.GetCultureInfo("es-PE"));

    /// <summary>The heads' names in the list, in order.</summary>
    private static List<string> Rows(string html) => HtmlPage.LinksTo(html, "/registry/households");

    private async Task<int> CommunityWithTerritoryAsync(string name = "Ccollpa")
    {
        await Data.AddTerritoryAsync();
        return await Data.AddCommunityAsync(name);
    }

    [Fact]
    public async Task Register_ValidHousehold_RedirectsToItsPage_WhichShowsIt()
    {
        var community = await CommunityWithTerritoryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/households/new", Household(community));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var household = await Data.ReadAsync(db => db.Households.Include(h => h.Memberships).SingleAsync());
        Assert.Equal($"/registry/households/{household.Id}", response.Headers.Location!.OriginalString);
        var page = HtmlPage.Text(await officer.GetPageAsync(response.Headers.Location.OriginalString));
        Assert.Contains("Se registró la familia de Juana Rosa Quispe Mamani.", page);
        Assert.Contains("Juana Rosa Quispe Mamani", page);
        Assert.Contains("Comunidad Ccollpa (Abancay)", page);
        Assert.Contains("Cónyuge Pedro Huamán Ccori · DNI 45678912", page);
        Assert.True(household.WomenHeaded);
        Assert.Equal(community, Assert.Single(household.Memberships).CommunityId);
    }

    [Fact]
    public async Task List_SearchesByName_AnyCase_AndByDniPrefix_OfHeadOrPartner()
    {
        var community = await CommunityWithTerritoryAsync();
        await Data.AddHouseholdAsync(community, "Juana", "Quispe Mamani", "01234567", "F");
        await Data.AddHouseholdAsync(community, "Pedro", "Huamán Ccori", "40111222", "M", "Rosa", "Condori Puma", "47777111");
        await Data.AddHouseholdAsync(community, "María", "Ccori Layme", "40999888", "F");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        Assert.Equal(["Juana Quispe Mamani"], Rows(await officer.GetPageAsync("/registry/households?q=QUISPE")));
        Assert.Equal(["María Ccori Layme", "Pedro Huamán Ccori"], Rows(await officer.GetPageAsync("/registry/households?q=ccori")));
        Assert.Equal(["Pedro Huamán Ccori"], Rows(await officer.GetPageAsync("/registry/households?q=condori")));
        Assert.Equal(["Pedro Huamán Ccori"], Rows(await officer.GetPageAsync("/registry/households?q=401")));
        Assert.Equal(["María Ccori Layme", "Pedro Huamán Ccori"], Rows(await officer.GetPageAsync("/registry/households?q=40")));
        Assert.Equal(["Pedro Huamán Ccori"], Rows(await officer.GetPageAsync("/registry/households?q=4777")));
        var none = await officer.GetPageAsync("/registry/households?q=49");
        Assert.Empty(Rows(none));
        Assert.Contains("0 familias", HtmlPage.Text(none));
    }

    [Fact]
    public async Task List_SearchIgnoresAccentsAndCase_EvenForAccentedCapitals_OnEveryDatabase()
    {
        var community = await CommunityWithTerritoryAsync();
        await Data.AddHouseholdAsync(community, "Ángel", "Ñaupari Huamán", "40111222", "M");
        await Data.AddHouseholdAsync(community, "Juana", "Quispe Mamani", "01234567", "F");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        foreach (var q in new[] { "Ñaupari", "ñaupari", "ÑAUPARI", "ángel", "ANGEL", "huaman", "angel naupari" })
        {
            Assert.Equal(["Ángel Ñaupari Huamán"], Rows(await officer.GetPageAsync("/registry/households?q=" + Uri.EscapeDataString(q))));
        }
    }

    [Fact]
    public async Task List_ForARoleThatSeesDnisMasked_DigitsFindHouseholdNumbersButNeverConfirmADni()
    {
        var community = await CommunityWithTerritoryAsync();
        var id = await Data.AddHouseholdAsync(community, "Juana", "Quispe Mamani", "01234567", "F");
        using var auditor = await App.SignedInClientAsync(TestUsers.Auditor);

        Assert.Empty(Rows(await auditor.GetPageAsync("/registry/households?q=01234567")));
        Assert.Empty(Rows(await auditor.GetPageAsync("/registry/households?q=0123")));
        Assert.Equal(["Juana Quispe Mamani"], Rows(await auditor.GetPageAsync("/registry/households?q=" + id.ToString(CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task List_FiltersByCommunity_AndByWomenHeaded()
    {
        var ccollpa = await CommunityWithTerritoryAsync();
        var ampay = await Data.AddCommunityAsync("Villa Ampay", RegistryData.Tamburco);
        await Data.AddHouseholdAsync(ccollpa, "Juana", "Quispe Mamani", "01234567", "F");
        await Data.AddHouseholdAsync(ccollpa, "Pedro", "Huamán Ccori", "40111222", "M");
        await Data.AddHouseholdAsync(ampay, "María", "Ccori Layme", "40999888", "F");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var all = await officer.GetPageAsync("/registry/households");
        var inCcollpa = await officer.GetPageAsync($"/registry/households?community={ccollpa}");
        var women = await officer.GetPageAsync("/registry/households?women=true");
        var womenInAmpay = await officer.GetPageAsync($"/registry/households?community={ampay}&women=true");

        Assert.Equal(3, Rows(all).Count);
        Assert.Contains("3 familias", HtmlPage.Text(all));
        Assert.Equal(["Pedro Huamán Ccori", "Juana Quispe Mamani"], Rows(inCcollpa));
        Assert.Contains($"<option value=\"{ccollpa}\" selected=\"selected\">", inCcollpa);
        Assert.Equal(["María Ccori Layme", "Juana Quispe Mamani"], Rows(women));
        Assert.Equal(["María Ccori Layme"], Rows(womenInAmpay));
    }

    [Fact]
    public async Task Register_ShortDni_KeepsWhatWasTyped_SaysWhyNextToTheField_WritesNothing()
    {
        var community = await CommunityWithTerritoryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var fields = Household(community, headDni: "1234567");

        var response = await officer.PostFormAsync("/registry/households/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("El DNI tiene 8 dígitos y aquí hay 7. Si empieza con 0, escriba también ese 0 (las hojas de cálculo suelen quitarlo).", HtmlPage.ErrorOf(html, "HeadDni"));
        Assert.Contains("Revise los campos marcados: no se guardó nada todavía.", html);
        foreach (var (name, value) in fields.Where(f => f.Item1 is not ("CommunityId" or "HeadSex" or "PartnerSex")))
        {
            Assert.Equal(value, HtmlPage.InputValue(html, name));
        }
        Assert.Equal("F", HtmlPage.CheckedValue(html, "HeadSex"));
        Assert.Equal("M", HtmlPage.CheckedValue(html, "PartnerSex"));
        Assert.Contains($"<option value=\"{community}\" selected=\"selected\">", html);
        Assert.Null(HtmlPage.ErrorOf(html, "HeadFirstNames"));
        Assert.Equal(0, await Data.CountAsync<Household>());
        Assert.Equal(0, await Data.CountAsync<HouseholdMembership>());
    }

    [Fact]
    public async Task Register_EmptyForm_FlagsEveryRequiredFieldAtOnce_AndOnlyThose()
    {
        await CommunityWithTerritoryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/households/new");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("Complete el campo «Comunidad».", HtmlPage.ErrorOf(html, "CommunityId"));
        Assert.Equal("Complete el campo «Nombres».", HtmlPage.ErrorOf(html, "HeadFirstNames"));
        Assert.Equal("Complete el campo «Apellidos».", HtmlPage.ErrorOf(html, "HeadLastNames"));
        Assert.Equal("Escriba el DNI.", HtmlPage.ErrorOf(html, "HeadDni"));
        Assert.Equal("Complete el campo «Sexo».", HtmlPage.ErrorOf(html, "HeadSex"));
        Assert.Equal("Complete el campo «Año de nacimiento».", HtmlPage.ErrorOf(html, "HeadBirthYear"));
        Assert.Equal("Complete el campo «Miembros de la familia».", HtmlPage.ErrorOf(html, "Members"));
        foreach (var optional in new[] { "PartnerFirstNames", "PartnerLastNames", "PartnerDni", "PartnerSex", "Phone" })
        {
            Assert.Null(HtmlPage.ErrorOf(html, optional));
        }
        Assert.Equal(0, await Data.CountAsync<Household>());
    }

    [Fact]
    public async Task Register_DniOfAnotherHead_IsRefused_PointingToThatHousehold()
    {
        var community = await CommunityWithTerritoryAsync();
        var existing = await Data.AddHouseholdAsync(community, "Pedro", "Huamán Ccori", "40111222", "M", "Rosa", "Condori Puma", "47777111");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/households/new", Household(community, headDni: "40111222"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal($"El DNI 40111222 ya está registrado: es de Pedro Huamán Ccori, jefe(a) de la familia N.º {existing} (Ccollpa).",
            HtmlPage.ErrorOf(html, "HeadDni"));
        Assert.Equal(1, await Data.CountAsync<Household>());
    }

    [Fact]
    public async Task Register_DniOfAnotherPartner_IsRefused_PointingToThatHousehold()
    {
        var community = await CommunityWithTerritoryAsync();
        var existing = await Data.AddHouseholdAsync(community, "Pedro", "Huamán Ccori", "40111222", "M", "Rosa", "Condori Puma", "47777111");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/registry/households/new", Household(community, headDni: "47777111", partnerDni: "40111222"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal($"El DNI 47777111 ya está registrado: es de Rosa Condori Puma, cónyuge en la familia N.º {existing} (Ccollpa).",
            HtmlPage.ErrorOf(html, "HeadDni"));
        Assert.Equal($"El DNI 40111222 ya está registrado: es de Pedro Huamán Ccori, jefe(a) de la familia N.º {existing} (Ccollpa).",
            HtmlPage.ErrorOf(html, "PartnerDni"));
        Assert.Equal(1, await Data.CountAsync<Household>());
    }

    [Fact]
    public async Task Edit_KeepingItsOwnDnis_Saves()
    {
        var community = await CommunityWithTerritoryAsync();
        var id = await Data.AddHouseholdAsync(community, "Pedro", "Huamán Ccori", "40111222", "M", "Rosa", "Condori Puma", "47777111");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync($"/registry/households/{id}/edit",
            ("HeadFirstNames", "Pedro Pablo"), ("HeadLastNames", "Huamán Ccori"), ("HeadDni", "40111222"), ("HeadSex", "M"), ("HeadBirthYear", "1978"),
            ("PartnerFirstNames", "Rosa"), ("PartnerLastNames", "Condori Puma"), ("PartnerDni", "47777111"), ("PartnerSex", "F"),
            ("Members", "6"), ("Phone", "983 111 222"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/registry/households/{id}", response.Headers.Location!.OriginalString);
        Assert.Contains("Se guardaron los cambios de la familia de Pedro Pablo Huamán Ccori.", await officer.GetPageAsync($"/registry/households/{id}"));
        var household = await Data.ReadAsync(db => db.Households.SingleAsync());
        Assert.Equal(("Pedro Pablo", 6, "983 111 222", community), (household.HeadFirstNames, household.Members, household.Phone, household.CommunityId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Move_Refused_IsThePageAgain422_WithTheMessageOnTheCommunity_NothingWritten(bool sameCommunity)
    {
        var ccollpa = await CommunityWithTerritoryAsync();
        await Data.AddCommunityAsync("Villa Ampay", RegistryData.Tamburco);
        var id = await Data.AddHouseholdAsync(ccollpa, "Juana", "Quispe Mamani", "01234567", "F");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var audits = await Data.ReadAsync(db => db.AuditRecords.CountAsync());

        // A page left open while the community was merged away, or a stale form: the choice is no longer valid.
        var response = await officer.PostFormAsync($"/registry/households/{id}", $"/registry/households/{id}/move",
            ("communityId", (sameCommunity ? ccollpa : 999_999).ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(sameCommunity ? "La familia ya pertenece a esa comunidad." : "Elija una comunidad registrada.", HtmlPage.ErrorOf(html, "communityId"));
        Assert.Contains("aria-describedby=\"communityId-error\"", html, StringComparison.Ordinal);
        Assert.Equal(ccollpa, await Data.ReadAsync(db => db.Households.Where(h => h.Id == id).Select(h => h.CommunityId).SingleAsync()));
        Assert.Equal(audits, await Data.ReadAsync(db => db.AuditRecords.CountAsync()));
    }

    [Fact]
    public async Task Move_ToAnotherCommunity_KeepsTheHistory()
    {
        var ccollpa = await CommunityWithTerritoryAsync();
        var ampay = await Data.AddCommunityAsync("Villa Ampay", RegistryData.Tamburco);
        var id = await Data.AddHouseholdAsync(ccollpa, "Juana", "Quispe Mamani", "01234567", "F");
        var registered = App.Clock.GetUtcNow().UtcDateTime;
        App.Clock.Advance(TimeSpan.FromDays(40));
        var moved = App.Clock.GetUtcNow().UtcDateTime;
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync($"/registry/households/{id}", $"/registry/households/{id}/move",
            ("communityId", ampay.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var detail = await officer.GetPageAsync($"/registry/households/{id}");
        Assert.Contains("La familia se trasladó; su historial conserva la comunidad anterior.", detail);
        var history = HtmlPage.SectionText(detail, "Comunidades en el tiempo", "</table>");
        Assert.Contains($"Villa Ampay {Lima(moved)} actual", history);
        Assert.Contains($"Ccollpa {Lima(registered)} {Lima(moved)}", history);

        var memberships = await Data.ReadAsync(db => db.HouseholdMemberships.Where(m => m.HouseholdId == id).OrderBy(m => m.FromUtc).ToListAsync());
        Assert.Collection(memberships,
            m => Assert.Equal((ccollpa, registered, (DateTime?)moved), (m.CommunityId, m.FromUtc, m.ToUtc)),
            m => Assert.Equal((ampay, moved, (DateTime?)null), (m.CommunityId, m.FromUtc, m.ToUtc)));
        var household = await Data.ReadAsync(db => db.Households.Include(h => h.Memberships).SingleAsync(h => h.Id == id));
        Assert.Equal(ampay, household.CommunityId);
        Assert.Equal(ccollpa, household.CommunityOn(moved.AddDays(-1)));
        Assert.Equal(ampay, household.CommunityOn(moved));

        var before = HtmlPage.Text(await officer.GetPageAsync($"/registry/communities/{ccollpa}"));
        Assert.Contains("Familias que se trasladaron a otra comunidad 1", before);
        Assert.Contains("Familias 0 · 0 con jefa de familia", before);
        var after = HtmlPage.Text(await officer.GetPageAsync($"/registry/communities/{ampay}"));
        Assert.Contains("Familias 1 · 1 con jefa de familia", after);
        Assert.DoesNotContain("Familias que se trasladaron", after);
    }

    [Fact]
    public async Task Move_ToTheSameCommunity_SaysSo_AndKeepsOnePeriod()
    {
        var ccollpa = await CommunityWithTerritoryAsync();
        var id = await Data.AddHouseholdAsync(ccollpa, "Juana", "Quispe Mamani", "01234567", "F");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync($"/registry/households/{id}", $"/registry/households/{id}/move",
            ("communityId", ccollpa.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal("La familia ya pertenece a esa comunidad.", HtmlPage.ErrorOf(await response.Content.ReadAsStringAsync(), "communityId"));
        Assert.Equal(1, await Data.CountAsync<HouseholdMembership>());
    }
}

public sealed class HouseholdTestsOnSqlite(SqliteApp app) : HouseholdTests<SqliteApp>(app);

public sealed class HouseholdTestsOnPostgres(PostgresApp app) : HouseholdTests<PostgresApp>(app);
