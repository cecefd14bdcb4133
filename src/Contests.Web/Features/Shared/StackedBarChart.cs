using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace Contests.Web.Features.Shared;

/// <summary>One row of a stacked bar: its label and one value per series (in the order of the chart's series).</summary>
public sealed record StackedRow(string Label, IReadOnlyList<decimal> Values, string Shown);

/// <summary>
/// Horizontal stacked bars as inline SVG (judging progress per juror, payouts by state per day): a legend of the
/// series on top, one bar per row split by series. Same accessibility as <see cref="BarChart"/>; the page puts the
/// numbers in a table beside it.
/// </summary>
public static class StackedBarChart
{
    private const int Width = 320;
    private const int LabelWidth = 100;
    private const int ValueWidth = 76;
    private const int BarHeight = 18;
    private const int Gap = 6;
    private const int LegendRow = 18;

    public static IHtmlContent Render(string id, string title, string description, IReadOnlyList<string> series, IReadOnlyList<StackedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(rows);
        // The legend wraps: as many names per line as fit in 320 units at about 6 units a letter.
        var legend = new List<(string Name, int X, int Y)>();
        var (x, line) = (0, 0);
        foreach (var name in series)
        {
            var w = 16 + Math.Min(name.Length, 22) * 6;
            if (x > 0 && x + w > Width)
            {
                (x, line) = (0, line + 1);
            }
            legend.Add((Svg.Short(name, 22), x, line * LegendRow));
            x += w + 8;
        }
        var top = (line + 1) * LegendRow + Gap;
        var height = top + Math.Max(1, rows.Count) * (BarHeight + Gap);
        var max = rows.Count == 0 ? 0m : rows.Max(r => r.Values.Sum());
        var room = Width - LabelWidth - ValueWidth;
        var svg = Svg.Open(id, title, description, Width, height);
        for (var s = 0; s < legend.Count; s++)
        {
            var (name, lx, ly) = legend[s];
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{lx}\" y=\"{ly + 3}\" width=\"12\" height=\"12\" fill=\"{Svg.Palette[s % Svg.Palette.Length]}\"></rect><text x=\"{lx + 16}\" y=\"{ly + 13}\" font-size=\"11\">{Svg.Enc(name)}</text>");
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = top + i * (BarHeight + Gap);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 13}\" font-size=\"11\">{Svg.Enc(Svg.Short(row.Label, 16))}</text>");
            var start = LabelWidth;
            var total = 0m;
            for (var s = 0; s < row.Values.Count && s < series.Count; s++)
            {
                total += row.Values[s];
                // Ends computed from the running total, so rounding never makes a bar longer than its sum.
                var end = LabelWidth + Svg.Length(total, max, room);
                if (end > start)
                {
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<rect x=\"{start}\" y=\"{y}\" width=\"{end - start}\" height=\"{BarHeight}\" fill=\"{Svg.Palette[s % Svg.Palette.Length]}\"></rect>");
                    start = end;
                }
            }
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{start + 4}\" y=\"{y + 13}\" font-size=\"11\">{Svg.Enc(row.Shown)}</text>");
        }
        return Svg.Close(svg);
    }
}
