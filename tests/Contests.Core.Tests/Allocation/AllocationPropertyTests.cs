using System.Globalization;
using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using static Contests.Core.Tests.Allocation.AllocationBuilders;

namespace Contests.Core.Tests.Allocation;

/// <summary>
/// Properties over thousands of generated rounds (seeded, so a failure names the seed that reproduces
/// it): every method, ties, tie rules, qualifying scores, winner limits, caps with earlier receipts,
/// both overflow rules, restricted sources and budgets from far too small to plenty.
/// </summary>
public sealed class AllocationPropertyTests
{
    private static readonly Theme[] Themes = [Theme.SoilAndWater, Theme.Irrigation, Theme.HealthyHome];
    private static readonly string[] Districts = [Abancay, Curahuasi, Tamburco];

    private sealed record GeneratedRound(PrizeRules Rules, AllocationEntry[] Entries, Dictionary<int, SourceFacts> Sources, Dictionary<int, decimal> Received);

    [Fact]
    public void GeneratedRounds_AddUpToTheCentimo_NeverNegative_NeverAboveBudget_SourcesHonoured()
    {
        var statuses = new Dictionary<AllocationStatus, int>();
        for (var seed = 0; seed < 3_000; seed++)
        {
            var round = Generate(seed, caps: seed % 2 == 0, plans: seed % 5 == 0);
            var result = Allocator.Allocate(round.Rules, round.Entries, round.Sources, round.Received);
            CheckInvariants(seed, round, result);
            statuses[result.Status] = statuses.GetValueOrDefault(result.Status) + 1;
        }
        // The generator reaches every outcome, so the properties were checked on each.
        Assert.All(Enum.GetValues<AllocationStatus>(), s => Assert.True(statuses.GetValueOrDefault(s) > 100, $"{s}: {statuses.GetValueOrDefault(s)} rounds"));
    }

    [Fact]
    public void GeneratedRounds_WithoutCaps_ABetterScoreNeverGetsLessInItsPool()
    {
        for (var seed = 0; seed < 2_000; seed++)
        {
            var round = Generate(seed, caps: false, plans: false);
            var result = Allocator.Allocate(round.Rules, round.Entries, round.Sources, round.Received);
            var finals = round.Entries.ToDictionary(e => e.Rank.EntryId, e => e.Rank.Final);
            foreach (var pool in result.Awards.GroupBy(a => a.PoolKey))
            {
                foreach (var better in pool)
                {
                    foreach (var worse in pool.Where(w => finals[w.EntryId] < finals[better.EntryId]))
                    {
                        Assert.True(better.Amount >= worse.Amount,
                            $"seed {seed}: entry {better.EntryId} ({finals[better.EntryId]}) got {better.Amount}, entry {worse.EntryId} ({finals[worse.EntryId]}) got {worse.Amount}");
                        Assert.True(better.Computed >= worse.Computed, $"seed {seed}: computed amounts out of order");
                    }
                }
            }
        }
    }

    [Fact]
    public void GeneratedRounds_TheSameWhateverTheInputOrder()
    {
        for (var seed = 0; seed < 1_000; seed++)
        {
            var round = Generate(seed, caps: seed % 2 == 0, plans: seed % 3 == 0);
            var shuffler = new Random(seed);
            var shuffled = round.Entries.ToArray();
            shuffler.Shuffle(shuffled);
            var sources = round.Sources.Values.Reverse().ToDictionary(s => s.Id);
            var received = round.Received.Reverse().ToDictionary(r => r.Key, r => r.Value);

            var first = Canonical(Allocator.Allocate(round.Rules, round.Entries, round.Sources, round.Received));
            var second = Canonical(Allocator.Allocate(round.Rules, shuffled, sources, received));

            Assert.True(first == second, $"seed {seed}:\n{first}\n---\n{second}");
        }
    }

