using Contests.Core.Common;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Contests.Core.Impact;

/// <summary>An ordinary least squares fit with its cluster-robust (CR1) covariance.</summary>
/// <param name="Coefficients">β, one per column of the design.</param>
/// <param name="Covariance">The CR1 sandwich: c · (X'X)⁻¹ (Σ_g X_g'û_g û_g'X_g) (X'X)⁻¹, c = G/(G−1) · (n−1)/(n−k).</param>
/// <param name="Observations">n, the rows.</param>
/// <param name="Clusters">G, the distinct clusters.</param>
public sealed record OlsFit(IReadOnlyList<double> Coefficients, Matrix<double> Covariance, int Observations, int Clusters)
{
    public double StandardError(int column) => Math.Sqrt(Covariance[column, column]);

    /// <summary>The two-sided 97.5 % quantile of Student's t with G − 1 degrees of freedom (as Stata does for clustered errors).</summary>
    public double TCritical => StudentT.InvCDF(0, 1, Clusters - 1, 0.975);
}

/// <summary>
/// Least squares with standard errors clustered (by community for the impact estimates). The algebra is MathNet's:
/// the coefficients by a QR solve of X, (X'X)⁻¹ by its inverse after a rank check on the singular values, so that
/// a design that cannot identify its coefficients (every household treated, a covariate that never varies) is a
/// refusal with a code, never NaN.
/// </summary>
public static class ClusteredOls
{
    /// <summary>Singular values below this share of the largest make the design singular.</summary>
    private const double RankTolerance = 1e-10;

    /// <param name="x">The design, n × k (include a column of ones for an intercept).</param>
    /// <param name="y">The outcome, n.</param>
    /// <param name="clusters">The cluster of each row, n.</param>
    /// <param name="extraParameters">Parameters absorbed before the fit that the small-sample factor should count (0 for none).</param>
    public static (Result Result, OlsFit? Fit) Fit(Matrix<double> x, Vector<double> y, IReadOnlyList<int> clusters, int extraParameters = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(clusters);
        if (y.Count != x.RowCount || clusters.Count != x.RowCount)
        {
            throw new ArgumentException("The design, the outcome and the clusters must have one entry per row.", nameof(y));
        }
        var n = x.RowCount;
        var k = x.ColumnCount + extraParameters;
        if (n <= k)
        {
            return (Result.Fail(new DomainError("Impact.TooFewObservations", null, n, k)), null);
        }
        var xtx = x.TransposeThisAndMultiply(x);
        var singular = xtx.Svd(computeVectors: false).S;
        if (singular.Count == 0 || singular[0] <= 0 || singular[^1] / singular[0] < RankTolerance || !singular.All(double.IsFinite))
        {
            return (Result.Fail(new DomainError("Impact.SingularDesign")), null);
        }
        var groups = clusters.Distinct().Count();
        if (groups < 2)
        {
            return (Result.Fail(new DomainError("Impact.OneCluster")), null);
        }
        var beta = x.QR().Solve(y);
        var residuals = y - (x * beta);
        var bread = xtx.Inverse();

        // The meat: Σ over clusters of s_g s_g', s_g = X_g' û_g (a k-vector per cluster, summed row by row over the
        // column-major storage: no vector per row, which a 100,000-household panel would feel).
        var columns = x.ColumnCount;
        var data = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        var u = residuals.AsArray() ?? residuals.ToArray();
        var index = new Dictionary<int, int>();
        var scores = new List<double[]>();
        for (var i = 0; i < n; i++)
        {
            if (!index.TryGetValue(clusters[i], out var g))
            {
                index[clusters[i]] = g = scores.Count;
                scores.Add(new double[columns]);
            }
            var score = scores[g];
            for (var j = 0; j < columns; j++)
            {
                score[j] += data[(j * n) + i] * u[i];
            }
        }
        var meat = Matrix<double>.Build.Dense(columns, columns);
        foreach (var score in scores)
        {
            for (var a = 0; a < columns; a++)
            {
                for (var b = 0; b < columns; b++)
                {
                    meat[a, b] += score[a] * score[b];
                }
            }
        }
        var factor = groups / (groups - 1.0) * ((n - 1.0) / (n - k));
        var covariance = bread * meat * bread * factor;
        return (Result.Success(), new OlsFit([.. beta], covariance, n, groups));
    }
}
