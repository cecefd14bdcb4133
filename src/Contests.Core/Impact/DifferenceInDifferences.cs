using Contests.Core.Common;
using MathNet.Numerics.LinearAlgebra;

namespace Contests.Core.Impact;

/// <summary>When a household counts as treated (the evaluator chooses).</summary>
public enum TreatmentRule
{
    /// <summary>From the date of its first entry in a round of the chosen theme.</summary>
    FirstEntry,

    /// <summary>From the date its first prize with money in such a round was approved (the acta's approval).</summary>
    FirstAward,
}

/// <summary>The two forms of the estimate; the survey's wave count decides which one runs.</summary>
public enum DidForm
{
    /// <summary>Two waves: outcome ~ 1 + treated + post + treated×post (+ baseline covariates), pooled.</summary>
    TwoByTwo,

    /// <summary>Three or more waves: outcome ~ D_it + household effects + period effects (two-way fixed effects).</summary>
    MultiPeriod,
}

/// <summary>
/// A sampled household as the estimate sees it: its cluster (community), when it was first treated (null = never),
/// its outcome in each wave it answered (index into the waves in date order), its baseline covariates for the 2×2
/// regression and, when known, its traits (for matching and the splits by subgroup).
/// </summary>
public sealed record PanelHousehold(int Id, int Cluster, DateOnly? TreatedOn, IReadOnlyDictionary<int, double> Outcomes, IReadOnlyList<double> Covariates,
    HouseholdTraits? Traits = null);

/// <summary>
/// The households that enter an estimate: treated (first treated after the baseline and by the last wave) and comparison
/// (never treated) with every wave answered, and the counts of those left out.
/// </summary>
public sealed record PanelSelection(IReadOnlyList<PanelHousehold> Treated, IReadOnlyList<PanelHousehold> Comparison, int DroppedUnbalanced,
    int ExcludedTreatedBeforeBaseline, int ExcludedTreatedAfterLastWave);

/// <summary>What the estimate needs: the waves' dates in order, the households, and the covariates' names (possibly none).</summary>
public sealed record DidInput(IReadOnlyList<DateOnly> Waves, IReadOnlyList<PanelHousehold> Households, IReadOnlyList<string> Covariates);

/// <summary>The mean outcome of one group in one wave (the table beside the estimate).</summary>
public sealed record GroupMean(int Wave, bool Treated, int Households, double Mean);

/// <summary>
/// The difference-in-differences estimate: the coefficient on treated×post (2×2) or on D_it (multi-period), its CR1
/// standard error clustered by community, the 95 % interval with Student's t on G − 1 degrees of freedom, the counts, and
/// what was left out: households missing a wave (unbalanced), treated on or before the baseline (already treated),
/// first treated after the last wave (neither treated in the window nor never treated).
/// </summary>
public sealed record DidEstimate(
    DidForm Form,
    double Estimate,
    double StandardError,
    double ConfidenceLow,
    double ConfidenceHigh,
    int Households,
    int Treated,
    int Comparison,
    int Clusters,
    int Observations,
    int DroppedUnbalanced,
    int ExcludedTreatedBeforeBaseline,
    int ExcludedTreatedAfterLastWave,
    IReadOnlyList<GroupMean> Means,
    IReadOnlyList<(string Name, double Coefficient, double StandardError)> CovariateCoefficients)
{
    /// <summary>Below this many clusters the CR1 standard error is known to be too small: the page warns.</summary>
    public const int FewClusters = 10;

    public bool FewClustersWarning => Clusters < FewClusters;
}

/// <summary>
/// Difference-in-differences on a survey panel. The comparison group is the households never treated; treated
/// households are those first treated after the baseline and by the last wave; D_it = 1 from the first wave dated on or
/// after a household's treatment. Only the balanced panel counts (a household missing a wave is dropped and counted).
/// <para>Two waves: the pooled regression outcome ~ 1 + treated + post + treated×post (+ covariates); without
/// covariates its treated×post coefficient is exactly the difference of the four means
/// (ȳ treated,post − ȳ treated,base) − (ȳ comparison,post − ȳ comparison,base).</para>
/// <para>More waves: household effects are removed by subtracting each household's mean (within transformation), and
/// period effects enter as dummies for waves 2…T, so the regression is ÿ ~ D̈ + period dummies (demeaned). Time-invariant
/// covariates are absorbed by the household effects, so they are refused there. The small-sample factor counts the
/// columns fitted (D and T − 1 periods), not the absorbed household means, as Stata's <c>xtreg, fe vce(cluster)</c>
/// does when households are nested in clusters.</para>
/// </summary>
public static class DifferenceInDifferences
{
    public const int MinGroupHouseholds = 2;