    private static void CheckInvariants(int seed, GeneratedRound round, AllocationResult result)
    {
        var rules = round.Rules;
        var entries = round.Entries.ToDictionary(e => e.Rank.EntryId);
        Assert.Equal(round.Entries.Length, result.Awards.Count);
        Assert.Equal(entries.Keys.Order(), result.Awards.Select(a => a.EntryId).Order());
        foreach (var award in result.Awards)
        {
            Assert.True(award.Amount >= 0 && award.Computed >= 0 && award.Amount <= award.Computed, $"seed {seed}: entry {award.EntryId} {award.Computed} → {award.Amount}");
            Assert.Equal(decimal.Round(award.Amount, 2), award.Amount);
            Assert.NotEmpty(award.Explanation);
        }
        Assert.Equal(result.Awards.Sum(a => a.Amount), result.Total);
        Assert.Equal(result.Total, result.Pools.Sum(p => p.Total));
        foreach (var pool in result.Pools)
        {
            Assert.Equal(result.Awards.Where(a => a.PoolKey == pool.PoolKey).Sum(a => a.Amount), pool.Total);
        }
        Assert.True(result.Total <= rules.Budget, $"seed {seed}: {result.Total} above the budget {rules.Budget}");
        if (result.Explanation.Any(e => e.Key == AllocationKeys.ScaledDownRound))
        {
            Assert.Equal(rules.Budget, result.Total);
        }

        if (rules.CapPerCompetitorYear is { } cap)
        {
            foreach (var competitor in result.Awards.GroupBy(a => entries[a.EntryId].CompetitorId))
            {
                var room = Math.Max(0m, cap - round.Received.GetValueOrDefault(competitor.Key));
                Assert.True(competitor.Sum(a => a.Amount) <= room, $"seed {seed}: competitor {competitor.Key} above the cap");
            }
        }
        if (rules.Method == AllocationMethod.CoFinancing)
        {
            foreach (var award in result.Awards.Where(a => a.Amount > 0))
            {
                var plan = entries[award.EntryId].Plan!;
                Assert.True(plan.Counterpart * 100m >= plan.Cost * rules.CounterpartMinPercent, $"seed {seed}: counterpart below the minimum funded");
                Assert.True(award.Amount <= Math.Min(plan.Cost - plan.Counterpart, rules.MaxGrantPerPlan ?? decimal.MaxValue), $"seed {seed}: grant too large");
                Assert.True(entries[award.EntryId].Rank.Approved);
            }
        }

        switch (result.Status)
        {
            case AllocationStatus.Allocated:
                var used = new Dictionary<int, decimal>();
                foreach (var award in result.Awards)
                {
                    Assert.Equal(award.Amount, award.Funding.Sum(f => f.Amount));
                    foreach (var share in award.Funding)
                    {
                        Assert.True(share.Amount > 0, $"seed {seed}: empty share");
                        var entry = entries[award.EntryId];
                        Assert.True(round.Sources[share.FundingSourceId].Allows(entry.Theme, entry.District), $"seed {seed}: source {share.FundingSourceId} may not pay entry {award.EntryId}");
                        used[share.FundingSourceId] = used.GetValueOrDefault(share.FundingSourceId) + share.Amount;
                    }
                }
                foreach (var line in rules.BudgetLines)
                {
                    Assert.True(used.GetValueOrDefault(line.FundingSourceId) <= line.Amount, $"seed {seed}: line {line.FundingSourceId} exceeded");
                    Assert.Equal(used.GetValueOrDefault(line.FundingSourceId), result.Sources.Single(s => s.FundingSourceId == line.FundingSourceId).Used);
                }
                break;
            case AllocationStatus.OverBudget:
                Assert.Equal(OverflowRule.Refuse, rules.Overflow);
                Assert.Equal(0m, result.Total);
                Assert.True((decimal)result.Explanation.Single(e => e.Key == AllocationKeys.OverBudget).Arguments[2] > 0);
                break;
            case AllocationStatus.SourcesShort:
                Assert.NotEqual(AllocationMethod.CoFinancing, rules.Method);
                CheckShortfallIsProven(seed, round, result);
                break;
        }
    }

