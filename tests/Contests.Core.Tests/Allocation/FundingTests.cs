using Contests.Core.Allocation;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using static Contests.Core.Tests.Allocation.AllocationBuilders;

namespace Contests.Core.Tests.Allocation;

/// <summary>Splitting awards across budget lines within the sources' theme and district restrictions.</summary>
public sealed class FundingTests
{
    /// <summary>A 88 (600), B 85 and C 85 (300 each), D 70 (50), E 55 (nothing).</summary>
    private static RoundBuilder WorkedExample() => new RoundBuilder().Pool("Ccollpa", 88, 85, 85, 70, 55);

    [Fact]
    public void Split_PaysFromEligibleLinesInLineOrder_EachSplitAddsUpToItsAward()
    {
        var sources = Sources(Source(1, "Recursos ordinarios"), Source(2, "Fondo riego", themes: [Theme.Irrigation]));
        var rules = Tiers() with { BudgetLines = [new(2, 500m), new(1, 1_000m)] };
        var entries = WorkedExample()
            .With(2, e => e with { Theme = Theme.Irrigation })
            .With(3, e => e with { Theme = Theme.Irrigation })
            .Build();

        var result = Allocate(rules, entries, sources);

        Assert.True(result.Succeeded);
        Assert.Equal([new FundingShare(1, 600m)], result.Of(1).Funding);
        Assert.Equal([new FundingShare(2, 300m)], result.Of(2).Funding);
        Assert.Equal([new FundingShare(2, 200m), new FundingShare(1, 100m)], result.Of(3).Funding);
        Assert.Equal([new FundingShare(1, 50m)], result.Of(4).Funding);
        Assert.Empty(result.Of(5).Funding);
        Assert.Equal([(2, "Fondo riego", 500m, 500m), (1, "Recursos ordinarios", 1_000m, 750m)],
            result.Sources.Select(s => (s.FundingSourceId, s.Name, s.Budgeted, s.Used)));
    }

    [Fact]
    public void Split_WhenPayingInOrderWouldLeaveAnAwardUnpaid_MovesMoneyBetweenSources()
    {
        // Abancay's award is paid first (same number of eligible lines, lower UBIGEO) and takes the whole
        // general line; Curahuasi's then fits only if Abancay's moves half to its own district's line.
        var sources = Sources(Source(1, "Recursos ordinarios"), Source(2, "Minera", districts: [Abancay]), Source(3, "Municipalidad", districts: [Curahuasi]));
        var rules = Tiers(100m) with { ParticipationPrize = null, BudgetLines = [new(1, 100m), new(2, 50m), new(3, 50m)] };
        var entries = new RoundBuilder().Pool("A", 90).Pool("B", 90).With(2, e => e with { District = Curahuasi }).Build();

        var result = Allocate(rules, entries, sources);

        Assert.True(result.Succeeded);
        Assert.Equal([new FundingShare(1, 50m), new FundingShare(2, 50m)], result.Of(1).Funding);
        Assert.Equal([new FundingShare(1, 50m), new FundingShare(3, 50m)], result.Of(2).Funding);
        Assert.All(result.Sources, s => Assert.Equal(s.Budgeted, s.Used));
    }

    [Fact]
    public void Split_ASourceShort_SaysWhichAndByHowMuch()
    {
        var sources = Sources(Source(1, "Municipalidad de Abancay", districts: [Abancay]), Source(2, "Fondo Curahuasi", districts: [Curahuasi]));
        var rules = Tiers() with { BudgetLines = [new(1, 2_000m), new(2, 500m)] };
        var entries = WorkedExample()
            .With(2, e => e with { District = Curahuasi })
            .With(3, e => e with { District = Curahuasi })
            .Build();

        var result = Allocate(rules, entries, sources);

        Assert.Equal(AllocationStatus.SourcesShort, result.Status);
        var problem = result.Explanation.Single(e => e.Key == AllocationKeys.SourceShort);
        Assert.Equal(["Fondo Curahuasi", 100m], problem.Arguments);
        Assert.Equal(1_250m, result.Total);
        Assert.All(result.Awards, a => Assert.Empty(a.Funding));
    }

