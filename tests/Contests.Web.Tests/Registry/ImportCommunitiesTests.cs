using Contests.Core.Registry;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Registry.ImportKit;

namespace Contests.Web.Tests.Registry;

public abstract class ImportCommunitiesTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private static readonly string Header = string.Join(",", ImportLayouts.Communities.Select(c => c.Header));

    /// <summary>The watershed "Microcuenca Mariño", with Huayllabamba already in it.</summary>
    private async Task<int> SeedWatershedAsync(int communityId)
    {
        using var scope = App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("test-seed");
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var watershed = Watershed.Create("Microcuenca Mariño", App.Clock.GetUtcNow().UtcDateTime);
        watershed.SetCommunities([communityId]);
        db.Watersheds.Add(watershed);
        await db.SaveChangesAsync();
        return watershed.Id;
    }

    [Fact]
    public async Task Communities_AreCreated_AndJoinTheWatershedTheyName()
    {
        var huayllabamba = await SeedTerritoryAsync(App);
        var watershedId = await SeedWatershedAsync(huayllabamba);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await ImportedAsync(officer, ImportKind.Communities, Utf8(Csv(Header,
        [
            ["Ccollpa", "030101", "11012345", "microcuenca mariño"], // the watershed's name in another case
            ["Pucapuca", "030101", "", ""],
        ])), "comunidades.csv");

        var (import, communities, members) = await QueryAsync(App, async db => (
            await db.Imports.SingleAsync(),
            await db.Communities.AsNoTracking().OrderBy(c => c.Id).ToListAsync(),
            await db.Watersheds.Where(w => w.Id == watershedId).SelectMany(w => w.Communities).Select(c => c.CommunityId).OrderBy(id => id).ToListAsync()));
        Assert.Contains($"Se importaron 2 registros de comunidades (importación N.º {import.Id}).", PageText(html));
        Assert.Equal((ImportKind.Communities, 2), (import.Kind, import.Rows));
        Assert.Equal(
            [("Huayllabamba", null, (int?)null), ("Ccollpa", "11012345", import.Id), ("Pucapuca", null, import.Id)],
            communities.Select(c => (c.Name, c.RegistryNumber, c.ImportId)));
        Assert.Equal([huayllabamba, communities[1].Id], members); // the member it had stays
        Assert.Equal(1, (await CountsAsync(App)).ImportAudits);
    }

    [Fact]
    public async Task UnknownWatershed_UnknownDistrict_AndNamesTakenIgnoringCaseAndAccents_AreRefused()
    {
        var huayllabamba = await SeedTerritoryAsync(App);
        await SeedWatershedAsync(huayllabamba);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var (_, problems) = await RefusedAsync(officer, ImportKind.Communities, Utf8(Csv(Header,
        [
            ["Ccollpa", "030101", "", "Microcuenca Chinchay"],
            ["HUAYLLABAMBA", "030101", "", ""],
            ["Huayllabambá", "030101", "", ""],
            ["Pucapuca", "030101", "", ""],
            ["PUCAPUCÁ", "030101", "", ""],
            ["Ayapata", "030102", "", ""],
        ])));

        var taken = $"Ya existe la comunidad «Huayllabamba» en ese distrito (N.º {huayllabamba}).";
        Assert.Equal(
        [
            new ShownProblem(2, "microcuenca", "La microcuenca «Microcuenca Chinchay» no está registrada."),
            new ShownProblem(3, "nombre", taken),
            new ShownProblem(4, "nombre", taken),
            new ShownProblem(6, "nombre", "«PUCAPUCÁ» ya aparece en la fila 5 de este archivo."),
            new ShownProblem(7, "ubigeo", "El distrito 030102 no está en el territorio registrado; agréguelo primero en Territorio."),
        ], problems);
        var (communities, imports, watershedMembers) = await QueryAsync(App, async db => (
            await db.Communities.CountAsync(), await db.Imports.CountAsync(), await db.Watersheds.SelectMany(w => w.Communities).CountAsync()));
        Assert.Equal((1, 0, 1), (communities, imports, watershedMembers));
    }
}

public sealed class ImportCommunitiesTestsOnSqlite(SqliteApp app) : ImportCommunitiesTests<SqliteApp>(app);

public sealed class ImportCommunitiesTestsOnPostgres(PostgresApp app) : ImportCommunitiesTests<PostgresApp>(app);
