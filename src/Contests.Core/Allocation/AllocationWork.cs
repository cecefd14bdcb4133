using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Core.Allocation;

/// <summary>A pool's entries: <see cref="AllocationWork.Entries"/>[Start .. Start + Count), in place order.</summary>
internal readonly record struct PoolRange(string Key, int Start, int Count);

/// <summary>
/// One allocation in progress, shared by the strategies and the steps every round goes through (the
/// cap per competitor, the budget, the funding split). Entries are held once, in listing order —
/// pool key (ordinal), place, entry number, entry id — so every later step is a pass over arrays and
/// nothing depends on the order the caller passed them in.
/// </summary>
internal sealed class AllocationWork
{
    private readonly IReadOnlyDictionary<int, decimal> _receivedEarlier;
    private readonly Dictionary<int, decimal> _receivedHere = [];

    private AllocationWork(PrizeRules rules, AllocationEntry[] entries, PoolRange[] pools, IReadOnlyDictionary<int, SourceFacts> sources,
        IReadOnlyDictionary<int, decimal> receivedEarlier)
    {
        Rules = rules;
        Entries = entries;
        Pools = pools;
        Sources = sources;
        _receivedEarlier = receivedEarlier;
        Computed = new decimal[entries.Length];
        Amounts = new decimal[entries.Length];
        Notes = new List<Explanation>[entries.Length];
        PoolNotes = new List<Explanation>[pools.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            Notes[i] = new List<Explanation>(2);
            if (entries[i].WomenLed && rules.WomenBonusPoints is > 0 and var bonus)
            {
                Notes[i].Add(new Explanation(AllocationKeys.WomenBonus, new Number(bonus)));
            }
        }
        for (var p = 0; p < pools.Length; p++)
        {
            PoolNotes[p] = [];
        }
    }

    public PrizeRules Rules { get; }

    /// <summary>In listing order: pool key (ordinal), place, number, entry id.</summary>
    public AllocationEntry[] Entries { get; }

    public PoolRange[] Pools { get; }

    public IReadOnlyDictionary<int, SourceFacts> Sources { get; }

    /// <summary>What the round's rule gives each entry.</summary>
    public decimal[] Computed { get; }

    /// <summary>What each entry gets after the cap and the budget.</summary>
    public decimal[] Amounts { get; }

    public List<Explanation>[] Notes { get; }

    public List<Explanation>[] PoolNotes { get; }

    public List<Explanation> RoundNotes { get; } = [];

    public List<NotFunded> NotFunded { get; } = [];

    public AllocationStatus Status { get; set; } = AllocationStatus.Allocated;

