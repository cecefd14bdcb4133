using Contests.Web.Features.Exports;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Contests.Web.Tests.Exports;

/// <summary>
/// The XLSX writer alone (no database, no HTTP): the sheet XML it writes by hand must be a workbook the Open XML SDK
/// opens and its schema validator accepts, with each kind of value where a spreadsheet expects it.
/// </summary>
public sealed class XlsxWriterTests
{
    private static readonly DateTime Registered = new(2026, 3, 14, 9, 30, 0, DateTimeKind.Unspecified);

    private static async IAsyncEnumerable<object?[]> Rows()
    {
        yield return [" Juana Quispe ", "=1+1", 600.50m, new DateOnly(2026, 3, 14), Registered, 7, null];
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Sheet_IsValid_KeepsSpacesAtTheEndsOfText_AndWritesEachKindOfValue()
    {
        ExportColumn[] columns =
        [
            new("participante", ColumnKind.Text), new("nota", ColumnKind.Text), new("premio", ColumnKind.Money), new("fecha", ColumnKind.Date),
            new("inscrito", ColumnKind.DateTime), new("personas", ColumnKind.Whole), new("vacio", ColumnKind.Text),
        ];
        using var file = new MemoryStream();
        var rows = await XlsxExport.WriteAsync(file, [new ExportTable("participantes", columns, Rows())], CancellationToken.None);
        Assert.Equal(1, rows);

        using var document = SpreadsheetDocument.Open(new MemoryStream(file.ToArray()), false);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document).Select(e => e.Description));
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.Equal(PaneStateValues.Frozen, sheet.Descendants<Pane>().Single().State!.Value);
        var lines = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
        Assert.Equal(["participante", "nota", "premio", "fecha", "inscrito", "personas", "vacio"], lines[0].Select(c => c.InlineString!.InnerText));
        Assert.All(lines[0], c => Assert.Equal(4U, c.StyleIndex!.Value));

        var cells = lines[1];
        Assert.Equal(7, cells.Count);
        var name = cells[0].InlineString!.GetFirstChild<Text>()!;
        Assert.Equal(" Juana Quispe ", name.Text);
        Assert.Equal(SpaceProcessingModeValues.Preserve, name.Space?.Value);
        Assert.Equal(CellValues.InlineString, cells[1].DataType!.Value);
        Assert.Equal("'=1+1", cells[1].InlineString!.InnerText);
        Assert.Equal(("600.50", 1U), (cells[2].CellValue!.Text, cells[2].StyleIndex!.Value));
        Assert.Equal(new DateOnly(2026, 3, 14), DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(cells[3].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(2U, cells[3].StyleIndex!.Value);
        Assert.Equal(Registered, DateTime.FromOADate(double.Parse(cells[4].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(3U, cells[4].StyleIndex!.Value);
        Assert.Equal(("7", null), (cells[5].CellValue!.Text, cells[5].StyleIndex?.Value));
        Assert.Null(cells[6].CellValue);
        Assert.Null(cells[6].InlineString);
    }
}
