using Contests.Core.Judging;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Review;

/// <summary>
/// Approving the acta of a round of plans records each plan's outcome — approved from the qualifying score, not
/// approved below it — which the "a plan rejected twice may not be presented again" rule counts at registration.
/// </summary>
public abstract class PlanOutcomeTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private JudgingData Judging { get; } = new(app);

    [Fact]
    public async Task ApprovingTheActa_RecordsEachPlansOutcome()
    {
        var world = await Judging.Rounds.WorldAsync();
        var good = await Judging.Registry.AddOrganizationAsync("Asociación de Criadores de Cuyes Señor de Ánimas");
        var weak = await Judging.Registry.AddOrganizationAsync("Asociación de Productores Apícolas Flor de Cachora", ruc: null);
        var rules = JudgingData.Rules(world.SourceId) with
        {
            Prizes = new PrizeRules
            {
                Method = AllocationMethod.CoFinancing, CounterpartMinPercent = 20m, MaxGrantPerPlan = 30_000m, BudgetLines = [new BudgetLine(world.SourceId, 10_000m)],
            },
        };
        var roundId = await Judging.Rounds.RoundAsync(world, RoundPhase.Judging, rules: rules, level: RoundLevel.Organizations, pools: PoolBy.OnePool,
            themes: [Theme.BusinessPlans]);
        var officerId = await Judging.Rounds.UserIdAsync();
        var entries = await Judging.Registry.WriteAsync(db =>
        {
            var round = db.Rounds.AsSplitQuery().Single(r => r.Id == roundId);
            return new[] { (good, 10_000m, 2_500m), (weak, 6_000m, 1_500m) }.Select((p, i) =>
            {
                var o = db.Organizations.Single(x => x.Id == p.Item1);
                var (result, e) = Entry.Register(round, new Entry.Competitor(o.Id, o.Name, null, o.DistrictUbigeo, false), new PoolAssignment("ALL", round.Name),
                    null, new Entry.Plan("Plan de negocio", p.Item2, p.Item3), new EligibilityResult([], []), i + 1, officerId, App.Clock.GetUtcNow().UtcDateTime);
                Assert.True(result.Succeeded);
                return db.Entries.Add(e!).Entity;
            }).ToList();
        });
        var lrac = await Judging.AddMemberAsync(roundId, await Judging.Rounds.UserIdAsync(TestUsers.Lrac), new LracMemberInput
        {
            FullName = JudgingData.LracName, Dni = JudgingData.LracDni, Affiliation = Affiliation.Other, AffiliationName = "Agencia Agraria Abancay",
            Role = LracRole.President, FieldJuror = true,
        });
        var other = await Judging.AddMemberAsync(roundId, await Judging.AccountAsync(JudgingData.OtherDni, JudgingData.OtherName), new LracMemberInput
        {
            FullName = JudgingData.OtherName, Dni = JudgingData.OtherDni, Affiliation = Affiliation.Other, AffiliationName = "Municipalidad de Tamburco",
            Role = LracRole.Secretary, FieldJuror = true,
        });
        await Judging.AssignAsync(roundId);
        foreach (var juror in new[] { lrac, other })
        {
            await Judging.SubmitAsync((await Judging.SheetIdAsync(juror.MemberId, entries[0].Id))!.Value, 20m, 15m, 15m); // 50: approved (≥ 30)
            await Judging.SubmitAsync((await Judging.SheetIdAsync(juror.MemberId, entries[1].Id))!.Value, 5m, 5m, 5m);    // 15: not approved
        }
        await Judging.Registry.WriteAsync(db => db.Rounds.AsSplitQuery().Single(r => r.Id == roundId).MoveTo(RoundPhase.Review,
            new PhaseFacts { HasRubric = true, HasBudget = true, Entries = 2 }, false, officerId, App.Clock.GetUtcNow().UtcDateTime));
        Assert.All(await OutcomesAsync(roundId), o => Assert.Null(o));

        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await ReviewData.OpenAsync(officer, roundId, lrac.MemberId, other.MemberId);
        var session = $"/rounds/{Id(roundId)}/session";
        await RedirectsToAsync(await officer.PostFormAsync(session, session + "/approve", ("Approve.AppealsUntil", "2026-11-30"), ("Approve.Confirmed", "true")), session);

        Assert.Equal([PlanOutcome.Approved, PlanOutcome.NotApproved], await OutcomesAsync(roundId));
        Assert.True(await Judging.Registry.ReadAsync(db => db.AuditRecords.AnyAsync(a => a.EntityType == nameof(Entry) && a.Action == "Modified"
            && a.EntityId == entries[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.After!.Contains("NotApproved"))));
    }

    private Task<List<PlanOutcome?>> OutcomesAsync(int roundId) => Judging.Registry.ReadAsync(db =>
        db.Entries.AsNoTracking().Where(e => e.RoundId == roundId).OrderBy(e => e.Number).Select(e => e.Outcome).ToListAsync());
}

public sealed class PlanOutcomeTestsOnSqlite(SqliteApp app) : PlanOutcomeTests<SqliteApp>(app);

public sealed class PlanOutcomeTestsOnPostgres(PostgresApp app) : PlanOutcomeTests<PostgresApp>(app);
