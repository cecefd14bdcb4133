using Contests.Core.Impact;
using Contests.Core.Registry;

namespace Contests.Core.Tests.Impact;

/// <summary>Propensity-score matching, the pre-trend placebo and the splits by subgroup, on data whose answer is known.</summary>
public sealed class ImpactAnalysisTests
{
    private static readonly DateOnly Baseline = new(2025, 3, 1);
    private static readonly DateOnly FollowUp = new(2026, 3, 1);
    private static readonly DateOnly Treated = new(2025, 6, 15);

    private static HouseholdTraits Traits(int age, Sex sex = Sex.Male, MotherTongue? tongue = MotherTongue.Quechua) => new(sex, age, 4, tongue, null);

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>
    /// 1,200 households in 40 communities, half of them woman-headed; women take part four times as often (40 % against
    /// 10 %) and their outcome grows by 10 more regardless, so the raw comparison is biased: 80 % of the treated are women
    /// against 40 % of the comparison group, some 4 too much. The planted effect is 10. Matching on woman-headed pairs
    /// women with women and men with men (their scores tie), which removes the bias.
    /// </summary>
    private static DidInput SelectedOnSex(int seed)
    {
        var random = new Random(seed);
        var households = new List<PanelHousehold>();
        for (var i = 0; i < 1200; i++)
        {
            var woman = i % 2 == 0;
            var treated = random.NextDouble() < (woman ? 0.4 : 0.1);
            var level = 100 + (5 * Normal(random));
            households.Add(new PanelHousehold(i, i % 40, treated ? Treated : null, new Dictionary<int, double>
            {
                [0] = level + Normal(random),
                [1] = level + (woman ? 10 : 0) + (treated ? 10 : 0) + Normal(random),
            }, [], Traits(20 + random.Next(50), woman ? Sex.Female : Sex.Male)));
        }
        return new DidInput([Baseline, FollowUp], households, []);
    }

    [Fact]
    public void Matching_OnTheTraitThatDrivesSelection_RemovesTheBias_AndBalancesIt()
    {
        var (result, report) = ImpactAnalysis.Run(SelectedOnSex(7), [MatchOn.WomanHeaded]);

        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
        Assert.InRange(report!.Estimate.Estimate, 12.5, 15.5); // biased: the treated are mostly women
        var matched = report.Matched!;
        Assert.InRange(matched.Estimate, 9.5, 10.5);
        Assert.True(matched.ConfidenceHigh < report.Estimate.Estimate);
        var sex = Assert.Single(report.Matching!.Balance);
        Assert.Equal("WomanHeaded", sex.Covariate);
        Assert.True(Math.Abs(sex.DifferenceBefore) > 0.5, $"before {sex.DifferenceBefore}");
        Assert.Equal(0, sex.DifferenceAfter, 12);
        // Every treated household is matched, off the support, or without a neighbour within the caliper — and counted.
        var m = report.Matching;
        Assert.Equal(report.Estimate.Treated, m.Pairs.Count + m.TreatedOffSupport + m.TreatedWithoutMatch);
        Assert.Equal(report.Estimate.Treated, m.Pairs.Count); // enough women and men in the comparison group for all
        Assert.Equal(m.Pairs.Count, m.Pairs.Select(p => p.Comparison).Distinct().Count()); // without replacement
        Assert.Equal((m.Pairs.Count, m.Pairs.Count), (matched.Treated, matched.Comparison));
        Assert.Equal(2 * m.Pairs.Count, report.Sample.Count);
    }

