using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Demo;

/// <summary>
/// The demo's programme and registry: two local offices in Apurímac, three funding sources (one
/// restricted by district, one by theme), five districts, eight communities in two watersheds, sixty
/// households, six organizations and bank accounts in every state. Names are invented; the DNIs,
/// RUCs and CCIs are made up but valid (check digits computed).
/// </summary>
internal static class DemoRegistry
{
    private static readonly (string Ubigeo, string Department, string Province, string District)[] Districts =
    [
        ("030101", "Apurímac", "Abancay", "Abancay"),
        ("030104", "Apurímac", "Abancay", "Curahuasi"),
        ("030108", "Apurímac", "Abancay", "San Pedro de Cachora"),
        ("030109", "Apurímac", "Abancay", "Tamburco"),
        ("030201", "Apurímac", "Andahuaylas", "Andahuaylas"),
    ];

    private static readonly (string Name, string Ubigeo, string Watershed)[] CommunityNames =
    [
        ("Huayllabamba", "030101", "Mariño"),
        ("Ccorhuani", "030101", "Mariño"),
        ("Kiuñalla", "030109", "Mariño"),
        ("Asillo", "030109", "Mariño"),
        ("Antilla", "030104", "Curahuasi"),
        ("Karkequi", "030104", "Curahuasi"),
        ("Chiriaco", "030108", "Curahuasi"),
        ("Ccollpa", "030201", "Chumbao"),
    ];

    private static readonly string[] WomenNames = ["Juana", "Rosa", "María", "Maruja", "Felicitas", "Justina", "Nélida", "Vilma", "Hilda", "Teodora"];
    private static readonly string[] MenNames = ["Juan", "Pedro", "Marcelino", "Valentín", "Florencio", "Celestino", "Víctor", "Eusebio", "Nicolás", "Hipólito"];
    private static readonly string[] Surnames = ["Quispe", "Mamani", "Huamán", "Ccori", "Condori", "Puma", "Huillca", "Sullca", "Taipe", "Ccahuana", "Cusi", "Layme", "Chipana", "Achahui"];

    public static async Task SeedAsync(ContestsDbContext db, int officerId, int financeId, string financeName, DateTime now, CancellationToken ct)
    {
        if (await db.Programmes.AnyAsync(ct))
        {
            return;
        }
        var programme = Programme.Create("Programa Sierra Sur (demostración)", "FIDA y Gobierno del Perú");
        programme.AddOffice("Oficina Local Abancay", "Abancay", "Ing. Walter Pareja Ccoyllo");
        programme.AddOffice("Oficina Local Andahuaylas", "Andahuaylas", "Lic. Nancy Oscco Palomino");
        db.Programmes.Add(programme);

        foreach (var (ubigeo, department, province, district) in Districts)
        {
            var code = Ubigeo.Parse(ubigeo);
            if (!db.Departments.Local.Any(d => d.Code == code.DepartmentCode))
            {
                db.Departments.Add(new Department(code.DepartmentCode, department));
            }
            if (!db.Provinces.Local.Any(p => p.Code == code.ProvinceCode))
            {
                db.Provinces.Add(new Province(code.ProvinceCode, province));
            }
            db.Districts.Add(District.Create(code, district));
        }
        await db.SaveChangesAsync(ct);

        var communities = CommunityNames.Select(c =>
            Community.Create(new CommunityDetails(c.Name, Ubigeo.Parse(c.Ubigeo), null), now)).ToList();
        db.Communities.AddRange(communities);
        await db.SaveChangesAsync(ct);
        foreach (var group in CommunityNames.Select((c, i) => (c.Watershed, communities[i].Id)).GroupBy(x => x.Watershed))
        {
            var watershed = Watershed.Create("Microcuenca " + group.Key, now);
            watershed.SetCommunities(group.Select(g => g.Id));
            db.Watersheds.Add(watershed);
        }

        var households = new List<Household>();
        for (var i = 0; i < 60; i++)
        {
            var woman = i % 3 == 0;
            var first = woman ? WomenNames[i % WomenNames.Length] : MenNames[i % MenNames.Length];
            var last = $"{Surnames[i % Surnames.Length]} {Surnames[(i * 5 + 3) % Surnames.Length]}";
            var partner = i % 4 == 3
                ? null
                : new PersonDetails(woman ? MenNames[(i + 3) % MenNames.Length] : WomenNames[(i + 3) % WomenNames.Length],
                    $"{Surnames[(i + 7) % Surnames.Length]} {Surnames[(i * 3 + 1) % Surnames.Length]}", DemoDni(1000 + i), woman ? Sex.Male : Sex.Female, null);
            var details = new HouseholdDetails(
                new PersonDetails(first, last, DemoDni(i), woman ? Sex.Female : Sex.Male, 1955 + (i * 7 % 45)),
                partner, partner is null ? 1 + (i % 3) : 2 + (i % 6), i % 5 == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"9{83000000 + (i * 7919 % 1000000):D8}"));
            households.Add(Household.Register(details, communities[i % communities.Count].Id, now.AddDays(-90 + i)));
        }
        db.Households.AddRange(households);
        await db.SaveChangesAsync(ct);

