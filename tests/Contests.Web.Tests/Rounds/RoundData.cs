using Contests.Core.Common;
using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Rounds;

/// <summary>
/// What the round tests stand on: a programme with one office and one funding source, Abancay and
/// Tamburco with a community each, and three households — Juana (women-headed) and Pedro in Ccollpa
/// (Abancay), María (women-headed) in Villa Ampay (Tamburco).
/// </summary>
public sealed record RoundWorld(int ProgrammeId, int OfficeId, int SourceId, int Ccollpa, int Ampay, int Juana, int Pedro, int Maria);

/// <summary>
/// Seeds rounds and entries straight through the DbContext with the domain's own methods
/// (<see cref="ContestRound.Create"/>, <see cref="ContestRound.SetRules"/>, <see cref="ContestRound.MoveTo"/>,
/// <see cref="Entry.Register"/>), so a test starts where its screen starts. Registry data comes from
/// <see cref="RegistryData"/>.
/// </summary>
public sealed class RoundData(ContestsApp app)
{
    public const string SourceName = "Fondo concursable FIDA";
    public const string OfficeName = "Oficina Local Abancay";
    public const string RoundName = "Concurso interfamiliar Abancay 2026";

    /// <summary>Every guard of every move satisfied (what a seeded round needs to walk to a later phase).</summary>
    private static readonly PhaseFacts Ready = new()
    {
        HasRubric = true, HasBudget = true, Entries = 1, MissingBaselines = 0, MissingScoreSheets = 0,
        ActaApprovedWithQuorum = true, AppealsWindowOver = true, PayoutsOutstanding = 0,
    };

    public RegistryData Registry { get; } = new(app);

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    public Task<int> UserIdAsync(string userName = TestUsers.Officer) =>
        Registry.ReadAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public async Task<RoundWorld> WorldAsync()
    {
        await Registry.AddTerritoryAsync();
        var ccollpa = await Registry.AddCommunityAsync("Ccollpa");
        var ampay = await Registry.AddCommunityAsync("Villa Ampay", RegistryData.Tamburco);
        var juana = await Registry.AddHouseholdAsync(ccollpa, "Juana", "Quispe Mamani", "01234567", "F");
        var pedro = await Registry.AddHouseholdAsync(ccollpa, "Pedro", "Huamán Ccori", "40111222", "M");
        var maria = await Registry.AddHouseholdAsync(ampay, "María", "Ccori Layme", "40999888", "F");
        var programme = await Registry.AddProgrammeAsync();
        var office = await AddOfficeAsync(programme, OfficeName);
        var source = await Registry.AddFundingSourceAsync(programme, SourceName, 10_000m);
        return new RoundWorld(programme, office, source, ccollpa, ampay, juana, pedro, maria);
    }

    public async Task<int> AddOfficeAsync(int programmeId, string name)
    {
        var programme = await Registry.WriteAsync(db =>
        {
            var p = db.Programmes.Include(x => x.Offices).Single(x => x.Id == programmeId);
            Assert.True(p.AddOffice(name, "Abancay", "Julio Céspedes Rojas").Succeeded);
            return p;
        });
        return programme.Offices.Single(o => o.Name == name).Id;
    }

    /// <summary>A funding source restricted to some themes (and districts).</summary>
    public async Task<int> AddRestrictedSourceAsync(int programmeId, string name, decimal committed, Theme[] themes, params string[] districts)
    {
        var id = await Registry.AddFundingSourceAsync(programmeId, name, committed);
        await Registry.WriteAsync(db =>
        {
            db.FundingSources.Include(f => f.Themes).Include(f => f.Districts).Single(f => f.Id == id).Restrict(themes, districts);
            return 0;
        });
        return id;
    }

    /// <summary>
    /// The CLAR's two parts — field visit (50) and public presentation (50), approved from 70 — with
    /// prizes 600/400/200 and a participation prize of 50, paid by one source.
    /// </summary>
    public static RoundRules Rules(int sourceId, decimal budget = 5_000m, decimal firstPrize = 600m)
    {
        var errors = new List<DomainError>();
        var rubric = Rubric.Create(
        [
            new RubricPart("Evaluación de campo",
            [
                new Criterion("Obras de conservación", null, 20m, 1m),
                new Criterion("Manejo del agua", null, 15m, 1m),
                new Criterion("Participación de la familia", null, 15m, 1m),
            ], 3, 3, Aggregation.Mean),
            new RubricPart("Exposición pública", [new Criterion("Claridad", null, 25m, 1m), new Criterion("Resultados", null, 25m, 1m)], 3, 5, Aggregation.Mean, PartVenue.Public),
        ], 70m, errors);
        Assert.Empty(errors);
        return new RoundRules(rubric!, new PrizeRules
        {
            Method = AllocationMethod.FixedTiers, Tiers = [firstPrize, 400m, 200m], ParticipationPrize = 50m,
            BudgetLines = [new BudgetLine(sourceId, budget)],
        });
    }

    /// <summary>Co-financing of plans with a minimum counterpart, as business-plan rounds use.</summary>
    public static RoundRules PlanRules(int sourceId, decimal counterpartMinPercent = 20m)
    {
        var rules = Rules(sourceId, 50_000m);
        return rules with
        {
            Prizes = new PrizeRules
            {
                Method = AllocationMethod.CoFinancing, CounterpartMinPercent = counterpartMinPercent, MaxGrantPerPlan = 30_000m,
                BudgetLines = [new BudgetLine(sourceId, 50_000m)],
            },
        };
    }

