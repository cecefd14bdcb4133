using System.Text;
using System.Text.RegularExpressions;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Registry.ImportKit;

namespace Contests.Web.Tests.Registry;

/// <summary>
/// What an import does with files that are not what they should be: cells a spreadsheet would run as formulas,
/// UTF-16 text, files that are not text, a header without rows, and files where every row is wrong.
/// </summary>
public abstract partial class ImportFileTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    /// <summary>The problem report the page offers for download (a data: link), as its lines.</summary>
    private static string[] Report(string html)
    {
        var link = ReportLink().Match(html);
        Assert.True(link.Success, "The page has no downloadable report.");
        return Encoding.UTF8.GetString(Convert.FromBase64String(link.Groups[1].Value)).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The refusal's headline: its data-code and its text.</summary>
    private static (string Code, string Text) Headline(string html)
    {
        var headline = HeadlinePattern().Match(html);
        Assert.True(headline.Success, "The page has no refusal headline.");
        return (headline.Groups[1].Value, PageText(headline.Groups[2].Value).Trim());
    }

    [Fact]
    public async Task ProblemReport_DefusesCellsThatStartLikeAFormula_AsTheBankFileDoes()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var csv = HouseholdsHeader + ",\"=HYPERLINK(\"\"http://example.org/x\"\",\"\"clic\"\")\",@SUM(A1:A9),+51 983,-2+3\r\n"
            + string.Join(",", HouseholdLine("41234567")) + ",a,b,c,d\r\n";

        var (html, problems) = await RefusedAsync(officer, ImportKind.Households, Utf8(csv));

        Assert.Equal(["+51 983", "-2+3", "=HYPERLINK(\"http://example.org/x\",\"clic\")", "@SUM(A1:A9)"], problems.Select(p => p.Column));
        var report = Report(html);
        Assert.Equal("fila,columna,problema", report[0]);
        Assert.Equal(
            ["1,'+51 983,", "1,'-2+3,", "1,\"'=HYPERLINK(\"\"http://example.org/x\"\",\"\"clic\"\")\",", "1,'@SUM(A1:A9),"],
            report.Skip(1).Select(line => line[..(line.IndexOf(",\"La columna", StringComparison.Ordinal) + 1)]));
        Assert.Equal(0, (await CountsAsync(App)).Households);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Utf16File_WithItsByteOrderMark_IsReadAsText_AndImports(bool bigEndian)
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var csv = HouseholdsCsv(HouseholdLine("41234567", firstNames: "Ángela Úrsula", lastNames: "Ñaupari Huamán"));

        await ImportedAsync(officer, ImportKind.Households, [.. encoding.GetPreamble(), .. encoding.GetBytes(csv)], "excel-unicode.csv");

        var household = await QueryAsync(App, db => db.Households.AsNoTracking().SingleAsync());
        Assert.Equal(("41234567", "Ángela Úrsula", "Ñaupari Huamán"), (household.HeadDni, household.HeadFirstNames, household.HeadLastNames));
    }

    [Fact]
    public async Task BinaryFile_SaysItIsNotACsvTextFile_NotRowsOfZero_AndWritesNothing()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        // The start of an .xlsx (a ZIP), with its NUL bytes, and some more binary.
        byte[] xlsx = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, .. Enumerable.Range(0, 4_000).Select(i => (byte)(i * 37))];

        var (html, problems) = await RefusedAsync(officer, ImportKind.Households, xlsx, "familias.xlsx");

        var (code, text) = Headline(html);
        Assert.Equal("Import.NotText", code);
        Assert.StartsWith("No se importó nada de «familias.xlsx»: El archivo no es un archivo de texto CSV", text, StringComparison.Ordinal);
        Assert.DoesNotContain("de 0 filas", PageText(html), StringComparison.Ordinal);
        Assert.Single(problems);
        Assert.Equal(0, (await CountsAsync(App)).Imports);
    }

    [Fact]
    public async Task HeaderOnly_SaysTheFileHasNoRows_NotOneOfZeroRows()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var (html, _) = await RefusedAsync(officer, ImportKind.Households, Utf8(HouseholdsHeader + "\r\n"), "familias.csv");

        Assert.Equal(("Import.Empty", "No se importó nada de «familias.csv»: El archivo no tiene filas de datos debajo del encabezado."), Headline(html));
        Assert.DoesNotContain("de 0 filas", PageText(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryRowWrong_KeepsTheFirstProblems_CountsAll_AndWritesNothing()
    {
        await SeedTerritoryAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        const int rows = ImportProblems.MaxKept + 5_000;
        var file = Utf8(HouseholdsCsv([.. Enumerable.Range(0, rows).Select(i =>
        {
            var line = GeneratedHousehold(i);
            line[4] = "1234567"; // every head's DNI one digit short
            return line;
        })]));

        using (var scope = App.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs(TestUsers.Officer);
            var result = await scope.ServiceProvider.GetRequiredService<RegistryImporter>()
                .ImportAsync(ImportKind.Households, new MemoryStream(file), "familias.csv", null, null, CancellationToken.None);

            Assert.False(result.Succeeded);
            Assert.Equal((rows, ImportProblems.MaxKept, rows, rows), (result.Rows, result.Problems.Count, result.ProblemCount, result.RowsWithProblems));
            Assert.Equal(Enumerable.Range(2, ImportProblems.MaxKept), result.Problems.Select(p => p.Row));
        }

        var (html, problems) = await RefusedAsync(officer, ImportKind.Households, file, "familias.csv");

        Assert.Equal(("Import.Refused", $"No se importó nada: 25,000 de 25,000 filas de «familias.csv» tienen problemas. Corríjalas y vuelva a subir el archivo completo."),
            Headline(html));
        Assert.Equal(500, problems.Count);
        Assert.Contains("El archivo descargable trae los primeros 20,000 de 25,000 problemas", PageText(html), StringComparison.Ordinal);
        Assert.Equal(ImportProblems.MaxKept + 1, Report(html).Length);
        Assert.Equal(0, (await CountsAsync(App)).Households);
    }

    [GeneratedRegex("href=\"data:text/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ReportLink();

    [GeneratedRegex("<p class=\"flash error\" role=\"alert\" id=\"import-refused\" data-code=\"([^\"]+)\">(.*?)</p>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex HeadlinePattern();
}

public sealed class ImportFileTestsOnSqlite(SqliteApp app) : ImportFileTests<SqliteApp>(app);

public sealed class ImportFileTestsOnPostgres(PostgresApp app) : ImportFileTests<PostgresApp>(app);
