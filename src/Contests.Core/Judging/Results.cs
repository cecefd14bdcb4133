using Contests.Core.Rounds;

namespace Contests.Core.Judging;

/// <summary>
/// A submitted sheet's weighted total; <paramref name="Conflicted"/> when its juror is now conflicted with the
/// entry (found after submission): it doesn't count (<see cref="ConflictedSheets"/>).
/// </summary>
public sealed record SubmittedTotal(int EntryId, int JurorId, int PartIndex, decimal Total, bool Conflicted = false);

/// <summary>What scoring needs of an entry: its number, pool and the bonus it earns (women's bonus).</summary>
public sealed record EntryToScore(int EntryId, int Number, string PoolKey, decimal Bonus);

/// <summary>
/// How one part's score of an entry came about: every juror's total as submitted, the totals the
/// aggregation worked on (normalized when the round says so), and what it used and dropped.
/// </summary>
public sealed record PartExplanation(int PartIndex, IReadOnlyList<JurorTotal> Submitted, PartScore Score);

/// <summary>An entry's scores: one explanation per part (null when no sheet of that part is submitted), and its rank once every part has one.</summary>
public sealed record EntryResult(EntryToScore Entry, IReadOnlyList<PartExplanation?> Parts, RankedEntry? Rank)
{
    public bool Complete => Parts.All(p => p is not null);

    /// <summary>Submitted sheets excluded because a conflict of their juror with the entry was found after submission.</summary>
    public IReadOnlyList<SubmittedTotal> Excluded { get; init; } = [];
}

/// <summary>
/// From submitted sheets to the ranking (docs/architecture.md#rules-judging): per part, the jurors' totals (normalized per
/// juror across the part when the rules say so) aggregated with the part's method; the final score is
/// the sum of the parts plus the bonus; entries are ranked per pool by <see cref="Ranking"/>. An entry
/// missing a part's sheets is not ranked (it shows as incomplete) rather than ranked on part of its score.
/// A sheet whose juror is conflicted with the entry doesn't count (<see cref="ConflictedSheets.Counting"/>):
/// it is listed in <see cref="EntryResult.Excluded"/> instead.
/// </summary>
public static class Results
{
    public static IReadOnlyList<EntryResult> Compute(Rubric rubric, TieRule tieRule, IReadOnlyList<EntryToScore> entries, IReadOnlyList<SubmittedTotal> totals)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(totals);
        var known = entries.Select(e => e.EntryId).ToHashSet();
        var excluded = totals.Where(t => t.Conflicted && known.Contains(t.EntryId)).ToLookup(t => t.EntryId);
        totals = ConflictedSheets.Counting(totals);
        var parts = new Dictionary<(int EntryId, int Part), PartExplanation>();
        for (var p = 0; p < rubric.Parts.Count; p++)
        {
            var part = rubric.Parts[p];
            var raw = totals.Where(t => t.PartIndex == p && known.Contains(t.EntryId))
                .Select(t => new RawTotal(t.JurorId, t.EntryId, t.Total)).ToList();
            // Normalization compares each juror with themself across every entry they scored in this part.
            var worked = rubric.Normalize ? Normalization.Normalize(raw, part.MaxPoints) : raw;
            foreach (var entry in raw.GroupBy(t => t.EntryId))
            {
                var submitted = entry.OrderBy(t => t.JurorId).Select(t => new JurorTotal(t.JurorId, t.Total)).ToList();
                var used = worked.Where(t => t.EntryId == entry.Key).Select(t => new JurorTotal(t.JurorId, t.Total)).ToList();
                parts[(entry.Key, p)] = new PartExplanation(p, submitted, PartAggregation.Aggregate(part.Aggregation, used));
            }
        }
        var explained = entries.Select(e => (Entry: e, Parts: Enumerable.Range(0, rubric.Parts.Count)
            .Select(p => parts.GetValueOrDefault((e.EntryId, p))).ToList())).ToList();
        var complete = explained.Where(x => x.Parts.All(p => p is not null))
            .Select(x => new ScoredEntry(x.Entry.EntryId, x.Entry.Number, x.Entry.PoolKey, [.. x.Parts.Select(p => p!.Score.Score)], x.Entry.Bonus))
            .ToList();
        var ranked = Ranking.Rank(complete, tieRule, rubric.QualifyingScore);
        // Ranked entries in ranking order (pool, place, number), then the incomplete ones by number.
        var order = ranked.Select((r, i) => (r.EntryId, i)).ToDictionary(x => x.EntryId, x => x.i);
        var ranks = ranked.ToDictionary(r => r.EntryId);
        return [.. explained
            .OrderBy(x => order.TryGetValue(x.Entry.EntryId, out var i) ? i : int.MaxValue)
            .ThenBy(x => x.Entry.Number)
            .Select(x => new EntryResult(x.Entry, x.Parts, ranks.GetValueOrDefault(x.Entry.EntryId))
            {
                Excluded = [.. excluded[x.Entry.EntryId].OrderBy(t => t.PartIndex).ThenBy(t => t.JurorId)],
            })];
    }
}
