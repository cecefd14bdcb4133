using Contests.Core.Rounds;

namespace Contests.Core.Tests.Rounds;

public sealed class PrizeRulesTests
{
    /// <summary>600 / 400 / 200 per pool, 50 for every other qualifying entry, paid by one source.</summary>
    private static readonly PrizeRules Valid = new()
    {
        Tiers = [600m, 400m, 200m], ParticipationPrize = 50m, BudgetLines = [new BudgetLine(1, 5_000m)],
    };

    private static (string Code, string? Field)[] Problems(PrizeRules rules, RoundLevel level = RoundLevel.Households) =>
        [.. rules.Check(level).Select(e => (e.Code, e.Field))];

    [Fact]
    public void Check_FixedTiers_WithParticipationAndBudget_IsValid() =>
        Assert.Empty(Valid.Check(RoundLevel.Households));

    [Fact]
    public void Check_FixedTiers_WithoutTiers_IsRefused() =>
        Assert.Equal([("Prizes.NoTiers", "Tiers")], Problems(Valid with { Tiers = [], ParticipationPrize = null }));

    [Fact]
    public void Check_MoreThanTwentyTiers_IsRefused()
    {
        var tiers = Enumerable.Range(0, PrizeRules.MaxTiers + 1).Select(i => 1_000m - i).ToArray();

        var error = Assert.Single((Valid with { Tiers = tiers }).Check(RoundLevel.Households));

        Assert.Equal(("Prizes.TooManyTiers", "Tiers", 20), (error.Code, error.Field, (int)error.Arguments[0]));
        Assert.Empty((Valid with { Tiers = tiers[..PrizeRules.MaxTiers] }).Check(RoundLevel.Households));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void Check_NonPositiveTier_IsRefused_AgainstItsPlace(decimal second)
    {
        var error = Assert.Single((Valid with { Tiers = [600m, second], ParticipationPrize = null }).Check(RoundLevel.Households));

        Assert.Equal(("Prizes.TierPositive", "Tiers[1]", 2), (error.Code, error.Field, (int)error.Arguments[0]));
    }

    [Fact]
    public void Check_TierAboveThePlaceBefore_IsRefused()
    {
        var error = Assert.Single((Valid with { Tiers = [400m, 600m, 200m] }).Check(RoundLevel.Households));

        Assert.Equal(("Prizes.TierOrder", "Tiers[1]"), (error.Code, error.Field));
        Assert.Equal([2, 1], error.Arguments.Cast<int>());
    }

    [Fact]
    public void Check_EqualTiers_AreAllowed() =>
        Assert.Empty((Valid with { Tiers = [500m, 500m, 200m] }).Check(RoundLevel.Households));

    [Fact]
    public void Check_ParticipationAboveTheLastTier_IsRefused() =>
        Assert.Equal([("Prizes.ParticipationAboveTier", "ParticipationPrize")], Problems(Valid with { ParticipationPrize = 200.01m }));

    [Fact]
    public void Check_ParticipationEqualToTheLastTier_IsAllowed() =>
        Assert.Empty((Valid with { ParticipationPrize = 200m }).Check(RoundLevel.Households));

    [Fact]
    public void Check_ParticipationMethod_NeedsThePrize_NotTiers()
    {
        var rules = Valid with { Method = AllocationMethod.Participation, Tiers = [], ParticipationPrize = null };

        Assert.Equal([("Validation.Required", "ParticipationPrize")], Problems(rules));
        Assert.Empty((rules with { ParticipationPrize = 100m }).Check(RoundLevel.Households));
    }

    [Fact]
    public void Check_ProportionalPool_NeedsThePoolAmount()
    {
        var rules = Valid with { Method = AllocationMethod.ProportionalPool, Tiers = [], ParticipationPrize = null };

        Assert.Equal([("Validation.Required", "PoolAmount")], Problems(rules));
        Assert.Empty((rules with { PoolAmount = 3_000m }).Check(RoundLevel.Households));
    }

    [Theory]
    [InlineData(RoundLevel.Households)]
    [InlineData(RoundLevel.Communities)]
    public void Check_CoFinancing_WithoutPlans_IsRefused(RoundLevel level) =>
        Assert.Equal([("Prizes.CoFinancingNeedsPlans", "Method")], Problems(Valid with { Method = AllocationMethod.CoFinancing }, level));

    [Fact]
    public void Check_CoFinancing_ForOrganizations_IsValid() =>
        Assert.Empty((Valid with { Method = AllocationMethod.CoFinancing, Tiers = [], ParticipationPrize = null, CounterpartMinPercent = 20m })
            .Check(RoundLevel.Organizations));

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(99.99, true)]
    [InlineData(100, false)]
    public void Check_CounterpartMinPercent_FromZeroToBelowHundred(decimal percent, bool valid)
    {
        var problems = Problems(Valid with { CounterpartMinPercent = percent });

        Assert.Equal(valid ? [] : [("Prizes.Percent", "CounterpartMinPercent")], problems);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(0.01, true)]
    [InlineData(70, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Check_FirstTranchePercent_AboveZeroUpToHundred(decimal percent, bool valid)
    {
        var problems = Problems(Valid with { FirstTranchePercent = percent });

        Assert.Equal(valid ? [] : [("Prizes.Percent", "FirstTranchePercent")], problems);
    }

    [Fact]
    public void FirstTranche_DefaultsToSeventyPercent() =>
        Assert.Equal(70m, new PrizeRules().FirstTranchePercent);

    [Fact]
    public void Check_OptionalAmounts_WhenGiven_MustBePositive()
    {
        var rules = Valid with { CapPerCompetitorYear = 0m, MaxGrantPerPlan = -1m, WomenBonusPoints = 0m };

        Assert.Equal(
        [
            ("Prizes.Positive", "CapPerCompetitorYear"),
            ("Prizes.Positive", "MaxGrantPerPlan"),
            ("Prizes.Positive", "WomenBonusPoints"),
        ], Problems(rules));
    }

    [Fact]
    public void Check_WithoutBudgetLines_IsRefused() =>
        Assert.Equal([("Prizes.NoBudget", "BudgetLines")], Problems(Valid with { BudgetLines = [] }));

    [Theory]
    [InlineData(100.005)]
    [InlineData(0)]
    [InlineData(-50)]
    public void Check_BudgetLine_NotAPositiveAmountInCentimos_IsRefused_AgainstItsSource(decimal amount)
    {
        var rules = Valid with { BudgetLines = [new BudgetLine(1, 1_000m), new BudgetLine(7, amount)] };

        Assert.Equal([("Prizes.BudgetLinePositive", "Budget[7]")], Problems(rules));
    }

    [Fact]
    public void Check_BudgetLine_WithCentimos_IsValid() =>
        Assert.Empty((Valid with { BudgetLines = [new BudgetLine(1, 1_000.50m)] }).Check(RoundLevel.Households));

    [Fact]
    public void Check_SameSourceTwice_IsRefused() =>
        Assert.Equal([("Prizes.BudgetLineRepeated", "BudgetLines")],
            Problems(Valid with { BudgetLines = [new BudgetLine(3, 1_000m), new BudgetLine(3, 500m)] }));

    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(1, true)]
    public void Check_MaxWinnersPerPool_AtLeastOne(int max, bool valid) =>
        Assert.Equal(valid ? [] : [("Prizes.MaxWinners", "MaxWinnersPerPool")], Problems(Valid with { MaxWinnersPerPool = max }));

    [Fact]
    public void Check_EveryProblemAtOnce()
    {
        var rules = new PrizeRules { Tiers = [600m, 0m], MaxWinnersPerPool = 0, FirstTranchePercent = 0m, BudgetLines = [] };

        Assert.Equal(
        [
            ("Prizes.TierPositive", "Tiers[1]"),
            ("Prizes.MaxWinners", "MaxWinnersPerPool"),
            ("Prizes.Percent", "FirstTranchePercent"),
            ("Prizes.NoBudget", "BudgetLines"),
        ], Problems(rules));
    }

    [Fact]
    public void Budget_IsTheSumOfItsLines() =>
        Assert.Equal(7_500.50m, (Valid with { BudgetLines = [new BudgetLine(1, 5_000m), new BudgetLine(2, 2_500.50m)] }).Budget);

    [Fact]
    public void MaxCost_FixedTiersWithParticipation_EveryPlaceTaken_EveryOtherEntryQualifying() =>
        Assert.Equal(1_200m + 100m + 1_000m, Valid.MaxCost([5, 2]));

    [Fact]
    public void MaxCost_FixedTiers_CountsOnlyTheAllowedWinners_OthersGetParticipation() =>
        Assert.Equal(1_000m + 150m + 1_000m, (Valid with { MaxWinnersPerPool = 2 }).MaxCost([5, 2]));

    [Fact]
    public void MaxCost_FixedTiersWithoutParticipation_EmptyPoolCostsNothing() =>
        Assert.Equal(1_200m + 600m, (Valid with { ParticipationPrize = null }).MaxCost([5, 1, 0]));

    [Fact]
    public void MaxCost_Participation_IsThePrizeTimesEveryEntry() =>
        Assert.Equal(80m * 7, (Valid with { Method = AllocationMethod.Participation, ParticipationPrize = 80m }).MaxCost([5, 2, 0]));

    [Fact]
    public void MaxCost_ProportionalPool_CountsOnlyPoolsWithEntries() =>
        Assert.Equal(2_000m, (Valid with { Method = AllocationMethod.ProportionalPool, PoolAmount = 1_000m }).MaxCost([3, 0, 1]));

    [Fact]
    public void MaxCost_CoFinancing_IsTheBudget() =>
        Assert.Equal(7_000m, (Valid with { Method = AllocationMethod.CoFinancing, BudgetLines = [new BudgetLine(1, 4_000m), new BudgetLine(2, 3_000m)] })
            .MaxCost([4]));

    [Fact]
    public void MaxCost_NoPools_CostsNothing() =>
        Assert.Equal(0m, Valid.MaxCost([]));

    [Fact]
    public void MaxPerPool_FixedTiersWithoutParticipation_IsTheSumOfTheTiers()
    {
        var tiersOnly = Valid with { ParticipationPrize = null };

        Assert.Equal(1_200m, tiersOnly.MaxPerPool);
        Assert.Equal(1_000m, (tiersOnly with { MaxWinnersPerPool = 2 }).MaxPerPool);
    }

    [Fact]
    public void MaxPerPool_DependsOnEntries_WithParticipation_SoItIsNotKnown()
    {
        Assert.Null(Valid.MaxPerPool);
        Assert.Null((Valid with { Method = AllocationMethod.Participation }).MaxPerPool);
    }

    [Fact]
    public void MaxPerPool_ProportionalPool_IsThePoolAmount() =>
        Assert.Equal(2_500m, (Valid with { Method = AllocationMethod.ProportionalPool, PoolAmount = 2_500m }).MaxPerPool);
}
