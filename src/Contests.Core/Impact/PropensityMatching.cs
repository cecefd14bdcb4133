using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Core.Registry;
using MathNet.Numerics.LinearAlgebra;

namespace Contests.Core.Impact;

/// <summary>
/// Who a sampled household's head is, at the survey's baseline (for matching and for the splits by subgroup).
/// </summary>
/// <param name="HeadSex">The head's sex.</param>
/// <param name="HeadAge">The head's age in the baseline's year.</param>
/// <param name="Members">Members of the household.</param>
/// <param name="MotherTongue">The head's mother tongue, when the registry has it.</param>
/// <param name="Education">The head's education level, when the registry has it.</param>
public sealed record HouseholdTraits(Sex HeadSex, int HeadAge, int Members, MotherTongue? MotherTongue, EducationLevel? Education)
{
    /// <summary>Young by Peru's youth law, as the indicators count it (<see cref="ParticipantFacts"/>).</summary>
    public bool Youth => HeadAge is >= ParticipantFacts.YouthMinAge and <= ParticipantFacts.YouthMaxAge;
}

/// <summary>What the propensity score may be fitted on (the evaluator chooses).</summary>
public enum MatchOn
{
    WomanHeaded,
    HeadAge,
    Members,
    MotherTongue,
    Education,
    BaselineOutcome,
}

/// <summary>
/// One covariate's balance: the groups' means and the standardized mean difference before and after matching. The
/// covariate is a <see cref="MatchOn"/> name, or <c>MotherTongue.Quechua</c>-like for a category's indicator.
/// </summary>
public sealed record BalanceRow(string Covariate, double TreatedBefore, double ComparisonBefore, double DifferenceBefore, double TreatedAfter,
    double ComparisonAfter, double DifferenceAfter);

/// <summary>
/// The matching: the pairs (treated, comparison household ids), the common support on the logit of the score and who
/// fell outside it, who found no neighbour within the caliper, the balance table, the covariates left out for not varying,
/// and each household's propensity score.
/// </summary>
public sealed record MatchingResult(
    IReadOnlyList<(int Treated, int Comparison)> Pairs,
    double SupportLow,
    double SupportHigh,
    int TreatedOffSupport,
    int ComparisonOffSupport,
    int TreatedWithoutMatch,
    double Caliper,
    IReadOnlyList<BalanceRow> Balance,
    IReadOnlyList<string> ConstantDropped,
    IReadOnlyDictionary<int, double> Scores)
{
    /// <summary>An absolute standardized difference above this is the usual sign of imbalance (Austin 2009).</summary>
    public const double Imbalanced = 0.1;
}

/// <summary>
/// Propensity-score matching before the difference-in-differences: a logistic regression of being treated on baseline
/// covariates (Newton–Raphson, i.e. iteratively reweighted least squares, with MathNet's linear algebra), then 1:1 nearest
/// neighbour matching without replacement on the logit of the score, within a caliper of 0.2 standard deviations of that
/// logit (Austin 2011), over the common support (the range both groups share). Treated households are matched from the
/// highest score down, the hardest to match first; ties by id, so the result is deterministic.
/// <para>A covariate whose values do not overlap between the groups separates them perfectly: the logit has no maximum
/// (the coefficient runs to infinity), so it is refused with the covariate's name, as is a fit that does not converge.</para>
/// </summary>
public static class PropensityMatching
{
    public const double CaliperInStandardDeviations = 0.2;

    private const int MaxIterations = 50;
    private const double Converged = 1e-8;

    // Past this linear predictor the fitted probability is 1 to double precision: the fit is running away (separation).
    private const double RunawayLogit = 30;

