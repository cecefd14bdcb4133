using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Contests.Web.Features.Shared;

/// <summary>One bar: its label, its value (bar length) and the value as the page shows it.</summary>
public sealed record Bar(string Label, decimal Value, string Shown);

/// <summary>
/// Horizontal bar charts as inline SVG, drawn on the server (no script, no library): <c>role="img"</c> with a
/// <c>&lt;title&gt;</c> (and a <c>&lt;desc&gt;</c> when given), and the page puts the same numbers in a table beside
/// each chart. The view box is 320 units wide and the SVG scales to its container, so it fits a 360 px phone.
/// Used by the indicators (Monitoring) and the round pages.
/// </summary>
public static class BarChart
{
    private const int Width = 320;
    private const int LabelWidth = 120;
    private const int BarHeight = 18;
    private const int Gap = 6;
    private const int ValueWidth = 80;

    public static IHtmlContent Render(string id, string title, IReadOnlyList<Bar> bars) => Render(id, title, null, bars);

    public static IHtmlContent Render(string id, string title, string? description, IReadOnlyList<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var max = bars.Count == 0 ? 0m : bars.Max(b => b.Value);
        var height = Math.Max(1, bars.Count) * (BarHeight + Gap) + Gap;
        var room = Width - LabelWidth - ValueWidth;
        var svg = Svg.Open(id, title, description, Width, height);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Gap + i * (BarHeight + Gap);
            var length = Svg.Length(bar.Value, max, room);
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 13}\" font-size=\"11\">{Svg.Enc(Svg.Short(bar.Label, 18))}</text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{length}\" height=\"{BarHeight}\" fill=\"#2f6b3b\" data-value=\"{bar.Value.ToString(CultureInfo.InvariantCulture)}\"></rect>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{LabelWidth + length + 4}\" y=\"{y + 13}\" font-size=\"11\">{Svg.Enc(bar.Shown)}</text>");
        }
        return Svg.Close(svg);
    }
}

/// <summary>What the chart classes share: the accessible opening of the SVG, encoding, bar lengths.</summary>
internal static class Svg
{
    /// <summary>Colours of a chart's series, in order (each with at least 3:1 contrast on white).</summary>
    public static readonly string[] Palette = ["#2f6b3b", "#b06f00", "#6b7570", "#1c4e80", "#a3261b", "#5f2a6b", "#00707a"];

    public static StringBuilder Open(string id, string title, string? description, int width, int height)
    {
        var svg = new StringBuilder();
        var described = description is null ? "" : $" aria-describedby=\"{Enc(id)}-desc\"";
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg id=\"{Enc(id)}\" class=\"chart\" role=\"img\" aria-labelledby=\"{Enc(id)}-title\"{described} viewBox=\"0 0 {width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Enc(id)}-title\">{Enc(title)}</title>");
        if (description is not null)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{Enc(id)}-desc\">{Enc(description)}</desc>");
        }
        return svg;
    }

    public static IHtmlContent Close(StringBuilder svg)
    {
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>A bar's length in units: 0 for nothing, at least 1 for anything above nothing.</summary>
    public static int Length(decimal value, decimal max, int room) =>
        max <= 0 || value <= 0 ? 0 : (int)Math.Max(1, Math.Round(value / max * room));

    public static string Short(string label, int most) => label.Length > most ? label[..(most - 1)] + "…" : label;

    public static string Enc(string text) => WebUtility.HtmlEncode(text);
}
