using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Rounds;

/// <summary>
/// Registering a round's entries from a CSV file: every row is checked first (who it names,
/// eligibility, the same competitor twice); one problem and nobody is registered.
/// </summary>
public abstract partial class EntryImportTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RegistryData Data => new(App);

    private async Task<(int Round, int[] Inside, int Outside)> SeedAsync()
    {
        var round = await OpenRound.SeedAsync(App);
        return (round.Id, round.Inside, round.Outside);
    }

    private static async Task<(HttpStatusCode Status, string Html)> UploadAsync(AppClient client, int round, string csv, string fileName = "inscritos.csv")
    {
        var page = await client.GetPageAsync($"/rounds/{round}/entries/import");
        var form = Regex.Match(page, $"<form[^>]*action=\"/rounds/{round}/entries/import\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        Assert.True(form.Success, "The import page has no form posting to the import.");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(AppClient.Token(form.Groups[1].Value)), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", fileName);
        var response = await client.Http.PostAsync(new Uri($"/rounds/{round}/entries/import", UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The problem table's rows as "row | column | message".</summary>
    private static List<string> Problems(string html) =>
        [.. ProblemRow().Matches(html).Select(m => $"{m.Groups[1].Value} | {m.Groups[2].Value} | {WebUtility.HtmlDecode(m.Groups[3].Value)}")];

    [GeneratedRegex("<tr><td data-label=\"Fila\">(\\d+)</td><td data-label=\"Columna\">([^<]*)</td><td data-label=\"Problema\">([^<]*)</td></tr>")]
    private static partial Regex ProblemRow();

    [Fact]
    public async Task CleanFile_RegistersEveryRow_InOrder_ByDniOrNumber_WithAuditRecords()
    {
        var (round, inside, _) = await SeedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var (status, html) = await UploadAsync(officer, round, $"participante\r\n41234567\r\n{inside[1]}\r\n01234569\r\n");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Se inscribieron 3 participantes desde «inscritos.csv».", HtmlPage.Text(html), StringComparison.Ordinal);
        var entries = await Data.ReadAsync(db => db.Entries.OrderBy(e => e.Number).Select(e => new { e.Number, e.HouseholdId, e.PoolName }).ToListAsync());
        Assert.Equal([(1, inside[0]), (2, inside[1]), (3, inside[2])], entries.Select(e => (e.Number, e.HouseholdId!.Value)));
        Assert.All(entries, e => Assert.Equal("Huayllabamba", e.PoolName));
        Assert.Equal(3, await Data.ReadAsync(db => db.Set<AuditRecord>().CountAsync(a => a.EntityType == nameof(Entry) && a.Action == "Added")));
    }

    [Fact]
    public async Task FileWithProblems_ListsEveryOneByRow_AndRegistersNobody()
    {
        var (round, inside, outside) = await SeedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var outsideDni = await Data.ReadAsync(db => db.Households.Where(h => h.Id == outside).Select(h => h.HeadDni).SingleAsync());

        var (status, html) = await UploadAsync(officer, round,
            $"participante;categoria\r\n41234567;\r\n99999999;\r\n{outsideDni};\r\n41234567;\r\n{inside[3]};\r\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("No se inscribió a nadie: 3 de 5 filas de «inscritos.csv» tienen problemas.", HtmlPage.Text(html), StringComparison.Ordinal);
        var problems = Problems(html);
        Assert.Contains(problems, p => p.StartsWith("3 | participante | Nadie en el registro corresponde a «99999999».", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("4 | participante | Layme Chipana, Hilda: No está en el ámbito del concurso", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("5 | participante | Quispe Ccori, Juana: Ya está inscrito en este concurso.", StringComparison.Ordinal));
        Assert.Equal(3, problems.Count);
        Assert.Equal(0, await Data.CountAsync<Entry>());
    }

    [Fact]
    public async Task AlreadyRegistered_AndMissingColumn_AreRefused()
    {
        var (round, _, _) = await SeedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(officer, round, "participante\r\n41234567\r\n")).Status);

        var (again, againHtml) = await UploadAsync(officer, round, "participante\r\n41234567\r\n41234568\r\n");
        var (noColumn, noColumnHtml) = await UploadAsync(officer, round, "dni\r\n41234568\r\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, again);
        Assert.Equal(["2 | participante | Quispe Ccori, Juana: Ya está inscrito en este concurso."], Problems(againHtml));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noColumn);
        Assert.Contains(Problems(noColumnHtml), p => p.StartsWith("1 | participante |", StringComparison.Ordinal));
        Assert.Equal(1, await Data.CountAsync<Entry>());
    }

    [Fact]
    public async Task Template_ListsTheColumns_WithAnExampleForTheRoundsLevel()
    {
        var (round, _, _) = await SeedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.GetAsync($"/rounds/{round}/entries/import/template");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["participante,categoria,plan,costo,contrapartida", "41234567,,,,"], lines);
    }
}

public sealed class EntryImportTestsOnSqlite(SqliteApp app) : EntryImportTests<SqliteApp>(app);

public sealed class EntryImportTestsOnPostgres(PostgresApp app) : EntryImportTests<PostgresApp>(app);
