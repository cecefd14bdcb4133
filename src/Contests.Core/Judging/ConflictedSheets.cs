using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Core.Judging;

/// <summary>A sheet as the conflict rules see it: whose entry and part, whether it is submitted, and whether its juror is now conflicted with the entry.</summary>
public sealed record SheetStanding(int EntryId, int PartIndex, bool Submitted, bool Conflicted);

/// <summary>
/// What judging still lacks: <see cref="Missing"/> sheets to submit (of jurors free of conflict), and
/// <see cref="ShortByConflict"/> entry parts whose submitted score is excluded because a conflict was
/// found after submission and that are left below the part's minimum of jurors — someone must re-score
/// them or the juror be replaced.
/// </summary>
public sealed record JudgingCoverage(int Missing, int ShortByConflict);

/// <summary>
/// A conflict of interest found after assignment (docs/architecture.md#rules-judging): the registry changed — a partner
/// whose DNI is a juror's, a membership moved — or a conflict was declared. The conflict is computed from the
/// current registry at the moment of each action (<see cref="Conflicts.Between"/>), never remembered from the
/// assignment: a conflicted juror's sheet is blocked at once (open, save, submit), and a submitted one stops
/// counting — it is excluded from aggregation and ranking and shown as excluded — until the entry is
/// re-scored or the juror replaced.
/// </summary>
public static class ConflictedSheets
{
    /// <summary>Whether the juror may open, save or submit the sheet: refused with every reason found.</summary>
    public static Result MayScore(IReadOnlyList<Conflict> conflicts)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        return conflicts.Count == 0
            ? Result.Success()
            : Result.Fail(conflicts.Select(c => c.Detail is null
                ? new DomainError("Sheet.Conflicted", null, c.Reason)
                : new DomainError("Sheet.ConflictedDeclared", null, c.Detail)).ToArray());
    }

    /// <summary>The submitted totals that count: those of jurors free of conflict with the entry.</summary>
    public static IReadOnlyList<SubmittedTotal> Counting(IEnumerable<SubmittedTotal> totals) =>
        [.. totals.Where(t => !t.Conflicted)];

    /// <summary>
    /// Per active entry and part: the sheets still to submit among jurors free of conflict (and the jurors
    /// short of the part's minimum when fewer of them were assigned), and the parts left short by a submitted
    /// sheet excluded for a conflict. A conflicted sheet is neither expected nor counted.
    /// </summary>
    public static JudgingCoverage Coverage(IReadOnlyList<RubricPart> parts, IEnumerable<int> entryIds, IEnumerable<SheetStanding> sheets)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(entryIds);
        ArgumentNullException.ThrowIfNull(sheets);
        var byPair = sheets.ToLookup(s => (s.EntryId, s.PartIndex));
        int missing = 0, shortByConflict = 0;
        foreach (var entry in entryIds)
        {
            for (var p = 0; p < parts.Count; p++)
            {
                var own = byPair[(entry, p)].ToList();
                var free = own.Count(s => !s.Conflicted);
                var submitted = own.Count(s => !s.Conflicted && s.Submitted);
                missing += Math.Max(parts[p].MinJurors, free) - submitted;
                if (own.Any(s => s.Conflicted && s.Submitted) && submitted < parts[p].MinJurors)
                {
                    shortByConflict++;
                }
            }
        }
        return new JudgingCoverage(missing, shortByConflict);
    }
}