    /// <summary>
    /// Matching on age when the young take part far more often: the comparison group is short of young heads, so some
    /// treated find no neighbour within the caliper and are counted, and the matched sample is closer in age than before.
    /// </summary>
    [Fact]
    public void Matching_OnAContinuousTrait_NarrowsTheGap_AndCountsWhoFoundNoNeighbour()
    {
        var random = new Random(11);
        var households = Enumerable.Range(0, 800).Select(i =>
        {
            var age = 20 + random.Next(50);
            var treated = random.NextDouble() < 1 / (1 + Math.Exp((age - 40) / 5.0));
            return new PanelHousehold(i, i % 20, treated ? Treated : null, new Dictionary<int, double> { [0] = 1, [1] = treated ? 3 : 2 }, [], Traits(age));
        }).ToList();

        var (result, report) = ImpactAnalysis.Run(new DidInput([Baseline, FollowUp], households, []), [MatchOn.HeadAge]);

        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
        var m = report!.Matching!;
        var age = Assert.Single(m.Balance);
        Assert.True(Math.Abs(age.DifferenceAfter) < Math.Abs(age.DifferenceBefore) / 2, $"{age.DifferenceBefore} → {age.DifferenceAfter}");
        Assert.True(m.TreatedWithoutMatch + m.TreatedOffSupport > 0);
        Assert.Equal(report.Estimate.Treated, m.Pairs.Count + m.TreatedOffSupport + m.TreatedWithoutMatch);
        Assert.Equal(1, report.Matched!.Estimate, 8);
    }