    public static AllocationWork Prepare(PrizeRules rules, IReadOnlyList<AllocationEntry> entries, IReadOnlyDictionary<int, SourceFacts> sources,
        IReadOnlyDictionary<int, decimal> receivedEarlier)
    {
        var lineSources = new HashSet<int>();
        foreach (var line in rules.BudgetLines)
        {
            if (!sources.ContainsKey(line.FundingSourceId))
            {
                throw new ArgumentException($"Budget line of source {line.FundingSourceId} without the source's facts.", nameof(sources));
            }
            if (!lineSources.Add(line.FundingSourceId))
            {
                throw new ArgumentException($"Two budget lines of source {line.FundingSourceId}.", nameof(rules));
            }
        }

        // Group by pool once: pool keys numbered as first met, entries counted per pool, then placed
        // into their pool's slice (a counting sort), then each slice sorted by place — no list per pool.
        var ids = new HashSet<int>(entries.Count);
        var poolIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<string>();
        var poolOf = new int[entries.Count];
        var counts = new List<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException("An entry is null.", nameof(entries));
            Check(entry);
            if (!ids.Add(entry.Rank.EntryId))
            {
                throw new ArgumentException($"Entry {entry.Rank.EntryId} is listed twice.", nameof(entries));
            }
            if (!poolIndex.TryGetValue(entry.Rank.PoolKey, out var p))
            {
                p = keys.Count;
                poolIndex.Add(entry.Rank.PoolKey, p);
                keys.Add(entry.Rank.PoolKey);
                counts.Add(0);
            }
            poolOf[i] = p;
            counts[p]++;
        }
        var byKey = Enumerable.Range(0, keys.Count).OrderBy(p => keys[p], StringComparer.Ordinal).ToArray();
        var start = new int[keys.Count];
        var pools = new PoolRange[keys.Count];
        var next = 0;
        for (var rank = 0; rank < byKey.Length; rank++)
        {
            var p = byKey[rank];
            start[p] = next;
            pools[rank] = new PoolRange(keys[p], next, counts[p]);
            next += counts[p];
        }
        var listed = new AllocationEntry[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            listed[start[poolOf[i]]++] = entries[i];
        }
        foreach (var pool in pools)
        {
            Array.Sort(listed, pool.Start, pool.Count, PlaceOrder.Instance);
        }
        return new AllocationWork(rules, listed, pools, sources, receivedEarlier);
    }

    public void Note(int entry, string key, params object[] arguments) => Notes[entry].Add(new Explanation(key, arguments));

    public void NotFundedBecause(int entry, decimal requested, decimal funded, Explanation reason)
    {
        var rank = Entries[entry].Rank;
        NotFunded.Add(new NotFunded(rank.EntryId, rank.Number, rank.PoolKey, requested, funded, reason));
    }

    /// <summary>Received by the competitor earlier this programme year: earlier rounds, and what this allocation already gave it.</summary>
    public decimal ReceivedBefore(int competitorId) =>
        _receivedEarlier.GetValueOrDefault(competitorId) + _receivedHere.GetValueOrDefault(competitorId);

    /// <summary>What the competitor may still get under the yearly cap (the largest decimal when the round has none).</summary>
    public decimal CapRoom(int competitorId) => Rules.CapPerCompetitorYear is { } cap
        ? Math.Max(0m, cap - ReceivedBefore(competitorId))
        : decimal.MaxValue;

    public void Receive(int competitorId, decimal amount)
    {
        if (Rules.CapPerCompetitorYear is not null && amount > 0)
        {
            _receivedHere[competitorId] = _receivedHere.GetValueOrDefault(competitorId) + amount;
        }
    }

    /// <summary>
    /// The cap per competitor and programme year, in listing order: an award is reduced to what the
    /// competitor may still get; what the cap withholds is not given to anybody else.
    /// </summary>
    public void ApplyYearlyCap()
    {
        if (Rules.CapPerCompetitorYear is not { } cap)
        {
            return;
        }
        for (var i = 0; i < Entries.Length; i++)
        {
            var amount = Amounts[i];
            if (amount <= 0)
            {
                continue;
            }
            var competitor = Entries[i].CompetitorId;
            var room = CapRoom(competitor);
            if (amount > room)
            {
                var reason = new Explanation(AllocationKeys.CappedPerYear, cap, ReceivedBefore(competitor), amount, room);
                Notes[i].Add(reason);
                NotFundedBecause(i, amount, room, reason);
                Amounts[i] = room;
            }
            Receive(competitor, Amounts[i]);
        }
    }

    /// <summary>
    /// The round's overflow rule when the awards add up to more than the budget. Refuse: nothing is
    /// allocated and the shortfall is stated. ScaleDown: every award is multiplied by budget / total and
    /// the céntimos are apportioned by largest remainder, so the total is the budget exactly; equal
    /// remainders go to the larger award, then in listing order (pool key, place, entry number).
    /// </summary>
    public void ApplyOverflow()
    {
        var total = 0m;
        foreach (var amount in Amounts)
        {
            total += amount;
        }
        var budget = Rules.Budget;
        if (total <= budget)
        {
            return;
        }
        if (Rules.Overflow == OverflowRule.Refuse)
        {
            Status = AllocationStatus.OverBudget;
            RoundNotes.Add(new Explanation(AllocationKeys.OverBudget, total, budget, total - budget));
            for (var i = 0; i < Amounts.Length; i++)
            {
                if (Amounts[i] > 0)
                {
                    Note(i, AllocationKeys.RefusedOverBudget, Amounts[i]);
                    Amounts[i] = 0m;
                }
            }
            return;
        }

        var order = Enumerable.Range(0, Amounts.Length).Where(i => Amounts[i] > 0).ToArray();
        var amounts = Amounts;
        Array.Sort(order, (a, b) =>
        {
            var byAmount = amounts[b].CompareTo(amounts[a]);
            return byAmount != 0 ? byAmount : a.CompareTo(b);
        });
        var weights = new decimal[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            weights[k] = Amounts[order[k]];
        }
        var shares = new decimal[order.Length];
        Apportionment.LargestRemainder(budget, weights, shares);
        for (var k = 0; k < order.Length; k++)
        {
            Note(order[k], AllocationKeys.ScaledDown, weights[k], shares[k]);
            Amounts[order[k]] = shares[k];
        }
        RoundNotes.Add(new Explanation(AllocationKeys.ScaledDownRound, total, budget,
            new Number(decimal.Round(budget / total * 100m, 2, MidpointRounding.AwayFromZero))));
    }

    private static void Check(AllocationEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry.Rank, nameof(entry));
        ArgumentNullException.ThrowIfNull(entry.Rank.PoolKey, nameof(entry));
        ArgumentNullException.ThrowIfNull(entry.District, nameof(entry));
        if (entry.Plan is { } plan && (plan.Cost <= 0 || plan.Counterpart < 0 || plan.Counterpart > plan.Cost
            || decimal.Round(plan.Cost, 2) != plan.Cost || decimal.Round(plan.Counterpart, 2) != plan.Counterpart))
        {
            throw new ArgumentException($"Entry {entry.Rank.EntryId}: a plan costs more than 0 and its counterpart is between 0 and the cost, in soles with at most 2 decimals.", nameof(entry));
        }
    }

    /// <summary>Place, then entry number, then entry id: the order of a pool's listing and of its ties' extra céntimos.</summary>
    private sealed class PlaceOrder : IComparer<AllocationEntry>
    {
        public static readonly PlaceOrder Instance = new();

        public int Compare(AllocationEntry? x, AllocationEntry? y)
        {
            var byPlace = x!.Rank.Place.CompareTo(y!.Rank.Place);
            if (byPlace != 0)
            {
                return byPlace;
            }
            var byNumber = x.Rank.Number.CompareTo(y.Rank.Number);
            return byNumber != 0 ? byNumber : x.Rank.EntryId.CompareTo(y.Rank.EntryId);
        }
    }
}
