using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Web.Infrastructure.Pdf;

namespace Contests.Web.Features.Monitoring;

/// <summary>The words of the printed logframe, in the reader's language (the controller localizes them).</summary>
public sealed record LogframeLabels(string Title, string Subtitle, string Indicator, string Target, string Executed, string Progress,
    string Cumulative, Func<LogframeIndicator, string> Name, Func<LogframeIndicator, decimal, string> Value, string Printed);

/// <summary>The logframe report as a PDF (A4 portrait, the shared <see cref="PdfLayout"/>): the programme's header, then one table.</summary>
public static class LogframePdf
{
    public static byte[] Render(LogframeReport report, LogframeLabels labels, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(labels);
        var lima = LimaTime.FromUtc(nowUtc);
        using var pdf = new PdfLayout(new PdfLayoutOptions
        {
            Title = labels.Title, FontFamily = PdfFonts.Serif, FontSize = 10.5, CreationDate = lima, ModificationDate = lima,
            PageLabel = (i, n) => string.Create(CultureInfo.InvariantCulture, $"{i} / {n}"),
        });
        if (report.ProgrammeName.Length > 0)
        {
            pdf.Paragraph(report.ProgrammeName, new TextStyle(Size: 12, Bold: true, Align: TextAlign.Center, SpaceAfter: 2));
        }
        if (report.Funder.Length > 0)
        {
            pdf.Paragraph(report.Funder, new TextStyle(Size: 10.5, Align: TextAlign.Center, SpaceAfter: 6));
        }
        pdf.Paragraph(labels.Title, new TextStyle(Size: 16, Bold: true, Align: TextAlign.Center, SpaceAfter: 4));
        pdf.Paragraph(labels.Subtitle, new TextStyle(Size: 10.5, Align: TextAlign.Center, SpaceAfter: 8));
        string Pct(decimal? p) => p is { } x ? (x * 100).ToString("0.##", CultureInfo.CurrentCulture) + " %" : "—";
        string Val(LogframeIndicator i, decimal? v) => v is { } x ? labels.Value(i, x) : "—";
        pdf.Table(
            [
                new TableColumn(labels.Indicator, 3.2), new TableColumn(labels.Target, 1.3, CellAlign.Right), new TableColumn(labels.Executed, 1.3, CellAlign.Right),
                new TableColumn(labels.Progress, 0.9, CellAlign.Right), new TableColumn(labels.Cumulative + " " + labels.Target, 1.3, CellAlign.Right),
                new TableColumn(labels.Cumulative + " " + labels.Executed, 1.3, CellAlign.Right), new TableColumn(labels.Cumulative + " " + labels.Progress, 0.9, CellAlign.Right),
            ],
            report.Lines.Select(l => (IReadOnlyList<string>)new[]
            {
                labels.Name(l.Indicator), Val(l.Indicator, l.Target), Val(l.Indicator, l.Executed), Pct(l.Progress),
                Val(l.Indicator, l.CumulativeTarget), Val(l.Indicator, l.CumulativeExecuted), Pct(l.CumulativeProgress),
            }),
            new TableOptions { FontSize = 9 });
        pdf.Spacer(8);
        pdf.Paragraph(labels.Printed, new TextStyle(Size: 8.5));
        return pdf.ToBytes();
    }
}
