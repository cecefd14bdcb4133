using Contests.Core.Impact;
using MathNet.Numerics.LinearAlgebra;

namespace Contests.Core.Tests.Impact;

public sealed class DifferenceInDifferencesTests
{
    private static readonly DateOnly Baseline = new(2025, 3, 1);
    private static readonly DateOnly FollowUp = new(2026, 3, 1);
    private static readonly DateOnly Treated = new(2025, 6, 15);

    private const int A = 1, B = 2, C = 3;

    private static PanelHousehold Household(int id, int cluster, bool treated, params double[] outcomes) =>
        new(id, cluster, treated ? Treated : null, outcomes.Select((v, w) => (w, v)).ToDictionary(p => p.w, p => p.v), []);

    /// <summary>Four households, three communities (C holds one household): the example worked by hand below.</summary>
    private static List<PanelHousehold> Small() =>
    [
        Household(1, A, true, 10, 16),
        Household(2, B, true, 12, 20),
        Household(3, A, false, 9, 11),
        Household(4, C, false, 11, 12),
    ];

    private static DidInput TwoWaves(IReadOnlyList<PanelHousehold> households, params string[] covariates) =>
        new([Baseline, FollowUp], households, covariates);

    [Fact]
    public void TwoByTwo_Estimate_IsTheDifferenceOfTheFourMeans()
    {
        var households = Small();
        households.Add(Household(5, B, false, 8, 13));
        households.Add(Household(6, C, true, 7, 7.5));

        var (result, estimate) = DifferenceInDifferences.Estimate(TwoWaves(households));

        Assert.True(result.Succeeded);
        double Mean(bool treated, int wave) => households.Where(h => (h.TreatedOn is not null) == treated).Average(h => h.Outcomes[wave]);
        var expected = (Mean(true, 1) - Mean(true, 0)) - (Mean(false, 1) - Mean(false, 0));
        Assert.Equal(expected, estimate!.Estimate, 10);
        Assert.Equal(DidForm.TwoByTwo, estimate.Form);
        Assert.Equal(Mean(true, 0), estimate.Means.Single(m => m.Treated && m.Wave == 0).Mean, 10);
        Assert.Equal(Mean(false, 1), estimate.Means.Single(m => !m.Treated && m.Wave == 1).Mean, 10);
        Assert.Equal((6, 3, 3, 3, 12), (estimate.Households, estimate.Treated, estimate.Comparison, estimate.Clusters, estimate.Observations));
    }

    /// <summary>
    /// The sandwich written out for the saturated 2×2 design. Its fitted values are the four cell means, so the residual is
    /// each value minus its cell's mean, and the treated×post coefficient is Σ wᵢ yᵢ with wᵢ = +1/n for treated after,
    /// −1/n treated before, −1/n comparison after, +1/n comparison before — the row of (X'X)⁻¹X' that gives it. The CR1
    /// variance is then c · Σ_g (Σ_{i∈g} wᵢ ûᵢ)², c = G/(G−1) · (n−1)/(n−k).
    /// By hand: cell means T0 = 11, T1 = 18, C0 = 10, C1 = 11.5, so the estimate is (18 − 11) − (11.5 − 10) = 5.5.
    /// Residuals: h1 −1, −2; h2 +1, +2; h3 −1, −0.5; h4 +1, +0.5. Σ wû per household (w = ±½): h1 ½ − 1 = −0.5;
    /// h2 −½ + 1 = 0.5; h3 −½ + 0.25 = −0.25; h4 ½ − 0.25 = 0.25. Per community: A (h1, h3) −0.75, B 0.5, C 0.25;
    /// squares 0.5625 + 0.25 + 0.0625 = 0.875. c = 3/2 · 7/4 = 2.625. Variance 2.296875, SE √2.296875 = 1.5155444…
    /// </summary>
    [Fact]
    public void TwoByTwo_Cr1StandardError_IsTheSandwichWrittenOut()
    {
        var households = Small();

        var (result, estimate) = DifferenceInDifferences.Estimate(TwoWaves(households));

        Assert.True(result.Succeeded);
        var cellMean = new Dictionary<(bool, int), double>();
        var cellSize = new Dictionary<(bool, int), int>();
        foreach (var treated in new[] { true, false })
        {
            for (var w = 0; w < 2; w++)
            {
                var cell = households.Where(h => (h.TreatedOn is not null) == treated).Select(h => h.Outcomes[w]).ToList();
                cellMean[(treated, w)] = cell.Average();
                cellSize[(treated, w)] = cell.Count;
            }
        }
        var perCluster = new Dictionary<int, double>();
        foreach (var h in households)
        {
            var treated = h.TreatedOn is not null;
            for (var w = 0; w < 2; w++)
            {
                var sign = (treated ? 1 : -1) * (w == 1 ? 1 : -1);
                var weight = sign / (double)cellSize[(treated, w)];
                perCluster[h.Cluster] = perCluster.GetValueOrDefault(h.Cluster) + (weight * (h.Outcomes[w] - cellMean[(treated, w)]));
            }
        }
        double n = 8, k = 4, g = perCluster.Count;
        var variance = g / (g - 1) * ((n - 1) / (n - k)) * perCluster.Values.Sum(s => s * s);

        Assert.Equal(2.296875, variance, 12);
        Assert.Equal(5.5, estimate!.Estimate, 10);
        Assert.Equal(Math.Sqrt(variance), estimate.StandardError, 10);
        // Student's t with G − 1 = 2 degrees of freedom: 4.302652729…
        Assert.Equal(5.5 - (4.302652729749464 * Math.Sqrt(variance)), estimate.ConfidenceLow, 8);
        Assert.Equal(5.5 + (4.302652729749464 * Math.Sqrt(variance)), estimate.ConfidenceHigh, 8);
        Assert.Equal(3, estimate.Clusters); // community C, with a single household, is a cluster like the others
        Assert.True(estimate.FewClustersWarning);
    }

