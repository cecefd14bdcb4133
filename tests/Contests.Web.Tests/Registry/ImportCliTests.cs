using Contests.Web.Cli;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Registry.ImportKit;

namespace Contests.Web.Tests.Registry;

/// <summary>The <c>import</c> verb: same importer as the page, exit codes for scripts, a report file for the problems.</summary>
public abstract class ImportCliTests<TApp>(TApp app) : AppTest<TApp>(app), IDisposable where TApp : ContestsApp
{
    private readonly string _folder = Directory.CreateTempSubdirectory("contests-import-").FullName;

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await CliRunner.RunAsync(App.Services, args, output);
        return (exit, output.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Import_CleanFile_ExitsZero_AndImportsAsTheNamedUser()
    {
        await SeedTerritoryAsync(App);
        var file = Write("familias.csv", HouseholdsCsv(HouseholdLine("41234567"), HouseholdLine("41234568", firstNames: "Celia")));

        var (exit, output) = await RunAsync("import", "--kind", "households", "--file", file, "--user", TestUsers.Officer);

        Assert.Equal(0, exit);
        var officerId = await UserIdAsync(App, TestUsers.Officer);
        var (import, households, audit) = await QueryAsync(App, async db => (
            await db.Imports.SingleAsync(),
            await db.Households.CountAsync(h => h.ImportId != null),
            await db.AuditRecords.SingleAsync(a => a.EntityType == nameof(ImportRecord))));
        Assert.Contains($"Imported 2 households from familias.csv (import no. {import.Id}).", output);
        Assert.Equal((2, 2, officerId), (households, import.Rows, import.UserId));
        Assert.Equal((officerId, TestUsers.Officer), (audit.ActorUserId, audit.Actor));
    }

    [Fact]
    public async Task Import_BadFile_ExitsOne_SaysNothingImported_AndWritesEveryProblemToTheReport()
    {
        await SeedTerritoryAsync(App);
        // 60 bad rows: more than the 50 the console shows, so only the report has them all.
        var rows = Enumerable.Range(0, 60).Select(i => HouseholdLine((1_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var file = Write("familias.csv", HouseholdsCsv(rows));
        var report = Path.Combine(_folder, "problemas.csv");

        var (exit, output) = await RunAsync("import", "--kind", "households", "--file", file, "--user", TestUsers.Officer, "--report", report);

        Assert.Equal(1, exit);
        Assert.Contains("Nothing imported: 60 problem(s) in 60 row(s).", output);
        Assert.Contains("  row 2, dni: El DNI tiene 8 dígitos y aquí hay 7.", output);
        Assert.Contains($"All problems written to {report}.", output);
        var bytes = await File.ReadAllBytesAsync(report);
        Assert.Equal(System.Text.Encoding.UTF8.GetPreamble(), bytes[..3]); // so Excel reads the accents
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("fila,columna,problema", lines[0]);
        Assert.Equal(Enumerable.Range(2, 60).Select(row => $"{row},dni"), lines[1..].Select(l => string.Join(",", l.Split(',')[..2])));
        Assert.All(lines[1..], l => Assert.Contains("El DNI tiene 8 dígitos y aquí hay 7.", l));
        var counts = await CountsAsync(App);
        Assert.Equal((0, 0, 0), (counts.Households, counts.Imports, counts.ImportAudits));
    }

    [Fact]
    public async Task Import_UnknownKind_IsAUsageError()
    {
        var file = Write("familias.csv", HouseholdsCsv(HouseholdLine("41234567")));

        var (exit, output) = await RunAsync("import", "--kind", "familias", "--file", file);

        Assert.Equal(2, exit);
        Assert.Contains("--kind is households, communities or organizations.", output);
    }

    [Fact]
    public async Task Import_UnknownUserOrMissingFile_IsAUsageError_AndWritesNothing()
    {
        await SeedTerritoryAsync(App);
        var file = Write("familias.csv", HouseholdsCsv(HouseholdLine("41234567")));

        Assert.Equal(2, (await RunAsync("import", "--kind", "households", "--file", file, "--user", "nadie")).Exit);
        Assert.Equal(2, (await RunAsync("import", "--kind", "households", "--file", Path.Combine(_folder, "no-existe.csv"))).Exit);
        Assert.Equal(0, (await CountsAsync(App)).Households);
    }
}

public sealed class ImportCliTestsOnSqlite(SqliteApp app) : ImportCliTests<SqliteApp>(app);

public sealed class ImportCliTestsOnPostgres(PostgresApp app) : ImportCliTests<PostgresApp>(app);
