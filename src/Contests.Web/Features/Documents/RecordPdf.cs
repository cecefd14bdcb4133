using System.Globalization;
using Contests.Core.Auditing;
using Contests.Web.Infrastructure.Pdf;

namespace Contests.Web.Features.Documents;

/// <summary>A table printed in a record: its title, columns and rows (cells already formatted).</summary>
public sealed record PrintedTable(string? Title, IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, bool TotalsRow = false);

/// <summary>A section of a record: a heading, paragraphs, then tables.</summary>
public sealed record PrintedSection(string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<PrintedTable> Tables);

/// <summary>
/// An acta or a results list as printed: title, subtitle lines, sections, the signatures, and the number with the QR
/// code of its verification page. The text comes already in Spanish (<see cref="OfficialDocuments"/> builds it).
/// </summary>
public sealed record PrintedRecord(string Title, IReadOnlyList<string> Subtitle, IReadOnlyList<PrintedSection> Sections,
    IReadOnlyList<(string Name, string Role)> Signers, string Number, string Code, string VerifyUrl, DateTime IssuedLima)
{
    /// <summary>The audit chain's head when it was issued (<see cref="AuditAnchorText"/>); printed under the verification code.</summary>
    public AuditAnchor? Anchor { get; init; }
}

/// <summary>Renders an acta or a results list: A4 portrait, tables that continue on the next page with their header, "Página i de N".</summary>
public static class RecordPdf
{
    public static byte[] Render(PrintedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var pdf = new PdfLayout(new PdfLayoutOptions
        {
            Title = $"{record.Title} ({record.Number})", FontFamily = PdfFonts.Serif, FontSize = 10.5, CreationDate = record.IssuedLima,
            ModificationDate = record.IssuedLima, PageLabel = (i, n) => string.Create(CultureInfo.InvariantCulture, $"{record.Number} · Página {i} de {n}"),
        });
        pdf.Paragraph(record.Title, new TextStyle(Size: 16, Bold: true, Align: TextAlign.Center, SpaceAfter: 4));
        foreach (var line in record.Subtitle)
        {
            pdf.Paragraph(line, new TextStyle(Size: 10.5, Align: TextAlign.Center, SpaceAfter: 2));
        }
        pdf.Spacer(10);
        foreach (var section in record.Sections)
        {
            if (section.Heading.Length > 0)
            {
                pdf.Heading(section.Heading, 2);
            }
            foreach (var paragraph in section.Paragraphs)
            {
                pdf.Paragraph(paragraph, new TextStyle(Align: TextAlign.Justify));
            }
            foreach (var table in section.Tables)
            {
                if (table.Title is not null)
                {
                    pdf.Heading(table.Title, 3);
                }
                pdf.Table(table.Columns, table.Rows, new TableOptions { FontSize = 9.5, BoldLastRow = table.TotalsRow });
            }
        }
        if (record.Signers.Count > 0)
        {
            pdf.Spacer(12);
            pdf.SignatureBlock(record.Signers);
        }
        pdf.Spacer(8);
        pdf.EnsureSpace(80);
        var top = pdf.CurrentY;
        pdf.DrawQrAt(record.VerifyUrl, pdf.ContentLeft, top, 72);
        var small = new TextStyle(Size: 8.5);
        var y = pdf.DrawTextAt($"Documento N.° {record.Number}. Verifique su validez escaneando el código QR o en:", pdf.ContentLeft + 78, top + 14, pdf.ContentWidth - 78, small);
        y = pdf.DrawTextAt(record.VerifyUrl, pdf.ContentLeft + 78, y, pdf.ContentWidth - 78, small with { Bold = true });
        y = pdf.DrawTextAt($"Código de verificación: {CertificatePdf.Grouped(record.Code)}", pdf.ContentLeft + 78, y + 2, pdf.ContentWidth - 78, small);
        if (record.Anchor is not null)
        {
            pdf.DrawTextAt(AuditAnchorText.Of(record.Anchor), pdf.ContentLeft + 78, y + 2, pdf.ContentWidth - 78, small);
        }
        pdf.CurrentY = top + 76;
        return pdf.ToBytes();
    }
}