    /// <summary>
    /// "Short" must be a proof, not a failure to find a split: for each group of sources named, the awards
    /// that only those sources may pay exceed their lines by exactly the amount stated; for each theme and
    /// district no line may pay, its awards add up to the amount stated.
    /// </summary>
    private static void CheckShortfallIsProven(int seed, GeneratedRound round, AllocationResult result)
    {
        var lines = round.Rules.BudgetLines;
        var entries = round.Entries.ToDictionary(e => e.Rank.EntryId);
        int[] Eligible(AllocationEntry e) => [.. lines.Select(l => l.FundingSourceId).Where(id => round.Sources[id].Allows(e.Theme, e.District))];
        var problems = 0;
        foreach (var problem in result.Explanation)
        {
            string[] names;
            switch (problem.Key)
            {
                case AllocationKeys.SourceShort:
                    names = [(string)problem.Arguments[0]];
                    break;
                case AllocationKeys.SourcesShort:
                    names = (string[])problem.Arguments[0];
                    break;
                case AllocationKeys.NoEligibleSource:
                    var unpaid = result.Awards.Where(a => entries[a.EntryId].Theme == (Theme)problem.Arguments[0]
                        && entries[a.EntryId].District == (string)problem.Arguments[1]).Sum(a => a.Amount);
                    Assert.Equal(unpaid, (decimal)problem.Arguments[2]);
                    problems++;
                    continue;
                default:
                    continue;
            }
            problems++;
            var named = lines.Where(l => names.Contains(round.Sources[l.FundingSourceId].Name)).ToList();
            Assert.Equal(names.Length, named.Count);
            var ids = named.Select(l => l.FundingSourceId).ToHashSet();
            var onlyThese = result.Awards.Where(a =>
            {
                var eligible = Eligible(entries[a.EntryId]);
                return eligible.Length > 0 && eligible.All(ids.Contains);
            }).Sum(a => a.Amount);
            Assert.True(onlyThese - named.Sum(l => l.Amount) == (decimal)problem.Arguments[1],
                $"seed {seed}: {string.Join(", ", names)} said short by {problem.Arguments[1]}, the awards only they may pay exceed them by {onlyThese - named.Sum(l => l.Amount)}");
        }
        Assert.True(problems > 0, $"seed {seed}: sources short without saying which");
    }

