using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Contests.Web.Features.Monitoring;

/// <summary>One bar: its label, its value (bar length) and the value as the page shows it.</summary>
public sealed record Bar(string Label, decimal Value, string Shown);

/// <summary>
/// Horizontal bar charts as inline SVG, drawn on the server (no script, no library): <c>role="img"</c> with a
/// <c>&lt;title&gt;</c>, and the page puts the same numbers in a table beside each chart. The view box is 320 units
/// wide and the SVG scales to its container, so it fits a 360 px phone.
/// </summary>
public static class BarChart
{
    private const int Width = 320;
    private const int LabelWidth = 120;
    private const int BarHeight = 18;
    private const int Gap = 6;
    private const int ValueWidth = 80;

    public static IHtmlContent Render(string id, string title, IReadOnlyList<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var max = bars.Count == 0 ? 0m : bars.Max(b => b.Value);
        var height = Math.Max(1, bars.Count) * (BarHeight + Gap) + Gap;
        var room = Width - LabelWidth - ValueWidth;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg id=\"{Enc(id)}\" class=\"chart\" role=\"img\" aria-labelledby=\"{Enc(id)}-title\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Enc(id)}-title\">{Enc(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = Gap + i * (BarHeight + Gap);
            var length = max <= 0 || bar.Value <= 0 ? 0 : (int)Math.Max(1, Math.Round(bar.Value / max * room));
            var label = bar.Label.Length > 18 ? bar.Label[..17] + "…" : bar.Label;
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 13}\" font-size=\"11\">{Enc(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{length}\" height=\"{BarHeight}\" fill=\"#2f6b3b\" data-value=\"{bar.Value.ToString(CultureInfo.InvariantCulture)}\"></rect>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{LabelWidth + length + 4}\" y=\"{y + 13}\" font-size=\"11\">{Enc(bar.Shown)}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