    /// <summary>
    /// A round created by the officer through the domain, with <paramref name="rules"/> (none when null
    /// and <paramref name="withRules"/> is false) and walked forward to <paramref name="phase"/>.
    /// </summary>
    public async Task<int> RoundAsync(RoundWorld world, RoundPhase phase = RoundPhase.Open, bool withRules = true, RoundRules? rules = null,
        RoundLevel level = RoundLevel.Households, PoolBy pools = PoolBy.Community, Theme[]? themes = null, string[]? districts = null,
        int[]? communities = null, string name = RoundName)
    {
        ArgumentNullException.ThrowIfNull(world);
        var officer = await UserIdAsync();
        var round = await Registry.WriteAsync(db =>
        {
            var (created, r) = ContestRound.Create(world.ProgrammeId, new RoundSetup
            {
                Name = name, LocalOfficeId = world.OfficeId, Level = level, PoolBy = pools,
                Themes = (themes ?? [Theme.SoilAndWater]).ToHashSet(),
                Scope = new RoundScope((districts ?? []).ToHashSet(StringComparer.Ordinal), (communities ?? []).ToHashSet(), new HashSet<int>()),
            }, officer, Now);
            Must(created);
            if (withRules)
            {
                Must(r!.SetRules(rules ?? Rules(world.SourceId), null, officer, Now));
            }
            while (r!.Phase < phase)
            {
                Must(r.MoveTo(RoundPhases.Next(r.Phase)!.Value, Ready, confirmed: true, officer, Now));
            }
            return db.Rounds.Add(r).Entity;
        });
        return round.Id;
    }

    /// <summary>A household entered in a round (as the registration screen would, without asking it).</summary>
    public async Task<int> EnterHouseholdAsync(int roundId, int householdId)
    {
        var officer = await UserIdAsync();
        var entry = await Registry.WriteAsync(db =>
        {
            var round = db.Rounds.Single(r => r.Id == roundId);
            var h = (from x in db.Households
                     join c in db.Communities on x.CommunityId equals c.Id
                     where x.Id == householdId
                     select new { x.Id, x.HeadFirstNames, x.HeadLastNames, x.WomenHeaded, x.CommunityId, c.DistrictUbigeo, c.Name }).Single();
            var number = db.Entries.Where(e => e.RoundId == roundId).Max(e => (int?)e.Number) ?? 0;
            var (result, e) = Entry.Register(round, new Entry.Competitor(h.Id, $"{h.HeadLastNames}, {h.HeadFirstNames}", h.CommunityId, h.DistrictUbigeo, h.WomenHeaded),
                new PoolAssignment("C:" + h.CommunityId, h.Name), null, null, new EligibilityResult([], []), number + 1, officer, Now);
            Must(result);
            return db.Entries.Add(e!).Entity;
        });
        return entry.Id;
    }

    /// <summary>An organization's plan presented in an earlier round, with the CLAR's outcome.</summary>
    public async Task<int> EnterPlanAsync(int roundId, int organizationId, PlanOutcome? outcome)
    {
        var officer = await UserIdAsync();
        var entry = await Registry.WriteAsync(db =>
        {
            var round = db.Rounds.Single(r => r.Id == roundId);
            var o = db.Organizations.Single(x => x.Id == organizationId);
            var (result, e) = Entry.Register(round, new Entry.Competitor(o.Id, o.Name, null, o.DistrictUbigeo, o.Type == OrganizationType.WomensGroup),
                new PoolAssignment("ALL", round.Name), null, new Entry.Plan("Crianza de cuyes mejorados", 20_000m, 5_000m), new EligibilityResult([], []),
                1, officer, Now);
            Must(result);
            if (outcome is { } decided)
            {
                e!.RecordOutcome(decided);
            }
            return db.Entries.Add(e!).Entity;
        });
        return entry.Id;
    }

    /// <summary>
    /// A move to <paramref name="to"/> dated an hour from now that came due with nobody registered: the
    /// guard refused it and the schedule records why (what the scheduler's job leaves behind).
    /// </summary>
    public async Task<int> FailedScheduledMoveAsync(int roundId, RoundPhase to = RoundPhase.RegistrationClosed)
    {
        var item = await Registry.WriteAsync(db =>
        {
            var (result, added, _) = db.Rounds.Single(r => r.Id == roundId).ScheduleMove(to, Now.AddHours(1), Now);
            Must(result);
            return added!;
        });
        app.Clock.Advance(TimeSpan.FromHours(1));
        await Registry.WriteAsync(db =>
        {
            var moved = db.Rounds.Single(r => r.Id == roundId).RunScheduled(item.Id, Ready with { Entries = 0 }, Now);
            Assert.False(moved.Succeeded);
            return 0;
        });
        return item.Id;
    }

    public Task<ContestRound> ReadRoundAsync(int roundId) => Registry.ReadAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId));

    public Task<List<Entry>> ReadEntriesAsync(int roundId) =>
        Registry.ReadAsync(db => db.Entries.AsNoTracking().Include(e => e.Baseline).Include(e => e.Photos)
            .Where(e => e.RoundId == roundId).OrderBy(e => e.Number).ToListAsync());

    private static void Must(Result result) =>
        Assert.True(result.Succeeded, "Seed data broke a rule: " + string.Join(", ", result.Errors.Select(e => e.Code)));
}
