using System.Globalization;
using System.IO.Compression;
using System.Text;
using Contests.Core.Common;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Text = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace Contests.Web.Features.Exports;

/// <summary>
/// Writes tables as an XLSX workbook, one sheet per table, row by row as the rows arrive: the package is a zip written
/// forwards (<see cref="ZipArchive"/> in create mode needs no seeking), each sheet's XML is written by the Open XML SDK's
/// <see cref="OpenXmlWriter"/> (SAX-style: no element tree is built) and handed to the response every
/// <see cref="ExportBufferStream.Threshold"/> bytes. Text goes in inline strings (no shared-string table to keep in memory),
/// defused when it looks like a formula; money is a number with two decimals shown (<c>#,##0.00</c>), dates are dates.
/// The small parts (content types, relationships, workbook, styles) are fixed text.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    // Cell formats of styles.xml: 0 general, 1 money (#,##0.00), 2 date (built-in 14), 3 date and time (22), 4 bold header.
    private const uint MoneyStyle = 1, DateStyle = 2, DateTimeStyle = 3, HeaderStyle = 4;

    private static readonly DateTime Epoch = new(1899, 12, 30, 0, 0, 0, DateTimeKind.Unspecified);

    private static readonly string Styles = $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="{MainNs}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """;

    public static async Task<int> WriteAsync(Stream output, IReadOnlyList<ExportTable> tables, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(tables);
        var names = SheetNames(tables);
        var rows = 0;
        await using var sink = new ExportBufferStream(output);
        using (var zip = new ZipArchive(sink, ZipArchiveMode.Create, leaveOpen: true))
        {
            Fixed(zip, "[Content_Types].xml", ContentTypes(tables.Count));
            Fixed(zip, "_rels/.rels", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RelNs}/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Fixed(zip, "xl/workbook.xml", Workbook(names));
            Fixed(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships(tables.Count));
            Fixed(zip, "xl/styles.xml", Styles);
            for (var i = 0; i < tables.Count; i++)
            {
                var entry = zip.CreateEntry(string.Create(CultureInfo.InvariantCulture, $"xl/worksheets/sheet{i + 1}.xml"), CompressionLevel.Fastest);
                await using var part = entry.Open();
                rows += await WriteSheetAsync(part, sink, tables[i], ct);
            }
        }
        await sink.DrainAsync(true, ct);
        return rows;
    }

    private static async Task<int> WriteSheetAsync(Stream part, ExportBufferStream sink, ExportTable table, CancellationToken ct)
    {
        using var xml = OpenXmlWriter.Create(part, new UTF8Encoding(false));
        var (row, cell, value, inline, text) = (new Row(), new Cell(), new CellValue(), new InlineString(), new Text());
        OpenXmlAttribute[] inlineType = [new("t", string.Empty, "inlineStr")];
        OpenXmlAttribute[][] styled =
        [
            [], [new("s", string.Empty, "1")], [new("s", string.Empty, "2")], [new("s", string.Empty, "3")], [new("s", string.Empty, "4")],
        ];
        OpenXmlAttribute[] headerText = [new("t", string.Empty, "inlineStr"), new("s", string.Empty, "4")];

        xml.WriteStartDocument(true);
        xml.WriteStartElement(new Worksheet());
        // The header row stays in view while scrolling.
        xml.WriteElement(new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        }) { WorkbookViewId = 0U }));
        xml.WriteStartElement(new SheetData());

        xml.WriteStartElement(row);
        foreach (var column in table.Columns)
        {
            xml.WriteStartElement(cell, headerText);
            WriteInline(xml, inline, text, column.Name);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        var count = 0;
        await foreach (var values in table.Rows.WithCancellation(ct))
        {
            xml.WriteStartElement(row);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var kind = table.Columns[i].Kind;
                switch (i < values.Length ? values[i] : null)
                {
                    case null:
                        xml.WriteStartElement(cell);
                        xml.WriteEndElement();
                        break;
                    case string s:
                        xml.WriteStartElement(cell, inlineType);
                        WriteInline(xml, inline, text, SpreadsheetText.Defuse(s));
                        xml.WriteEndElement();
                        break;
                    case int n:
                        WriteNumber(xml, cell, value, styled[0], n.ToString(CultureInfo.InvariantCulture));
                        break;
                    case decimal d:
                        WriteNumber(xml, cell, value, styled[kind == ColumnKind.Money ? MoneyStyle : 0], d.ToString(CultureInfo.InvariantCulture));
                        break;
                    case DateOnly date:
                        WriteNumber(xml, cell, value, styled[DateStyle], (date.DayNumber - DateOnly.FromDateTime(Epoch).DayNumber).ToString(CultureInfo.InvariantCulture));
                        break;
                    case DateTime time:
                        WriteNumber(xml, cell, value, styled[kind == ColumnKind.Date ? DateStyle : DateTimeStyle],
                            (time - Epoch).TotalDays.ToString("0.##########", CultureInfo.InvariantCulture));
                        break;
                    case var other:
                        xml.WriteStartElement(cell, inlineType);
                        WriteInline(xml, inline, text, SpreadsheetText.Defuse(Convert.ToString(other, CultureInfo.InvariantCulture)));
                        xml.WriteEndElement();
                        break;
                }
            }
            xml.WriteEndElement();
            count++;
            if (sink.Pending >= ExportBufferStream.Threshold)
            {
                await sink.DrainAsync(false, ct);
            }
        }
        xml.WriteEndElement(); // sheetData
        xml.WriteEndElement(); // worksheet
        return count;
    }

    private static void WriteNumber(OpenXmlWriter xml, Cell cell, CellValue value, OpenXmlAttribute[] style, string number)
    {
        xml.WriteStartElement(cell, style);
        xml.WriteStartElement(value);
        xml.WriteString(number);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteInline(OpenXmlWriter xml, InlineString inline, Text text, string value)
    {
        xml.WriteStartElement(inline);
        xml.WriteStartElement(text);
        xml.WriteString(XmlSafe(value));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>XML 1.0 can't hold most control characters: they become spaces rather than a broken file.</summary>
    private static string XmlSafe(string value)
    {
        foreach (var c in value)
        {
            if (c < ' ' && c is not '\t' and not '\n' and not '\r' || c is '\uFFFE' or '\uFFFF')
            {
                return string.Create(value.Length, value, (span, v) =>
                {
                    for (var i = 0; i < v.Length; i++)
                    {
                        span[i] = v[i] < ' ' && v[i] is not '\t' and not '\n' and not '\r' || v[i] is '\uFFFE' or '\uFFFF' ? ' ' : v[i];
                    }
                });
            }
        }
        return value;
    }

    /// <summary>Sheet names as Excel allows them: at most 31 characters, none of <c>[]:*?/\</c>, each different.</summary>
    private static List<string> SheetNames(IReadOnlyList<ExportTable> tables)
    {
        var names = new List<string>();
        foreach (var table in tables)
        {
            var name = new string(table.Name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '_' : c).ToArray());
            name = name.Length > 31 ? name[..31] : name;
            var unique = name;
            for (var n = 2; names.Contains(unique, StringComparer.OrdinalIgnoreCase); n++)
            {
                var suffix = string.Create(CultureInfo.InvariantCulture, $"_{n}");
                unique = (name.Length + suffix.Length > 31 ? name[..(31 - suffix.Length)] : name) + suffix;
            }
            names.Add(unique);
        }
        return names;
    }

    private static void Fixed(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var stream = entry.Open();
        var bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes);
    }

    private static string ContentTypes(int sheets)
    {
        var text = new StringBuilder("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """);
        for (var i = 1; i <= sheets; i++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        }
        return text.Append("</Types>").ToString();
    }

    private static string Workbook(List<string> names)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="{MainNs}" xmlns:r="{RelNs}"><sheets>
            """);
        for (var i = 0; i < names.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"""<sheet name="{System.Security.SecurityElement.Escape(names[i])}" sheetId="{i + 1}" r:id="rId{i + 1}"/>""");
        }
        return text.Append("</sheets></workbook>").ToString();
    }

    private static string WorkbookRelationships(int sheets)
    {
        var text = new StringBuilder("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """);
        for (var i = 1; i <= sheets; i++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"""<Relationship Id="rId{i}" Type="{RelNs}/worksheet" Target="worksheets/sheet{i}.xml"/>""");
        }
        text.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{sheets + 1}" Type="{RelNs}/styles" Target="styles.xml"/>""");
        return text.Append("</Relationships>").ToString();
    }
}
