using Contests.Core.Rounds;

namespace Contests.Core.Judging;

/// <summary>A juror who may score the part (the caller already kept only active jurors flagged for its venue).</summary>
public sealed record AssignmentJuror(int JurorId, JurorTies Ties);

/// <summary>One juror on one entry: a score sheet to be made (or already made).</summary>
public readonly record struct JurorPair(int EntryId, int JurorId);

/// <summary>A pair that may not be made, with every reason (<see cref="Conflicts.Between"/>).</summary>
public sealed record Exclusion(int EntryId, int JurorId, IReadOnlyList<Conflict> Reasons);

/// <summary>An entry left with fewer jurors than the part's <see cref="RubricPart.MinJurors"/>.</summary>
public sealed record Shortfall(int EntryId, int Jurors, int Needed);

/// <summary>
/// What <see cref="Assignment.Plan"/> proposes for one part: the sheets to make (<see cref="Added"/>), the sheets
/// already made that stay (<see cref="Kept"/>), every excluded pair with its reasons, and the entries left short
/// of jurors. Each list is ordered by entry id, then juror id.
/// </summary>
public sealed record AssignmentPlan(IReadOnlyList<JurorPair> Added, IReadOnlyList<JurorPair> Kept, IReadOnlyList<Exclusion> Exclusions, IReadOnlyList<Shortfall> Shortfalls)
{
    /// <summary>How many sheets the juror has in this part once the plan is applied (kept and added).</summary>
    public int Load(int jurorId) => Kept.Concat(Added).Count(p => p.JurorId == jurorId);

    /// <summary>The entry's jurors once the plan is applied (kept and added), by juror id.</summary>
    public IReadOnlyList<int> JurorsOf(int entryId) => [.. Kept.Concat(Added).Where(p => p.EntryId == entryId).Select(p => p.JurorId).Order()];
}

/// <summary>
/// Assigns entries to LRAC jurors for one rubric part, deterministically (the same input in any order gives the
/// same plan):
/// <list type="bullet">
/// <item>a conflicted pair (<see cref="Conflicts.Between"/>) is never made; an existing sheet that became
/// conflicted (say, a conflict declared after assignment) is dropped, not kept;</item>
/// <item>existing sheets of the given jurors and entries are kept and count toward the entry's jurors and the
/// juror's load; an entry that already has more than <see cref="RubricPart.MaxJurors"/> keeps them all;</item>
/// <item>each entry is filled up to <see cref="RubricPart.MaxJurors"/>, so it ends with
/// max(kept, min(MaxJurors, eligible jurors)); below <see cref="RubricPart.MinJurors"/> it is a
/// <see cref="Shortfall"/>;</item>
/// <item>loads are balanced greedily: the most constrained entries first (fewest eligible jurors, then entry
/// id), each taking the least loaded eligible jurors (ties by juror id); then added sheets move while a juror
/// has two or more sheets more than another eligible juror for that entry.</item>
/// </list>
/// Guarantees: no added sheet could go to an eligible juror (not already on the entry) whose load is 2 or more
/// lower; when every juror is eligible for every entry and nothing exists yet, the loads differ by at most 1.
/// Kept sheets never move, so existing sheets can leave the loads further apart.
/// </summary>
public static class Assignment
{
    public static AssignmentPlan Plan(RubricPart part, IReadOnlyList<AssignmentJuror> jurors, IReadOnlyList<EntryTies> entries, IReadOnlyCollection<JurorPair> existing)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(jurors);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(existing);
        var sortedJurors = jurors.OrderBy(j => j.JurorId).ToList();
        var exclusions = entries.OrderBy(e => e.EntryId)
            .SelectMany(e => sortedJurors.Select(j => new Exclusion(e.EntryId, j.JurorId, Conflicts.Between(j.Ties, e))))
            .Where(x => x.Reasons.Count > 0)
            .ToList();
        var excluded = exclusions.Select(x => new JurorPair(x.EntryId, x.JurorId)).ToHashSet();
        // Eligible juror ids per entry, by juror id.
        var eligible = entries.ToDictionary(e => e.EntryId, e => sortedJurors.Select(j => j.JurorId).Where(j => !excluded.Contains(new JurorPair(e.EntryId, j))).ToList());

