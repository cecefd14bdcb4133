using Contests.Core.Common;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;

namespace Contests.Web.Tests.Rounds;

/// <summary>
/// An open household round over Huayllabamba (Abancay), written through the domain with
/// <see cref="RoundData"/>: four households in Huayllabamba, one in Kiuñalla (Tamburco, out of scope),
/// rules version 1 (one part of 20 points, approved from 11) with prizes 600/400 from one funding
/// source. What tests about entries, imports and public pages start from.
/// </summary>
public sealed record OpenRound(int Id, int Community, int[] Inside, int Outside, int Officer)
{
    public const string Name = "Concurso interfamiliar Huayllabamba 2026";

    public static async Task<OpenRound> SeedAsync(ContestsApp app)
    {
        var rounds = new RoundData(app);
        var data = rounds.Registry;
        await data.AddTerritoryAsync();
        var huayllabamba = await data.AddCommunityAsync("Huayllabamba");
        var kiunalla = await data.AddCommunityAsync("Kiuñalla", RegistryData.Tamburco);
        int[] inside =
        [
            await data.AddHouseholdAsync(huayllabamba, "Juana", "Quispe Ccori", "41234567", "F"),
            await data.AddHouseholdAsync(huayllabamba, "Pedro", "Huamán Puma", "41234568"),
            await data.AddHouseholdAsync(huayllabamba, "Rosa", "Condori Taipe", "01234569", "F"),
            await data.AddHouseholdAsync(huayllabamba, "Víctor", "Sullca Cusi", "41234570"),
        ];
        var outside = await data.AddHouseholdAsync(kiunalla, "Hilda", "Layme Chipana", "41234571", "F");
        var programme = await data.AddProgrammeAsync();
        var office = await rounds.AddOfficeAsync(programme, RoundData.OfficeName);
        var source = await data.AddFundingSourceAsync(programme, "Préstamo FIDA", 100_000m);
        var world = new RoundWorld(programme, office, source, huayllabamba, kiunalla, inside[0], inside[1], outside);
        var rubric = Rubric.Create([new RubricPart("Campo", [new Criterion("Andenes", null, 20m, 1m)], 3, 3, Aggregation.Mean)], 11m, new List<DomainError>())!;
        var rules = new RoundRules(rubric, new PrizeRules { Tiers = [600m, 400m], BudgetLines = [new BudgetLine(source, 1_000m)] });
        var id = await rounds.RoundAsync(world, RoundPhase.Open, rules: rules, themes: [Theme.Terraces], communities: [huayllabamba], name: Name);
        return new OpenRound(id, huayllabamba, inside, outside, await rounds.UserIdAsync());
    }

    /// <summary>Registers a household of the round directly (as the registration screen would), with the next number.</summary>
    public Task<int> RegisterAsync(ContestsApp app, int household) => new RoundData(app).EnterHouseholdAsync(Id, household);
}
