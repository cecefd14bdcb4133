using System.Globalization;
using BenchmarkDotNet.Attributes;
using Contests.Core.Allocation;
using Contests.Core.Judging;
using Contests.Core.Programmes;
using Contests.Core.Rounds;

namespace Contests.Benchmarks;

/// <summary>
/// docs/architecture.md#figures-to-reach: "a round with 100,000 entries in 10,000 pools allocated in ≤ 0.5 s, exact to the
/// céntimo". One operation = one <see cref="Allocator.Allocate"/> of the whole round, from ranked entries
/// to awards split across restricted budget lines with their explanations; the ranking itself is made
/// once in the setup (judging's work, not allocation's). Each variant is checked once in the setup —
/// allocated, totals exact, every split within its sources — so a broken allocation can't pass for a
/// fast one.
/// </summary>
[Config(typeof(InProcessShortRunConfig))]
[MemoryDiagnoser]
public class AllocationBenchmarks
{
    private const int Pools = 10_000;
    private const int EntriesPerPool = 10;
    private const int Plans = 10_000;
    private const int PlansPerPool = 10;

    private static readonly Theme[] Themes = [Theme.SoilAndWater, Theme.Irrigation, Theme.HealthyHome];

    /// <summary>50 districts of Apurímac-like UBIGEOs.</summary>
    private static readonly string[] Districts = [.. Enumerable.Range(0, 50).Select(d => (30_101 + d).ToString("000000", CultureInfo.InvariantCulture))];

    private readonly Dictionary<int, SourceFacts> _sources = new()
    {
        [1] = Source(1, "Préstamo del proyecto", [], []),
        [2] = Source(2, "Fondo de riego", [Theme.Irrigation], []),
        [3] = Source(3, "Gobierno regional", [], Districts[..10]),
        [4] = Source(4, "Minera", [Theme.HealthyHome], Districts[10..30]),
        [5] = Source(5, "Municipalidad", [], Districts[..1]),
    };

    private AllocationEntry[] _entries = [];
    private AllocationEntry[] _plans = [];
    private Dictionary<int, decimal> _received = [];
    private PrizeRules _tiers = new();
    private PrizeRules _proportional = new();
    private PrizeRules _coFinancing = new();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(6);
        _entries = Ranked(random, Pools, EntriesPerPool, plans: false);
        _plans = Ranked(random, Plans / PlansPerPool, PlansPerPool, plans: true);
        // A tenth of the households already received something this year; the cap bites for some.
        _received = _entries.Where(_ => random.Next(10) == 0).ToDictionary(e => e.CompetitorId, _ => (decimal)random.Next(500, 2_500));

        // Lines: the restricted ones first (the officer's order of preference), the project's loan last.
        BudgetLine[] Lines(decimal general) =>
            [new(5, 200_000m), new(4, 1_500_000m), new(3, 2_000_000m), new(2, 3_000_000m), new(1, general)];
        _tiers = new PrizeRules
        {
            Method = AllocationMethod.FixedTiers,
            Tiers = [600m, 400m, 200m],
            ParticipationPrize = 50m,
            CapPerCompetitorYear = 2_500m,
            Overflow = OverflowRule.ScaleDown,
            BudgetLines = Lines(8_000_000m),
        };
        _proportional = new PrizeRules
        {
            Method = AllocationMethod.ProportionalPool,
            PoolAmount = 1_000m,
            BudgetLines = Lines(5_000_000m),
        };
        _coFinancing = new PrizeRules
        {
            Method = AllocationMethod.CoFinancing,
            CounterpartMinPercent = 20m,
            MaxGrantPerPlan = 30_000m,
            BudgetLines = Lines(50_000_000m),
        };

