using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Core.Rounds;
using static Contests.Core.Tests.Allocation.AllocationBuilders;

namespace Contests.Core.Tests.Allocation;

public sealed class FixedTiersTests
{
    /// <summary>The first worked example: A 88, B 85, C 85, D 70, E 55 with 600/400/200, participation 50 from 60.</summary>
    private static AllocationResult WorkedExample() => Allocate(Tiers(), new RoundBuilder().Pool("Ccollpa", 88, 85, 85, 70, 55).Build());

    [Fact]
    public void Allocate_WorkedExample_PlacesTiesParticipationAndNothingBelowTheQualifyingScore()
    {
        var result = WorkedExample();

        Assert.True(result.Succeeded);
        Assert.Equal([600.00m, 300.00m, 300.00m, 50.00m, 0m], result.Awards.Select(a => a.Amount));
        Assert.Equal([1, 2, 3, 4, 5], result.Awards.Select(a => a.EntryId));
        var pool = Assert.Single(result.Pools);
        Assert.Equal(1_250.00m, pool.Total);
        Assert.Equal(1_250.00m, result.Total);
        Assert.Equal((5, 4, 4), (pool.Entries, pool.Qualifying, pool.Winners));
        Assert.Empty(result.NotFunded);
    }

    [Fact]
    public void Allocate_TiedSecondPlace_SharesPlacesTwoAndThree()
    {
        var award = WorkedExample().Of(2);

        var tie = award.Note(AllocationKeys.TiedShare);
        Assert.Equal(2, tie.Arguments[0]);            // place
        Assert.Equal(5, tie.Arguments[1]);            // entries in the pool
        Assert.Equal(2, tie.Arguments[2]);            // tied
        Assert.Equal(1, tie.Arguments[3]);            // others tied
        Assert.Equal([400m, 200m], (decimal[])tie.Arguments[4]);
        Assert.Equal(600m, tie.Arguments[5]);
        Assert.Equal(300.00m, tie.Arguments[6]);
        Assert.DoesNotContain(award.Explanation, e => e.Key == AllocationKeys.Rounding);
    }

    [Fact]
    public void Allocate_WorkedExample_ExplainsEveryAward()
    {
        var result = WorkedExample();

        Assert.Equal([1, 5, 600m], result.Of(1).Note(AllocationKeys.Place).Arguments);
        Assert.Equal([50m], result.Of(4).Note(AllocationKeys.Participation).Arguments);
        Assert.Equal([new Number(55m)], result.Of(5).Note(AllocationKeys.NotQualified).Arguments);
        Assert.Equal(["Ccollpa", 5, 4, 4, 1_250m], result.Pools[0].Explanation[0].Arguments);
        Assert.Equal(AllocationKeys.Round, result.Explanation[0].Key);
        Assert.Equal([1_250m, 1_000_000m, 998_750m], result.Explanation[0].Arguments);
    }

    [Fact]
    public void Allocate_ThreeTiedForFirst_SplitTheCentimos_ExtraOnesToTheLowerNumbers()
    {
        var result = Allocate(Tiers(500m, 300m, 200.01m), new RoundBuilder().Pool("P", 90, 90, 90).Build());

        // (500 + 300 + 200.01) / 3 = 333.336…: two céntimos over, to entries 1 and 2.
        Assert.Equal([333.34m, 333.34m, 333.33m], result.Awards.Select(a => a.Amount));
        Assert.Equal(1_000.01m, result.Total);
        Assert.Equal([0.01m], result.Of(1).Note(AllocationKeys.Rounding).Arguments);
        Assert.DoesNotContain(result.Of(3).Explanation, e => e.Key == AllocationKeys.Rounding);
    }

    [Fact]
    public void Allocate_TieRunningPastTheTiers_CountsLaterPlacesAtTheParticipationPrize()
    {
        var result = Allocate(Tiers(), new RoundBuilder().Pool("P", 90, 80, 70, 70, 70, 65).Build());

        // Places 3, 4, 5 shared: (200 + 50 + 50) / 3 = 100; the 6th gets participation.
        Assert.Equal([600m, 400m, 100m, 100m, 100m, 50m], result.Awards.Select(a => a.Amount));
        Assert.Equal([200m, 50m, 50m], (decimal[])result.Of(3).Note(AllocationKeys.TiedShare).Arguments[4]);
    }

    [Fact]
    public void Allocate_NoParticipationPrize_PlacesPastTheTiersGetNothing_AndSaySo()
    {
        var rules = Tiers() with { ParticipationPrize = null };

        var result = Allocate(rules, new RoundBuilder().Pool("P", 90, 80, 70, 65).Build());

        Assert.Equal([600m, 400m, 200m, 0m], result.Awards.Select(a => a.Amount));
        Assert.Equal([4, 3], result.Of(4).Note(AllocationKeys.NoPlace).Arguments);
    }

    [Fact]
    public void Allocate_PlacesOfEntriesBelowTheQualifyingScore_AreNotPassedOn()
    {
        var result = Allocate(Tiers(), new RoundBuilder().Pool("P", 90, 50, 40).Build());

        Assert.Equal([600m, 0m, 0m], result.Awards.Select(a => a.Amount));
        Assert.Equal(600m, result.Total);
    }

    [Fact]
    public void Allocate_TieRuleSeparatesEqualFinals_EachGetsItsOwnPlace()
    {
        var entries = new RoundBuilder().Entry("P", 40, 45).Entry("P", 45, 40).Build(TieRule.FirstPartHigher);

        var result = Allocate(Tiers(), entries);

        Assert.Equal(600m, result.AmountOf(2));
        Assert.Equal(400m, result.AmountOf(1));
    }

    [Fact]
    public void Allocate_EachPoolOnItsOwn_ListedByPoolKeyThenPlace()
    {
        var entries = new RoundBuilder().Pool("B", 70, 90).Pool("A", 80).Build();

        var result = Allocate(Tiers(), [.. entries.Reverse()]);

        Assert.Equal([("A", 3, 600m), ("B", 2, 600m), ("B", 1, 400m)], result.Awards.Select(a => (a.PoolKey, a.EntryId, a.Amount)));
        Assert.Equal(["A", "B"], result.Pools.Select(p => p.PoolKey));
        Assert.Equal([600m, 1_000m], result.Pools.Select(p => p.Total));
    }

    [Fact]
    public void Allocate_WomenLedEntry_ExplainsTheBonusInItsScore()
    {
        var rules = Tiers() with { WomenBonusPoints = 2m };
        var entries = new RoundBuilder().Pool("P", 90, 80).With(2, e => e with { WomenLed = true }).Build();

        var result = Allocate(rules, entries);

        Assert.Equal([new Number(2m)], result.Of(2).Note(AllocationKeys.WomenBonus).Arguments);
        Assert.DoesNotContain(result.Of(1).Explanation, e => e.Key == AllocationKeys.WomenBonus);
    }

    [Fact]
    public void Allocate_ParticipationMethod_EveryQualifyingEntryWhateverItsPlace()
    {
        var rules = new PrizeRules { Method = AllocationMethod.Participation, ParticipationPrize = 80m, BudgetLines = Budget(10_000m) };

        var result = Allocate(rules, new RoundBuilder().Pool("P", 90, 75, 75, 59.99m).Pool("Q", 61).Build());

        Assert.Equal([80m, 80m, 80m, 0m, 80m], result.Awards.Select(a => a.Amount));
        Assert.Equal([80m], result.Of(2).Note(AllocationKeys.Participation).Arguments);
    }
}
