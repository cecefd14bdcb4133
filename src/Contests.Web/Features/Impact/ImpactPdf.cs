using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Impact;
using Contests.Web.Infrastructure.Localization;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Pdf;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;

namespace Contests.Web.Features.Impact;

/// <summary>
/// The estimate as a printable report (A4 portrait, the shared <see cref="PdfLayout"/>), laid out like an evaluation
/// report: the data and sample, the means by group and wave with their chart (drawn from the same
/// <see cref="MeansChart"/> as the page's SVG), the estimate with its SE, interval and counts, the plain-language reading
/// and its assumptions, the matching and balance when matched, the placebo and the splits, and when it was generated
/// (Lima time). Numbers are formatted in the reader's culture, as on the page.
/// </summary>
public static class ImpactPdf
{
    // The chart is drawn at 90 % of its units in points: its 11–12 unit text prints near the body size.
    private const double ChartScale = 0.9;

    private static readonly string[] NoEstimate = ["—", "—", "—"];

    public static byte[] Render(EstimateReport report, IStringLocalizer l, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(l);
        var culture = CultureInfo.CurrentCulture;
        string Num(double v) => v.ToString("N2", culture);
        string Ci(DidEstimate e) => $"[{Num(e.ConfidenceLow)}; {Num(e.ConfidenceHigh)}]";
        var lima = LimaTime.FromUtc(nowUtc);
        var title = l["Impact.EstimateOf", report.Indicator, l["Theme." + report.Theme]].Value;
        using var pdf = new PdfLayout(new PdfLayoutOptions
        {
            Title = title, FontFamily = PdfFonts.Sans, FontSize = 10, CreationDate = lima, ModificationDate = lima,
            PageLabel = (i, n) => string.Create(CultureInfo.InvariantCulture, $"{i} / {n}"),
        });
        var e = report.Estimate;
        var a = report.Analysis;

        pdf.Paragraph(l["Impact.EstimateTitle"].Value, new TextStyle(Size: 10, Align: TextAlign.Center, SpaceAfter: 2));
        pdf.Paragraph(title, new TextStyle(Size: 15, Bold: true, Align: TextAlign.Center, SpaceAfter: 10));

        pdf.Heading(l["Impact.Pdf.Data"].Value, 2);
        pdf.Paragraph(l["Impact.Pdf.Survey", report.Survey, l["Impact.Rule." + report.Rule]].Value);
        pdf.Paragraph(l["Impact.Pdf.Sample", Display.Number(e.Households), l["Impact.TreatedComparison", e.Treated, e.Comparison], e.Clusters,
            Display.Number(e.Observations)].Value);
        pdf.Paragraph(l["Impact.LeftOut", e.DroppedUnbalanced, e.ExcludedTreatedBeforeBaseline, e.ExcludedTreatedAfterLastWave].Value);
        if (e.CovariateCoefficients.Count > 0)
        {
            pdf.Paragraph(l["Impact.Pdf.Covariates", string.Join(", ", e.CovariateCoefficients.Select(c => l["Impact.Covariate." + c.Name].Value))].Value);
        }
        if (e.FewClustersWarning)
        {
            pdf.Paragraph(l["Impact.FewClusters", e.Clusters, DidEstimate.FewClusters].Value, new TextStyle(Bold: true));
        }

        pdf.Heading(l["Impact.Means"].Value, 2);
        pdf.Table(
            [new TableColumn(l["Impact.Pdf.Group"].Value, 2.2), .. report.Waves.Select(w => new TableColumn($"{w.Name} ({Display.Date(w.Date)})", 1.2, CellAlign.Right))],
            MeansChart.Groups.Select(treated => (IReadOnlyList<string>)
            [
                $"{l[treated ? "Impact.Treated" : "Impact.Comparison"]} ({e.Means.First(m => m.Treated == treated).Households})",
                .. e.Means.Where(m => m.Treated == treated).OrderBy(m => m.Wave).Select(m => Num(m.Mean)),
            ]),
            new TableOptions { FontSize = 9 });
        var chart = MeansChart.From(e, report.Waves);
        var labels = ImpactText.ChartLabels(report, l);
        pdf.Drawing(MeansChart.Height * ChartScale, (g, box) => DrawChart(g, box, chart, labels, pdf.Options.FontFamily));

        pdf.Heading(l["Impact.Pdf.EstimateTable"].Value, 2);
        var rows = new List<IReadOnlyList<string>>
        {
            Row($"{l["Impact.Form." + e.Form]}: {Num(e.Estimate)}", e),
        };
        rows.AddRange(e.CovariateCoefficients.Select(c => (IReadOnlyList<string>)[$"{l["Impact.Covariate." + c.Name]}: {Num(c.Coefficient)}", Num(c.StandardError), "", "", ""]));
        if (a.Matched is { } matched)
        {
            rows.Add(Row($"{l["Impact.MatchedEstimate"]}: {Num(matched.Estimate)}", matched));
        }
        pdf.Table(
            [
                new TableColumn(l["Impact.Estimate"].Value, 2.4), new TableColumn(l["Impact.SE"].Value, 1.3, CellAlign.Right),
                new TableColumn(l["Impact.CI"].Value, 1.6, CellAlign.Right), new TableColumn(l["Impact.Households"].Value, 1.6, CellAlign.Right),
                new TableColumn(l["Impact.Clusters"].Value, 1.3, CellAlign.Right),
            ],
            rows, new TableOptions { FontSize = 9 });

        pdf.Heading(l["Impact.Plain.Title"].Value, 2);
        foreach (var p in ImpactText.Reading(report, l))
        {
            pdf.Paragraph(p.Text);
        }
        pdf.Heading(l["Impact.Plain.AssumptionsTitle"].Value, 3);
        foreach (var p in ImpactText.Assumptions(report, l))
        {
            pdf.Paragraph("• " + p.Text);
        }

        if (a.Matching is { } mt && a.Matched is not null)
        {
            pdf.Heading(l["Impact.MatchingTitle"].Value, 2);
            pdf.Paragraph(l["Impact.Support", mt.Pairs.Count, mt.TreatedOffSupport, mt.ComparisonOffSupport, mt.TreatedWithoutMatch].Value);
            pdf.Heading(l["Impact.Balance"].Value, 3);
            pdf.Table(
                [
                    new TableColumn(l["Impact.Covariate"].Value, 2.2), new TableColumn(l["Impact.BalanceTreatedBefore"].Value, 1, CellAlign.Right),
                    new TableColumn(l["Impact.BalanceComparisonBefore"].Value, 1, CellAlign.Right), new TableColumn(l["Impact.BalanceSmdBefore"].Value, 1, CellAlign.Right),
                    new TableColumn(l["Impact.BalanceTreatedAfter"].Value, 1, CellAlign.Right), new TableColumn(l["Impact.BalanceComparisonAfter"].Value, 1, CellAlign.Right),
                    new TableColumn(l["Impact.BalanceSmdAfter"].Value, 1, CellAlign.Right),
                ],
                mt.Balance.Select(b => (IReadOnlyList<string>)
                [
                    ImpactText.TraitName(b.Covariate, l), Num(b.TreatedBefore), Num(b.ComparisonBefore), Num(b.DifferenceBefore),
                    Num(b.TreatedAfter), Num(b.ComparisonAfter), Num(b.DifferenceAfter),
                ]),
                new TableOptions { FontSize = 8.5 });
            pdf.Paragraph(l["Impact.BalanceHint", MatchingResult.Imbalanced.ToString("0.0", culture)].Value, new TextStyle(Size: 9));
        }

        pdf.Heading(l["Impact.PlaceboTitle"].Value, 2);
        if (a.Placebo.Estimate is { } pe)
        {
            pdf.Paragraph(l["Impact.PlaceboEstimate", Num(pe.Estimate), Num(pe.StandardError), Num(pe.ConfidenceLow), Num(pe.ConfidenceHigh)].Value);
            pdf.Paragraph(l[a.Placebo.CoversZero ? "Impact.PlaceboFine" : "Impact.PlaceboWarn"].Value);
        }
        else
        {
            pdf.Paragraph(ModelStateExtensions.Localize(a.Placebo.Refusal!, l));
        }

        if (a.Splits.Count > 0)
        {
            pdf.Heading(l["Impact.SplitsTitle"].Value, 2);
            pdf.Table(
                [
                    new TableColumn(l["Impact.Group"].Value, 2.4), new TableColumn(l["Impact.Households"].Value, 1.6, CellAlign.Right),
                    new TableColumn(l["Impact.Estimate"].Value, 1.1, CellAlign.Right), new TableColumn(l["Impact.SE"].Value, 1.3, CellAlign.Right),
                    new TableColumn(l["Impact.CI"].Value, 1.6, CellAlign.Right),
                ],
                a.Splits.Select(s => (IReadOnlyList<string>)
                [
                    $"{l["Impact.Split." + s.By]}: {ImpactText.GroupName(s, l)}", l["Impact.TreatedComparison", s.Treated, s.Comparison].Value,
                    .. s.Estimate is { } se ? [Num(se.Estimate), Num(se.StandardError), Ci(se)] : NoEstimate,
                ]),
                new TableOptions { FontSize = 8.5 });
            // A table has no cell across columns: why a subgroup has no estimate is said under it.
            foreach (var refused in a.Splits.Where(x => x.Estimate is null))
            {
                pdf.Paragraph($"{l["Impact.Split." + refused.By]}: {ImpactText.GroupName(refused, l)} — {ModelStateExtensions.Localize(refused.Refusal!, l)}",
                    new TextStyle(Size: 9));
            }
            pdf.Paragraph(l["Impact.SplitsHint"].Value, new TextStyle(Size: 9));
        }

        pdf.Spacer(6);
        pdf.Paragraph(l["Impact.Pdf.Printed", lima.ToString("g", culture)].Value, new TextStyle(Size: 8.5));
        return pdf.ToBytes();

        IReadOnlyList<string> Row(string name, DidEstimate x) =>
            [name, Num(x.StandardError), Ci(x), $"{Display.Number(x.Households)} ({l["Impact.TreatedComparison", x.Treated, x.Comparison]})",
                x.Clusters.ToString(culture)];
    }

