using Contests.Core.Allocation;
using Contests.Core.Common;
using static Contests.Core.Tests.Allocation.AllocationBuilders;

namespace Contests.Core.Tests.Allocation;

public sealed class ProportionalPoolTests
{
    [Fact]
    public void Allocate_SplitsThePoolInProportionToTheScore()
    {
        var result = Allocate(Proportional(1_000m), new RoundBuilder { Qualifying = 45m }.Pool("P", 80, 70, 50, 40).Build());

        Assert.Equal([400.00m, 350.00m, 250.00m, 0m], result.Awards.Select(a => a.Amount));
        Assert.Equal(1_000m, result.Pools[0].Total);
        Assert.Equal([new Number(80m), new Number(200m), 1_000m, 400m], result.Of(1).Note(AllocationKeys.Proportional).Arguments);
    }

    [Fact]
    public void Allocate_EqualScores_TheExtraCentimoToTheLowestNumber()
    {
        var result = Allocate(Proportional(100m), new RoundBuilder().Pool("P", 75, 75, 75).Build());

        Assert.Equal([33.34m, 33.33m, 33.33m], result.Awards.Select(a => a.Amount));
        Assert.Equal(100.00m, result.Total);
        Assert.Equal([0.01m], result.Of(1).Note(AllocationKeys.ProportionalRounding).Arguments);
        Assert.All([result.Of(2), result.Of(3)], a => Assert.DoesNotContain(a.Explanation, e => e.Key == AllocationKeys.ProportionalRounding));
    }

    [Fact]
    public void Allocate_TheShareWithTheLargestRemainder_GetsTheOddCentimo_AndSaysSo()
    {
        // 100 × 80/210 = 38.095…, 100 × 70/210 = 33.333…, 100 × 60/210 = 28.571…: 99.99 rounded down; the odd
        // céntimo goes to the largest remainder (0.52 of a céntimo), 38.09 → 38.10.
        var result = Allocate(Proportional(100m), new RoundBuilder().Pool("P", 80, 70, 60).Build());

        Assert.Equal([38.10m, 33.33m, 28.57m], result.Awards.Select(a => a.Amount));
        Assert.Equal([0.01m], result.Of(1).Note(AllocationKeys.ProportionalRounding).Arguments);
        Assert.Single(result.Awards, a => a.Explanation.Any(e => e.Key == AllocationKeys.ProportionalRounding));
    }

    [Fact]
    public void Allocate_SharesWithoutRounding_CarryNoRoundingNote()
    {
        var result = Allocate(Proportional(1_000m), new RoundBuilder { Qualifying = 45m }.Pool("P", 80, 70, 50).Build());

        Assert.All(result.Awards, a => Assert.DoesNotContain(a.Explanation, e => e.Key == AllocationKeys.ProportionalRounding));
    }

    [Fact]
    public void Allocate_PoolWithoutQualifyingEntry_SpendsNothing_AndSaysSo()
    {
        var result = Allocate(Proportional(500m), new RoundBuilder().Pool("A", 90).Pool("B", 40, 30).Build());

        Assert.Equal(500m, result.Total);
        Assert.Equal([500m], result.Pools[1].Explanation.Single(e => e.Key == AllocationKeys.PoolUnspent).Arguments);
    }

    [Fact]
    public void Allocate_MaxWinners_OnlyThePlacesWithinShare()
    {
        var rules = Proportional(900m) with { MaxWinnersPerPool = 2 };

        var result = Allocate(rules, new RoundBuilder().Pool("P", 90, 90, 70, 65).Build());

        Assert.Equal([450m, 450m, 0m, 0m], result.Awards.Select(a => a.Amount));
        Assert.Equal([3, 2], result.Of(3).Note(AllocationKeys.BeyondMaxWinners).Arguments);
    }

    [Fact]
    public void Allocate_TieAcrossTheWinnerLimit_SharesWhole()
    {
        var rules = Proportional(900m) with { MaxWinnersPerPool = 2 };

        var result = Allocate(rules, new RoundBuilder().Pool("P", 90, 80, 80, 70).Build());

        Assert.Equal([324m, 288m, 288m, 0m], result.Awards.Select(a => a.Amount));
    }
}
