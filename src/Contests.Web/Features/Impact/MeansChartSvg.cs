using System.Globalization;
using System.Text;
using Contests.Web.Features.Shared;
using Contests.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Html;

namespace Contests.Web.Features.Impact;

/// <summary>The words around the chart, in the reader's language.</summary>
public sealed record MeansChartLabels(string Title, string Treated, string Comparison, string WaveAxis, string ValueAxis);

/// <summary>
/// Draws a <see cref="MeansChart"/> as inline SVG (no script, no library), with the shared chart opening: <c>role="img"</c>,
/// a <c>&lt;title&gt;</c> and a <c>&lt;desc&gt;</c> that lists every mean, so a screen reader hears the numbers. The treated
/// line is solid with filled points, the comparison line dashed with hollow points, so the two read apart in grey print
/// too. Each point carries <c>data-group</c>, <c>data-wave</c> and <c>data-mean</c>.
/// </summary>
public static class MeansChartSvg
{
    private const int FontSize = 12;

    public static IHtmlContent Render(string id, MeansChart chart, MeansChartLabels labels)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(labels);
        var svg = Svg.Open(id, labels.Title, Description(chart, labels), (int)MeansChart.Width, (int)MeansChart.Height);
        var inv = CultureInfo.InvariantCulture;
        string N(double v) => v.ToString("0.##", inv);
        string Tick(double v) => v.ToString("N" + chart.TickDecimals.ToString(inv), CultureInfo.CurrentCulture);

        // Grid and the vertical axis' values.
        foreach (var t in chart.Ticks)
        {
            svg.Append(inv, $"<line x1=\"{N(MeansChart.PlotLeft)}\" y1=\"{N(t.Y)}\" x2=\"{N(MeansChart.PlotRight)}\" y2=\"{N(t.Y)}\" stroke=\"#d5dad7\" stroke-width=\"1\"></line>");
            svg.Append(inv, $"<text x=\"{N(MeansChart.PlotLeft - 4)}\" y=\"{N(t.Y + 4)}\" font-size=\"{FontSize - 1}\" text-anchor=\"end\" data-tick=\"{t.Value.ToString("R", inv)}\">{Svg.Enc(Tick(t.Value))}</text>");
        }
        svg.Append(inv, $"<line x1=\"{N(MeansChart.PlotLeft)}\" y1=\"{N(MeansChart.PlotTop)}\" x2=\"{N(MeansChart.PlotLeft)}\" y2=\"{N(MeansChart.PlotBottom)}\" stroke=\"#3d4541\"></line>");
        svg.Append(inv, $"<line x1=\"{N(MeansChart.PlotLeft)}\" y1=\"{N(MeansChart.PlotBottom)}\" x2=\"{N(MeansChart.PlotRight)}\" y2=\"{N(MeansChart.PlotBottom)}\" stroke=\"#3d4541\"></line>");
        var middle = (MeansChart.PlotTop + MeansChart.PlotBottom) / 2;
        svg.Append(inv, $"<text x=\"12\" y=\"{N(middle)}\" font-size=\"{FontSize - 1}\" text-anchor=\"middle\" transform=\"rotate(-90 12 {N(middle)})\" id=\"{Svg.Enc(id)}-y-axis\">{Svg.Enc(Svg.Short(labels.ValueAxis, 34))}</text>");

        // The waves under the horizontal axis, then the axis' name.
        foreach (var w in chart.Waves)
        {
            svg.Append(inv, $"<text x=\"{N(w.X)}\" y=\"{N(MeansChart.PlotBottom + 16)}\" font-size=\"{FontSize}\" text-anchor=\"middle\">{Svg.Enc(Svg.Short(w.Name, 18))}</text>");
            svg.Append(inv, $"<text x=\"{N(w.X)}\" y=\"{N(MeansChart.PlotBottom + 30)}\" font-size=\"{FontSize - 2}\" text-anchor=\"middle\" fill=\"#5b6661\">{Svg.Enc(Display.Date(w.Date))}</text>");
        }
        var center = (MeansChart.PlotLeft + MeansChart.PlotRight) / 2;
        svg.Append(inv, $"<text x=\"{N(center)}\" y=\"{N(MeansChart.PlotBottom + 46)}\" font-size=\"{FontSize - 1}\" text-anchor=\"middle\" id=\"{Svg.Enc(id)}-x-axis\">{Svg.Enc(labels.WaveAxis)}</text>");