    public static (Result Result, DidEstimate? Estimate) Estimate(DidInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var waves = input.Waves.Count;
        if (waves < 2)
        {
            return (Result.Fail(new DomainError("Impact.TooFewWaves", "Survey")), null);
        }
        if (waves > 2 && input.Covariates.Count > 0)
        {
            return (Result.Fail(new DomainError("Impact.CovariatesWithHouseholdEffects", "Covariates")), null);
        }
        var selection = Select(input);
        int dropped = selection.DroppedUnbalanced, before = selection.ExcludedTreatedBeforeBaseline, after = selection.ExcludedTreatedAfterLastWave;
        var panel = selection.Treated.Select(h => (Household: h, Treated: true)).Concat(selection.Comparison.Select(h => (Household: h, Treated: false))).ToList();
        var treated = panel.Count(p => p.Treated);
        var comparison = panel.Count - treated;
        var errors = new List<DomainError>();
        if (treated < MinGroupHouseholds)
        {
            errors.Add(new DomainError("Impact.TooFewTreated", null, treated, MinGroupHouseholds));
        }
        if (comparison < MinGroupHouseholds)
        {
            errors.Add(new DomainError("Impact.TooFewComparison", null, comparison, MinGroupHouseholds));
        }
        if (errors.Count > 0)
        {
            return (Result.Fail(errors), null);
        }

        var means = new List<GroupMean>();
        foreach (var group in new[] { true, false })
        {
            var members = panel.Where(p => p.Treated == group).ToList();
            for (var w = 0; w < waves; w++)
            {
                means.Add(new GroupMean(w, group, members.Count, members.Average(p => p.Household.Outcomes[w])));
            }
        }

        var (result, fit) = waves == 2 ? TwoByTwo(panel, input.Covariates.Count) : MultiPeriod(panel, input.Waves);
        if (!result.Succeeded)
        {
            return (result, null);
        }
        var se = fit!.StandardError(0);
        var t = fit.TCritical;
        var covariates = input.Covariates.Select((name, i) => (name, fit.Coefficients[4 + i], fit.StandardError(4 + i))).ToList();
        return (Result.Success(), new DidEstimate(
            waves == 2 ? DidForm.TwoByTwo : DidForm.MultiPeriod,
            fit.Coefficients[0], se, fit.Coefficients[0] - (t * se), fit.Coefficients[0] + (t * se),
            panel.Count, treated, comparison, fit.Clusters, fit.Observations, dropped, before, after, means, covariates));
    }

    /// <summary>Who enters the estimate and who is left out (and why), without estimating anything.</summary>
    public static PanelSelection Select(DidInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var waves = input.Waves.Count;
        var baseline = input.Waves[0];
        var last = input.Waves[^1];
        int dropped = 0, before = 0, after = 0;
        var treated = new List<PanelHousehold>();
        var comparison = new List<PanelHousehold>();
        foreach (var household in input.Households)
        {
            if (household.TreatedOn is { } on && on <= baseline)
            {
                before++;
            }
            else if (household.TreatedOn is { } later && later > last)
            {
                after++;
            }
            else if (Enumerable.Range(0, waves).Any(w => !household.Outcomes.ContainsKey(w)))
            {
                dropped++;
            }
            else
            {
                (household.TreatedOn is null ? comparison : treated).Add(household);
            }
        }
        return new PanelSelection(treated, comparison, dropped, before, after);
    }

    // Column 0 is the estimate in both forms, so the caller reads it the same way.
    private static (Result, OlsFit?) TwoByTwo(List<(PanelHousehold Household, bool Treated)> panel, int covariates)
    {
        var rows = panel.Count * 2;
        var x = Matrix<double>.Build.Dense(rows, 4 + covariates);
        var y = Vector<double>.Build.Dense(rows);
        var clusters = new int[rows];
        var r = 0;
        foreach (var (household, isTreated) in panel)
        {
            for (var post = 0; post < 2; post++, r++)
            {
                var d = isTreated ? 1.0 : 0.0;
                x[r, 0] = d * post;
                x[r, 1] = 1;
                x[r, 2] = d;
                x[r, 3] = post;
                for (var c = 0; c < covariates; c++)
                {
                    x[r, 4 + c] = household.Covariates[c];
                }
                y[r] = household.Outcomes[post];
                clusters[r] = household.Cluster;
            }
        }
        return ClusteredOls.Fit(x, y, clusters);
    }

    private static (Result, OlsFit?) MultiPeriod(List<(PanelHousehold Household, bool Treated)> panel, IReadOnlyList<DateOnly> waves)
    {
        var t = waves.Count;
        var rows = panel.Count * t;
        var x = Matrix<double>.Build.Dense(rows, t);
        var y = Vector<double>.Build.Dense(rows);
        var clusters = new int[rows];
        var r = 0;
        // The period dummies' household means are the same for every household of a balanced panel: 1/T each.
        var periodMean = 1.0 / t;
        foreach (var (household, _) in panel)
        {
            var d = Enumerable.Range(0, t).Select(w => household.TreatedOn is { } on && waves[w] >= on ? 1.0 : 0.0).ToArray();
            var dMean = d.Average();
            var yMean = Enumerable.Range(0, t).Average(w => household.Outcomes[w]);
            for (var w = 0; w < t; w++, r++)
            {
                x[r, 0] = d[w] - dMean;
                for (var p = 1; p < t; p++)
                {
                    x[r, p] = (w == p ? 1.0 : 0.0) - periodMean;
                }
                y[r] = household.Outcomes[w] - yMean;
                clusters[r] = household.Cluster;
            }
        }
        return ClusteredOls.Fit(x, y, clusters);
    }
}