    [Fact]
    public void HouseholdWithOneWaveOnly_IsDroppedFromTheBalancedPanelAndCounted()
    {
        var households = Small();
        households.Add(new PanelHousehold(9, B, null, new Dictionary<int, double> { [0] = 100 }, []));

        var (result, estimate) = DifferenceInDifferences.Estimate(TwoWaves(households));

        Assert.True(result.Succeeded);
        Assert.Equal(1, estimate!.DroppedUnbalanced);
        Assert.Equal(4, estimate.Households);
        Assert.Equal(5.5, estimate.Estimate, 10);
    }

    [Fact]
    public void EveryHouseholdInOneCommunity_RefusesTheClusteredError()
    {
        var households = Small().Select(h => h with { Cluster = A }).ToList();

        var (result, estimate) = DifferenceInDifferences.Estimate(TwoWaves(households));

        Assert.Equal("Impact.OneCluster", Assert.Single(result.Errors).Code);
        Assert.Null(estimate);
    }

    [Fact]
    public void AllTreated_RefusesWithTooFewComparison_NotNaN()
    {
        var households = Small().Select(h => h with { TreatedOn = Treated }).ToList();

        var (result, estimate) = DifferenceInDifferences.Estimate(TwoWaves(households));

        Assert.Equal("Impact.TooFewComparison", Assert.Single(result.Errors).Code);
        Assert.Null(estimate);
    }

