using Contests.Core.Rounds;

namespace Contests.Core.Judging;

/// <summary>What ranking needs of an entry: its pool, its number (for a stable listing), its part scores, and the women's bonus if it earns it.</summary>
public sealed record ScoredEntry(int EntryId, int Number, string PoolKey, IReadOnlyList<decimal> PartScores, decimal Bonus = 0m)
{
    public decimal Final => PartScores.Sum() + Bonus;
}

/// <summary>
/// An entry's place in its pool. <see cref="TiedWith"/> counts the other entries sharing the place
/// (after the round's tie rule); <see cref="DecidedBy"/> says when the tie rule separated it from an
/// entry with the same final score.
/// </summary>
public sealed record RankedEntry(int EntryId, int Number, string PoolKey, decimal Final, int Place, int TiedWith, bool Approved, bool DecidedBy);

/// <summary>
/// Ranking per pool (docs/architecture.md#rules-judging): by final score, highest first; equal finals are separated by the
/// round's published tie rule (the first or the last part's score), and entries still equal share the
/// place — 1, 2, 2, 4 — never separated by the order the database returns them in. Entries sharing a
/// place are listed by entry number. Approved means a final at or above the qualifying score.
/// </summary>
public static class Ranking
{
    public static IReadOnlyList<RankedEntry> Rank(IReadOnlyList<ScoredEntry> entries, TieRule rule, decimal qualifyingScore)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var ranked = new List<RankedEntry>(entries.Count);
        foreach (var pool in entries.GroupBy(e => e.PoolKey).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = pool.OrderByDescending(e => e.Final).ThenByDescending(e => TieKey(e, rule)).ThenBy(e => e.Number).ToList();
            // Walk runs of equal entries (same final, same tie key): one place each run, shared.
            var start = 0;
            while (start < ordered.Count)
            {
                var end = start + 1;
                while (end < ordered.Count && Compare(ordered[start], ordered[end], rule) == 0)
                {
                    end++;
                }
                var sameFinalBefore = start > 0 && ordered[start - 1].Final == ordered[start].Final;
                var sameFinalAfter = end < ordered.Count && ordered[end].Final == ordered[start].Final;
                for (var i = start; i < end; i++)
                {
                    var entry = ordered[i];
                    ranked.Add(new RankedEntry(entry.EntryId, entry.Number, entry.PoolKey, entry.Final, start + 1, end - start - 1,
                        entry.Final >= qualifyingScore, sameFinalBefore || sameFinalAfter));
                }
                start = end;
            }
        }
        return ranked;
    }

    private static int Compare(ScoredEntry a, ScoredEntry b, TieRule rule)
    {
        var byFinal = a.Final.CompareTo(b.Final);
        return byFinal != 0 ? byFinal : TieKey(a, rule).CompareTo(TieKey(b, rule));
    }

    private static decimal TieKey(ScoredEntry entry, TieRule rule) => rule switch
    {
        TieRule.FirstPartHigher when entry.PartScores.Count > 0 => entry.PartScores[0],
        TieRule.LastPartHigher when entry.PartScores.Count > 0 => entry.PartScores[^1],
        _ => 0m,
    };
}
