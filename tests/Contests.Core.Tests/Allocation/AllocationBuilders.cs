using Contests.Core.Allocation;
using Contests.Core.Judging;
using Contests.Core.Programmes;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Allocation;

/// <summary>
/// Rounds for the allocation tests: entries scored and ranked by the real <see cref="Ranking"/>, one
/// unrestricted source with plenty of money unless a test says otherwise.
/// </summary>
internal static class AllocationBuilders
{
    public const string Abancay = "030101";
    public const string Curahuasi = "030105";
    public const string Tamburco = "030109";
    public const int General = 1;

    public static SourceFacts Source(int id, string name, Theme[]? themes = null, string[]? districts = null) =>
        new(id, name, 10_000_000m, (themes ?? []).ToHashSet(), (districts ?? []).ToHashSet());

    public static Dictionary<int, SourceFacts> Sources(params SourceFacts[] sources) => sources.ToDictionary(s => s.Id);

    public static readonly Dictionary<int, SourceFacts> GeneralOnly = Sources(Source(General, "Recursos ordinarios"));

    public static BudgetLine[] Budget(decimal amount) => [new BudgetLine(General, amount)];

    /// <summary>Tiers 600/400/200 and participation 50 (the first worked example), budget 1,000,000.</summary>
    public static PrizeRules Tiers(params decimal[] tiers) => new()
    {
        Method = AllocationMethod.FixedTiers,
        Tiers = tiers.Length == 0 ? [600m, 400m, 200m] : tiers,
        ParticipationPrize = 50m,
        BudgetLines = Budget(1_000_000m),
    };

    public static PrizeRules Proportional(decimal poolAmount) => new()
    {
        Method = AllocationMethod.ProportionalPool,
        PoolAmount = poolAmount,
        BudgetLines = Budget(1_000_000m),
    };

    public static PrizeRules CoFinancing(decimal budget, decimal counterpartMinPercent = 20m) => new()
    {
        Method = AllocationMethod.CoFinancing,
        CounterpartMinPercent = counterpartMinPercent,
        BudgetLines = Budget(budget),
    };

    public static AllocationResult Allocate(PrizeRules rules, IReadOnlyList<AllocationEntry> entries,
        IReadOnlyDictionary<int, SourceFacts>? sources = null, IReadOnlyDictionary<int, decimal>? received = null) =>
        Allocator.Allocate(rules, entries, sources ?? GeneralOnly, received);

    public static Award Of(this AllocationResult result, int entryId) => result.Awards.Single(a => a.EntryId == entryId);

    public static decimal AmountOf(this AllocationResult result, int entryId) => result.Of(entryId).Amount;

    public static Explanation Note(this Award award, string key) => award.Explanation.Single(e => e.Key == key);
}

/// <summary>
/// Entries numbered 1, 2, 3 … in the order they are added (A = 1, B = 2 …), each its own competitor,
/// theme soil and water, district Abancay; ranked per pool with qualifying score 60 unless changed.
/// </summary>
internal sealed class RoundBuilder
{
    private readonly List<ScoredEntry> _scored = [];
    private readonly Dictionary<int, Func<AllocationEntry, AllocationEntry>> _changes = [];

    public decimal Qualifying { get; init; } = 60m;

    public RoundBuilder Pool(string key, params decimal[] finals)
    {
        foreach (var final in finals)
        {
            var id = _scored.Count + 1;
            _scored.Add(new ScoredEntry(id, id, key, [final]));
        }
        return this;
    }

    /// <summary>One entry with two part scores (for the tie rules).</summary>
    public RoundBuilder Entry(string pool, decimal field, decimal @public)
    {
        var id = _scored.Count + 1;
        _scored.Add(new ScoredEntry(id, id, pool, [field, @public]));
        return this;
    }

    public RoundBuilder With(int entryId, Func<AllocationEntry, AllocationEntry> change)
    {
        var earlier = _changes.GetValueOrDefault(entryId, e => e);
        _changes[entryId] = e => change(earlier(e));
        return this;
    }

    public RoundBuilder Plan(int entryId, decimal cost, decimal counterpart) =>
        With(entryId, e => e with { Plan = new PlanCosts(cost, counterpart) });

    public AllocationEntry[] Build(TieRule rule = TieRule.Share) =>
    [
        .. Ranking.Rank(_scored, rule, Qualifying).Select(r =>
        {
            var entry = new AllocationEntry(r, r.EntryId, Theme.SoilAndWater, AllocationBuilders.Abancay);
            return _changes.TryGetValue(r.EntryId, out var change) ? change(entry) : entry;
        }),
    ];
}
