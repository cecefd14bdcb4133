using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace Contests.Web.Features.Shared;

/// <summary>One column of a histogram: the range it counts (from, inclusive; to, exclusive but for the last) and how many fell in it.</summary>
public sealed record HistogramBin(decimal From, decimal To, int Count);

/// <summary>
/// A histogram as inline SVG (the score distribution of a pool), with a marked line at one value (the qualifying
/// score). Same accessibility as <see cref="BarChart"/>; the page puts the counts in a table beside it.
/// </summary>
public static class Histogram
{
    private const int Width = 320;
    private const int Height = 150;
    private const int Left = 4;
    private const int Bottom = 22;
    private const int TopRoom = 30;

    /// <summary><paramref name="binCount"/> equal columns from 0 to <paramref name="max"/> holding <paramref name="values"/> (the last column includes max).</summary>
    public static IReadOnlyList<HistogramBin> Bins(IEnumerable<decimal> values, decimal max, int binCount)
    {
        ArgumentNullException.ThrowIfNull(values);
        var width = max / binCount;
        var counts = new int[binCount];
        foreach (var v in values)
        {
            var i = width <= 0 ? 0 : (int)Math.Floor(v / width);
            counts[Math.Clamp(i, 0, binCount - 1)]++;
        }
        return [.. counts.Select((c, i) => new HistogramBin(i * width, i == binCount - 1 ? max : (i + 1) * width, c))];
    }

    public static IHtmlContent Render(string id, string title, string description, IReadOnlyList<HistogramBin> bins, decimal max, decimal line, string lineLabel)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var svg = Svg.Open(id, title, description, Width, Height);
        var plot = Width - 2 * Left;
        var tallest = bins.Count == 0 ? 0 : bins.Max(b => b.Count);
        var room = Height - Bottom - TopRoom;
        var column = bins.Count == 0 ? plot : plot / bins.Count;
        for (var i = 0; i < bins.Count; i++)
        {
            var bin = bins[i];
            var h = Svg.Length(bin.Count, tallest, room);
            var x = Left + i * column;
            var y = Height - Bottom - h;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{x + 1}\" y=\"{y}\" width=\"{column - 2}\" height=\"{h}\" fill=\"#2f6b3b\" data-count=\"{bin.Count}\"></rect>");
            if (bin.Count > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + column / 2}\" y=\"{y - 3}\" font-size=\"10\" text-anchor=\"middle\">{bin.Count}</text>");
            }
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{x}\" y=\"{Height - 6}\" font-size=\"9\">{Svg.Enc(bin.From.ToString("0.#", CultureInfo.CurrentCulture))}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Left}\" y2=\"{Height - Bottom}\" stroke=\"#6b7570\"></line>");
        if (max > 0)
        {
            var lx = Left + (int)Math.Round(Math.Clamp(line / max, 0m, 1m) * plot);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{lx}\" y1=\"12\" x2=\"{lx}\" y2=\"{Height - Bottom}\" stroke=\"#a3261b\" stroke-width=\"2\" stroke-dasharray=\"4 3\" data-line=\"{line.ToString(CultureInfo.InvariantCulture)}\"></line>");
            var anchor = lx > Width / 2 ? "end" : "start";
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{(anchor == "end" ? lx - 3 : lx + 3)}\" y=\"10\" font-size=\"10\" fill=\"#a3261b\" text-anchor=\"{anchor}\">{Svg.Enc(lineLabel)}</text>");
        }
        return Svg.Close(svg);
    }
}
