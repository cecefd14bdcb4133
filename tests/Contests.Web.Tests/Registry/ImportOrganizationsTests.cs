using Contests.Core.Registry;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Registry.ImportKit;

namespace Contests.Web.Tests.Registry;

public abstract class ImportOrganizationsTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private static readonly string Header = string.Join(",", ImportLayouts.Organizations.Select(c => c.Header));

    /// <summary>Two households whose heads can be named as members: 41234567 and 41234568.</summary>
    private async Task<(int First, int Second)> SeedHouseholdsAsync()
    {
        var communityId = await SeedTerritoryAsync(App);
        var first = await RegisterHouseholdAsync(App, communityId, new HouseholdInput
        {
            HeadFirstNames = "Juana", HeadLastNames = "Quispe Huamán", HeadDni = "41234567", HeadSex = "F", HeadBirthYear = "1978", Members = "3",
        });
        var second = await RegisterHouseholdAsync(App, communityId, new HouseholdInput
        {
            HeadFirstNames = "Rosa", HeadLastNames = "Ccori Puma", HeadDni = "41234568", HeadSex = "F", HeadBirthYear = "1982",
            PartnerFirstNames = "Pedro", PartnerLastNames = "Huamán", PartnerDni = "41234569", Members = "4",
        });
        return (first.Id, second.Id);
    }

    private static string[] Organization(string name, string type = "Grupo de mujeres", string ruc = "", string registry = "",
        string members = "", string presidentDni = "41234567", string treasurerDni = "41234568") =>
        [name, type, ruc, registry, DistrictUbigeo, "Juana Quispe Huamán", presidentDni, "Rosa Ccori Puma", treasurerDni, members];

    [Fact]
    public async Task Organizations_AreCreated_WithTheHouseholdsTheirMemberDnisName()
    {
        var (first, second) = await SeedHouseholdsAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        await ImportedAsync(officer, ImportKind.Organizations, Utf8(Csv(Header,
        [
            Organization("Asociación de Mujeres Virgen del Carmen", ruc: "20131312955", members: "41234567 41234568"),
            Organization("Productores Alpaqueros de Huayllabamba", type: "Asociación de productores", registry: "11005566", members: "41234568"),
        ])), "organizaciones.csv");

        var (import, organizations) = await QueryAsync(App, async db => (
            await db.Imports.SingleAsync(),
            await db.Organizations.AsNoTracking().Include(o => o.Members).OrderBy(o => o.Id).ToListAsync()));
        Assert.Equal((ImportKind.Organizations, 2), (import.Kind, import.Rows));
        Assert.Equal(
        [
            ("Asociación de Mujeres Virgen del Carmen", OrganizationType.WomensGroup, "20131312955", (string?)null, import.Id),
            ("Productores Alpaqueros de Huayllabamba", OrganizationType.ProducersAssociation, null, "11005566", import.Id),
        ], organizations.Select(o => (o.Name, o.Type, o.Ruc, o.RegistryNumber, o.ImportId ?? 0)));
        Assert.Equal([first, second], organizations[0].Members.Select(m => m.HouseholdId).Order());
        Assert.Equal([second], organizations[1].Members.Select(m => m.HouseholdId));
    }

    [Fact]
    public async Task RucCheckDigit_BadOrUnknownMemberDnis_AreRefused_ByColumn()
    {
        await SeedHouseholdsAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var (_, problems) = await RefusedAsync(officer, ImportKind.Organizations, Utf8(Csv(Header,
        [
            Organization("Asociación de Mujeres Virgen del Carmen", ruc: "20131312956", members: "41234567"),
            Organization("Productores Alpaqueros", type: "productores", registry: "11005566", members: "41234567 49999999 41234569"),
            Organization("Empresa Comunal Huayllabamba", type: "empresa comunal", registry: "11005567", members: "4123456"),
        ])));

        Assert.Equal(
        [
            new ShownProblem(2, "ruc", "El dígito verificador del RUC debería ser 5, no 6: revise los dígitos."),
            // A partner's DNI (41234569) does not make a member: members are households, named by their head.
            new ShownProblem(3, "dni_socios", "No hay una familia registrada cuyo jefe(a) tenga el DNI 49999999."),
            new ShownProblem(3, "dni_socios", "No hay una familia registrada cuyo jefe(a) tenga el DNI 41234569."),
            new ShownProblem(4, "dni_socios",
                "El DNI tiene 8 dígitos y aquí hay 7. Si empieza con 0, escriba también ese 0 (las hojas de cálculo suelen quitarlo)."),
        ], problems);
        var (organizations, imports) = await QueryAsync(App, async db => (await db.Organizations.CountAsync(), await db.Imports.CountAsync()));
        Assert.Equal((0, 0), (organizations, imports));
    }
}

public sealed class ImportOrganizationsTestsOnSqlite(SqliteApp app) : ImportOrganizationsTests<SqliteApp>(app);

public sealed class ImportOrganizationsTestsOnPostgres(PostgresApp app) : ImportOrganizationsTests<PostgresApp>(app);