    /// <summary>The covariates' columns (names and one row per household, in the order given) for the chosen traits.</summary>
    public static (IReadOnlyList<string> Names, double[][] Rows) Covariates(IReadOnlyList<PanelHousehold> households, IReadOnlyList<MatchOn> chosen)
    {
        ArgumentNullException.ThrowIfNull(households);
        ArgumentNullException.ThrowIfNull(chosen);
        var names = new List<string>();
        var columns = new List<double[]>();
        foreach (var on in chosen.Distinct().Order())
        {
            switch (on)
            {
                case MatchOn.MotherTongue:
                    Categories(households, h => h.Traits?.MotherTongue?.ToString(), "MotherTongue", names, columns);
                    break;
                case MatchOn.Education:
                    Categories(households, h => h.Traits?.Education?.ToString(), "EducationLevel", names, columns);
                    break;
                default:
                    names.Add(on.ToString());
                    columns.Add([.. households.Select(h => on switch
                    {
                        MatchOn.WomanHeaded => h.Traits?.HeadSex == Sex.Female ? 1.0 : 0.0,
                        MatchOn.HeadAge => h.Traits?.HeadAge ?? 0,
                        MatchOn.Members => h.Traits?.Members ?? 0,
                        _ => h.Outcomes[0],
                    })]);
                    break;
            }
        }
        var rows = households.Select((_, i) => columns.Select(c => c[i]).ToArray()).ToArray();
        return (names, rows);
    }

    // One indicator column per category present (unknown is a category), leaving out the commonest as the reference.
    private static void Categories(IReadOnlyList<PanelHousehold> households, Func<PanelHousehold, string?> category, string prefix, List<string> names,
        List<double[]> columns)
    {
        var values = households.Select(h => category(h) ?? "Unknown").ToList();
        var present = values.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        foreach (var value in present.Skip(1).Order(StringComparer.Ordinal))
        {
            names.Add(prefix + "." + value);
            columns.Add([.. values.Select(v => v == value ? 1.0 : 0.0)]);
        }
    }

    /// <summary>Fits the score, matches and measures the balance.</summary>
    /// <param name="treated">The treated households' ids and covariate rows.</param>
    /// <param name="comparison">The comparison households' ids and covariate rows.</param>
    /// <param name="names">The covariates' names, one per column.</param>
    public static (Result Result, MatchingResult? Matching) Match(IReadOnlyList<(int Id, double[] Covariates)> treated,
        IReadOnlyList<(int Id, double[] Covariates)> comparison, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(treated);
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            return (Result.Fail(new DomainError("Impact.MatchingNoCovariates", "Matching")), null);
        }
        var all = treated.Concat(comparison).ToList();
        bool IsTreated(int i) => i < treated.Count;

        // A covariate on which the groups do not overlap at all separates them: the logit has no maximum. On which they
        // only touch (every treated household at or below a value every comparison household is at or above — typically
        // a category no treated household has), the households beyond the shared value are predicted perfectly: they are
        // off the common support, left out of the fit (as Stata's logit does), and the covariate, now constant, with them.
        var active = Enumerable.Range(0, all.Count).ToList();
        int trimmedTreated = 0, trimmedComparison = 0;
        for (var changed = true; changed;)
        {
            changed = false;
            for (var j = 0; j < names.Count && !changed; j++)
            {
                var t = active.Where(IsTreated).Select(i => all[i].Covariates[j]).ToList();
                var c = active.Where(i => !IsTreated(i)).Select(i => all[i].Covariates[j]).ToList();
                if (t.Count == 0 || c.Count == 0)
                {
                    break;
                }
                double tMin = t.Min(), tMax = t.Max(), cMin = c.Min(), cMax = c.Max();
                if (tMax < cMin || cMax < tMin)
                {
                    return (Result.Fail(new DomainError("Impact.MatchingSeparated", "Matching", names[j])), null);
                }
                var shared = tMax == cMin ? tMax : cMax == tMin ? tMin : (double?)null;
                if (shared is { } v && (tMin != tMax || cMin != cMax))
                {
                    var beyond = active.Where(i => all[i].Covariates[j] != v).ToList();
                    trimmedTreated += beyond.Count(IsTreated);
                    trimmedComparison += beyond.Count(i => !IsTreated(i));
                    active = [.. active.Except(beyond)];
                    changed = true;
                }
            }
        }
        var activeTreated = active.Count(IsTreated);
        if (activeTreated < DifferenceInDifferences.MinGroupHouseholds || active.Count - activeTreated < DifferenceInDifferences.MinGroupHouseholds)
        {
            return (Result.Fail(new DomainError("Impact.MatchingNoSupport", "Matching")), null);
        }