        var women = Organization.Create(new OrganizationDetails("Asociación de Mujeres Emprendedoras Virgen del Carmen", OrganizationType.WomensGroup,
            DemoRuc(60100123), null, Ubigeo.Parse("030101"), "Juana Quispe Huamán", households[0].HeadDniParsed(), "Rosa Ccori Puma",
            households[3].HeadDniParsed()), now);
        var producers = Organization.Create(new OrganizationDetails("Asociación de Productores de Palta de Curahuasi", OrganizationType.ProducersAssociation,
            DemoRuc(60200456), null, Ubigeo.Parse("030104"), "Marcelino Condori Taipe", households[4].HeadDniParsed(), "Valentín Sullca Cusi",
            households[12].HeadDniParsed()), now);
        var enterprise = Organization.Create(new OrganizationDetails("Empresa Comunal de Servicios Agropecuarios Ccollpa", OrganizationType.CommunityEnterprise,
            null, "11087654", Ubigeo.Parse("030201"), "Eusebio Layme Chipana", households[7].HeadDniParsed(), "Nicolás Achahui Mamani",
            households[15].HeadDniParsed()), now);
        foreach (var h in households.Where((_, i) => i % 3 == 0 && i < 30))
        {
            women.AddMember(h.Id, now);
        }
        foreach (var h in households.Where(h => h.CommunityId == communities[4].Id || h.CommunityId == communities[5].Id).Take(8))
        {
            producers.AddMember(h.Id, now);
        }
        db.Organizations.AddRange(women, producers, enterprise);
        await db.SaveChangesAsync(ct);
        var planners = await SeedPlannersAsync(db, households, communities, now, ct);

        var accounts = new List<BankAccount>
        {
            BankAccount.Open(AccountHolderKind.Organization, women.Id, Account("Banco de la Nación", "018", "251", 4401234567, women.Name), now, officerId),
            BankAccount.Open(AccountHolderKind.Organization, producers.Id, Account("Caja Cusco", "802", "301", 1020034560, producers.Name), now, officerId),
            BankAccount.Open(AccountHolderKind.Community, communities[0].Id, Account("Banco de la Nación", "018", "251", 4400098761, "Comunidad Campesina de Huayllabamba"), now, officerId),
            BankAccount.Open(AccountHolderKind.Community, communities[7].Id, Account("Banco de la Nación", "018", "262", 4400012345, "Comunidad Campesina de Ccollpa"), now, officerId),
            BankAccount.Open(AccountHolderKind.Household, households[0].Id, Account("Banco de la Nación", "018", "251", 4412345001, households[0].HeadFullName), now, officerId),
            BankAccount.Open(AccountHolderKind.Household, households[1].Id, Account("Banco de la Nación", "018", "251", 4412345002, households[1].HeadFullName), now, officerId),
        };
        db.BankAccounts.AddRange(accounts);
        // Typed by the project officer; some already checked against the bank's document by finance
        // (four eyes); the rest wait for someone other than the officer who typed them.
        foreach (var account in accounts.Where((_, i) => i is 0 or 2 or 4))
        {
            account.Verify(financeId, financeName, now);
        }
        // The business-plan organizations' accounts, typed by the officer and checked by finance (a donation is paid only there).
        var plannerAccounts = new List<BankAccount>
        {
            BankAccount.Open(AccountHolderKind.Organization, planners[0].Id, Account("Caja Cusco", "802", "301", 1020058731, planners[0].Name), now, officerId),
            BankAccount.Open(AccountHolderKind.Organization, planners[1].Id, Account("Banco de la Nación", "018", "251", 4401876520, planners[1].Name), now, officerId),
            BankAccount.Open(AccountHolderKind.Organization, planners[2].Id, Account("Banco de Crédito del Perú", "002", "285", 2854471093, planners[2].Name), now, officerId),
        };
        db.BankAccounts.AddRange(plannerAccounts);
        foreach (var account in plannerAccounts)
        {
            account.Verify(financeId, financeName, now);
        }

