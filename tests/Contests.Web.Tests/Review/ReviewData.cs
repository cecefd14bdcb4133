using Contests.Core.Judging;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Review;

/// <summary>
/// A round judged and in review (<see cref="JudgingData.SeedAsync"/>: five households, t-lrac presiding, a secretary
/// and Pedro, two sheets per entry), every sheet submitted so that the finals are, in Ccollpa, N.° 1 Juana 50, N.° 2
/// Pedro 40, N.° 3 Rosa 35, and in Villa Ampay N.° 4 María 20 and N.° 5 Hilda 20 (below 30, not approved). Prizes
/// 600/400 per pool, budget 1,000: Juana S/ 600.00, Pedro S/ 400.00, nobody else — the budget exactly.
/// </summary>
public sealed class ReviewData(ContestsApp app)
{
    public const string Held = "2026-11-23T08:30";   // the test clock is 09:00 in Lima
    public const string Place = "Local comunal de Ccollpa";

    private static readonly decimal[][] Points = [[20m, 15m, 15m], [18m, 12m, 10m], [15m, 10m, 10m], [10m, 5m, 5m], [10m, 5m, 5m]];

    public JudgingData Judging { get; } = new(app);

    /// <param name="whileJudging">What to do before the sheets are submitted (declare a conflict …).</param>
    public async Task<JudgingRound> InReviewAsync(Func<JudgingRound, Task>? whileJudging = null)
    {
        var round = await Judging.SeedAsync();
        if (whileJudging is not null)
        {
            await whileJudging(round);
        }
        for (var n = 1; n <= 5; n++)
        {
            foreach (var juror in new[] { round.Lrac, round.Other, round.Neighbour })
            {
                if (await Judging.SheetIdAsync(juror.MemberId, round.Entry(n)) is { } sheet)
                {
                    await Judging.SubmitAsync(sheet, Points[n - 1]);
                }
            }
        }
        await Judging.Registry.WriteAsync(db =>
        {
            var r = db.Rounds.AsSplitQuery().Single(x => x.Id == round.Id);
            Assert.True(r.MoveTo(RoundPhase.Review, new PhaseFacts { HasRubric = true, HasBudget = true, Entries = 5 }, false, round.OfficerId,
                app.Clock.GetUtcNow().UtcDateTime).Succeeded);
            return 0;
        });
        return round;
    }

    /// <summary>The round's session acta.</summary>
    public Task<Acta?> ActaAsync(int roundId) => Judging.Registry.ReadAsync(db =>
        db.Actas.AsNoTracking().Include(a => a.Awards).SingleOrDefaultAsync(a => a.RoundId == roundId && a.Kind == ActaKind.Session));

    /// <summary>
    /// An approved acta of another round of the same office, numbered <paramref name="number"/> for the year of
    /// <paramref name="heldUtc"/> (no awards).
    /// </summary>
    public async Task ApprovedActaAsync(JudgingRound round, int number, DateTime heldUtc)
    {
        var other = await Judging.Rounds.RoundAsync(round.World, RoundPhase.Open);
        await Judging.Registry.WriteAsync(db => AddApproved(db, round, other, number, heldUtc));
    }

    private static Acta AddApproved(Contests.Web.Infrastructure.Persistence.ContestsDbContext db, JudgingRound round, int otherRound, int number, DateTime heldUtc)
    {
        var office = db.Rounds.Where(r => r.Id == round.Id).Select(r => r.LocalOfficeId).Single();
        var acta = Acta.Open(otherRound, office, ActaKind.Session, heldUtc, "Oficina local", round.OfficerId, heldUtc, new List<Core.Common.DomainError>())!;
        Assert.True(acta.RecordAttendance([round.Lrac.MemberId], [round.Lrac.MemberId]).Succeeded);
        var nothing = new Core.Allocation.AllocationResult(Core.Allocation.AllocationStatus.Allocated, [], [], [], [], [], 0m, 0m);
        Assert.True(acta.Approve(new ActaApproval(new Dictionary<int, LracRole> { [round.Lrac.MemberId] = LracRole.President }, nothing, [], number,
            heldUtc.AddDays(7), round.OfficerId, heldUtc)).Succeeded);
        return db.Actas.Add(acta).Entity;
    }

    public async Task<RoundPhase> PhaseAsync(int roundId) => (await Judging.Rounds.ReadRoundAsync(roundId)).Phase;

    /// <summary>The officer opens the session and marks <paramref name="present"/> (member ids) as present.</summary>
    public static async Task OpenAsync(AppClient client, int roundId, params int[] present)
    {
        var page = $"/rounds/{roundId}/session";
        await RedirectsToAsync(await client.PostFormAsync(page, page, ("Session.Held", Held), ("Session.Place", Place)), page);
        if (present.Length > 0)
        {
            await RedirectsToAsync(await client.PostFormAsync(page, page + "/attendance", [.. present.Select(p => ("present", Id(p)))]), page);
        }
    }
}
