using Contests.Core.Programmes;
using Contests.Core.Rounds;

namespace Contests.Core.Allocation;

/// <summary>
/// The round's allocation (docs/architecture.md#rules-allocation: computed, explained, then approved by the LRAC): from the
/// ranking to an award per entry, each split across the round's budget lines. Pure and deterministic:
/// the same rules, entries, sources and earlier receipts give the same result whatever order they come
/// in. Steps:
/// <list type="number">
/// <item>the round's rule (<see cref="AllocationMethod"/>, one strategy each) computes every entry's amount
/// and says how;</item>
/// <item>the cap per competitor and programme year reduces awards to what the competitor may still get
/// (counting earlier rounds and, in listing order, earlier awards of this round);</item>
/// <item>above the budget, the round's <see cref="OverflowRule"/> refuses (nothing allocated) or scales
/// every award down to the budget exactly (co-financing never overflows: it chooses plans within it);</item>
/// <item>the LRAC's overrides (<see cref="AllocationOverride"/>) replace the amounts of their entries; when
/// they take the total above the budget the allocation is <see cref="AllocationStatus.OverBudget"/>, whatever the
/// overflow rule (the committee's amounts are never scaled), and the amounts are kept for the committee to correct;</item>
/// <item>each award is split across the budget lines allowed to pay for its theme and district
/// (<see cref="SourceFacts.Allows"/>), no line exceeded; when no such split exists the sources short are
/// named with the amount missing.</item>
/// </list>
/// Amounts are soles with 2 decimals; every division apportions its céntimos by largest remainder
/// (<see cref="Common.Apportionment"/>), so pools and the round add up to the céntimo.
/// </summary>
public static class Allocator
{
    private static readonly IAllocationStrategy[] Strategies =
        [new FixedTiersStrategy(), new ParticipationStrategy(), new ProportionalPoolStrategy(), new CoFinancingStrategy()];

    /// <param name="rules">The round's prize rules, budget lines included (as <see cref="PrizeRules.Check"/> accepts them).</param>
    /// <param name="entries">Every ranked entry of the round (<see cref="Judging.Ranking.Rank"/>), with what allocation needs of it.</param>
    /// <param name="sources">The facts of every source the budget lines name (restrictions, name).</param>
    /// <param name="receivedThisYear">Per competitor id, what it already received earlier in the same programme year.</param>
    /// <param name="overrides">The LRAC's overrides, at most one per entry, each for an entry listed.</param>
    /// <exception cref="ArgumentException">Inputs no caller should send: an entry twice, a budget line without its source, a malformed plan,
    /// an override of an entry not listed, twice, or with a negative amount or more than 2 decimals.</exception>
    public static AllocationResult Allocate(PrizeRules rules, IReadOnlyList<AllocationEntry> entries, IReadOnlyDictionary<int, SourceFacts> sources,
        IReadOnlyDictionary<int, decimal>? receivedThisYear = null, IReadOnlyList<AllocationOverride>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(sources);
        var work = AllocationWork.Prepare(rules, entries, sources, receivedThisYear ?? new Dictionary<int, decimal>());
        StrategyFor(rules.Method).Allocate(work);
        if (overrides is { Count: > 0 })
        {
            Override(work, overrides);
        }
        return Finish(work);
    }

    /// <summary>The committee's amounts replace the computed ones; what the rule said of the entry stays in its explanation.</summary>
    private static void Override(AllocationWork work, IReadOnlyList<AllocationOverride> overrides)
    {
        var index = new Dictionary<int, int>(work.Entries.Length);
        for (var i = 0; i < work.Entries.Length; i++)
        {
            index.Add(work.Entries[i].Rank.EntryId, i);
        }
        var seen = new HashSet<int>();
        foreach (var o in overrides)
        {
            if (!index.TryGetValue(o.EntryId, out var i) || !seen.Add(o.EntryId))
            {
                throw new ArgumentException($"Override of entry {o.EntryId}: not listed, or overridden twice.", nameof(overrides));
            }
            if (o.Amount < 0 || decimal.Round(o.Amount, 2) != o.Amount)
            {
                throw new ArgumentException($"Override of entry {o.EntryId}: an amount in soles, not negative, with at most 2 decimals.", nameof(overrides));
            }
            work.Note(i, AllocationKeys.Overridden, work.Amounts[i], o.Amount, o.Reason);
            work.Amounts[i] = o.Amount;
        }
        work.NotFunded.RemoveAll(n => seen.Contains(n.EntryId));
        if (work.Status != AllocationStatus.Allocated)
        {
            return;
        }
        var total = 0m;
        foreach (var amount in work.Amounts)
        {
            total += amount;
        }
        if (total > work.Rules.Budget)
        {
            work.Status = AllocationStatus.OverBudget;
            work.RoundNotes.Add(new Explanation(AllocationKeys.OverriddenOverBudget, total, work.Rules.Budget, total - work.Rules.Budget));
        }
    }

    internal static IAllocationStrategy StrategyFor(AllocationMethod method) =>
        Array.Find(Strategies, s => s.Method == method) ?? throw new ArgumentOutOfRangeException(nameof(method), method, "No allocation strategy.");

