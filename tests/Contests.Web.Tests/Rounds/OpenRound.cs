using Contests.Core.Common;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Rounds;

/// <summary>
/// An open household round over Huayllabamba (Abancay), written through the domain: four households
/// in Huayllabamba, one in Kiuñalla (Tamburco, out of scope), rules version 1 with prizes 600/400 from
/// one funding source. What tests about entries, imports and public pages start from.
/// </summary>
public sealed record OpenRound(int Id, int Community, int[] Inside, int Outside, int Officer)
{
    public const string Name = "Concurso interfamiliar Huayllabamba 2026";

    public static async Task<OpenRound> SeedAsync(ContestsApp app)
    {
        var data = new RegistryData(app);
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
        var programme = await data.WriteAsync(db =>
        {
            var p = Contests.Core.Programmes.Programme.Create("Sierra Sur II", "FIDA");
            p.AddOffice("Oficina Local Abancay", "Abancay", "Walter Pareja");
            return db.Programmes.Add(p).Entity;
        });
        var source = await data.AddFundingSourceAsync(programme.Id, "Préstamo FIDA", 100_000m);
        var officer = await data.ReadAsync(db => db.Users.Where(u => u.UserName == TestUsers.Officer).Select(u => u.Id).SingleAsync());
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var round = await data.WriteAsync(db =>
        {
            var (_, r) = ContestRound.Create(programme.Id, new RoundSetup
            {
                Name = Name, LocalOfficeId = programme.Offices.Single().Id, Level = RoundLevel.Households,
                PoolBy = PoolBy.Community, Themes = new HashSet<Theme> { Theme.Terraces },
                Scope = new RoundScope(new HashSet<string>(), new HashSet<int> { huayllabamba }, new HashSet<int>()),
            }, officer, now);
            var rubric = Rubric.Create([new RubricPart("Campo", [new Criterion("Andenes", null, 20m, 1m)], 3, 3, Aggregation.Mean)], 11m, new List<DomainError>())!;
            Assert.True(r!.SetRules(new RoundRules(rubric, new PrizeRules { Tiers = [600m, 400m], BudgetLines = [new BudgetLine(source, 1_000m)] }),
                null, officer, now).Succeeded);
            Assert.True(r.MoveTo(RoundPhase.Open, new PhaseFacts { HasRubric = true, HasBudget = true }, false, officer, now).Succeeded);
            return db.Rounds.Add(r).Entity;
        });
        return new OpenRound(round.Id, huayllabamba, inside, outside, officer);
    }

    /// <summary>Registers a household of the round directly (as the registration screen would).</summary>
    public async Task<int> RegisterAsync(ContestsApp app, int household, string name, int number)
    {
        var data = new RegistryData(app);
        var round = await data.ReadAsync(db => db.Rounds.SingleAsync(r => r.Id == Id));
        var entry = await data.WriteAsync(db =>
        {
            var (_, e) = Entry.Register(round, new Entry.Competitor(household, name, Community, RegistryData.Abancay, false),
                new PoolAssignment("C:" + Community, "Huayllabamba"), null, null, new EligibilityResult([], []), number, Officer,
                app.Clock.GetUtcNow().UtcDateTime);
            return db.Entries.Add(e!).Entity;
        });
        return entry.Id;
    }
}
