using Contests.Core.Impact;

namespace Contests.Web.Features.Impact;

/// <summary>A group's mean in one wave, placed on the chart (<see cref="MeansChart"/> units, y down).</summary>
public sealed record ChartPoint(int Wave, double Mean, double X, double Y);

/// <summary>One line of the chart: the treated or the comparison group across the waves.</summary>
public sealed record ChartSeries(bool Treated, int Households, IReadOnlyList<ChartPoint> Points);

/// <summary>A value on the vertical axis and where its grid line is drawn.</summary>
public sealed record ChartTick(double Value, double Y);

/// <summary>A wave on the horizontal axis.</summary>
public sealed record ChartWave(int Index, string Name, DateOnly Date, double X);

/// <summary>
/// The chart of group means by wave, as geometry only: a box of <see cref="Width"/> × <see cref="Height"/> units with
/// the plot area inside it, the waves evenly spaced across, a vertical axis of round steps that holds every mean, and
/// each group's points. The page draws it as inline SVG (the units are its viewBox, so it scales to any width) and the
/// PDF with XGraphics (scaled into its rectangle), so both show the same picture as the means table beside them.
/// </summary>
public sealed class MeansChart
{
    public const double Width = 400;
    public const double Height = 270;
    public const double PlotLeft = 64;
    public const double PlotRight = Width - 12;
    public const double PlotTop = 16;

    /// <summary>Below the plot: the waves' names and dates, the axis' name and the legend.</summary>
    public const double PlotBottom = Height - 70;

    /// <summary>The groups' order: treated, then comparison.</summary>
    public static IReadOnlyList<bool> Groups { get; } = [true, false];

    private static readonly double[] Steps = [1, 2, 2.5, 5, 10];

    // Room at the ends of the horizontal axis so that the first and last value labels stay inside the box.
    private const double EndRoom = 40;

    private MeansChart(IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartTick> ticks, IReadOnlyList<ChartWave> waves, int tickDecimals)
    {
        Series = series;
        Ticks = ticks;
        Waves = waves;
        TickDecimals = tickDecimals;
    }

    /// <summary>Treated first, then comparison.</summary>
    public IReadOnlyList<ChartSeries> Series { get; }

    /// <summary>The vertical axis' values from bottom to top, evenly spaced by a round step.</summary>
    public IReadOnlyList<ChartTick> Ticks { get; }

    public IReadOnlyList<ChartWave> Waves { get; }

    /// <summary>How many decimals the tick values need (a step of 2.5 needs one).</summary>
    public int TickDecimals { get; }

    /// <summary>The chart of an estimate's means (the balanced panel's, as in the means table).</summary>
    public static MeansChart From(DidEstimate estimate, IReadOnlyList<(string Name, DateOnly Date)> waves)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(waves);
        var means = estimate.Means;
        var (low, high, step) = Axis(means.Count == 0 ? 0 : means.Min(m => m.Mean), means.Count == 0 ? 1 : means.Max(m => m.Mean));
        double Y(double v) => PlotBottom - ((v - low) / (high - low) * (PlotBottom - PlotTop));
        double X(int wave) => waves.Count <= 1
            ? (PlotLeft + PlotRight) / 2
            : PlotLeft + EndRoom + (wave * (PlotRight - PlotLeft - (2 * EndRoom)) / (waves.Count - 1));
        var series = Groups
            .Select(treated => new ChartSeries(treated,
                means.FirstOrDefault(m => m.Treated == treated)?.Households ?? 0,
                [.. means.Where(m => m.Treated == treated).OrderBy(m => m.Wave).Select(m => new ChartPoint(m.Wave, m.Mean, X(m.Wave), Y(m.Mean)))]))
            .ToList();
        var count = (int)Math.Round((high - low) / step);
        var ticks = Enumerable.Range(0, count + 1).Select(i => low + (i * step)).Select(v => new ChartTick(v, Y(v))).ToList();
        var chartWaves = waves.Select((w, i) => new ChartWave(i, w.Name, w.Date, X(i))).ToList();
        return new MeansChart(series, ticks, chartWaves, Decimals(step));
    }

    /// <summary>
    /// A vertical axis from a round value below the smallest mean to one above the largest, in 3–6 steps of 1, 2, 2.5 or
    /// 5 times a power of ten. Equal means get a range around them.
    /// </summary>
    public static (double Low, double High, double Step) Axis(double min, double max)
    {
        if (!(max > min))
        {
            var pad = Math.Abs(min) > 0 ? Math.Abs(min) * 0.1 : 1;
            (min, max) = (min - pad, max + pad);
        }
        var raw = (max - min) / 4;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = Steps.Select(f => f * power).First(s => s >= raw);
        var low = Math.Floor(min / step) * step;
        var high = Math.Ceiling(max / step) * step;
        return (low, high, step);
    }

    private static int Decimals(double step)
    {
        for (var d = 0; d < 6; d++)
        {
            var scaled = step * Math.Pow(10, d);
            if (Math.Abs(scaled - Math.Round(scaled)) < 1e-9 * Math.Max(1, scaled))
            {
                return d;
            }
        }
        return 6;
    }
}
