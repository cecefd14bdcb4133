using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Core.Programmes;
using static Contests.Core.Tests.Allocation.AllocationBuilders;

namespace Contests.Core.Tests.Allocation;

public sealed class CoFinancingTests
{
    /// <summary>The third worked example: budget 100,000, counterpart at least 20 %, plans P1–P4 in score order.</summary>
    private static AllocationEntry[] FourPlans() => new RoundBuilder()
        .Pool("Org", 90, 85, 80, 75)
        .Plan(1, 50_000m, 10_000m)
        .Plan(2, 60_000m, 15_000m)
        .Plan(3, 30_000m, 6_000m)
        .Plan(4, 15_000m, 3_000m)
        .Build();

    [Fact]
    public void Allocate_WorkedExample_SkipsThePlanThatDoesNotFit_AndFundsTheNext()
    {
        var result = Allocate(CoFinancing(100_000m), FourPlans());

        Assert.True(result.Succeeded);
        Assert.Equal([40_000m, 45_000m, 0m, 12_000m], result.Awards.Select(a => a.Amount));
        Assert.Equal(97_000m, result.Total);
        Assert.Equal(3_000m, result.Left);
        var skipped = Assert.Single(result.NotFunded);
        Assert.Equal((3, 24_000m, 0m), (skipped.EntryId, skipped.Requested, skipped.Funded));
        Assert.Equal(AllocationKeys.NoMoneyLeft, skipped.Reason.Key);
        Assert.Equal([24_000m, 15_000m], skipped.Reason.Arguments);
    }

    [Fact]
    public void Allocate_WorkedExample_ExplainsTheGrantAndTheOrder()
    {
        var award = Allocate(CoFinancing(100_000m), FourPlans()).Of(2);

        Assert.Equal([2, 4, new Number(85m)], award.Note(AllocationKeys.PlanOrder).Arguments);
        Assert.Equal([60_000m, 15_000m, new Number(25m), 45_000m], award.Note(AllocationKeys.Grant).Arguments);
    }

    [Fact]
    public void Allocate_CounterpartBelowTheMinimum_IsNotFunded_WithTheMinimum()
    {
        var entries = new RoundBuilder().Pool("Org", 90, 80).Plan(1, 10_000m, 1_999.99m).Plan(2, 10_000m, 2_000m).Build();

        var result = Allocate(CoFinancing(100_000m), entries);

        Assert.Equal([0m, 8_000m], result.Awards.Select(a => a.Amount));
        var refused = Assert.Single(result.NotFunded);
        Assert.Equal(AllocationKeys.CounterpartBelowMinimum, refused.Reason.Key);
        Assert.Equal([1_999.99m, new Number(20m), new Number(20m), 2_000m], refused.Reason.Arguments);
        Assert.Equal(8_000.01m, refused.Requested);
    }

    [Fact]
    public void Allocate_MaxGrantPerPlan_CapsTheGrant()
    {
        var rules = CoFinancing(100_000m) with { MaxGrantPerPlan = 30_000m };

        var result = Allocate(rules, FourPlans());

        Assert.Equal([30_000m, 30_000m, 24_000m, 12_000m], result.Awards.Select(a => a.Amount));
        Assert.Equal([40_000m, 30_000m], result.Of(1).Note(AllocationKeys.GrantCapped).Arguments);
        Assert.Equal(30_000m, result.Of(1).Computed);
        Assert.Empty(result.NotFunded);
    }

    [Fact]
    public void Allocate_OrderAcrossPools_ByScore_ThenPlace_ThenNumber()
    {
        // Money for two plans: entry 5 (91) first; entries 1 and 3 both 88 and 1st of their pools: 1 has the lower number.
        var entries = new RoundBuilder().Pool("A", 88, 80).Pool("B", 88, 70).Pool("C", 91)
            .Plan(1, 10_000m, 2_000m).Plan(2, 10_000m, 2_000m).Plan(3, 10_000m, 2_000m).Plan(4, 10_000m, 2_000m).Plan(5, 10_000m, 2_000m)
            .Build();

        var result = Allocate(CoFinancing(16_000m), entries);

        Assert.Equal([(1, 8_000m), (2, 0m), (3, 0m), (4, 0m), (5, 8_000m)], result.Awards.Select(a => (a.EntryId, a.Amount)));
        Assert.Equal([3, 2, 4], result.NotFunded.Select(n => n.EntryId));
        Assert.Equal([2, 5, new Number(88m)], result.Of(1).Note(AllocationKeys.PlanOrder).Arguments);
    }

    [Fact]
    public void Allocate_PlanBelowTheQualifyingScore_IsNotConsidered()
    {
        var entries = new RoundBuilder().Pool("Org", 90, 50).Plan(1, 10_000m, 2_000m).Plan(2, 10_000m, 2_000m).Build();

        var result = Allocate(CoFinancing(100_000m), entries);

        Assert.Equal([8_000m, 0m], result.Awards.Select(a => a.Amount));
        Assert.Contains(result.Of(2).Explanation, e => e.Key == AllocationKeys.NotQualified);
        Assert.Empty(result.NotFunded);
    }

