using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Judging;

/// <summary>One rubric part's assignment: the plan (added, kept, excluded pairs, shortfalls) and the names to show it with.</summary>
public sealed record PartAssignment(int PartIndex, RubricPart Part, AssignmentPlan Plan, IReadOnlyDictionary<int, string> Jurors,
    IReadOnlyDictionary<int, string> Entries);

/// <summary>
/// Assigning entries to jurors, part by part: who scores the field visit and who the public
/// presentation, within the part's minimum and maximum jurors, load balanced, never a conflicted pair.
/// The preview is what the officer sees before applying (every excluded pair with its reasons); applying
/// creates the missing sheets and removes unsubmitted ones that became conflicted.
/// </summary>
public sealed class Assignments(ContestsDbContext db, Lrac lrac)
{
    /// <summary>Assignments can be made once registration has closed (the entries are fixed) and until judging ends.</summary>
    public static bool OpenIn(RoundPhase phase) => phase is RoundPhase.RegistrationClosed or RoundPhase.Judging;

    public async Task<IReadOnlyList<PartAssignment>> PreviewAsync(ContestRound round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.CurrentRules?.Rules is not { } rules)
        {
            return [];
        }
        var members = await db.LracMembers.Where(m => m.RoundId == round.Id).OrderBy(m => m.Id).ToListAsync(ct);
        var ties = await lrac.TiesAsync(members, ct);
        var entries = await db.Entries.Where(e => e.RoundId == round.Id && e.Status == EntryStatus.Registered)
            .Select(e => new { e.Id, e.Number, e.CompetitorName, e.HouseholdId, e.CommunityId, e.OrganizationId })
            .OrderBy(e => e.Id).ToListAsync(ct);
        var memberIds = members.Select(m => m.Id).ToList();
        var sheets = await db.ScoreSheets.Where(s => memberIds.Contains(s.JurorId))
            .Select(s => new { s.EntryId, s.JurorId, s.PartIndex }).ToListAsync(ct);
        var entryTies = entries.Select(e => new EntryTies(e.Id, e.HouseholdId, e.CommunityId, e.OrganizationId)).ToList();
        var entryNames = entries.ToDictionary(e => e.Id, e => $"N.° {e.Number} — {e.CompetitorName}");
        return [.. rules.Rubric.Parts.Select((part, p) =>
        {
            var jurors = members.Where(m => m.Scores(part.Venue)).Select(m => new AssignmentJuror(m.Id, ties[m.Id])).ToList();
            var existing = sheets.Where(s => s.PartIndex == p).Select(s => new JurorPair(s.EntryId, s.JurorId)).ToList();
            var plan = Assignment.Plan(part, jurors, entryTies, existing);
            return new PartAssignment(p, part, plan, members.ToDictionary(m => m.Id, m => m.FullName), entryNames);
        })];
    }

    /// <summary>Applies the preview: adds the planned sheets and removes unsubmitted sheets whose pair is now excluded.</summary>
    public async Task<(Result Result, int Added, int Removed)> ApplyAsync(ContestRound round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (!OpenIn(round.Phase))
        {
            return (Result.Fail(new DomainError("Assign.Closed", null, round.Phase)), 0, 0);
        }
        if (!await db.LracMembers.AnyAsync(m => m.RoundId == round.Id && m.Active, ct))
        {
            return (Result.Fail(new DomainError("Assign.NoMembers")), 0, 0);
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (added, removed) = await ApplyPlansAsync(round, ct);
                return (Result.Success(), added, removed);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Someone assigned at the same moment (a double click, two officers): the unique index
                // kept one sheet per pair. Plan again from what is there now.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(int Added, int Removed)> ApplyPlansAsync(ContestRound round, CancellationToken ct)
    {
        var plans = await PreviewAsync(round, ct);
        var added = 0;
        var removed = 0;
        foreach (var assignment in plans)
        {
            foreach (var pair in assignment.Plan.Added)
            {
                db.ScoreSheets.Add(ScoreSheet.Start(pair.EntryId, pair.JurorId, assignment.PartIndex, assignment.Part));
                added++;
            }
            var excluded = assignment.Plan.Exclusions.Select(x => (x.EntryId, x.JurorId)).ToHashSet();
            var entryIds = excluded.Select(x => x.EntryId).Distinct().ToList();
            var stale = await db.ScoreSheets
                .Where(s => s.PartIndex == assignment.PartIndex && entryIds.Contains(s.EntryId) && s.State != SheetState.Submitted)
                .ToListAsync(ct);
            var drop = stale.Where(s => excluded.Contains((s.EntryId, s.JurorId))).ToList();
            db.ScoreSheets.RemoveRange(drop);
            removed += drop.Count;
        }
        await db.SaveChangesAsync(ct);
        return (added, removed);
    }
}
