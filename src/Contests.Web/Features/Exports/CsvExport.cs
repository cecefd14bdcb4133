using System.Globalization;
using System.Text;
using Contests.Core.Common;

namespace Contests.Web.Features.Exports;

/// <summary>
/// Writes one table as CSV, row by row as the rows arrive: UTF-8 with a byte-order mark (Excel takes the file for
/// UTF-8 only with it: Quechua names and Ñ survive), CRLF, comma-separated, fields quoted when they hold a comma, a
/// quote or a line break (RFC 4180). Numbers with a decimal point and no thousands separator, dates ISO
/// (<c>2026-12-07</c>, times <c>2026-12-07 14:30</c> in Lima): what a Windows with the Spanish (Peru) regional format
/// reads as numbers and dates when the file is double-clicked (its decimal symbol is the point and its list separator
/// the comma). Text that looks like a formula is defused (<see cref="SpreadsheetText"/>).
/// </summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static async Task<int> WriteAsync(Stream output, ExportTable table, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(table);
        await using var sink = new ExportBufferStream(output);
        await using var writer = new StreamWriter(sink, new UTF8Encoding(false), 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        writer.Write('\uFEFF');
        writer.WriteLine(string.Join(',', table.Columns.Select(c => c.Name)));
        var rows = 0;
        var line = new StringBuilder(256);
        await foreach (var row in table.Rows.WithCancellation(ct))
        {
            line.Clear();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }
                Append(line, table.Columns[i].Kind, i < row.Length ? row[i] : null);
            }
            line.Append("\r\n");
            writer.Write(line);
            rows++;
            if (sink.Pending >= ExportBufferStream.Threshold)
            {
                await sink.DrainAsync(false, ct);
            }
        }
        await writer.FlushAsync(ct);
        await sink.DrainAsync(true, ct);
        return rows;
    }

    private static void Append(StringBuilder line, ColumnKind kind, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                AppendText(line, SpreadsheetText.Defuse(text));
                return;
            case int number:
                line.Append(number.ToString(CultureInfo.InvariantCulture));
                return;
            case decimal number:
                line.Append(kind == ColumnKind.Money ? number.ToString("0.00", CultureInfo.InvariantCulture) : number.ToString(CultureInfo.InvariantCulture));
                return;
            case DateOnly date:
                line.Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return;
            case DateTime time:
                line.Append(time.ToString(kind == ColumnKind.Date ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                return;
            default:
                AppendText(line, SpreadsheetText.Defuse(Convert.ToString(value, CultureInfo.InvariantCulture)));
                return;
        }
    }

    private static void AppendText(StringBuilder line, string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(text);
            return;
        }
        line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
