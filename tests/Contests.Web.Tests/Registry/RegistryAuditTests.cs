using System.Globalization;
using System.Net;
using Contests.Core.Registry;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Registry;

/// <summary>Every change made through the registry and programme screens leaves an audit record naming who made it.</summary>
public abstract class RegistryAuditTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RegistryData Data => new(App);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<int> UserIdAsync(string userName) =>
        Data.ReadAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task RegisterMoveVerifyAndAdjust_EachLeaveRecords_ByTheSignedInUser()
    {
        await Data.AddTerritoryAsync();
        var ccollpa = await Data.AddCommunityAsync("Ccollpa");
        var ampay = await Data.AddCommunityAsync("Villa Ampay", RegistryData.Tamburco);
        var source = await Data.AddFundingSourceAsync(await Data.AddProgrammeAsync(), "Fondo concursable FIDA", 10000m);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);

        var registered = await officer.PostFormAsync("/registry/households/new",
            ("CommunityId", Id(ccollpa)), ("HeadFirstNames", "Juana"), ("HeadLastNames", "Quispe Mamani"), ("HeadDni", "01234567"),
            ("HeadSex", "F"), ("HeadBirthYear", "1980"), ("Members", "3"));
        var household = await Data.ReadAsync(db => db.Households.Select(h => h.Id).SingleAsync());
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        var moved = await officer.PostFormAsync($"/registry/households/{household}", $"/registry/households/{household}/move", ("communityId", Id(ampay)));
        var account = await Data.AddAccountAsync(AccountHolderKind.Household, household, Cci.Compose("018", "251", "004401234567"), "Juana Quispe Mamani");
        var verified = await finance.PostFormAsync($"/registry/households/{household}", $"/registry/accounts/{account}/verify");
        var adjusted = await officer.PostFormAsync($"/programme/funding/{source}", $"/programme/funding/{source}/adjust",
            ("Kind", "Allocated"), ("Amount", "2500.50"), ("Reason", "Premios del concurso 2025"));

        Assert.All([registered, moved, verified, adjusted], r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var records = await Data.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.Actor != RegistryData.SetupActor && a.EntityType != "User").OrderBy(a => a.Sequence).ToListAsync());
        var officerId = await UserIdAsync(TestUsers.Officer);
        var financeId = await UserIdAsync(TestUsers.Finance);

        var byOfficer = records.Where(r => r.Actor == TestUsers.Officer).ToList();
        Assert.All(byOfficer, r => Assert.Equal(officerId, r.ActorUserId));
        Assert.Single(byOfficer, r => r is { EntityType: "Household", Action: "Added" } && r.EntityId == Id(household) && r.After!.Contains("01234567"));
        var move = Assert.Single(byOfficer, r => r is { EntityType: "Household", Action: "Modified" });
        Assert.Equal($"{{\"CommunityId\":{ccollpa}}}", move.Before);
        Assert.Equal($"{{\"CommunityId\":{ampay}}}", move.After);
        Assert.Equal(2, byOfficer.Count(r => r is { EntityType: "HouseholdMembership", Action: "Added" }));
        Assert.Contains("ToUtc", Assert.Single(byOfficer, r => r is { EntityType: "HouseholdMembership", Action: "Modified" }).After);
        Assert.Contains("\"Reason\":\"Premios del concurso 2025\"", Assert.Single(byOfficer, r => r is { EntityType: "FundingMovement", Action: "Added" }).After);

        var verification = Assert.Single(records, r => r.EntityType == "BankAccount");
        Assert.Equal(("Modified", TestUsers.Finance, (int?)financeId, Id(account)),
            (verification.Action, verification.Actor, verification.ActorUserId, verification.EntityId));
        Assert.Contains("\"VerifiedByName\":\"t-finance\"", verification.After);
        Assert.Equal("{\"VerifiedByName\":null,\"VerifiedByUserId\":null,\"VerifiedUtc\":null}", verification.Before);
    }

    [Fact]
    public async Task ChainStaysIntact_AfterRegistryChanges()
    {
        await Data.AddTerritoryAsync();
        var ccollpa = await Data.AddCommunityAsync("Ccollpa");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await officer.PostFormAsync("/registry/communities/new", ("Name", "Villa Ampay"), ("Ubigeo", RegistryData.Tamburco));
        await officer.PostFormAsync($"/registry/communities/{ccollpa}/edit", ("Name", "Ccollpa Alta"), ("Ubigeo", RegistryData.Abancay));

        using var scope = App.Services.CreateScope();
        Assert.True(scope.ServiceProvider.GetRequiredService<AuditVerifier>().Verify().IsIntact);
        Assert.Equal(2, await Data.ReadAsync(db => db.AuditRecords.CountAsync(a => a.EntityType == "Community" && a.Actor == TestUsers.Officer)));
    }
}

public sealed class RegistryAuditTestsOnSqlite(SqliteApp app) : RegistryAuditTests<SqliteApp>(app);

public sealed class RegistryAuditTestsOnPostgres(PostgresApp app) : RegistryAuditTests<PostgresApp>(app);