        // Covariates that never vary (among those fitted) say nothing about who takes part: left out and reported.
        var kept = Enumerable.Range(0, names.Count).Where(j => active.Any(i => all[i].Covariates[j] != all[active[0]].Covariates[j])).ToList();
        var constant = Enumerable.Range(0, names.Count).Except(kept).Select(j => names[j]).ToList();
        if (kept.Count == 0)
        {
            return (Result.Fail(new DomainError("Impact.MatchingNoCovariates", "Matching")), null);
        }

        // Standardized columns (and an intercept) keep the Newton steps well scaled whatever the covariates' units.
        var n = active.Count;
        var x = Matrix<double>.Build.Dense(n, kept.Count + 1);
        for (var c = 0; c < kept.Count; c++)
        {
            var j = kept[c];
            var mean = active.Average(i => all[i].Covariates[j]);
            var sd = Math.Sqrt(active.Sum(i => Math.Pow(all[i].Covariates[j] - mean, 2)) / n);
            for (var r = 0; r < n; r++)
            {
                x[r, c + 1] = (all[active[r]].Covariates[j] - mean) / sd;
            }
        }
        for (var r = 0; r < n; r++)
        {
            x[r, 0] = 1;
        }
        var y = Vector<double>.Build.Dense(n, r => IsTreated(active[r]) ? 1 : 0);
        var (fitted, logit) = Logit(x, y);
        if (!fitted.Succeeded)
        {
            return (fitted, null);
        }

        var treatedRows = Enumerable.Range(0, n).Where(r => IsTreated(active[r])).ToList();
        var comparisonRows = Enumerable.Range(0, n).Where(r => !IsTreated(active[r])).ToList();
        var low = Math.Max(treatedRows.Min(r => logit[r]), comparisonRows.Min(r => logit[r]));
        var high = Math.Min(treatedRows.Max(r => logit[r]), comparisonRows.Max(r => logit[r]));
        var logitMean = logit.Average();
        // The floor keeps exact ties matched when the score does not vary at all (rounding would otherwise part them).
        var caliper = Math.Max(CaliperInStandardDeviations * Math.Sqrt(logit.Sum(v => (v - logitMean) * (v - logitMean)) / (n - 1)), 1e-9);