        var (_, loan) = FundingSource.Create(programme.Id, "Préstamo FIDA — premios de concursos", FundingSourceKind.ProjectLoanOrGrant, Money.Of(500_000m), now);
        var (_, municipality) = FundingSource.Create(programme.Id, "Municipalidad Provincial de Abancay", FundingSourceKind.Municipality, Money.Of(60_000m), now);
        municipality!.Restrict([], ["030101", "030109"]);
        var (_, company) = FundingSource.Create(programme.Id, "Convenio con empresa minera (responsabilidad social)", FundingSourceKind.PrivateCompany, Money.Of(120_000m), now);
        company!.Restrict([Theme.Irrigation, Theme.SoilAndWater], []);
        loan!.Adjust(FundingMovementKind.Paid, Money.Of(12_400m), "Premios del concurso piloto 2025, pagados antes de usar el sistema", officerId, now);
        db.FundingSources.AddRange(loan, municipality, company);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Three organizations of Abancay, Tamburco and San Pedro de Cachora that present business plans (see <see cref="DemoPlans"/>),
    /// each with its members; their boards' DNIs are their own (no household of the register).
    /// </summary>
    private static async Task<List<Organization>> SeedPlannersAsync(ContestsDbContext db, List<Household> households, List<Community> communities,
        DateTime now, CancellationToken ct)
    {
        var guineaPigs = Organization.Create(new OrganizationDetails("Asociación de Criadores de Cuyes Señor de Ánimas", OrganizationType.ProducersAssociation,
            DemoRuc(60300789), null, Ubigeo.Parse("030101"), "Florencio Huillca Taipe", Dni.Parse("31045672"), "Teodora Cusi Layme",
            Dni.Parse("31158394")), now);
        var weavers = Organization.Create(new OrganizationDetails("Asociación de Tejedoras Warmi Away de Tamburco", OrganizationType.WomensGroup,
            DemoRuc(60400912), null, Ubigeo.Parse("030109"), "Felicitas Sullca Ccahuana", Dni.Parse("31260417"), "Hilda Achahui Quispe",
            Dni.Parse("31372508")), now);
        var honey = Organization.Create(new OrganizationDetails("Asociación de Productores Apícolas Flor de Cachora", OrganizationType.ProducersAssociation,
            DemoRuc(60501234), null, Ubigeo.Parse("030108"), "Hipólito Chipana Mamani", Dni.Parse("31484619"), "Nélida Puma Condori",
            Dni.Parse("31596720")), now);
        foreach (var h in households.Where(h => h.CommunityId == communities[0].Id || h.CommunityId == communities[1].Id).Skip(2).Take(7))
        {
            guineaPigs.AddMember(h.Id, now);
        }
        foreach (var h in households.Where(h => (h.CommunityId == communities[2].Id || h.CommunityId == communities[3].Id) && h.WomenHeaded))
        {
            weavers.AddMember(h.Id, now);
        }
        foreach (var h in households.Where(h => h.CommunityId == communities[6].Id).Take(6))
        {
            honey.AddMember(h.Id, now);
        }
        db.Organizations.AddRange(guineaPigs, weavers, honey);
        await db.SaveChangesAsync(ct);
        return [guineaPigs, weavers, honey];
    }

    private static Dni HeadDniParsed(this Household household) => Dni.Parse(household.HeadDni);

    /// <summary>A made-up 8-digit DNI, different for each number.</summary>
    private static Dni DemoDni(int n) => Dni.Parse((41_000_000 + (n * 104_729 % 9_000_000)).ToString("D8", CultureInfo.InvariantCulture));

    private static Ruc DemoRuc(int eightDigits)
    {
        var firstTen = "20" + eightDigits.ToString("D8", CultureInfo.InvariantCulture);
        return Ruc.Parse(firstTen + Ruc.CheckDigit(firstTen).ToString(CultureInfo.InvariantCulture));
    }

    private static BankAccountDetails Account(string bank, string bankCode, string branch, long account, string holder)
    {
        var number = account.ToString("D12", CultureInfo.InvariantCulture);
        return new BankAccountDetails(bank, number, Cci.Compose(bankCode, branch, number), holder);
    }
}
