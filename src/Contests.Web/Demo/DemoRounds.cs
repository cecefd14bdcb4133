using Contests.Core.Accounts;
using Contests.Core.Common;
using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Demo.DemoCheck;

namespace Contests.Web.Demo;

/// <summary>
/// The demo's contest rounds: an inter-family contest open in the Mariño watershed (two-part rubric,
/// prizes per place, entries with and without baseline, one withdrawn, registration closing on a date),
/// a business-plan round still in draft (co-financing), a talking-maps round whose scheduled close
/// could not happen because nobody registered (as the officer would find it), inter-family rounds in
/// judging, in review, published and paying (<see cref="DemoJudging"/>), and a business-plan round of
/// organizations whose acta is approved and results published (<see cref="DemoPlans"/>).
/// </summary>
internal static class DemoRounds
{
    public static async Task SeedAsync(ContestsDbContext db, IPasswordHasher<User> hasher, int officerId, int financeId, string financeName, DateTime now,
        CancellationToken ct)
    {
        if (await db.Rounds.AnyAsync(ct))
        {
            return;
        }
        var programme = await db.Programmes.Include(p => p.Offices).OrderBy(p => p.Id).FirstAsync(ct);
        var abancay = programme.Offices.Single(o => o.City == "Abancay").Id;
        var andahuaylas = programme.Offices.Single(o => o.City == "Andahuaylas").Id;
        var sources = await db.FundingSources.ToDictionaryAsync(f => f.Kind, f => f.Id, ct);
        var watersheds = await db.Watersheds.ToDictionaryAsync(w => w.Name, w => w.Id, ct);

        var marino = Create(programme.Id, officerId, now, "Concurso interfamiliar de conservación de suelos y agua — Mariño 2026", abancay,
            RoundLevel.Households, PoolBy.Community, [Theme.SoilAndWater, Theme.Terraces], watersheds: [watersheds["Microcuenca Mariño"]]);
        Must(marino.SetRules(new RoundRules(FieldAndPublic(), new PrizeRules
        {
            Method = AllocationMethod.FixedTiers, Tiers = [600m, 400m, 200m], ParticipationPrize = 50m, MaxWinnersPerPool = 3,
            BudgetLines = [new BudgetLine(sources[FundingSourceKind.ProjectLoanOrGrant], 6_000m), new BudgetLine(sources[FundingSourceKind.Municipality], 2_400m)],
        }), null, officerId, now.AddDays(-20)));
        var plans = Create(programme.Id, officerId, now, "Concurso de planes de negocio 2026 — Curahuasi", abancay,
            RoundLevel.Organizations, PoolBy.OnePool, [Theme.BusinessPlans], districts: ["030104", "030108"]);
        Must(plans.SetRules(new RoundRules(FieldAndPublic(), new PrizeRules
        {
            Method = AllocationMethod.CoFinancing, CounterpartMinPercent = 20m, MaxGrantPerPlan = 30_000m,
            BudgetLines = [new BudgetLine(sources[FundingSourceKind.ProjectLoanOrGrant], 100_000m)],
        }), null, officerId, now.AddDays(-3)));
        var maps = Create(programme.Id, officerId, now, "Concurso de mapas parlantes — Chumbao", andahuaylas,
            RoundLevel.Communities, PoolBy.Watershed, [Theme.CulturalMaps], watersheds: [watersheds["Microcuenca Chumbao"]]);
        Must(maps.SetRules(new RoundRules(SingleSheet(), new PrizeRules
        {
            Method = AllocationMethod.FixedTiers, Tiers = [1_500m, 1_000m],
            BudgetLines = [new BudgetLine(sources[FundingSourceKind.ProjectLoanOrGrant], 2_500m)],
        }), null, officerId, now.AddDays(-30)));
        var curahuasi = Create(programme.Id, officerId, now, DemoJudging.RoundName, abancay,
            RoundLevel.Households, PoolBy.Community, [Theme.SoilAndWater], watersheds: [watersheds["Microcuenca Curahuasi"]]);
        Must(curahuasi.SetRules(new RoundRules(FieldAndPublic(), new PrizeRules
        {
            Method = AllocationMethod.FixedTiers, Tiers = [500m, 300m, 150m], ParticipationPrize = 40m, WomenBonusPoints = 2m,
            BudgetLines = [new BudgetLine(sources[FundingSourceKind.ProjectLoanOrGrant], 3_500m)],
        }), null, officerId, now.AddDays(-50)));
        var pachachaca = Create(programme.Id, officerId, now, DemoJudging.ReviewedRoundName, abancay,
            RoundLevel.Households, PoolBy.Community, [Theme.SoilAndWater], watersheds: [watersheds["Microcuenca Mariño"]]);
        Must(pachachaca.SetRules(new RoundRules(FieldAndPublic(), new PrizeRules
        {
            Method = AllocationMethod.FixedTiers, Tiers = [600m, 400m, 200m], ParticipationPrize = 50m,
            BudgetLines = [new BudgetLine(sources[FundingSourceKind.ProjectLoanOrGrant], 3_000m), new BudgetLine(sources[FundingSourceKind.Municipality], 1_000m)],
        }), null, officerId, now.AddDays(-80)));
        var healthyHomes = Create(programme.Id, officerId, now, DemoJudging.PublishedRoundName, abancay,
            RoundLevel.Households, PoolBy.Community, [Theme.HealthyHome], watersheds: [watersheds["Microcuenca Mariño"]]);
        Must(healthyHomes.SetRules(new RoundRules(FieldAndPublic(), new PrizeRules
        {
            Method = AllocationMethod.FixedTiers, Tiers = [500m, 300m, 150m], ParticipationPrize = 40m,
            BudgetLines = [new BudgetLine(sources[FundingSourceKind.ProjectLoanOrGrant], 2_500m)],
        }), null, officerId, now.AddDays(-90)));
        var guineaPigs = Create(programme.Id, officerId, now, DemoJudging.PayingRoundName, abancay,
            RoundLevel.Households, PoolBy.Community, [Theme.HealthyHome], watersheds: [watersheds["Microcuenca Mariño"]]);
        Must(guineaPigs.SetRules(new RoundRules(FieldAndPublic(), new PrizeRules
        {
            Method = AllocationMethod.FixedTiers, Tiers = [500m, 300m, 150m], ParticipationPrize = 40m,
            BudgetLines = [new BudgetLine(sources[FundingSourceKind.ProjectLoanOrGrant], 2_500m)],
        }), null, officerId, now.AddDays(-110)));
        var abancayPlans = Create(programme.Id, officerId, now, DemoPlans.PublishedRoundName, abancay,
            RoundLevel.Organizations, PoolBy.OnePool, [Theme.BusinessPlans], districts: ["030101", "030108", "030109"]);
        Must(abancayPlans.SetRules(new RoundRules(DemoPlans.BusinessPlanRubric(), new PrizeRules
        {
            Method = AllocationMethod.CoFinancing, CounterpartMinPercent = 20m, MaxGrantPerPlan = 30_000m,
            BudgetLines = [new BudgetLine(sources[FundingSourceKind.ProjectLoanOrGrant], 80_000m)],
        }), null, officerId, now.AddDays(-30)));
        db.Rounds.AddRange(marino, plans, maps, curahuasi, pachachaca, healthyHomes, guineaPigs, abancayPlans);
        await db.SaveChangesAsync(ct);

        var ready = new PhaseFacts { HasRubric = true, HasBudget = true };
        Must(marino.MoveTo(RoundPhase.Open, ready, false, officerId, now.AddDays(-14)));
        Must(maps.MoveTo(RoundPhase.Open, ready, false, officerId, now.AddDays(-30)));
        Must(curahuasi.MoveTo(RoundPhase.Open, ready, false, officerId, now.AddDays(-45)));
        Must(pachachaca.MoveTo(RoundPhase.Open, ready, false, officerId, now.AddDays(-75)));
        Must(healthyHomes.MoveTo(RoundPhase.Open, ready, false, officerId, now.AddDays(-85)));
        Must(guineaPigs.MoveTo(RoundPhase.Open, ready, false, officerId, now.AddDays(-105)));
        Must(abancayPlans.MoveTo(RoundPhase.Open, ready, false, officerId, now.AddDays(-28)));
        Must(marino.ScheduleMove(RoundPhase.RegistrationClosed, now.AddDays(10).Date.AddHours(23), now).Result);
        Must(marino.ScheduleMove(RoundPhase.Judging, now.AddDays(17).Date.AddHours(13), now).Result);
        var mapsClose = maps.ScheduleMove(RoundPhase.RegistrationClosed, now.AddDays(-2).Date.AddHours(23), now.AddDays(-25)).Added!;
        await db.SaveChangesAsync(ct);
        // Its date came with nobody registered: the guard refused, and the officer finds it on the dashboard.
        maps.RunScheduled(mapsClose.Id, ready with { Entries = 0 }, now.AddDays(-2).Date.AddHours(23));
        await db.SaveChangesAsync(ct);

        await RegisterMarinoAsync(db, marino, watersheds["Microcuenca Mariño"], officerId, now, ct);
        await DemoJudging.SeedAsync(db, hasher, curahuasi, officerId, now, ct);
        await DemoJudging.SeedReviewedAsync(db, hasher, pachachaca, officerId, now, ct);
        await DemoJudging.SeedPublishedAsync(db, hasher, healthyHomes, officerId, now, ct);
        await DemoJudging.SeedFinalAsync(db, hasher, guineaPigs, officerId, financeId, financeName, now, ct);
        await DemoPlans.SeedPublishedAsync(db, hasher, abancayPlans, officerId, now, ct);
    }