        // The lines, their points and values: a value above its point where its group is the higher one in that wave.
        foreach (var s in chart.Series)
        {
            var colour = s.Treated ? Svg.Palette[0] : Svg.Palette[3];
            var group = s.Treated ? "treated" : "comparison";
            var path = string.Join(' ', s.Points.Select(p => N(p.X) + "," + N(p.Y)));
            svg.Append(inv, $"<polyline points=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{(s.Treated ? "" : " stroke-dasharray=\"6 4\"")} data-group=\"{group}\"></polyline>");
            foreach (var p in s.Points)
            {
                var other = chart.Series.First(o => o.Treated != s.Treated).Points.FirstOrDefault(o => o.Wave == p.Wave);
                var above = other is null || p.Mean >= other.Mean;
                svg.Append(inv, $"<circle cx=\"{N(p.X)}\" cy=\"{N(p.Y)}\" r=\"4.5\" fill=\"{(s.Treated ? colour : "#fff")}\" stroke=\"{colour}\" stroke-width=\"2\" data-group=\"{group}\" data-wave=\"{p.Wave}\" data-mean=\"{p.Mean.ToString("R", inv)}\"></circle>");
                svg.Append(inv, $"<text x=\"{N(p.X)}\" y=\"{N(above ? p.Y - 9 : p.Y + 18)}\" font-size=\"{FontSize - 1}\" text-anchor=\"middle\" fill=\"{colour}\">{Svg.Enc(p.Mean.ToString("N2", CultureInfo.CurrentCulture))}</text>");
            }
        }

        // The legend, under everything: a sample of each line and its group's name.
        var legendY = MeansChart.Height - 8;
        var x = 20.0;
        foreach (var s in chart.Series)
        {
            var colour = s.Treated ? Svg.Palette[0] : Svg.Palette[3];
            var name = s.Treated ? labels.Treated : labels.Comparison;
            svg.Append(inv, $"<line x1=\"{N(x)}\" y1=\"{N(legendY - 4)}\" x2=\"{N(x + 22)}\" y2=\"{N(legendY - 4)}\" stroke=\"{colour}\" stroke-width=\"2.5\"{(s.Treated ? "" : " stroke-dasharray=\"6 4\"")}></line>");
            svg.Append(inv, $"<circle cx=\"{N(x + 11)}\" cy=\"{N(legendY - 4)}\" r=\"3.5\" fill=\"{(s.Treated ? colour : "#fff")}\" stroke=\"{colour}\" stroke-width=\"2\"></circle>");
            svg.Append(inv, $"<text x=\"{N(x + 28)}\" y=\"{N(legendY)}\" font-size=\"{FontSize - 1}\">{Svg.Enc(Svg.Short(name, 28))}</text>");
            x += 170;
        }
        return Svg.Close(svg);
    }

    /// <summary>Every mean in words, group by group: what a screen reader says for the picture.</summary>
    public static string Description(MeansChart chart, MeansChartLabels labels)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(labels);
        var text = new StringBuilder();
        foreach (var s in chart.Series)
        {
            text.Append(s.Treated ? labels.Treated : labels.Comparison).Append(": ");
            text.AppendJoin("; ", s.Points.Select(p => chart.Waves[p.Wave].Name + " " + p.Mean.ToString("N2", CultureInfo.CurrentCulture)));
            text.Append(". ");
        }
        return text.ToString().TrimEnd();
    }
}