    [Fact]
    public void SingularDesign_IsARefusal_NotNaN()
    {
        // Every row treated: the treated column equals the intercept.
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1, 0 }, { 1, 1, 1 }, { 1, 1, 0 }, { 1, 1, 1 }, { 1, 1, 0 } });
        var y = Vector<double>.Build.Dense([1, 2, 3, 4, 5]);

        var (result, fit) = ClusteredOls.Fit(x, y, [1, 1, 2, 2, 3]);

        Assert.Equal("Impact.SingularDesign", Assert.Single(result.Errors).Code);
        Assert.Null(fit);
    }

    [Fact]
    public void ConstantCovariate_MakesTheDesignSingular()
    {
        var households = Small().Select(h => h with { Covariates = [1.0] }).ToList();

        var (result, _) = DifferenceInDifferences.Estimate(TwoWaves(households, "mujer"));

        Assert.Equal("Impact.SingularDesign", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Covariates_AreFittedAndReported()
    {
        var households = Small();
        households.Add(Household(5, B, false, 8, 13));
        households.Add(Household(6, C, true, 7, 7.5));
        households = [.. households.Select(h => h with { Covariates = [h.Id % 2] })];

        var (result, estimate) = DifferenceInDifferences.Estimate(TwoWaves(households, "mujer"));

        Assert.True(result.Succeeded);
        var covariate = Assert.Single(estimate!.CovariateCoefficients);
        Assert.Equal("mujer", covariate.Name);
        Assert.True(double.IsFinite(covariate.Coefficient) && double.IsFinite(estimate.StandardError));
    }

    [Fact]
    public void TooFewTreated_Refuses()
    {
        var households = Small().Where(h => h.Id != 2).ToList();

        var (result, _) = DifferenceInDifferences.Estimate(TwoWaves(households));

        Assert.Equal("Impact.TooFewTreated", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void TreatedOnOrBeforeTheBaseline_OrAfterTheLastWave_IsLeftOutAndCounted()
    {
        var households = Small();
        households.Add(Household(7, B, false, 50, 60) with { TreatedOn = Baseline });
        households.Add(Household(8, B, false, 50, 90) with { TreatedOn = FollowUp.AddDays(1) });

        var (result, estimate) = DifferenceInDifferences.Estimate(TwoWaves(households));

        Assert.True(result.Succeeded);
        Assert.Equal((1, 1, 4), (estimate!.ExcludedTreatedBeforeBaseline, estimate.ExcludedTreatedAfterLastWave, estimate.Households));
        Assert.Equal(5.5, estimate.Estimate, 10);
    }

    [Fact]
    public void MultiPeriod_WithTwoWaves_GivesTheTwoByTwoEstimate()
    {
        // The within form on a balanced two-wave panel is the same estimator; only the small-sample factor counts fewer columns.
        var twoByTwo = DifferenceInDifferences.Estimate(TwoWaves(Small())).Estimate!;
        var x = Matrix<double>.Build.Dense(8, 2);
        var y = Vector<double>.Build.Dense(8);
        var clusters = new int[8];
        var r = 0;
        foreach (var h in Small())
        {
            var d = h.TreatedOn is null ? 0.0 : 1.0;
            var mean = (h.Outcomes[0] + h.Outcomes[1]) / 2;
            for (var w = 0; w < 2; w++, r++)
            {
                x[r, 0] = (d * w) - (d / 2);
                x[r, 1] = w - 0.5;
                y[r] = h.Outcomes[w] - mean;
                clusters[r] = h.Cluster;
            }
        }

        var fit = ClusteredOls.Fit(x, y, clusters).Fit!;

        Assert.Equal(twoByTwo.Estimate, fit.Coefficients[0], 10);
    }

    [Fact]
    public void MultiPeriod_RecoversAStaggeredEffect_ExactlyWithoutNoise()
    {
        // y = household level + period shock + 3·D: household and period effects must come out, leaving 3.
        DateOnly[] waves = [Baseline, new(2025, 9, 1), FollowUp];
        double[] shock = [0, 1.5, 4];
        var households = new List<PanelHousehold>();
        for (var i = 0; i < 12; i++)
        {
            DateOnly? on = (i % 3) switch { 0 => null, 1 => new DateOnly(2025, 5, 1), _ => new DateOnly(2025, 12, 1) };
            var outcomes = new Dictionary<int, double>();
            for (var w = 0; w < 3; w++)
            {
                outcomes[w] = (10 * i) + shock[w] + (on is { } d && waves[w] >= d ? 3 : 0);
            }
            households.Add(new PanelHousehold(i, i % 4, on, outcomes, []));
        }

        var (result, estimate) = DifferenceInDifferences.Estimate(new DidInput(waves, households, []));

        Assert.True(result.Succeeded);
        Assert.Equal(DidForm.MultiPeriod, estimate!.Form);
        Assert.Equal(3, estimate.Estimate, 8);
        Assert.Equal(0, estimate.StandardError, 6);
        Assert.Equal(36, estimate.Observations);
    }

    [Fact]
    public void MultiPeriod_RefusesCovariates_TheHouseholdEffectsAbsorbThem()
    {
        DateOnly[] waves = [Baseline, new(2025, 9, 1), FollowUp];

        var (result, _) = DifferenceInDifferences.Estimate(new DidInput(waves, Small(), ["mujer"]));

        Assert.Equal("Impact.CovariatesWithHouseholdEffects", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void OneWave_Refuses()
    {
        var (result, _) = DifferenceInDifferences.Estimate(new DidInput([Baseline], Small(), []));

        Assert.Equal("Impact.TooFewWaves", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Simulated_IntervalCoversTheTrueEffect_InAbout95PercentOfPanels()
    {
        // 500 seeded panels of 30 communities × 8 households, a community shock shared by its households in each wave
        // (so clustering matters) and a true effect of 2: the CR1 interval should cover 2 in 93–97 % of them.
        var random = new Random(20261207);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var covered = 0;
        for (var s = 0; s < 500; s++)
        {
            var households = new List<PanelHousehold>();
            for (var c = 0; c < 30; c++)
            {
                var shocks = new[] { Normal(), Normal() };
                var communityTreated = c % 2 == 0;
                for (var i = 0; i < 8; i++)
                {
                    var level = 20 + (3 * Normal());
                    var treated = communityTreated && i < 6;
                    households.Add(new PanelHousehold((c * 8) + i, c, treated ? Treated : null, new Dictionary<int, double>
                    {
                        [0] = level + shocks[0] + Normal(),
                        [1] = level + 1 + shocks[1] + Normal() + (treated ? 2 : 0),
                    }, []));
                }
            }
            var estimate = DifferenceInDifferences.Estimate(TwoWaves(households)).Estimate!;
            if (estimate.ConfidenceLow <= 2 && 2 <= estimate.ConfidenceHigh)
            {
                covered++;
            }
        }

        Assert.InRange(covered / 500.0, 0.93, 0.97);
    }
}
