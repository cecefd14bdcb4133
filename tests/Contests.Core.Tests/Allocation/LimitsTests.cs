using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Core.Rounds;
using static Contests.Core.Tests.Allocation.AllocationBuilders;

namespace Contests.Core.Tests.Allocation;

/// <summary>The cap per competitor and year, the winners per pool, and the budget's overflow rule.</summary>
public sealed class LimitsTests
{
    private static AllocationEntry[] WorkedExample() => new RoundBuilder().Pool("Ccollpa", 88, 85, 85, 70, 55).Build();

    [Fact]
    public void CapPerCompetitorYear_ReducesTheAward_ToWhatIsLeftAfterEarlierRounds()
    {
        var rules = Tiers() with { CapPerCompetitorYear = 1_000m };

        var result = Allocate(rules, WorkedExample(), received: new Dictionary<int, decimal> { [1] = 700m });

        var award = result.Of(1);
        Assert.Equal((600m, 300m), (award.Computed, award.Amount));
        Assert.Equal([1_000m, 700m, 600m, 300m], award.Note(AllocationKeys.CappedPerYear).Arguments);
        var reduced = Assert.Single(result.NotFunded);
        Assert.Equal((1, 600m, 300m), (reduced.EntryId, reduced.Requested, reduced.Funded));
        Assert.Equal(950m, result.Total);
    }

    [Fact]
    public void CapPerCompetitorYear_CountsTheCompetitorsEarlierAwardsInTheSameRound()
    {
        var rules = Tiers() with { CapPerCompetitorYear = 700m };
        var entries = new RoundBuilder().Pool("A", 90).Pool("B", 95).With(2, e => e with { CompetitorId = 1 }).Build();

        var result = Allocate(rules, entries);

        Assert.Equal([600m, 100m], result.Awards.Select(a => a.Amount));
        Assert.Equal([700m, 600m, 600m, 100m], result.Of(2).Note(AllocationKeys.CappedPerYear).Arguments);
    }

    [Fact]
    public void CapPerCompetitorYear_Reached_GetsNothing_AndIsListedAsNotFunded()
    {
        var rules = Tiers() with { CapPerCompetitorYear = 1_000m };

        var result = Allocate(rules, WorkedExample(), received: new Dictionary<int, decimal> { [4] = 1_200m });

        Assert.Equal(0m, result.AmountOf(4));
        Assert.Equal((50m, 0m), (Assert.Single(result.NotFunded).Requested, result.NotFunded[0].Funded));
    }

    [Fact]
    public void MaxWinnersPerPool_PlacesPastTheLimitGetTheParticipationPrize()
    {
        var rules = Tiers() with { MaxWinnersPerPool = 2 };

        var result = Allocate(rules, new RoundBuilder().Pool("P", 90, 80, 70).Build());

        Assert.Equal([600m, 400m, 50m], result.Awards.Select(a => a.Amount));
        Assert.Equal([3, 2], result.Of(3).Note(AllocationKeys.BeyondMaxWinners).Arguments);
    }

    [Fact]
    public void MaxWinnersPerPool_TieAtTheLimit_SharesThePaidPlaceWithTheParticipationPrize()
    {
        var rules = Tiers() with { MaxWinnersPerPool = 2 };

        var result = Allocate(rules, new RoundBuilder().Pool("P", 90, 80, 80, 70).Build());

        // Places 2 and 3 tied: (400 + 50) / 2; the limit caps the places paid, not the entries that tie.
        Assert.Equal([600m, 225m, 225m, 50m], result.Awards.Select(a => a.Amount));
    }

    [Fact]
    public void Overflow_Refuse_AllocatesNothing_AndStatesTheShortfall()
    {
        var rules = Tiers() with { BudgetLines = Budget(1_000m), Overflow = OverflowRule.Refuse };

        var result = Allocate(rules, WorkedExample());

        Assert.Equal(AllocationStatus.OverBudget, result.Status);
        Assert.False(result.Succeeded);
        Assert.All(result.Awards, a => Assert.Equal(0m, a.Amount));
        Assert.Equal([600m, 300m, 300m, 50m, 0m], result.Awards.Select(a => a.Computed));
        Assert.Equal(0m, result.Total);
        Assert.Equal([1_250m, 1_000m, 250m], result.Explanation.Single(e => e.Key == AllocationKeys.OverBudget).Arguments);
        Assert.Equal([600m], result.Of(1).Note(AllocationKeys.RefusedOverBudget).Arguments);
        Assert.All(result.Awards, a => Assert.Empty(a.Funding));
        Assert.Equal(0m, Assert.Single(result.Sources).Used);
    }

    [Fact]
    public void Overflow_ScaleDown_ReducesEveryAwardInProportion_ExactlyToTheBudget()
    {
        var rules = Tiers() with { BudgetLines = Budget(999.99m), Overflow = OverflowRule.ScaleDown };

        var result = Allocate(rules, WorkedExample());

        // × 999.99 / 1,250: 479.9952, 239.9976, 239.9976, 39.9996 → three céntimos over, to the largest remainders.
        Assert.True(result.Succeeded);
        Assert.Equal([479.99m, 240.00m, 240.00m, 40.00m, 0m], result.Awards.Select(a => a.Amount));
        Assert.Equal(999.99m, result.Total);
        Assert.Equal(999.99m, result.Pools[0].Total);
        Assert.Equal([600m, 479.99m], result.Of(1).Note(AllocationKeys.ScaledDown).Arguments);
        Assert.Equal([1_250m, 999.99m, new Number(80.00m)], result.Explanation.Single(e => e.Key == AllocationKeys.ScaledDownRound).Arguments);
    }

    [Fact]
    public void Overflow_ScaleDown_EqualRemainders_GoInPoolThenPlaceOrder_WhateverTheInputOrder()
    {
        var rules = Tiers(100m) with { ParticipationPrize = null, BudgetLines = Budget(200m), Overflow = OverflowRule.ScaleDown };
        var entries = new RoundBuilder().Pool("C", 90).Pool("A", 90).Pool("B", 90).Build();

        var forward = Allocate(rules, entries);
        var backward = Allocate(rules, [.. entries.Reverse()]);

        Assert.Equal([("A", 66.67m), ("B", 66.67m), ("C", 66.66m)], forward.Awards.Select(a => (a.PoolKey, a.Amount)));
        Assert.Equal(forward.Awards.Select(a => (a.EntryId, a.Amount)), backward.Awards.Select(a => (a.EntryId, a.Amount)));
    }

    [Fact]
    public void Overflow_WithinBudget_NothingChanges()
    {
        var rules = Tiers() with { BudgetLines = Budget(1_250m), Overflow = OverflowRule.Refuse };

        var result = Allocate(rules, WorkedExample());

        Assert.True(result.Succeeded);
        Assert.Equal(0m, result.Left);
    }
}
