using System.Globalization;
using System.Net;
using System.Text;
using Contests.Core.Monitoring;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Monitoring;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Exports;

/// <summary>The exports (/exports/{kind}.{csv|xlsx}) over <see cref="MonitoringData.SeedAsync"/>, read back as a spreadsheet would.</summary>
public abstract class ExportTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private async Task<T> ReadAsync<T>(Func<ContestsDbContext, Task<T>> read)
    {
        using var scope = App.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<ContestsDbContext>());
    }

    private async Task<(JudgingRound Round, string JuanasName, string JuanasDni)> SeedAsync()
    {
        var round = await MonitoringData.SeedAsync(App);
        var name = await ReadAsync(db => db.Entries.Where(e => e.Id == round.Entry(1)).Select(e => e.CompetitorName).SingleAsync());
        var dni = await ReadAsync(db => db.Households.Where(h => h.Id == round.World.Juana).Select(h => h.HeadDni).SingleAsync());
        return (round, name, dni);
    }

    private static async Task<byte[]> DownloadAsync(AppClient client, string url, string contentType)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(contentType, response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? string.Empty, StringComparison.Ordinal);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>A sheet's rows as cells, read with the Open XML SDK (the file must be a valid package to open).</summary>
    private static List<List<Cell>> Sheet(byte[] xlsx, string name)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().SingleOrDefault(s => s.Name == name);
        Assert.True(sheet is not null, $"no sheet {name}: {string.Join(", ", workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name?.Value))}");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => (Cell)c.CloneNode(true)).ToList()).ToList();
    }

    private static string? Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text;

    private static bool IsNumber(Cell cell) => cell.DataType is null && cell.CellValue is not null;

    private static decimal Number(Cell cell)
    {
        Assert.True(IsNumber(cell), $"not a number: {cell.OuterXml}");
        return decimal.Parse(cell.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static List<string?> Header(List<List<Cell>> rows) => rows[0].Select(Text).ToList();

    private static List<Cell> RowWhere(List<List<Cell>> rows, string column, string value)
    {
        var i = Header(rows).IndexOf(column);
        Assert.True(i >= 0, $"no column {column}");
        return rows.Skip(1).Single(r => Text(r[i]) == value);
    }

    private static Cell At(List<List<Cell>> rows, List<Cell> row, string column) => row[Header(rows).IndexOf(column)];

    private static List<string[]> Csv(byte[] bytes)
    {
        Assert.True(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "no UTF-8 byte-order mark");
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var rows = new List<string[]>();
        var (field, row, quoted) = (new StringBuilder(), new List<string>(), false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && text[i + 1] == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); i++; }
            else { field.Append(c); }
        }
        return rows;
    }

    [Fact]
    public async Task ParticipantsXlsx_OneRowPerEntry_WithTheFactsFixedAtEntry_AndThePrizeAsANumber()
    {
        var (round, juana, dni) = await SeedAsync();
        using var client = await App.SignedInClientAsync(TestUsers.Monitoring);

        var rows = Sheet(await DownloadAsync(client, $"/exports/participants.xlsx?Round={round.Id}", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "participantes");

        Assert.Equal(6, rows.Count); // header + 5 entries
        Assert.Equal(["concurso_id", "concurso", "anio", "tema", "nivel", "inscripcion", "participante"], Header(rows).Take(7));
        Assert.DoesNotContain("dni_jefe", Header(rows)); // the Monitoring role sees DNIs masked: the file has none
        var row = RowWhere(rows, "participante", juana);
        Assert.Equal(1m, Number(At(rows, row, "inscripcion")));
        Assert.Equal(25m, Number(At(rows, row, "edad_al_inscribirse"))); // fixed at entry, though the registry now says born 1950
        Assert.Equal(4m, Number(At(rows, row, "personas")));
        Assert.Equal(600m, Number(At(rows, row, "premio")));
        Assert.Equal("1", At(rows, row, "premio").StyleIndex?.Value.ToString(CultureInfo.InvariantCulture)); // #,##0.00
        Assert.Equal(1m, Number(At(rows, row, "puesto")));
        Assert.DoesNotContain(rows.SelectMany(r => r), c => Text(c)?.Contains(dni, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ParticipantsCsv_HasTheDni_OnlyForRolesThatSeeItInFull()
    {
        var (round, juana, dni) = await SeedAsync();

        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var rows = Csv(await DownloadAsync(officer, $"/exports/participants.csv?Round={round.Id}", "text/csv"));
        Assert.Equal(6, rows.Count);
        var dniColumn = Array.IndexOf(rows[0], "dni_jefe");
        Assert.True(dniColumn > 0, "no dni_jefe column for an officer");
        Assert.Equal(dni, rows.Single(r => r[Array.IndexOf(rows[0], "participante")] == juana)[dniColumn]);
        Assert.Equal("600.00", rows.Single(r => r[Array.IndexOf(rows[0], "participante")] == juana)[Array.IndexOf(rows[0], "premio")]);

        foreach (var user in new[] { TestUsers.Auditor, TestUsers.Admin, TestUsers.Monitoring })
        {
            using var client = await App.SignedInClientAsync(user);
            var bytes = await DownloadAsync(client, $"/exports/participants.csv?Round={round.Id}", "text/csv");
            Assert.DoesNotContain("dni_jefe", Csv(bytes)[0]);
            Assert.DoesNotContain(dni, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TextThatLooksLikeAFormula_IsDefused_InCsvAndXlsx()
    {
        var (round, _, _) = await SeedAsync();
        var hostile = new[] { "=HYPERLINK(\"http://x.example\",\"clic\")", "+51 999", "-1+2", "@SUM(A1)", "\tTab", "\rCR" };
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
            for (var i = 0; i < 5; i++)
            {
                var (id, name) = (round.Entry(i + 1), hostile[i]);
                await db.Database.ExecuteSqlAsync($"UPDATE entries SET competitor_name = {name} WHERE id = {id}");
            }
            var visit = await db.FollowUpVisits.OrderBy(v => v.Id).Select(v => v.Id).FirstAsync();
            var notes = hostile[5];
            await db.Database.ExecuteSqlAsync($"UPDATE follow_up_visits SET notes = {notes} WHERE id = {visit}");
        }
        using var client = await App.SignedInClientAsync(TestUsers.Monitoring);

        var csv = Csv(await DownloadAsync(client, $"/exports/participants.csv?Round={round.Id}", "text/csv"));
        var names = csv.Skip(1).Select(r => r[Array.IndexOf(csv[0], "participante")]).ToList();
        Assert.Equal(hostile.Take(5).Select(h => "'" + h), names);

        var rows = Sheet(await DownloadAsync(client, $"/exports/participants.xlsx?Round={round.Id}", "application/vnd"), "participantes");
        Assert.Equal(hostile.Take(5).Select(h => "'" + h), rows.Skip(1).Select(r => Text(At(rows, r, "participante"))));

        var visits = Csv(await DownloadAsync(client, $"/exports/visits.csv?Round={round.Id}", "text/csv"));
        Assert.Contains("'\rCR", visits.Skip(1).Select(r => r[Array.IndexOf(visits[0], "observaciones")]));
    }

    [Fact]
    public async Task EveryExport_OpensInBothFormats_WithItsRows()
    {
        var (round, juana, _) = await SeedAsync();
        using var client = await App.SignedInClientAsync(TestUsers.Auditor);

        var awards = Sheet(await DownloadAsync(client, $"/exports/awards.xlsx?Round={round.Id}", "application/vnd"), "premios");
        var juanas = RowWhere(awards, "participante", juana);
        Assert.Equal(600m, Number(At(awards, juanas, "monto")));
        var source = Header(awards).Single(h => h!.StartsWith("fuente_", StringComparison.Ordinal))!;
        Assert.Equal(600m, Number(At(awards, juanas, source))); // the round's one source paid the whole prize
        Assert.Equal(1000m, awards.Skip(1).Sum(r => Number(At(awards, r, "monto"))));

        var visits = Sheet(await DownloadAsync(client, $"/exports/visits.xlsx?Round={round.Id}", "application/vnd"), "visitas");
        Assert.Equal(3, visits.Count);
        Assert.Equal(300m, Number(At(visits, RowWhere(visits, "participante", juana), "inversion_propia")));
        Assert.True(IsNumber(At(visits, RowWhere(visits, "participante", juana), "fecha_visita"))); // a date, not text

        var sheets = Sheet(await DownloadAsync(client, $"/exports/score-sheets.xlsx?Round={round.Id}", "application/vnd"), "fichas");
        Assert.True(sheets.Count > 5, "no score sheets");
        Assert.Contains("suma_puntos", Header(sheets));

        var payouts = Sheet(await DownloadAsync(client, $"/exports/payouts.xlsx?Round={round.Id}", "application/vnd"), "pagos");
        Assert.Equal("monto", Header(payouts)[8]);

        foreach (var kind in new[] { "score-sheets", "awards", "payouts", "visits" })
        {
            var csv = Csv(await DownloadAsync(client, $"/exports/{kind}.csv?Round={round.Id}", "text/csv"));
            Assert.Contains("concurso_id", csv[0]);
        }
    }

    [Fact]
    public async Task IndicatorsXlsx_HasASheetPerTable_WithThePagesFigures_AndACsvPerTable()
    {
        var (round, _, _) = await SeedAsync();
        using var client = await App.SignedInClientAsync(TestUsers.Monitoring);

        var xlsx = await DownloadAsync(client, $"/exports/indicators.xlsx?Round={round.Id}", "application/vnd");
        var summary = Sheet(xlsx, "resumen");
        Assert.Equal(["indicador", "valor"], Header(summary));
        Assert.Equal(1000m, Number(RowWhere(summary, "indicador", "monto_premiado")[1]));
        Assert.Equal(5m, Number(RowWhere(summary, "indicador", "hogares")[1]));
        Assert.Equal(0.6m, Number(RowWhere(summary, "indicador", "proporcion_top_10")[1]));
        var participation = Sheet(xlsx, "participacion");
        Assert.Equal(3m, Number(RowWhere(participation, "grupo", "mujeres")[1]));
        Assert.Equal(9m, Number(RowWhere(participation, "grupo", "mujeres")[2]));
        foreach (var table in new[] { "concursos_por_tema", "concursos_por_nivel", "monto_por_fuente", "monto_por_distrito", "monto_por_tema", "monto_por_anio", "resultados_por_tema", "concursos" })
        {
            Assert.NotEmpty(Sheet(xlsx, table));
        }

        var csv = Csv(await DownloadAsync(client, $"/exports/indicators.csv?Round={round.Id}&table=monto_por_fuente", "text/csv"));
        Assert.Equal(["fuente_id", "nombre", "monto", "premios"], csv[0]);
        Assert.Equal("1000.00", csv[1][2]);

        var empty = Sheet(await DownloadAsync(client, "/exports/indicators.xlsx?Year=2019", "application/vnd"), "resumen");
        Assert.Equal(0m, Number(RowWhere(empty, "indicador", "hogares")[1]));
    }

    [Theory]
    [InlineData("participants.xlsx?Year=abc", "Year")]
    [InlineData("participants.csv?District=12", "District")]
    [InlineData("visits.xlsx?Theme=Gold", "Theme")]
    [InlineData("awards.csv?Level=7", "Level")]
    [InlineData("payouts.xlsx?Round=-1", "Round")]
    [InlineData("indicators.csv?table=nope", "table")]
    public async Task BadFilterValue_IsA400WithAMessageOnItsField_AndNothingIsExported(string url, string field)
    {
        await SeedAsync();
        using var client = await App.SignedInClientAsync(TestUsers.Monitoring);

        var response = await client.GetAsync("/exports/" + url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(HtmlPage.ErrorOf(html, field)), $"no message on {field}");
        Assert.Contains("id=\"filter-errors\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await ReadAsync(db => db.DataExports.CountAsync()));
    }

    [Fact]
    public async Task EachExport_IsRecorded_WhoWhatWhen_AndAudited()
    {
        var (round, _, _) = await SeedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        using var auditor = await App.SignedInClientAsync(TestUsers.Auditor);

        await DownloadAsync(officer, $"/exports/participants.xlsx?Round={round.Id}", "application/vnd");
        await DownloadAsync(auditor, "/exports/indicators.csv?table=concursos", "text/csv");

        var exports = await ReadAsync(db => db.DataExports.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        var users = await ReadAsync(db => db.Users.Where(u => u.UserName == TestUsers.Officer || u.UserName == TestUsers.Auditor)
            .ToDictionaryAsync(u => u.UserName, u => u.Id));
        Assert.Equal(2, exports.Count);
        Assert.Equal((ExportKind.Participants, "xlsx", $"Round={round.Id}", true, users[TestUsers.Officer]),
            (exports[0].Kind, exports[0].Format, exports[0].Filters, exports[0].IncludesDni, exports[0].UserId));
        Assert.Equal((ExportKind.Indicators, "csv", "table=concursos", false, users[TestUsers.Auditor]),
            (exports[1].Kind, exports[1].Format, exports[1].Filters, exports[1].IncludesDni, exports[1].UserId));
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, exports[0].ExportedUtc, TimeSpan.FromMinutes(1));
        Assert.Equal(2, await ReadAsync(db => db.AuditRecords.CountAsync(a => a.EntityType == nameof(DataExport))));
    }

    [Fact]
    public async Task LracMembers_AreRefused_AndTheIndexLinksEveryExportWithTheFilters()
    {
        var (round, _, _) = await SeedAsync();
        using var lrac = await App.SignedInClientAsync(TestUsers.Lrac);
        var refused = await lrac.GetAsync("/exports/participants.csv");
        Assert.Equal("/account/denied", Redirects.PathOf(refused));
        Assert.Equal(0, await ReadAsync(db => db.DataExports.CountAsync()));

        using var client = await App.SignedInClientAsync(TestUsers.Finance);
        var html = await client.GetPageAsync($"/exports?Round={round.Id}");
        foreach (var kind in new[] { "participants", "score-sheets", "awards", "payouts", "visits", "indicators" })
        {
            Assert.Contains($"href=\"/exports/{kind}.xlsx?Round={round.Id}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains($"href=\"/exports/indicators.csv?Round={round.Id}&amp;table=resultados_por_tema\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/exports?Round={round.Id}\"", await client.GetPageAsync($"/rounds/{round.Id}"), StringComparison.Ordinal);
        Assert.Contains($"href=\"/exports/indicators.xlsx?Round={round.Id}\"", await client.GetPageAsync($"/monitoring?Round={round.Id}"), StringComparison.Ordinal);
        Assert.Contains("href=\"/exports/payouts.xlsx\"", await client.GetPageAsync("/payouts"), StringComparison.Ordinal);
    }
}

public sealed class ExportTestsOnSqlite(SqliteApp app) : ExportTests<SqliteApp>(app);

public sealed class ExportTestsOnPostgres(PostgresApp app) : ExportTests<PostgresApp>(app);