    [Fact]
    public void Split_ARestrictedSourceMayNotPay_NamesItsRestriction_AndTheRoundSaysNothingIsAllocated()
    {
        // The worked case: S/ 1,000 of awards, budget S/ 1,300; the mine's S/ 1,000 may only pay in Abancay,
        // the award is in Curahuasi, so only the unrestricted S/ 300 may pay it.
        var sources = Sources(Source(1, "Minera", districts: [Abancay]), Source(2, "Recursos ordinarios"));
        var rules = Tiers(1_000m) with { ParticipationPrize = null, BudgetLines = [new(1, 1_000m), new(2, 300m)] };
        var entries = new RoundBuilder().Pool("P", 90).With(1, e => e with { District = Curahuasi }).Build();

        var result = Allocate(rules, entries, sources);

        Assert.Equal(AllocationStatus.SourcesShort, result.Status);
        var first = result.Explanation[0];
        Assert.Equal(AllocationKeys.RoundNotAllocated, first.Key);
        Assert.Equal([1_300m], first.Arguments);
        Assert.DoesNotContain(result.Explanation, e => e.Key == AllocationKeys.Round);
        var bites = Assert.Single(result.Explanation, e => e.Key == AllocationKeys.RestrictedByDistrict);
        Assert.Equal(["Minera", 1_000m, Theme.SoilAndWater, Curahuasi], bites.Arguments);
        Assert.True(result.Explanation.ToList().IndexOf(bites) < result.Explanation.ToList().FindIndex(e => e.Key == AllocationKeys.SourceShort));
        Assert.All(result.Awards, a => Assert.Empty(a.Funding));
        Assert.All(result.Sources, s => Assert.Equal(0m, s.Used));
    }

    [Fact]
    public void Split_ASourceLimitedToOtherThemes_IsNamedForItsThemes()
    {
        var sources = Sources(Source(1, "Fondo riego", themes: [Theme.Irrigation]), Source(2, "Recursos ordinarios"));
        var rules = Tiers(1_000m) with { ParticipationPrize = null, BudgetLines = [new(1, 1_000m), new(2, 300m)] };

        var result = Allocate(rules, new RoundBuilder().Pool("P", 90).Build(), sources);

        Assert.Equal(["Fondo riego", 1_000m, Theme.SoilAndWater, Abancay],
            Assert.Single(result.Explanation, e => e.Key == AllocationKeys.RestrictedByTheme).Arguments);
    }

    [Fact]
    public void Allocated_OpensWithWhatWasAllocated()
    {
        var result = Allocate(Tiers(), WorkedExample().Build());

        Assert.True(result.Succeeded);
        Assert.Equal(AllocationKeys.Round, result.Explanation[0].Key);
        Assert.DoesNotContain(result.Explanation, e => e.Key is AllocationKeys.RoundNotAllocated or AllocationKeys.RestrictedByDistrict);
    }

    [Fact]
    public void Split_SeveralSourcesShortTogether_NamesThemAll()
    {
        var sources = Sources(
            Source(1, "Municipalidad de Abancay", districts: [Abancay]),
            Source(2, "Fondo Curahuasi", districts: [Curahuasi]),
            Source(3, "Fondo suelos", themes: [Theme.SoilAndWater], districts: [Curahuasi]));
        var rules = Tiers() with { BudgetLines = [new(1, 2_000m), new(2, 200m), new(3, 300m)] };
        var entries = WorkedExample()
            .With(2, e => e with { District = Curahuasi })
            .With(3, e => e with { District = Curahuasi })
            .Build();

        var result = Allocate(rules, entries, sources);

        var problem = Assert.Single(result.Explanation, e => e.Key == AllocationKeys.SourcesShort);
        Assert.Equal(["Fondo Curahuasi", "Fondo suelos"], (string[])problem.Arguments[0]);
        Assert.Equal(100m, problem.Arguments[1]);
    }

    [Fact]
    public void Split_AwardNoSourceMayPay_IsStated()
    {
        var sources = Sources(Source(1, "Municipalidad de Abancay", districts: [Abancay]));
        var rules = Tiers() with { BudgetLines = [new(1, 5_000m)] };
        var entries = WorkedExample().With(4, e => e with { District = Tamburco }).Build();

        var result = Allocate(rules, entries, sources);

        Assert.Equal(AllocationStatus.SourcesShort, result.Status);
        Assert.Equal([Theme.SoilAndWater, Tamburco, 50m], result.Explanation.Single(e => e.Key == AllocationKeys.NoEligibleSource).Arguments);
    }

    [Fact]
    public void Split_BudgetLineWithoutItsSourcesFacts_IsAProgrammingError()
    {
        var rules = Tiers() with { BudgetLines = [new BudgetLine(9, 100m)] };

        Assert.Throws<ArgumentException>(() => Allocate(rules, WorkedExample().Build()));
    }
}
