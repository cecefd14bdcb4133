using Contests.Core.Judging;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Judging;

/// <summary>What the sheet handlers ask about a sheet's round: the rules in force, its phase, and whether an entry is being re-scored.</summary>
public sealed class SheetFacts(ContestsDbContext db)
{
    /// <summary>The round's rules in force (its latest version).</summary>
    public async Task<RoundRules> RulesAsync(int roundId, CancellationToken ct) =>
        await db.Set<RoundRulesVersion>().Where(v => v.RoundId == roundId).OrderByDescending(v => v.Number).Select(v => v.Rules).FirstAsync(ct);

    /// <summary>Whether an accepted appeal, not yet settled by an addendum, reopened the entry's scoring after publication.</summary>
    public Task<bool> RescoringAsync(int entryId, CancellationToken ct) =>
        db.Appeals.Where(Appeal.IsAwaitingAddendum).AnyAsync(a => a.EntryId == entryId, ct);

    /// <summary>The sheet's round and its phase, in one query (the save path runs it on every autosave).</summary>
    public async Task<(int RoundId, RoundPhase Phase)> RoundOfAsync(ScoreSheet sheet, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var round = await (from m in db.LracMembers
                           join r in db.Rounds on m.RoundId equals r.Id
                           where m.Id == sheet.JurorId
                           select new { r.Id, r.Phase }).SingleAsync(ct);
        return (round.Id, round.Phase);
    }
}
