using Contests.Core.Rounds;

namespace Contests.Core.Judging;

/// <summary>One juror's total for one entry in one rubric part (the sum of their weighted criterion points).</summary>
public sealed record JurorTotal(int JurorId, decimal Total);

/// <summary>A part's score for an entry: the aggregate, the totals it used, and the ones it dropped (trimmed mean).</summary>
public sealed record PartScore(decimal Score, IReadOnlyList<JurorTotal> Used, IReadOnlyList<JurorTotal> Dropped);

/// <summary>
/// How a rubric part turns its jurors' totals into the entry's score for that part (docs/architecture.md#rules-judging):
/// mean, median, or trimmed mean (drop the highest and the lowest when there are at least 5 jurors).
/// Scores are rounded to two decimals, half away from zero — the figure the acta shows is the figure
/// that ranks.
/// </summary>
public static class PartAggregation
{
    public const int TrimFrom = 5;

    public static PartScore Aggregate(Aggregation method, IReadOnlyList<JurorTotal> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        if (totals.Count == 0)
        {
            throw new ArgumentException("A part's score needs at least one juror's total.", nameof(totals));
        }
        // Ordered by total, then juror: which of two equal totals is "dropped" never depends on storage order.
        var ordered = totals.OrderBy(t => t.Total).ThenBy(t => t.JurorId).ToList();
        switch (method)
        {
            case Aggregation.Median:
                var middle = ordered.Count / 2;
                var median = ordered.Count % 2 == 1 ? ordered[middle].Total : (ordered[middle - 1].Total + ordered[middle].Total) / 2m;
                return new PartScore(Round(median), ordered, []);
            case Aggregation.TrimmedMean when ordered.Count >= TrimFrom:
                var kept = ordered.Skip(1).Take(ordered.Count - 2).ToList();
                return new PartScore(Round(kept.Average(t => t.Total)), kept, [ordered[0], ordered[^1]]);
            default:
                return new PartScore(Round(ordered.Average(t => t.Total)), ordered, []);
        }
    }

    public static decimal Round(decimal score) => decimal.Round(score, 2, MidpointRounding.AwayFromZero);
}

/// <summary>One juror's total for one entry, before normalization.</summary>
public sealed record RawTotal(int JurorId, int EntryId, decimal Total);

/// <summary>
/// Per-juror normalization (a round setting): a strict juror and a generous one weigh the same. Each
/// total becomes the juror's z-score (against the juror's own totals in the part) and is put back on
/// the part's scale with the mean and standard deviation of all the part's totals, kept within
/// 0..max. A juror whose totals don't vary (or who scored one entry) has z = 0: their totals become the
/// part's mean.
/// </summary>
public static class Normalization
{
    public static IReadOnlyList<RawTotal> Normalize(IReadOnlyList<RawTotal> totals, decimal partMax)
    {
        ArgumentNullException.ThrowIfNull(totals);
        if (totals.Count == 0)
        {
            return [];
        }
        var (mean, sd) = MeanAndDeviation(totals.Select(t => t.Total).ToList());
        var byJuror = totals.GroupBy(t => t.JurorId).ToDictionary(g => g.Key, g => MeanAndDeviation(g.Select(t => t.Total).ToList()));
        return [.. totals.Select(t =>
        {
            var (jurorMean, jurorSd) = byJuror[t.JurorId];
            var z = jurorSd == 0 ? 0 : (t.Total - jurorMean) / jurorSd;
            var value = Math.Clamp(mean + (z * sd), 0m, partMax);
            return t with { Total = PartAggregation.Round(value) };
        })];
    }

    /// <summary>Population mean and standard deviation (the jurors' totals are all there is, not a sample).</summary>
    private static (decimal Mean, decimal Deviation) MeanAndDeviation(List<decimal> values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return (mean, (decimal)Math.Sqrt((double)variance));
    }
}