    [Fact]
    public void Allocate_MaxWinnersPerPool_ThePoolsNextPlanIsNotFunded()
    {
        var rules = CoFinancing(100_000m) with { MaxWinnersPerPool = 1 };
        var entries = new RoundBuilder().Pool("A", 90, 85).Pool("B", 80)
            .Plan(1, 10_000m, 2_000m).Plan(2, 10_000m, 2_000m).Plan(3, 10_000m, 2_000m).Build();

        var result = Allocate(rules, entries);

        Assert.Equal([8_000m, 0m, 8_000m], result.Awards.Select(a => a.Amount));
        Assert.Equal(AllocationKeys.MaxWinnersReached, Assert.Single(result.NotFunded).Reason.Key);
    }

    [Fact]
    public void Allocate_PlanWhoseCounterpartIsItsCost_IsNoWinner_AndLeavesTheWinnersPlaceToTheNext()
    {
        var rules = CoFinancing(100_000m) with { MaxWinnersPerPool = 1 };
        var entries = new RoundBuilder().Pool("A", 90, 85).Plan(1, 10_000m, 10_000m).Plan(2, 10_000m, 2_000m).Build();

        var result = Allocate(rules, entries);

        Assert.Equal([0m, 8_000m], result.Awards.Select(a => a.Amount));
        Assert.Equal([10_000m, 10_000m], result.Of(1).Note(AllocationKeys.PlanAsksNothing).Arguments);
        Assert.DoesNotContain(result.Of(1).Explanation, e => e.Key == AllocationKeys.Grant);
        Assert.Equal(1, result.Pools[0].Winners);
        Assert.Empty(result.NotFunded);
        Assert.Equal(8_000m, result.Total);
    }

    [Fact]
    public void Allocate_RestrictedMoneyUsedUp_SkipsThePlan_ButFundsALaterOneElsewhere()
    {
        var sources = Sources(Source(1, "Municipalidad de Curahuasi", districts: [Curahuasi]), Source(2, "Minera", districts: [Abancay]));
        var rules = CoFinancing(0m) with { BudgetLines = [new(1, 10_000m), new(2, 10_000m)] };
        var entries = new RoundBuilder().Pool("Org", 90, 85, 80)
            .Plan(1, 10_000m, 2_000m).Plan(2, 10_000m, 2_000m).Plan(3, 10_000m, 2_000m)
            .With(1, e => e with { District = Curahuasi }).With(2, e => e with { District = Curahuasi })
            .Build();

        var result = Allocate(rules, entries, sources);

        Assert.Equal([8_000m, 0m, 8_000m], result.Awards.Select(a => a.Amount));
        var skipped = Assert.Single(result.NotFunded);
        Assert.Equal(AllocationKeys.NoEligibleMoneyLeft, skipped.Reason.Key);
        Assert.Equal([8_000m, Theme.SoilAndWater, Curahuasi], skipped.Reason.Arguments);
        Assert.Equal([new FundingShare(1, 8_000m)], result.Of(1).Funding);
        Assert.Equal([new FundingShare(2, 8_000m)], result.Of(3).Funding);
        // The money left is the mine's, which may only pay in Abancay: the restriction that bites is named.
        var bites = result.Of(2).Note(AllocationKeys.RestrictedByDistrict);
        Assert.Equal(["Minera", 10_000m, Theme.SoilAndWater, Curahuasi], bites.Arguments);
    }

    [Fact]
    public void Allocate_EarlierPlanMovesToAnotherSource_ToMakeRoomForARestrictedOne()
    {
        // Plan 1 (Abancay) takes the general line first; plan 2 (Curahuasi) can only use the general line
        // or nothing, so plan 1 moves to the Abancay line.
        var sources = Sources(Source(1, "Recursos ordinarios"), Source(2, "Minera", districts: [Abancay]));
        var rules = CoFinancing(0m) with { BudgetLines = [new(1, 8_000m), new(2, 8_000m)] };
        var entries = new RoundBuilder().Pool("Org", 90, 85).Plan(1, 10_000m, 2_000m).Plan(2, 10_000m, 2_000m)
            .With(2, e => e with { District = Curahuasi }).Build();

        var result = Allocate(rules, entries, sources);

        Assert.Equal([8_000m, 8_000m], result.Awards.Select(a => a.Amount));
        Assert.Equal([new FundingShare(2, 8_000m)], result.Of(1).Funding);
        Assert.Equal([new FundingShare(1, 8_000m)], result.Of(2).Funding);
    }

    [Fact]
    public void Allocate_PlanCappedPerCompetitorYear_GetsWhatIsLeftUnderTheCap()
    {
        var rules = CoFinancing(100_000m) with { CapPerCompetitorYear = 30_000m };

        var result = Allocate(rules, FourPlans(), received: new Dictionary<int, decimal> { [1] = 5_000m, [2] = 30_000m });

        Assert.Equal([25_000m, 0m, 24_000m, 12_000m], result.Awards.Select(a => a.Amount));
        Assert.Equal([(1, 40_000m, 25_000m), (2, 45_000m, 0m)], result.NotFunded.Select(n => (n.EntryId, n.Requested, n.Funded)));
        Assert.All(result.NotFunded, n => Assert.Equal(AllocationKeys.CappedPerYear, n.Reason.Key));
    }
}