        var tally = new Tally(sortedJurors.Select(j => j.JurorId), eligible.Keys);
        // Only sheets of the given jurors and entries that are still allowed stay.
        var kept = Ordered(existing.Distinct().Where(p => eligible.TryGetValue(p.EntryId, out var ids) && ids.Contains(p.JurorId)));
        kept.ForEach(tally.Add);
        var added = Fill(part.MaxJurors, eligible, tally);
        Rebalance(added, eligible, tally);

        var shortfalls = eligible.Keys.Order()
            .Where(e => tally.JurorsOn(e) < part.MinJurors)
            .Select(e => new Shortfall(e, tally.JurorsOn(e), part.MinJurors))
            .ToList();
        return new AssignmentPlan(Ordered(added), kept, exclusions, shortfalls);
    }

    /// <summary>
    /// Most constrained entries first: an entry with few eligible jurors has no choice, so the flexible
    /// entries then balance around the loads it leaves.
    /// </summary>
    private static List<JurorPair> Fill(int maxJurors, Dictionary<int, List<int>> eligible, Tally tally)
    {
        var added = new List<JurorPair>();
        foreach (var (entry, ids) in eligible.OrderBy(kv => kv.Value.Count).ThenBy(kv => kv.Key))
        {
            // Take of a negative count is nothing: an entry already over the maximum keeps its sheets, gets none.
            var picks = tally.Lightest(entry, ids).Take(maxJurors - tally.JurorsOn(entry)).Select(j => new JurorPair(entry, j)).ToList();
            picks.ForEach(tally.Add);
            added.AddRange(picks);
        }
        return added;
    }

    /// <summary>
    /// The greedy order can still leave a juror two or more sheets above another juror who could take one of
    /// them (entries with the same number of eligible jurors but different ones). Moving such a sheet lowers the
    /// sum of the squared loads, so the loop ends.
    /// </summary>
    private static void Rebalance(List<JurorPair> added, Dictionary<int, List<int>> eligible, Tally tally)
    {
        for (var moved = true; moved;)
        {
            moved = false;
            for (var i = 0; i < added.Count; i++)
            {
                var (entry, from) = added[i];
                var to = tally.Lightest(entry, eligible[entry]).Cast<int?>().FirstOrDefault();
                if (to is { } juror && tally.Load(juror) <= tally.Load(from) - 2)
                {
                    tally.Remove(added[i]);
                    added[i] = new JurorPair(entry, juror);
                    tally.Add(added[i]);
                    moved = true;
                }
            }
        }
    }

    private static List<JurorPair> Ordered(IEnumerable<JurorPair> pairs) => [.. pairs.OrderBy(p => p.EntryId).ThenBy(p => p.JurorId)];

    /// <summary>Who is on each entry and how many sheets each juror has, as the plan grows.</summary>
    private sealed class Tally(IEnumerable<int> jurorIds, IEnumerable<int> entryIds)
    {
        private readonly Dictionary<int, int> _loads = jurorIds.ToDictionary(j => j, _ => 0);
        private readonly Dictionary<int, HashSet<int>> _onEntry = entryIds.ToDictionary(e => e, _ => new HashSet<int>());

        public int Load(int jurorId) => _loads[jurorId];

        public int JurorsOn(int entryId) => _onEntry[entryId].Count;

        /// <summary>The candidates not yet on the entry, least loaded first, ties by juror id.</summary>
        public IEnumerable<int> Lightest(int entryId, IEnumerable<int> candidates) =>
            candidates.Where(j => !_onEntry[entryId].Contains(j)).OrderBy(j => _loads[j]).ThenBy(j => j);

        public void Add(JurorPair pair)
        {
            _onEntry[pair.EntryId].Add(pair.JurorId);
            _loads[pair.JurorId]++;
        }

        public void Remove(JurorPair pair)
        {
            _onEntry[pair.EntryId].Remove(pair.JurorId);
            _loads[pair.JurorId]--;
        }
    }
}