    private static GeneratedRound Generate(int seed, bool caps, bool plans)
    {
        var random = new Random(seed);
        var method = plans ? AllocationMethod.CoFinancing : random.Next(100) switch
        {
            < 45 => AllocationMethod.FixedTiers,
            < 60 => AllocationMethod.Participation,
            _ => AllocationMethod.ProportionalPool,
        };

        // Scores: two parts of whole points, from a narrow set now and then so that ties are common.
        var narrow = random.Next(3) == 0;
        var scored = new List<ScoredEntry>();
        var pools = random.Next(1, 7);
        for (var p = 0; p < pools; p++)
        {
            var size = random.Next(0, 13);
            for (var k = 0; k < size; k++)
            {
                var id = scored.Count + 1;
                decimal Part() => narrow ? 30 + 5 * random.Next(0, 4) : random.Next(20, 51) + (random.Next(4) == 0 ? 0.5m : 0m);
                scored.Add(new ScoredEntry(id, 1_000 - id * 7 % 997, $"P{p}", [Part(), Part()]));
            }
        }
        var ranked = Ranking.Rank(scored, (TieRule)random.Next(3), random.Next(50, 76));
        var competitors = Math.Max(1, scored.Count / 2);
        var entries = ranked.Select(r =>
        {
            PlanCosts? plan = null;
            if (plans)
            {
                var cost = random.Next(1_000, 50_000) + random.Next(100) / 100m;
                plan = new PlanCosts(cost, decimal.Round(cost * random.Next(10, 40) / 100m, 2));
            }
            return new AllocationEntry(r, caps ? random.Next(1, competitors + 1) : r.EntryId, Themes[random.Next(Themes.Length)],
                Districts[random.Next(Districts.Length)], random.Next(3) == 0, plan);
        }).ToArray();

        var tiers = new List<decimal>();
        var tier = random.Next(100, 2_000) + random.Next(100) / 100m;
        for (var t = random.Next(1, 6); t > 0 && tier > 0; t--)
        {
            tiers.Add(tier);
            tier = decimal.Floor(tier * random.Next(30, 101)) / 100m;
        }
        var rules = new PrizeRules
        {
            Method = method,
            Tiers = tiers,
            ParticipationPrize = method == AllocationMethod.Participation || random.Next(2) == 0
                ? Math.Max(0.01m, decimal.Floor(tiers[^1] * random.Next(1, 101)) / 100m)
                : null,
            PoolAmount = random.Next(1_000, 500_000) / 100m,
            MaxWinnersPerPool = random.Next(10) < 3 ? random.Next(1, 5) : null,
            CapPerCompetitorYear = caps ? random.Next(100, 3_000) : null,
            WomenBonusPoints = random.Next(2) == 0 ? 2m : null,
            CounterpartMinPercent = random.Next(0, 31),
            MaxGrantPerPlan = random.Next(10) < 3 ? random.Next(5_000, 40_000) : null,
            Overflow = random.Next(2) == 0 ? OverflowRule.Refuse : OverflowRule.ScaleDown,
        };

        // One to three sources, some restricted; the budget from a third of what the round could cost to half as much again.
        var sources = new Dictionary<int, SourceFacts>();
        var lineCount = random.Next(1, 4);
        for (var s = 1; s <= lineCount; s++)
        {
            var themes = random.Next(3) == 0 ? Themes.Where(_ => random.Next(2) == 0).ToHashSet() : [];
            var districts = random.Next(3) == 0 ? Districts.Where(_ => random.Next(2) == 0).ToHashSet() : [];
            sources[s] = new SourceFacts(s, $"Fuente {s}", 10_000_000m, themes, districts);
        }
        var need = method == AllocationMethod.CoFinancing
            ? entries.Sum(e => e.Plan!.Cost - e.Plan.Counterpart)
            : rules.MaxCost([.. entries.GroupBy(e => e.Rank.PoolKey).Select(g => g.Count())]);
        var budget = need * random.Next(30, 151) / 100m;
        rules = rules with
        {
            BudgetLines = [.. sources.Keys.Select(id => new BudgetLine(id, Math.Max(0.01m, decimal.Round(budget / lineCount * random.Next(50, 151) / 100m, 2))))],
        };

        var received = new Dictionary<int, decimal>();
        if (caps)
        {
            for (var c = 1; c <= competitors; c++)
            {
                if (random.Next(3) == 0)
                {
                    received[c] = random.Next(0, 3_500);
                }
            }
        }
        return new GeneratedRound(rules, entries, sources, received);
    }

    /// <summary>Everything the result says, as text, with numbers written the same whatever their scale.</summary>
    private static string Canonical(AllocationResult result)
    {
        static string Value(object? value) => value switch
        {
            decimal d => d.ToString("0.##########", CultureInfo.InvariantCulture),
            Number n => "#" + Value(n.Value),
            decimal[] list => "[" + string.Join(" ", list.Select(d => Value(d))) + "]",
            string[] names => "[" + string.Join(" ", names) + "]",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
        static string Say(Explanation e) => e.Key + "(" + string.Join(", ", e.Arguments.Select(Value)) + ")";
        var lines = new List<string> { $"{result.Status} {Value(result.Total)} / {Value(result.Budget)}", string.Join("; ", result.Explanation.Select(Say)) };
        lines.AddRange(result.Awards.Select(a =>
            $"{a.PoolKey} {a.Place} {a.EntryId}: {Value(a.Computed)} → {Value(a.Amount)} [{string.Join(" ", a.Funding.Select(f => $"{f.FundingSourceId}={Value(f.Amount)}"))}] {string.Join("; ", a.Explanation.Select(Say))}"));
        lines.AddRange(result.Pools.Select(p => $"{p.PoolKey}: {string.Join("; ", p.Explanation.Select(Say))}"));
        lines.AddRange(result.NotFunded.Select(n => $"not funded {n.EntryId} {Value(n.Requested)} {Value(n.Funded)} {Say(n.Reason)}"));
        lines.AddRange(result.Sources.Select(s => $"{s.FundingSourceId} {s.Name} {Value(s.Budgeted)} {Value(s.Used)}"));
        return string.Join("\n", lines);
    }
}
