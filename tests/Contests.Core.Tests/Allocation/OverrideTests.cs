using Contests.Core.Allocation;
using Contests.Core.Rounds;
using static Contests.Core.Tests.Allocation.AllocationBuilders;

namespace Contests.Core.Tests.Allocation;

public sealed class OverrideTests
{
    private static readonly AllocationEntry[] Example = new RoundBuilder().Pool("Ccollpa", 88, 85, 85, 70, 55).Build();

    [Fact]
    public void Allocate_Override_ReplacesTheAmountAndExplainsWithTheReason()
    {
        var result = Allocator.Allocate(Tiers(), Example, GeneralOnly, null, [new AllocationOverride(4, 0m, "Parcela no visitada")]);

        Assert.True(result.Succeeded);
        var award = result.Of(4);
        Assert.Equal(50m, award.Computed);
        Assert.Equal(0m, award.Amount);
        Assert.Empty(award.Funding);
        Assert.Equal([50m, 0m, "Parcela no visitada"], award.Note(AllocationKeys.Overridden).Arguments);
        Assert.Equal(1_200m, result.Total);
        Assert.Equal(1_200m, result.Pools[0].Total);
        Assert.Equal(600m, result.AmountOf(1));
    }

    [Fact]
    public void Allocate_OverrideUp_IsFundedLikeAnyAward()
    {
        var result = Allocator.Allocate(Tiers(), Example, GeneralOnly, null, [new AllocationOverride(5, 75.50m, "Error de digitación en la ficha")]);

        var award = result.Of(5);
        Assert.Equal(75.50m, award.Amount);
        Assert.Equal([new FundingShare(General, 75.50m)], award.Funding);
        Assert.Equal(1_325.50m, result.Total);
    }

    [Fact]
    public void Allocate_OverrideAboveTheBudget_IsOverBudgetAndKeepsTheAmounts_EvenWhenTheRoundScalesDown()
    {
        var rules = Tiers() with { BudgetLines = Budget(1_300m), Overflow = OverflowRule.ScaleDown };

        var result = Allocator.Allocate(rules, Example, GeneralOnly, null, [new AllocationOverride(4, 150m, "Mejor práctica")]);

        Assert.Equal(AllocationStatus.OverBudget, result.Status);
        Assert.Equal(150m, result.AmountOf(4));
        Assert.Equal(600m, result.AmountOf(1));
        var problem = Assert.Single(result.Explanation, e => e.Key == AllocationKeys.OverriddenOverBudget);
        Assert.Equal([1_350m, 1_300m, 50m], problem.Arguments);
        Assert.All(result.Awards, a => Assert.Empty(a.Funding));
    }

    [Fact]
    public void Allocate_OverrideOfAPlanNotFunded_TakesItOffTheNotFundedList()
    {
        var entries = new RoundBuilder().Pool("P", 90, 80).Plan(1, 50_000m, 10_000m).Plan(2, 50_000m, 10_000m).Build();
        var rules = CoFinancing(60_000m);
        Assert.Single(Allocator.Allocate(rules, entries, GeneralOnly).NotFunded);

        var result = Allocator.Allocate(rules, entries, GeneralOnly, null, [new AllocationOverride(2, 20_000m, "Fase 1 del plan")]);

        Assert.Empty(result.NotFunded);
        Assert.Equal(60_000m, result.Total);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Allocate_OverrideInputNoCallerShouldSend_Throws()
    {
        Assert.Throws<ArgumentException>(() => Allocator.Allocate(Tiers(), Example, GeneralOnly, null, [new AllocationOverride(99, 1m, "x")]));
        Assert.Throws<ArgumentException>(() => Allocator.Allocate(Tiers(), Example, GeneralOnly, null,
            [new AllocationOverride(1, 1m, "x"), new AllocationOverride(1, 2m, "y")]));
        Assert.Throws<ArgumentException>(() => Allocator.Allocate(Tiers(), Example, GeneralOnly, null, [new AllocationOverride(1, 1.001m, "x")]));
        Assert.Throws<ArgumentException>(() => Allocator.Allocate(Tiers(), Example, GeneralOnly, null, [new AllocationOverride(1, -1m, "x")]));
    }
}
