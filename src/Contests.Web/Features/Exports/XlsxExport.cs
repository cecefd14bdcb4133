using System.Globalization;
using System.IO.Compression;
using System.Text;
using Contests.Core.Common;
using System.Xml;

namespace Contests.Web.Features.Exports;

/// <summary>
/// Writes tables as an XLSX workbook, one sheet per table, row by row as the rows arrive: the package is a zip written
/// forwards (<see cref="ZipArchive"/> in create mode needs no seeking), each sheet's XML is written forwards by an
/// <see cref="XmlWriter"/> (no element tree is built) and handed to the response every
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
    private const string MoneyStyle = "1", DateStyle = "2", DateTimeStyle = "3", HeaderStyle = "4";

    // The sheet's XML is written with the framework's XmlWriter, which the app has loaded anyway: the Open XML SDK's
    // OpenXmlWriter did the same work through its schema classes, a 3 MB assembly mapped and its code compiled in the
    // server's memory for every export (tests/Contests.Benchmarks/README.md, exports).
    private static readonly XmlWriterSettings SheetSettings = new()
    {
        Encoding = new UTF8Encoding(false), CloseOutput = false,
    };

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
        using var xml = XmlWriter.Create(part, SheetSettings);
        xml.WriteStartDocument(true);
        xml.WriteStartElement("worksheet", MainNs);
        // The header row stays in view while scrolling.
        xml.WriteStartElement("sheetViews");
        xml.WriteStartElement("sheetView");
        xml.WriteAttributeString("workbookViewId", "0");
        xml.WriteStartElement("pane");
        xml.WriteAttributeString("ySplit", "1");
        xml.WriteAttributeString("topLeftCell", "A2");
        xml.WriteAttributeString("activePane", "bottomLeft");
        xml.WriteAttributeString("state", "frozen");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("sheetData");

        xml.WriteStartElement("row");
        foreach (var column in table.Columns)
        {
            WriteText(xml, column.Name, HeaderStyle);
        }
        xml.WriteEndElement();

        var count = 0;
        await foreach (var values in table.Rows.WithCancellation(ct))
        {
            xml.WriteStartElement("row");
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var kind = table.Columns[i].Kind;
                switch (i < values.Length ? values[i] : null)
                {
                    case null:
                        xml.WriteStartElement("c");
                        xml.WriteEndElement();
                        break;
                    case string s:
                        WriteText(xml, SpreadsheetText.Defuse(s), null);
                        break;
                    case int n:
                        WriteNumber(xml, null, n.ToString(CultureInfo.InvariantCulture));
                        break;
                    case decimal d:
                        WriteNumber(xml, kind == ColumnKind.Money ? MoneyStyle : null, d.ToString(CultureInfo.InvariantCulture));
                        break;
                    case DateOnly date:
                        WriteNumber(xml, DateStyle, (date.DayNumber - DateOnly.FromDateTime(Epoch).DayNumber).ToString(CultureInfo.InvariantCulture));
                        break;
                    case DateTime time:
                        WriteNumber(xml, kind == ColumnKind.Date ? DateStyle : DateTimeStyle,
                            (time - Epoch).TotalDays.ToString("0.##########", CultureInfo.InvariantCulture));
                        break;
                    case var other:
                        WriteText(xml, SpreadsheetText.Defuse(Convert.ToString(other, CultureInfo.InvariantCulture)), null);
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
        xml.WriteEndDocument();
        return count;
    }

    /// <summary><c>&lt;c s="1"&gt;&lt;v&gt;1234.5&lt;/v&gt;&lt;/c&gt;</c>: a number, with a style (money, date) or without.</summary>
    private static void WriteNumber(XmlWriter xml, string? style, string number)
    {
        xml.WriteStartElement("c");
        if (style is not null)
        {
            xml.WriteAttributeString("s", style);
        }
        xml.WriteElementString("v", number);
        xml.WriteEndElement();
    }

    /// <summary><c>&lt;c t="inlineStr"&gt;&lt;is&gt;&lt;t&gt;text&lt;/t&gt;&lt;/is&gt;&lt;/c&gt;</c>: text kept in the cell, spaces at its ends too.</summary>
    private static void WriteText(XmlWriter xml, string value, string? style)
    {
        xml.WriteStartElement("c");
        xml.WriteAttributeString("t", "inlineStr");
        if (style is not null)
        {
            xml.WriteAttributeString("s", style);
        }
        xml.WriteStartElement("is");
        xml.WriteStartElement("t");
        var safe = XmlSafe(value);
        if (safe.Length > 0 && (char.IsWhiteSpace(safe[0]) || char.IsWhiteSpace(safe[^1])))
        {
            xml.WriteAttributeString("xml", "space", null, "preserve");
        }
        xml.WriteString(safe);
        xml.WriteEndElement();
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