    private static async Task RegisterMarinoAsync(ContestsDbContext db, ContestRound round, int watershedId, int officerId, DateTime now, CancellationToken ct)
    {
        var communityIds = await db.Set<WatershedCommunity>().Where(w => w.WatershedId == watershedId).Select(w => w.CommunityId).ToListAsync(ct);
        var households = await (from h in db.Households
                                join c in db.Communities on h.CommunityId equals c.Id
                                where communityIds.Contains(h.CommunityId)
                                orderby c.Name, h.Id
                                select new { h.Id, h.HeadFirstNames, h.HeadLastNames, h.WomenHeaded, h.CommunityId, c.DistrictUbigeo, Community = c.Name, Profile = new HouseholdProfile(h.HeadSex, h.HeadBirthYear, h.Members, h.MotherTongue, h.Education) })
            .ToListAsync(ct);
        var number = 0;
        var entries = new List<Entry>();
        foreach (var h in households.Take(24))
        {
            number++;
            var competitor = new Entry.Competitor(h.Id, $"{h.HeadLastNames}, {h.HeadFirstNames}", h.CommunityId, h.DistrictUbigeo, h.WomenHeaded, h.Profile);
            var (result, entry) = Entry.Register(round, competitor, new PoolAssignment("C:" + h.CommunityId, h.Community), null, null,
                new EligibilityResult([], []), number, officerId, now.AddDays(-13).AddHours(number));
            Must(result);
            if (number % 3 != 0)
            {
                var errors = new List<DomainError>();
                var items = new List<BaselineItem>
                {
                    BaselineItem.Create("Terrazas de formación lenta", 40 + number * 5, "m lineales", 300m + number * 20, null, "Items[0]", errors)!,
                    BaselineItem.Create("Zanjas de infiltración", number % 2 == 0 ? 0 : 25, "m lineales", number % 2 == 0 ? null : 150m, "Solo en la parte alta", "Items[1]", errors)!,
                };
                Must(entry!.SetBaseline(RoundPhase.Open, items));
            }
            entries.Add(entry!);
        }
        db.Entries.AddRange(entries);
        await db.SaveChangesAsync(ct);
        Must(entries[4].Withdraw(RoundPhase.Open, "La familia migró temporalmente a la costa por trabajo.", officerId, now.AddDays(-5)));
        await db.SaveChangesAsync(ct);
    }