    [Fact]
    public void Matching_ACovariateThatSeparatesTheGroups_IsRefusedWithItsName_NotACrash()
    {
        // Every treated head is under 30, every comparison head over 40: the logit has no maximum.
        var households = Enumerable.Range(0, 20).Select(i => new PanelHousehold(i, i % 5, i < 10 ? Treated : null,
            new Dictionary<int, double> { [0] = i, [1] = i + 2 }, [], Traits(i < 10 ? 20 + i : 41 + i))).ToList();

        var (result, report) = ImpactAnalysis.Run(new DidInput([Baseline, FollowUp], households, []), [MatchOn.HeadAge, MatchOn.Members]);

        Assert.Null(report);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("Impact.MatchingSeparated", "Matching", "HeadAge"), (error.Code, error.Field, (string)error.Arguments[0]));
    }

    [Fact]
    public void Matching_ACategoryNoTreatedHouseholdHas_PutsThoseOffTheSupport_AndReportsTheConstantLeft()
    {
        // Aymara speakers are all in the comparison group: predicted perfectly, so off the support, not a refusal.
        var random = new Random(3);
        var households = Enumerable.Range(0, 60).Select(i => new PanelHousehold(i, i % 6, i % 3 == 0 ? Treated : null,
            new Dictionary<int, double> { [0] = 10, [1] = 12 + (i % 3 == 0 ? 1 : 0) }, [],
            Traits(25 + random.Next(30), tongue: i % 3 != 0 && i % 4 == 1 ? MotherTongue.Aymara : MotherTongue.Quechua))).ToList();
        var aymara = households.Count(h => h.Traits!.MotherTongue == MotherTongue.Aymara);

        var (result, report) = ImpactAnalysis.Run(new DidInput([Baseline, FollowUp], households, []), [MatchOn.MotherTongue, MatchOn.HeadAge]);

        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
        Assert.True(aymara > 0 && report!.Matching!.ComparisonOffSupport >= aymara);
        Assert.Contains("MotherTongue.Aymara", report.Matching.ConstantDropped);
        Assert.DoesNotContain(report.Matching.Pairs, p => households[p.Comparison].Traits!.MotherTongue == MotherTongue.Aymara);
        Assert.Equal(1, report.Matched!.Estimate, 8);
    }

    private static DidInput FourWaves(Random random, double preTrendGap)
    {
        // Waves 0 and 1 before anyone is treated; treatment between 1 and 2; 30 communities × 8 households, a community
        // shock per wave. The treated's extra growth per wave before treatment is preTrendGap (0 = parallel trends).
        DateOnly[] waves = [Baseline, new(2025, 9, 1), FollowUp, new(2026, 9, 1)];
        var households = new List<PanelHousehold>();
        for (var c = 0; c < 30; c++)
        {
            var shocks = Enumerable.Range(0, 4).Select(_ => Normal(random)).ToArray();
            for (var i = 0; i < 8; i++)
            {
                var treated = (c + i) % 2 == 0;
                var level = 20 + (3 * Normal(random));
                var outcomes = new Dictionary<int, double>();
                for (var w = 0; w < 4; w++)
                {
                    outcomes[w] = level + w + shocks[w] + Normal(random) + (treated ? (preTrendGap * w) + (w >= 2 ? 2 : 0) : 0);
                }
                households.Add(new PanelHousehold((c * 8) + i, c, treated ? new DateOnly(2025, 12, 1) : null, outcomes, []));
            }
        }
        return new DidInput(waves, households, []);
    }

    [Fact]
    public void Placebo_WithParallelTrends_CoversZeroInAtLeast90PercentOfPanels()
    {
        var random = new Random(20261207);
        var covered = 0;
        for (var s = 0; s < 200; s++)
        {
            var input = FourWaves(random, 0);
            var selection = DifferenceInDifferences.Select(input);
            var placebo = ImpactAnalysis.Placebo(input, [.. selection.Treated, .. selection.Comparison]);
            Assert.Equal(2, placebo.PreWaves);
            covered += placebo.CoversZero ? 1 : 0;
        }

        Assert.True(covered >= 180, $"{covered} of 200");
    }

    [Fact]
    public void Placebo_WhenTheTreatedWereAlreadyGrowingFaster_IsAwayFromZero()
    {
        var (result, report) = ImpactAnalysis.Run(FourWaves(new Random(5), 3), []);

        Assert.True(result.Succeeded);
        Assert.Equal(2, report!.Placebo.PreWaves);
        Assert.InRange(report.Placebo.Estimate!.Estimate, 2, 4);
        Assert.False(report.Placebo.CoversZero);
    }

    [Fact]
    public void Placebo_WithOneWaveBeforeTreatment_SaysWhyItCannotRun()
    {
        var (_, report) = ImpactAnalysis.Run(SelectedOnSex(1), []);

        Assert.Equal((1, "Impact.PlaceboTooFewPreWaves"), (report!.Placebo.PreWaves, report.Placebo.Refusal?.Code));
        Assert.Null(report.Placebo.Estimate);
    }

    [Fact]
    public void Splits_GiveEachSubgroupsOwnEstimateAndN_OrWhyNot()
    {
        // No noise: women-headed households gain 5, men-headed 1; two young treated households only, one of them Aymara.
        var households = new List<PanelHousehold>();
        for (var i = 0; i < 24; i++)
        {
            var woman = i % 2 == 0;
            var treated = i % 3 == 0;
            var age = i is 0 or 3 ? 25 : i == 1 ? 22 : 50;
            var tongue = i == 3 ? MotherTongue.Aymara : i >= 20 ? (MotherTongue?)null : MotherTongue.Quechua;
            households.Add(new PanelHousehold(i, i % 4, treated ? Treated : null,
                new Dictionary<int, double> { [0] = 10 + i, [1] = 12 + i + (treated ? (woman ? 5 : 1) : 0) }, [],
                Traits(age, woman ? Sex.Female : Sex.Male, tongue)));
        }

        var (result, report) = ImpactAnalysis.Run(new DidInput([Baseline, FollowUp], households, []), []);

        Assert.True(result.Succeeded);
        SplitEstimate Group(SplitBy by, string group) => report!.Splits.Single(s => s.By == by && s.Group == group);
        Assert.Equal(5, Group(SplitBy.HeadSex, "Female").Estimate!.Estimate, 8);
        Assert.Equal(1, Group(SplitBy.HeadSex, "Male").Estimate!.Estimate, 8);
        Assert.Equal((4, 8), (Group(SplitBy.HeadSex, "Female").Treated, Group(SplitBy.HeadSex, "Female").Comparison));
        var young = Group(SplitBy.Youth, "Young");
        Assert.Equal((2, 1, "Impact.TooFewComparison"), (young.Treated, young.Comparison, young.Refusal?.Code));
        Assert.Null(young.Estimate);
        Assert.Equal("Impact.TooFewTreated", Group(SplitBy.MotherTongue, "Aymara").Refusal?.Code);
        Assert.Equal(4, Group(SplitBy.MotherTongue, "Unknown").Treated + Group(SplitBy.MotherTongue, "Unknown").Comparison);
        Assert.Equal(["Female", "Male", "NotYoung", "Young", "Aymara", "Quechua", "Unknown"], report!.Splits.Select(s => s.Group));
    }
}
