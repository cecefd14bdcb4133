using Contests.Core.Common;
using Contests.Core.Registry;

namespace Contests.Core.Tests.Registry;

/// <summary>
/// Real inputs and domain objects for the registry tests: a complete, valid example of each,
/// which a test changes with <c>with { … }</c> to show one rule at a time.
/// </summary>
internal static class RegistryBuilders
{
    public const int CurrentYear = 2026;

    public static readonly DateTime Now = new(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc);

    /// <summary>A household with a partner, as an officer would type it.</summary>
    public static HouseholdInput ValidHouseholdInput() => new()
    {
        HeadFirstNames = "Juana Rosa",
        HeadLastNames = "Quispe Mamani",
        HeadDni = "01234567",
        HeadSex = "F",
        HeadBirthYear = "1980",
        PartnerFirstNames = "Pedro",
        PartnerLastNames = "Huamán Ccori",
        PartnerDni = "45678912",
        PartnerSex = "M",
        Members = "5",
        Phone = "+51 984 123 456",
    };

    /// <summary>The same household without a partner (every partner field blank).</summary>
    public static HouseholdInput HouseholdInputWithoutPartner() => ValidHouseholdInput() with
    {
        PartnerFirstNames = null,
        PartnerLastNames = null,
        PartnerDni = null,
        PartnerSex = null,
        Members = "1",
    };

    public static HouseholdDetails ValidHouseholdDetails(HouseholdInput? input = null)
    {
        var errors = new List<DomainError>();
        var details = HouseholdDetails.Parse(input ?? ValidHouseholdInput(), CurrentYear, errors);
        Assert.Empty(errors);
        return details!;
    }

    public static Household RegisteredHousehold(int communityId = 1, DateTime? registeredUtc = null) =>
        Household.Register(ValidHouseholdDetails(), communityId, registeredUtc ?? Now);

    /// <summary>A women's group with a RUC (20600012348: check digit 8, see RucTests).</summary>
    public static OrganizationInput ValidOrganizationInput() => new()
    {
        Name = "Asociación de Mujeres Emprendedoras de Ccollpa",
        Type = "Grupo de mujeres",
        Ruc = "20600012348",
        Ubigeo = "030101",
        PresidentName = "Juana Quispe Mamani",
        PresidentDni = "01234567",
        TreasurerName = "Rosa Huamán Ccori",
        TreasurerDni = "45678912",
    };

    public static OrganizationDetails ValidOrganizationDetails(OrganizationInput? input = null)
    {
        var errors = new List<DomainError>();
        var details = OrganizationDetails.Parse(input ?? ValidOrganizationInput(), errors);
        Assert.Empty(errors);
        return details!;
    }

    /// <summary>A community's account at BCP (bank 002, branch 193); the CCI is worked out in CciTests.</summary>
    public static BankAccountInput ValidBankAccountInput() => new()
    {
        BankName = "Banco de Crédito del Perú",
        AccountNumber = "193-01234567-0-12",
        Cci = "002-193-001234567890-13",
        HolderName = "Comunidad Campesina Ccollpa",
    };

    public static BankAccountDetails ValidBankAccountDetails(BankAccountInput? input = null)
    {
        var errors = new List<DomainError>();
        var details = BankAccountDetails.Parse(input ?? ValidBankAccountInput(), errors);
        Assert.Empty(errors);
        return details!;
    }
}