    private static ContestRound Create(int programmeId, int officerId, DateTime now, string name, int office, RoundLevel level, PoolBy pools,
        Theme[] themes, string[]? districts = null, int[]? watersheds = null)
    {
        var (result, round) = ContestRound.Create(programmeId, new RoundSetup
        {
            Name = name, LocalOfficeId = office, Level = level, PoolBy = pools, Themes = themes.ToHashSet(),
            Scope = new RoundScope((districts ?? []).ToHashSet(), new HashSet<int>(), (watersheds ?? []).ToHashSet()),
        }, officerId, now.AddDays(-30));
        Must(result);
        return round!;
    }

    /// <summary>The CLAR's two parts: a field visit (50 points) and the public presentation (50 points); approved from 70.</summary>
    private static Rubric FieldAndPublic() => Must(Rubric.Create(
    [
        new RubricPart("Evaluación de campo",
        [
            new Criterion("Obras de conservación construidas", "Terrazas, zanjas y barreras vivas según lo planificado", 20m, 1m),
            new Criterion("Manejo del agua", "Riego, reservorios y cosecha de agua", 15m, 1m),
            new Criterion("Participación de la familia", "Mujeres, jóvenes y adultos en los trabajos", 15m, 1m),
        ], 3, 3, Aggregation.Mean),
        new RubricPart("Exposición pública",
        [
            new Criterion("Claridad de la presentación", null, 25m, 1m),
            new Criterion("Resultados y aprendizajes", null, 25m, 1m),
        ], 3, 5, Aggregation.Mean, PartVenue.Public),
    ], 70m, new List<DomainError>()));

    /// <summary>A single 1–20 sheet, as the SIIR's inter-family contests use.</summary>
    private static Rubric SingleSheet() => Must(Rubric.Create(
        [new RubricPart("Calificación", [new Criterion("Calificación general", "De 1 a 20", 20m, 1m)], 3, 3, Aggregation.Mean)], 11m, new List<DomainError>()));
}