        // Comparison households on the support, by logit; "nearest available" on either side by two path-halving finders.
        var pool = comparisonRows.Where(r => logit[r] >= low && logit[r] <= high).OrderBy(r => logit[r]).ThenBy(r => all[active[r]].Id).ToArray();
        var sorted = pool.Select(r => logit[r]).ToArray();
        var left = Enumerable.Range(0, pool.Length + 1).ToArray();   // left[p + 1]: nearest available at or below p (0 = none)
        var right = Enumerable.Range(0, pool.Length + 1).ToArray();  // right[p]: nearest available at or above p (pool.Length = none)
        var order = treatedRows.Where(r => logit[r] >= low && logit[r] <= high).OrderByDescending(r => logit[r]).ThenBy(r => all[active[r]].Id).ToList();
        var pairs = new List<(int, int)>();
        var matchedTreated = new List<int>();
        var matchedComparison = new List<int>();
        foreach (var t in order)
        {
            var score = logit[t];
            var at = Array.BinarySearch(sorted, score);
            at = at < 0 ? ~at : at;
            var below = Find(left, at) - 1;
            var above = Find(right, at);
            var best = -1;
            if (below >= 0 && score - sorted[below] <= caliper)
            {
                best = below;
            }
            if (above < pool.Length && sorted[above] - score <= caliper && (best < 0 || sorted[above] - score < score - sorted[best]))
            {
                best = above;
            }
            if (best < 0)
            {
                continue;
            }
            left[best + 1] = best;
            right[best] = best + 1;
            pairs.Add((all[active[t]].Id, all[active[pool[best]]].Id));
            matchedTreated.Add(active[t]);
            matchedComparison.Add(active[pool[best]]);
        }
        var balance = new List<BalanceRow>();
        foreach (var j in Enumerable.Range(0, names.Count))
        {
            double[] tb = [.. treated.Select(u => u.Covariates[j])], cb = [.. comparison.Select(u => u.Covariates[j])];
            double[] ta = [.. matchedTreated.Select(i => all[i].Covariates[j])], ca = [.. matchedComparison.Select(i => all[i].Covariates[j])];
            // The denominator is the groups' standard deviation before matching, so that before and after are on one scale.
            var scale = Math.Sqrt((Variance(tb) + Variance(cb)) / 2);
            double Smd(double[] a, double[] b) => a.Length == 0 || b.Length == 0 || scale == 0 ? 0 : (a.Average() - b.Average()) / scale;
            balance.Add(new BalanceRow(names[j], tb.Average(), cb.Average(), Smd(tb, cb), ta.Length > 0 ? ta.Average() : double.NaN,
                ca.Length > 0 ? ca.Average() : double.NaN, Smd(ta, ca)));
        }
        var scores = new Dictionary<int, double>();
        for (var r = 0; r < n; r++)
        {
            scores[all[active[r]].Id] = 1 / (1 + Math.Exp(-logit[r]));
        }
        return (Result.Success(), new MatchingResult(pairs, low, high,
            trimmedTreated + treatedRows.Count(r => logit[r] < low || logit[r] > high),
            trimmedComparison + comparisonRows.Count(r => logit[r] < low || logit[r] > high),
            order.Count - pairs.Count, caliper, balance, constant, scores));
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static double Variance(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }

    /// <summary>The logistic regression by Newton–Raphson: β ← β + (X'WX)⁻¹X'(y − p), W = diag(p(1 − p)).</summary>
    /// <returns>The linear predictor Xβ of each row (the logit of the score).</returns>
    internal static (Result Result, double[] Logit) Logit(Matrix<double> x, Vector<double> y)
    {
        var n = x.RowCount;
        var k = x.ColumnCount;
        var beta = Vector<double>.Build.Dense(k);
        var data = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var eta = x * beta;
            var hessian = Matrix<double>.Build.Dense(k, k);
            var gradient = Vector<double>.Build.Dense(k);
            var h = hessian.AsColumnMajorArray();
            for (var i = 0; i < n; i++)
            {
                var p = 1 / (1 + Math.Exp(-eta[i]));
                var w = p * (1 - p);
                var r = y[i] - p;
                for (var a = 0; a < k; a++)
                {
                    var xa = data[(a * n) + i];
                    gradient[a] += xa * r;
                    var wa = w * xa;
                    for (var b = 0; b <= a; b++)
                    {
                        h[(b * k) + a] += wa * data[(b * n) + i];
                    }
                }
            }
            for (var a = 0; a < k; a++)
            {
                for (var b = 0; b < a; b++)
                {
                    h[(a * k) + b] = h[(b * k) + a];
                }
            }
            var singular = hessian.Svd(computeVectors: false).S;
            if (!singular.All(double.IsFinite) || singular[0] <= 0 || singular[^1] / singular[0] < 1e-12)
            {
                return (Result.Fail(new DomainError(iteration == 0 ? "Impact.SingularDesign" : "Impact.MatchingNotConverged", "Matching")), []);
            }
            var step = hessian.Solve(gradient);
            beta += step;
            if (step.AbsoluteMaximum() < Converged)
            {
                var logit = (x * beta).ToArray();
                return logit.Any(v => Math.Abs(v) > RunawayLogit)
                    ? (Result.Fail(new DomainError("Impact.MatchingNotConverged", "Matching")), [])
                    : (Result.Success(), logit);
            }
        }
        return (Result.Fail(new DomainError("Impact.MatchingNotConverged", "Matching")), []);
    }
}
