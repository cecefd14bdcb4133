using Contests.Core.Common;
using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Registry;

/// <summary>
/// Registry and programme data a test needs but is not about, written straight to the database with
/// the domain's own factories (so it is as valid as what the screens write, and quick). The actor
/// recorded in the audit trail is "test-setup".
/// </summary>
public sealed class RegistryData(ContestsApp app)
{
    public const string Abancay = "030101";
    public const string Tamburco = "030106";
    public const string SetupActor = "test-setup";

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Runs <paramref name="work"/> on a fresh DbContext and saves what it changed.</summary>
    public async Task<T> WriteAsync<T>(Func<ContestsDbContext, T> work)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs(SetupActor);
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var result = work(db);
        await db.SaveChangesAsync();
        return result;
    }

    /// <summary>Reads with a fresh DbContext (nothing cached from earlier requests).</summary>
    public async Task<T> ReadAsync<T>(Func<ContestsDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ContestsDbContext>());
    }

    /// <summary>Abancay and Tamburco (province Abancay, Apurímac).</summary>
    public Task AddTerritoryAsync() => WriteAsync(db =>
    {
        db.Departments.Add(new Department("03", "Apurímac"));
        db.Provinces.Add(new Province("0301", "Abancay"));
        db.Districts.Add(District.Create(Ubigeo.Parse(Abancay), "Abancay"));
        db.Districts.Add(District.Create(Ubigeo.Parse(Tamburco), "Tamburco"));
        return 0;
    });

    public async Task<int> AddCommunityAsync(string name, string ubigeo = Abancay)
    {
        var errors = new List<DomainError>();
        var details = CommunityDetails.Parse(new CommunityInput { Name = name, Ubigeo = ubigeo }, errors);
        Assert.Empty(errors);
        var community = await WriteAsync(db => db.Communities.Add(Community.Create(details!, Now)).Entity);
        return community.Id;
    }

    public async Task<int> AddHouseholdAsync(int communityId, string firstNames, string lastNames, string dni, string sex = "M",
        string? partnerFirstNames = null, string? partnerLastNames = null, string? partnerDni = null)
    {
        var hasPartner = partnerFirstNames is not null;
        var input = new HouseholdInput
        {
            HeadFirstNames = firstNames, HeadLastNames = lastNames, HeadDni = dni, HeadSex = sex, HeadBirthYear = "1978",
            PartnerFirstNames = partnerFirstNames, PartnerLastNames = partnerLastNames, PartnerDni = partnerDni,
            PartnerSex = hasPartner ? (sex == "M" ? "F" : "M") : null, Members = hasPartner ? "4" : "1",
        };
        var errors = new List<DomainError>();
        var details = HouseholdDetails.Parse(input, 2026, errors);
        Assert.Empty(errors);
        var household = await WriteAsync(db => db.Households.Add(Household.Register(details!, communityId, Now)).Entity);
        return household.Id;
    }

    public async Task<int> AddOrganizationAsync(string name, string? ruc = "20131312955", string ubigeo = Abancay)
    {
        var errors = new List<DomainError>();
        var details = OrganizationDetails.Parse(new OrganizationInput
        {
            Name = name, Type = "WomensGroup", Ruc = ruc, RegistryNumber = ruc is null ? "11002233" : null, Ubigeo = ubigeo,
            PresidentName = "Rosa Huamán Ccori", PresidentDni = "41234567", TreasurerName = "Lucía Mamani Quispe", TreasurerDni = "42345678",
        }, errors);
        Assert.Empty(errors);
        var organization = await WriteAsync(db => db.Organizations.Add(Organization.Create(details!, Now)).Entity);
        return organization.Id;
    }

    public async Task<int> AddAccountAsync(AccountHolderKind kind, int holderId, Cci cci, string holderName)
    {
        var errors = new List<DomainError>();
        var details = BankAccountDetails.Parse(new BankAccountInput
        {
            BankName = "Banco de la Nación", AccountNumber = "04-251-123456", Cci = cci.Value, HolderName = holderName,
        }, errors);
        Assert.Empty(errors);
        var account = await WriteAsync(db => db.BankAccounts.Add(BankAccount.Open(kind, holderId, details!, Now)).Entity);
        return account.Id;
    }

    public async Task<int> AddWatershedAsync(string name, params int[] communityIds)
    {
        var watershed = await WriteAsync(db =>
        {
            var w = Watershed.Create(name, Now);
            w.SetCommunities(communityIds);
            return db.Watersheds.Add(w).Entity;
        });
        return watershed.Id;
    }

    public async Task<int> AddProgrammeAsync()
    {
        var programme = await WriteAsync(db => db.Programmes.Add(Contests.Core.Programmes.Programme.Create("Sierra Sur II", "FIDA")).Entity);
        return programme.Id;
    }

    public async Task<int> AddFundingSourceAsync(int programmeId, string name, decimal committed)
    {
        var (result, source) = FundingSource.Create(programmeId, name, FundingSourceKind.ProjectLoanOrGrant, Money.Of(committed), Now);
        Assert.True(result.Succeeded);
        await WriteAsync(db => db.FundingSources.Add(source!).Entity);
        return source!.Id;
    }

    public Task<int> CountAsync<T>() where T : class => ReadAsync(db => db.Set<T>().CountAsync());
}
