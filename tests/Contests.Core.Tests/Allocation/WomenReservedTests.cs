using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Core.Rounds;
using static Contests.Core.Tests.Allocation.AllocationBuilders;

namespace Contests.Core.Tests.Allocation;

/// <summary>Prizes reserved for women-headed households and women's organizations (fixed tiers).</summary>
public sealed class WomenReservedTests
{
    private static PrizeRules Reserved(int count, decimal prize) => Tiers() with { WomenReservedCount = count, WomenReservedPrize = prize };

    [Fact]
    public void Allocate_TheBestQualifyingWomenWithoutAPlace_GetTheReservedPrizes_InsteadOfParticipation()
    {
        // 1 88, 2 85, 3 80 (woman, 3rd place: a tier), 4 75, 5 70 (woman), 6 65 (woman), 7 55 (woman, not qualified)
        var entries = new RoundBuilder().Pool("Ccollpa", 88, 85, 80, 75, 70, 65, 55)
            .With(3, e => e with { WomenLed = true }).With(5, e => e with { WomenLed = true })
            .With(6, e => e with { WomenLed = true }).With(7, e => e with { WomenLed = true }).Build();

        var result = Allocate(Reserved(1, 150m), entries);

        Assert.Equal([600m, 400m, 200m, 50m, 150m, 50m, 0m], result.Awards.OrderBy(a => a.Number).Select(a => a.Amount));
        Assert.Equal([1, 1, 150m], result.Of(5).Note(AllocationKeys.WomenReserved).Arguments);
        Assert.DoesNotContain(result.Of(5).Explanation, e => e.Key == AllocationKeys.Participation);
        Assert.Equal(1_450m, result.Total);
    }

    [Fact]
    public void Allocate_WomenTiedForTheLastReservedPrize_ShareItWithTheParticipationPrize()
    {
        // Places 1–3 paid; women N.° 4 and 5 tied at 4th for one reserved prize of 150 (participation 50): (150 + 50) / 2 each.
        var entries = new RoundBuilder().Pool("P", 90, 85, 80, 70, 70)
            .With(4, e => e with { WomenLed = true }).With(5, e => e with { WomenLed = true }).Build();

        var result = Allocate(Reserved(1, 150m), entries);

        Assert.Equal([100m, 100m], [result.AmountOf(4), result.AmountOf(5)]);
        var shared = result.Of(4).Note(AllocationKeys.WomenReservedShared);
        Assert.Equal([150m, 50m], (decimal[])shared.Arguments[3]);
    }

    [Fact]
    public void Allocate_FewerWomenThanReservedPrizes_LeavesTheRestUnspent()
    {
        var entries = new RoundBuilder().Pool("P", 90, 85, 80, 70).With(4, e => e with { WomenLed = true }).Build();

        var result = Allocate(Reserved(3, 120m), entries);

        Assert.Equal(120m, result.AmountOf(4));
        Assert.Equal(1_320m, result.Total);
    }

    [Fact]
    public void Check_ReservedPrizes_NeedBothFields_FixedTiers_AndAtLeastTheParticipationPrize()
    {
        Assert.Contains((Tiers() with { WomenReservedCount = 2 }).Check(RoundLevel.Households), e => e.Code == "Prizes.WomenReservedBoth");
        Assert.Contains((Tiers() with { WomenReservedCount = 1, WomenReservedPrize = 40m }).Check(RoundLevel.Households),
            e => e.Code == "Prizes.WomenReservedBelowParticipation");
        Assert.Contains((Proportional(1_000m) with { WomenReservedCount = 1, WomenReservedPrize = 100m }).Check(RoundLevel.Households),
            e => e.Code == "Prizes.WomenReservedTiersOnly");
        Assert.Contains((Tiers() with { WomenReservedCount = 0, WomenReservedPrize = 100m }).Check(RoundLevel.Households),
            e => e.Code == "Prizes.Positive");
        Assert.Empty(Reserved(2, 100m).Check(RoundLevel.Households));
    }

    [Fact]
    public void MaxCost_CountsTheReservedPrizes()
    {
        // Per pool of 6: 600 + 400 + 200, then 3 more at 50, 2 of them possibly reserved at 150.
        Assert.Equal(1_550m, Reserved(2, 150m).MaxCost([6]));
        Assert.Equal(Money.Of(1_350m).Amount, Tiers().MaxCost([6]));
    }
}