    /// <summary>The <see cref="MeansChart"/> with XGraphics, centred in the block at <see cref="ChartScale"/>: the SVG's picture.</summary>
    private static void DrawChart(XGraphics g, XRect box, MeansChart chart, MeansChartLabels labels, string family)
    {
        var width = MeansChart.Width * ChartScale;
        var state = g.Save();
        g.TranslateTransform(box.X + ((box.Width - width) / 2), box.Y);
        g.ScaleTransform(ChartScale);
        var culture = CultureInfo.CurrentCulture;
        var small = new XFont(family, 11);
        var normal = new XFont(family, 12);
        var tiny = new XFont(family, 10);
        var grid = new XPen(XColor.FromArgb(0xd5, 0xda, 0xd7), 1);
        var axis = new XPen(XColor.FromArgb(0x3d, 0x45, 0x41), 1);
        var muted = new XSolidBrush(XColor.FromArgb(0x5b, 0x66, 0x61));
        foreach (var t in chart.Ticks)
        {
            g.DrawLine(grid, MeansChart.PlotLeft, t.Y, MeansChart.PlotRight, t.Y);
            g.DrawString(t.Value.ToString("N" + chart.TickDecimals.ToString(CultureInfo.InvariantCulture), culture), small, XBrushes.Black,
                MeansChart.PlotLeft - 4, t.Y + 4, XStringFormats.BaseLineRight);
        }
        g.DrawLine(axis, MeansChart.PlotLeft, MeansChart.PlotTop, MeansChart.PlotLeft, MeansChart.PlotBottom);
        g.DrawLine(axis, MeansChart.PlotLeft, MeansChart.PlotBottom, MeansChart.PlotRight, MeansChart.PlotBottom);
        var middle = (MeansChart.PlotTop + MeansChart.PlotBottom) / 2;
        var rotated = g.Save();
        g.RotateAtTransform(-90, new XPoint(12, middle));
        g.DrawString(Short(labels.ValueAxis, 34), small, XBrushes.Black, 12, middle, XStringFormats.BaseLineCenter);
        g.Restore(rotated);
        foreach (var w in chart.Waves)
        {
            g.DrawString(Short(w.Name, 18), normal, XBrushes.Black, w.X, MeansChart.PlotBottom + 16, XStringFormats.BaseLineCenter);
            g.DrawString(Display.Date(w.Date), tiny, muted, w.X, MeansChart.PlotBottom + 30, XStringFormats.BaseLineCenter);
        }
        g.DrawString(labels.WaveAxis, small, XBrushes.Black, (MeansChart.PlotLeft + MeansChart.PlotRight) / 2, MeansChart.PlotBottom + 46,
            XStringFormats.BaseLineCenter);

        var legendX = 20.0;
        foreach (var s in chart.Series)
        {
            var colour = s.Treated ? XColor.FromArgb(0x2f, 0x6b, 0x3b) : XColor.FromArgb(0x1c, 0x4e, 0x80);
            var pen = new XPen(colour, 2.5) { DashStyle = s.Treated ? XDashStyle.Solid : XDashStyle.Dash };
            var marker = new XPen(colour, 2);
            var fill = s.Treated ? new XSolidBrush(colour) : XBrushes.White;
            var brush = new XSolidBrush(colour);
            if (s.Points.Count > 1)
            {
                g.DrawLines(pen, [.. s.Points.Select(p => new XPoint(p.X, p.Y))]);
            }
            foreach (var p in s.Points)
            {
                var other = chart.Series.First(o => o.Treated != s.Treated).Points.FirstOrDefault(o => o.Wave == p.Wave);
                var above = other is null || p.Mean >= other.Mean;
                g.DrawEllipse(marker, fill, p.X - 4.5, p.Y - 4.5, 9, 9);
                g.DrawString(p.Mean.ToString("N2", culture), small, brush, p.X, above ? p.Y - 9 : p.Y + 18, XStringFormats.BaseLineCenter);
            }
            var legendY = MeansChart.Height - 8;
            g.DrawLine(pen, legendX, legendY - 4, legendX + 22, legendY - 4);
            g.DrawEllipse(marker, fill, legendX + 7.5, legendY - 7.5, 7, 7);
            g.DrawString(Short(s.Treated ? labels.Treated : labels.Comparison, 28), small, XBrushes.Black, legendX + 28, legendY, XStringFormats.BaseLineLeft);
            legendX += 170;
        }
        g.Restore(state);
    }

    private static string Short(string label, int most) => label.Length > most ? label[..(most - 1)] + "…" : label;
}