        Check("fixed tiers + participation", _tiers, FixedTiersWithParticipation());
        Check("proportional pool", _proportional, ProportionalPool());
        Check("co-financing", _coFinancing, CoFinancing());
    }

    /// <summary>100,000 entries in 10,000 pools: 600/400/200 and 50 for participation, yearly cap, five budget lines (four restricted).</summary>
    [Benchmark]
    public AllocationResult FixedTiersWithParticipation() => Allocator.Allocate(_tiers, _entries, _sources, _received);

    /// <summary>The same entries, 1,000.00 per pool split in proportion to the score.</summary>
    [Benchmark]
    public AllocationResult ProportionalPool() => Allocator.Allocate(_proportional, _entries, _sources);

    /// <summary>10,000 plans in 1,000 pools, in the round's order until the money runs out.</summary>
    [Benchmark]
    public AllocationResult CoFinancing() => Allocator.Allocate(_coFinancing, _plans, _sources);

    private static SourceFacts Source(int id, string name, Theme[] themes, string[] districts) =>
        new(id, name, 100_000_000m, themes.ToHashSet(), districts.ToHashSet());

    private static AllocationEntry[] Ranked(Random random, int pools, int perPool, bool plans)
    {
        var scored = new List<ScoredEntry>(pools * perPool);
        var facts = new Dictionary<int, (Theme Theme, string District, bool WomenLed)>();
        for (var p = 0; p < pools; p++)
        {
            // A pool is one community: one district, one theme.
            var pool = (Themes[random.Next(Themes.Length)], Districts[random.Next(Districts.Length)]);
            for (var k = 0; k < perPool; k++)
            {
                var id = scored.Count + 1;
                scored.Add(new ScoredEntry(id, id, $"C:{p:D5}", [random.Next(20, 51), random.Next(20, 51) + (random.Next(2) == 0 ? 0.5m : 0m)]));
                facts[id] = (pool.Item1, pool.Item2, random.Next(3) == 0);
            }
        }
        return
        [
            .. Ranking.Rank(scored, TieRule.Share, 60m).Select(r =>
            {
                var (theme, district, womenLed) = facts[r.EntryId];
                PlanCosts? plan = null;
                if (plans)
                {
                    var cost = random.Next(10_000, 60_000);
                    plan = new PlanCosts(cost, decimal.Round(cost * random.Next(15, 40) / 100m, 2));
                }
                return new AllocationEntry(r, r.EntryId, theme, district, womenLed, plan);
            }),
        ];
    }

    private void Check(string name, PrizeRules rules, AllocationResult result)
    {
        var entries = (rules.Method == AllocationMethod.CoFinancing ? _plans : _entries).ToDictionary(e => e.Rank.EntryId);
        void Fail(string what) => throw new InvalidOperationException($"{name}: {what}");
        if (!result.Succeeded)
        {
            Fail($"status {result.Status}: {string.Join("; ", result.Explanation.Select(e => e.Key + " " + string.Join(", ", e.Arguments)))}");
        }
        if (result.Awards.Sum(a => a.Amount) != result.Total || result.Pools.Sum(p => p.Total) != result.Total || result.Total > rules.Budget)
        {
            Fail("totals don't add up");
        }
        foreach (var award in result.Awards)
        {
            var entry = entries[award.EntryId];
            if (award.Funding.Sum(f => f.Amount) != award.Amount || award.Funding.Any(f => !_sources[f.FundingSourceId].Allows(entry.Theme, entry.District)))
            {
                Fail($"entry {award.EntryId}'s split");
            }
        }
        if (result.Sources.Any(s => s.Used > s.Budgeted))
        {
            Fail("a line exceeded");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {name}: {result.Awards.Count:N0} entries, {result.Pools.Count:N0} pools, {result.Awards.Count(a => a.Amount > 0):N0} awarded, total {result.Total:N2} of {result.Budget:N2}; {result.NotFunded.Count:N0} not funded; by source {string.Join(", ", result.Sources.Select(s => $"{s.FundingSourceId}={s.Used:N2}"))}"));
    }
}