    private static AllocationResult Finish(AllocationWork work)
    {
        var entries = work.Entries;
        var funding = new IReadOnlyList<FundingShare>[entries.Length];
        Array.Fill(funding, []);
        var lines = work.Rules.BudgetLines;
        var network = new FundingNetwork(lines, work.Sources);
        if (work.Status == AllocationStatus.Allocated)
        {
            Fund(work, network, funding);
        }

        var awards = new Award[entries.Length];
        var total = 0m;
        for (var i = 0; i < entries.Length; i++)
        {
            var rank = entries[i].Rank;
            awards[i] = new Award(rank.EntryId, rank.Number, rank.PoolKey, rank.Place, work.Computed[i], work.Amounts[i], funding[i], work.Notes[i]);
            total += work.Amounts[i];
        }

        var pools = new PoolAllocation[work.Pools.Length];
        for (var p = 0; p < pools.Length; p++)
        {
            var range = work.Pools[p];
            int qualifying = 0, winners = 0;
            var poolTotal = 0m;
            for (var i = range.Start; i < range.Start + range.Count; i++)
            {
                qualifying += entries[i].Rank.Approved ? 1 : 0;
                winners += work.Amounts[i] > 0 ? 1 : 0;
                poolTotal += work.Amounts[i];
            }
            List<Explanation> notes = [new Explanation(AllocationKeys.Pool, range.Key, range.Count, qualifying, winners, poolTotal), .. work.PoolNotes[p]];
            pools[p] = new PoolAllocation(range.Key, range.Count, qualifying, winners, poolTotal, notes);
        }

        var budget = work.Rules.Budget;
        var sources = new SourceUse[lines.Count];
        for (var l = 0; l < lines.Count; l++)
        {
            var used = work.Status == AllocationStatus.Allocated ? network.Used(l) / 100m : 0m;
            sources[l] = new SourceUse(lines[l].FundingSourceId, network.Source(l).Name, lines[l].Amount, used);
        }
        // A round that is not allocated must not open with "Allocated S/ … of …": nothing is funded until its problems are solved.
        var first = work.Status == AllocationStatus.Allocated
            ? new Explanation(AllocationKeys.Round, total, budget, budget - total)
            : new Explanation(AllocationKeys.RoundNotAllocated, budget);
        List<Explanation> round = [first, .. work.RoundNotes];
        return new AllocationResult(work.Status, awards, pools, work.NotFunded, sources, round, total, budget);
    }

    /// <summary>
    /// The restriction that bites, for each source with money left that may not pay awards left unpaid: a
    /// source limited to themes that leave the award's out is named for its themes, else for its districts.
    /// </summary>
    internal static IEnumerable<Explanation> Barred(FundingNetwork network, IEnumerable<(Theme Theme, string District, int Line, long Spare)> barred) =>
        barred.Select(b =>
        {
            var source = network.Source(b.Line);
            var key = source.Themes.Count > 0 && !source.Themes.Contains(b.Theme) ? AllocationKeys.RestrictedByTheme : AllocationKeys.RestrictedByDistrict;
            return new Explanation(key, source.Name, b.Spare / 100m, b.Theme, b.District);
        });

    /// <summary>
    /// Splits the awards across the budget lines: the network decides how much each line pays for each
    /// (theme, district); within one, awards in listing order take from its lines in line order, so most
    /// awards are paid by a single source and at most one award per line and signature is split.
    /// </summary>
    private static void Fund(AllocationWork work, FundingNetwork network, IReadOnlyList<FundingShare>[] funding)
    {
        var entries = work.Entries;
        var signatureOf = new int[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            if (work.Amounts[i] > 0)
            {
                var signature = network.SignatureOf(entries[i].Theme, entries[i].District);
                signatureOf[i] = signature;
                network.AddDemand(signature, FundingNetwork.Centimos(work.Amounts[i]));
            }
        }
        if (!network.Route())
        {
            work.Status = AllocationStatus.SourcesShort;
            work.RoundNotes.AddRange(Barred(network, network.Barred()));
            foreach (var (lineIndexes, shortBy) in network.ShortLines())
            {
                var names = lineIndexes.Select(l => network.Source(l).Name).ToArray();
                work.RoundNotes.Add(names.Length == 1
                    ? new Explanation(AllocationKeys.SourceShort, names[0], shortBy / 100m)
                    : new Explanation(AllocationKeys.SourcesShort, names, shortBy / 100m));
            }
            foreach (var (theme, district, demand) in network.Unpayable())
            {
                work.RoundNotes.Add(new Explanation(AllocationKeys.NoEligibleSource, theme, district, demand / 100m));
            }
            return;
        }

        // What each signature still has to take from each line, consumed award by award.
        var lines = network.Lines;
        var left = new long[network.Signatures * lines];
        var cursor = new int[network.Signatures];
        for (var s = 0; s < network.Signatures; s++)
        {
            for (var l = 0; l < lines; l++)
            {
                left[s * lines + l] = network.Flow(s, l);
            }
        }
        var budgetLines = work.Rules.BudgetLines;
        for (var i = 0; i < entries.Length; i++)
        {
            if (work.Amounts[i] <= 0)
            {
                continue;
            }
            var s = signatureOf[i];
            var need = FundingNetwork.Centimos(work.Amounts[i]);
            List<FundingShare>? shares = null;
            FundingShare? single = null;
            while (need > 0)
            {
                var at = s * lines + cursor[s];
                if (left[at] == 0)
                {
                    cursor[s]++;
                    continue;
                }
                var take = Math.Min(need, left[at]);
                left[at] -= take;
                need -= take;
                var share = new FundingShare(budgetLines[cursor[s]].FundingSourceId, take / 100m);
                if (single is null)
                {
                    single = share;
                }
                else
                {
                    (shares ??= [single]).Add(share);
                }
            }
            funding[i] = shares is null ? [single!] : shares;
        }
    }
}
