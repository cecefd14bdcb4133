using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Contests.Core.Monitoring;
using Contests.Web.Features.FollowUp;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.FollowUp;

/// <summary>The CSV import of a round's follow-up visits (a KoboToolbox/ODK export): all or nothing, problems by row and column.</summary>
public abstract partial class ImportVisitsTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private FollowUpData Data => new(App);

    private static readonly string Header = string.Join(",", VisitLayout.Columns.Select(c => c.Header));

    /// <summary>A row in the layout's column order from the values given by header.</summary>
    private static string[] Row(params (string Header, string Value)[] values) =>
        [.. VisitLayout.Columns.Select(c => values.FirstOrDefault(v => v.Header == c.Header).Value ?? "")];

    private static (string, string)[] Visit1 =>
    [
        ("id_envio", "uuid-1"), ("inscripcion", "1"), ("fecha_visita", "23/11/2026"), ("visito", "Oficial"), ("nombre_visitante", "Rosa Huamán"),
        ("gasto_animales", "300"), ("inversion_propia", "120,50"), ("inversion_se_mantiene", "sí"),
    ];

    private static string[][] GoodRows =>
    [
        Row([.. Visit1, ("actividad", "1"), ("cantidad_ahora", "35"), ("valor_ahora", "700.50")]),
        Row([.. Visit1, ("actividad", "papa NATIVA"), ("cantidad_ahora", "1.5")]),
        Row(("id_envio", "uuid-2"), ("inscripcion", "N.° 2"), ("fecha_visita", "2026-11-23"), ("visito", "CLAR"), ("nombre_visitante", "Comité"),
            ("gasto_vivienda", "800"), ("inversion_se_mantiene", "no")),
    ];

    private async Task<(int Round, int First, int Second)> RoundWithTwoEntriesAsync()
    {
        var (round, first) = await Data.EntryWithBaselineAsync();
        var world = await Data.Rounds.Registry.ReadAsync(db => db.Households.Where(h => h.HeadFirstNames == "Pedro").Select(h => h.Id).SingleAsync());
        var second = await Data.Rounds.EnterHouseholdAsync(round, world);
        return (round, first, second);
    }

    private static async Task<HttpResponseMessage> UploadAsync(AppClient client, int round, byte[] file, string fileName = "visitas.csv")
    {
        var page = await client.GetPageAsync($"/rounds/{round}/visits/import");
        var form = Regex.Match(page, $"<form[^>]*action=\"/rounds/{round}/visits/import\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        Assert.True(form.Success, "The page has no upload form.");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(AppClient.Token(form.Groups[1].Value)), "__RequestVerificationToken");
        var fileContent = new ByteArrayContent(file);
        fileContent.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(fileContent, "file", fileName);
        return await client.Http.PostAsync(new Uri($"/rounds/{round}/visits/import", UriKind.Relative), content);
    }

    private static async Task<IReadOnlyList<ShownProblem>> RefusedAsync(AppClient client, int round, byte[] file)
    {
        var response = await UploadAsync(client, round, file);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"Expected 422, got {(int)response.StatusCode}");
        return ImportKit.Problems(html);
    }

    private Task<(int Visits, int Imports)> CountsAsync() => Data.Rounds.Registry.ReadAsync(async db =>
        (await db.FollowUpVisits.CountAsync(), await db.Imports.CountAsync()));

    [Fact]
    public async Task ValidFile_ImportsEachVisitWithItsActivities_PointingToTheImport()
    {
        var (round, first, second) = await RoundWithTwoEntriesAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await UploadAsync(officer, round, ImportKit.Utf8(ImportKit.Csv(Header, GoodRows)));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"import-done\" data-visits=\"2\"", html);
        var import = await Data.Rounds.Registry.ReadAsync(db => db.Imports.AsNoTracking().SingleAsync());
        Assert.Equal((ImportKind.FollowUpVisits, 3, "visitas.csv"), (import.Kind, import.Rows, import.FileName));
        var visits = await Data.VisitsAsync();
        Assert.Equal([first, second], visits.Select(v => v.EntryId));
        Assert.All(visits, v => Assert.Equal(import.Id, v.ImportId));
        Assert.Equal([new FollowUpItem(0, 35m, 700.50m), new FollowUpItem(1, 1.5m, null)], visits[0].Items.OrderBy(i => i.Position));
        Assert.Equal((Visitor.Officer, 120.50m, true, new DateOnly(2026, 11, 23)),
            (visits[0].VisitedBy, visits[0].OwnInvestment, visits[0].InvestmentKept, visits[0].VisitedOn));
        Assert.Equal([new FollowUpSpending(SpendingCategory.Housing, 800m)], visits[1].Spending);
        Assert.Equal((Visitor.Lrac, false), (visits[1].VisitedBy, visits[1].InvestmentKept));
        Assert.Contains("Added FollowUpVisit", await Data.AuditedTypesAsync());
    }

    [Fact]
    public async Task KoboExport_WithItsOwnColumns_IsRead_TheSubmissionIdGroupingTheRows()
    {
        var (round, first, _) = await RoundWithTwoEntriesAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var header = "_id,_submission__uuid,inscripcion,fecha_visita,visito,nombre_visitante,actividad,cantidad_ahora,valor_ahora,_submission_time";
        var csv = header + "\r\n"
            + "7,abc,1,2026-11-23,oficial,Rosa,1,30,600,2026-11-23T10:00:00\r\n"
            + "8,abc,1,2026-11-23,oficial,Rosa,2,2,,2026-11-23T10:00:00\r\n";

        var response = await UploadAsync(officer, round, ImportKit.Utf8(csv));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var visit = Assert.Single(await Data.VisitsAsync());
        Assert.Equal(first, visit.EntryId);
        Assert.Equal(2, visit.Items.Count);
    }

    [Fact]
    public async Task OneBadRow_WritesNothing_AndReportsThatRowAndColumn()
    {
        var (round, _, _) = await RoundWithTwoEntriesAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var rows = GoodRows;
        rows[1][Array.FindIndex(VisitLayout.Columns.ToArray(), c => c.Header == "cantidad_ahora")] = "-2";
        var before = await CountsAsync();

        var problems = await RefusedAsync(officer, round, ImportKit.Utf8(ImportKit.Csv(Header, rows)));

        var problem = Assert.Single(problems);
        Assert.Equal((3, "cantidad_ahora"), (problem.Row, problem.Column));
        Assert.StartsWith("N.° 1: ", problem.Message);
        Assert.Equal((0, 0), before);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task UnknownEntryActivityAndVisitor_AreEachReportedOnTheirRow()
    {
        var (round, _, _) = await RoundWithTwoEntriesAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        string[][] rows =
        [
            Row([.. Visit1, ("actividad", "Truchas"), ("cantidad_ahora", "3")]),
            Row(("inscripcion", "99"), ("fecha_visita", "2026-11-23"), ("visito", "Oficial"), ("nombre_visitante", "Rosa"), ("gasto_salud", "10")),
            Row(("inscripcion", "2"), ("fecha_visita", "2026-11-23"), ("visito", "el alcalde"), ("nombre_visitante", "Rosa"), ("gasto_salud", "10")),
        ];

        var problems = await RefusedAsync(officer, round, ImportKit.Utf8(ImportKit.Csv(Header, rows)));

        Assert.Equal([(2, "actividad"), (3, "inscripcion"), (4, "visito")], problems.Select(p => (p.Row, p.Column)));
        Assert.Contains("«Truchas» no es una actividad de la línea de base de la inscripción N.° 1 (tiene: 1 Crianza de cuyes, 2 Papa nativa).", problems[0].Message);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task WrongHeader_IsReportedOnRowOne_NamingTheColumns()
    {
        var (round, _, _) = await RoundWithTwoEntriesAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var problems = await RefusedAsync(officer, round, ImportKit.Utf8("inscripcion,fecha,visito,nombre_visitante\r\n1,2026-11-23,Oficial,Rosa\r\n"));

        Assert.Equal([(1, "fecha"), (1, "fecha_visita")], problems.Select(p => (p.Row, p.Column)).Order());
        Assert.Equal(0, (await CountsAsync()).Visits);
    }

    [Fact]
    public async Task BinaryFile_IsRefusedAsNotText()
    {
        var (round, _, _) = await RoundWithTwoEntriesAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var zip = new byte[2048];
        "PK\u0003\u0004"u8.ToArray().CopyTo(zip, 0);
        new Random(7).NextBytes(zip.AsSpan(4));
        Array.Clear(zip, 100, 40);

        var response = await UploadAsync(officer, round, zip, "visitas.xlsx");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("data-code=\"Import.NotText\"", await response.Content.ReadAsStringAsync());
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task TheSameFileTwice_TheSecondIsRefusedAsAlreadyRecorded()
    {
        var (round, _, _) = await RoundWithTwoEntriesAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var file = ImportKit.Utf8(ImportKit.Csv(Header, GoodRows));
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(officer, round, file)).StatusCode);

        var problems = await RefusedAsync(officer, round, file);

        Assert.Equal([(2, "fecha_visita"), (4, "fecha_visita")], problems.Select(p => (p.Row, p.Column)));
        Assert.Equal((2, 1), await CountsAsync());
    }

    [Fact]
    public async Task ThePage_DocumentsTheColumns_AndOffersASampleFileInThatLayout()
    {
        var (round, _, _) = await RoundWithTwoEntriesAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var page = await officer.GetPageAsync($"/rounds/{round}/visits/import");
        var sample = await officer.Http.GetAsync(new Uri($"/rounds/{round}/visits/import/sample", UriKind.Relative));

        foreach (var column in VisitLayout.Columns)
        {
            Assert.Contains($"<code>{column.Header}</code>", page);
        }
        Assert.Equal(HttpStatusCode.OK, sample.StatusCode);
        var text = Encoding.UTF8.GetString(await sample.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        Assert.StartsWith(Header + "\r\n", text);
        Assert.Equal(4, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains($"href=\"/rounds/{round}/visits/import\"", await officer.GetPageAsync($"/rounds/{round}"));
    }
}

public sealed class ImportVisitsTestsOnSqlite(SqliteApp app) : ImportVisitsTests<SqliteApp>(app);

public sealed class ImportVisitsTestsOnPostgres(PostgresApp app) : ImportVisitsTests<PostgresApp>(app);
