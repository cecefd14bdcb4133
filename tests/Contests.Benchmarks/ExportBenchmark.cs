using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Contests.Web.Demo;
using Contests.Web.Infrastructure.Persistence;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contests.Benchmarks;

/// <summary>
/// <c>exports …</c>: the participants export (<c>/exports/participants.xlsx</c> and <c>.csv</c>) of a register with
/// <c>--entries</c> (200,000) entries more than the demo's, served by the real app in its own process (<see cref="AppProcess"/>,
/// Release, Kestrel on loopback) to a client signed in as the demo's monitoring officer. Seeding is not timed: the schema
/// and the demo by the app itself, then the entries by multi-row <c>INSERT</c>s of 1,000 rows in one transaction (spread
/// over the demo's rounds, communities and households, with the facts fixed at entry). Each download is timed from the
/// request to the last byte and checked: the XLSX opens with the Open XML SDK and its sheet has a row per entry (read
/// with the SAX <see cref="OpenXmlReader"/>), the CSV has a line per entry. Targets (docs/architecture.md#figures-to-reach): XLSX ≤ 10 s with the
/// server's peak working set ≤ 200 MB; CSV ≥ 100,000 rows/s.
/// </summary>
internal static partial class ExportBenchmark
{
    private static readonly TimeSpan XlsxTarget = TimeSpan.FromSeconds(10);
    private const long PeakTarget = 200L * 1024 * 1024;
    private const double CsvTarget = 100_000;

    private const string Usage =
        "usage: exports [--provider sqlite|postgres] [--entries 200000] | exports --writers-only [--entries 200000]\n" +
        $"  PostgreSQL: {ImportBenchmark.PostgresVariable} names the server, e.g. \"Host=127.0.0.1;Port=55433;Username=postgres\".";

    private static readonly string[] FirstNames = ["Juana", "Pedro", "Rosa", "María", "Hilda", "Teófilo", "Nazario", "Dionisia", "Ñusta", "Julián", "Saturnina", "Efraín"];
    private static readonly string[] LastNames = ["Quispe", "Mamani", "Huamán", "Ccahuana", "Condori", "Ñahui", "Huarancca", "Choque", "Apaza", "Pumacayo", "Túpac", "Yupanqui"];
    private static readonly string[] Tongues = ["'Quechua'", "'Aymara'", "'Spanish'", "NULL"];
    private static readonly string[] Education = ["'None'", "'Primary'", "'Secondary'", "NULL"];

    public static async Task<int> RunAsync(string[] args)
    {
        DatabaseProvider? provider = DatabaseProvider.Sqlite;
        var entries = 200_000;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--provider" when i + 1 < args.Length:
                    provider = args[++i].ToLowerInvariant() switch { "sqlite" => DatabaseProvider.Sqlite, "postgres" => DatabaseProvider.Postgres, _ => null };
                    break;
                case "--writers-only":
                    return await WritersOnlyAsync(args.Contains("--entries") ? int.Parse(args[Array.IndexOf(args, "--entries") + 1], CultureInfo.InvariantCulture) : entries);
                case "--entries" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    entries = n;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        if (provider is not { } chosen)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        Console.WriteLine(Invariant($"// exports benchmark: {chosen}, {entries:N0} entries more than the demo's"));
        Console.WriteLine(Invariant($"// machine: {Environment.ProcessorCount} CPUs ({BatchBenchmark.Cpu()}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30):0.0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        var work = Directory.CreateTempSubdirectory("contests-bench-exports-").FullName;
        try
        {
            await using var database = await BenchDatabase.CreateAsync(chosen);
            int total;
            var seedClock = Stopwatch.StartNew();
            await using (var root = new WebApplicationFactory<Program>())
            {
                var factory = BatchBenchmark.DemoApp(root, chosen, database.ConnectionString, work, runJobs: false);
                total = await SeedAsync(factory.Services, entries);
            }
            Console.WriteLine(Invariant($"// seeded: {total:N0} entries in all ({seedClock.Elapsed.TotalSeconds:0.0} s, untimed)"));

            await using var server = await AppProcess.StartAsync(chosen, database.ConnectionString, work, Path.Combine(work, "server.log"));
            using var client = await SignInAsync(server.BaseAddress, "seguimiento");

            var peakBefore = server.PeakWorkingSet; // started, migrated nothing, one sign-in: what the export adds is on top of this
            var memoryBefore = server.Memory();
            var loadBefore = BenchTools.Load();
            var xlsxPath = Path.Combine(work, "participants.xlsx");
            MemorySample memoryDuring;
            TimeSpan xlsxTime;
            long xlsxBytes;
            await using (var watch = new MemoryWatch(server.Id))
            {
                (xlsxTime, xlsxBytes) = await DownloadAsync(client, "/exports/participants.xlsx", xlsxPath);
                memoryDuring = await watch.StopAsync();
            }
            var peakAfterXlsx = server.PeakWorkingSet;
            var load = loadBefore + " / " + BenchTools.Load();
            var csvPath = Path.Combine(work, "participants.csv");
            var (csvTime, csvBytes) = await DownloadAsync(client, "/exports/participants.csv", csvPath);
            var peakAfterCsv = server.PeakWorkingSet;

            var xlsxRows = CountSheetRows(xlsxPath) - 1;
            var csvRows = File.ReadLines(csvPath).Count() - 1;
            Expect("XLSX rows", total, xlsxRows);
            Expect("CSV lines", total, csvRows);
            if (server.Warnings.Count > 0)
            {
                Console.WriteLine("server warnings: " + string.Join(" | ", server.Warnings.Take(5)));
            }
            var rate = csvRows / csvTime.TotalSeconds;
            Console.WriteLine(Invariant($"XLSX: {xlsxRows:N0} rows, {xlsxBytes / 1048576.0:0.0} MB in {xlsxTime.TotalSeconds:0.00} s ({xlsxRows / xlsxTime.TotalSeconds:N0} rows/s); server peak working set {peakAfterXlsx / 1048576.0:N0} MB, {peakBefore / 1048576.0:N0} MB before it (load average before / after: {load})"));
            Console.WriteLine(Invariant($"// server memory before the XLSX: {memoryBefore}"));
            Console.WriteLine(Invariant($"// server memory during the XLSX (largest of each, sampled every 50 ms): {memoryDuring}"));
            Console.WriteLine(Invariant($"CSV: {csvRows:N0} rows, {csvBytes / 1048576.0:0.0} MB in {csvTime.TotalSeconds:0.00} s = {rate:N0} rows/s; server peak working set after both {peakAfterCsv / 1048576.0:N0} MB"));
            Console.WriteLine();
            Console.WriteLine(Invariant(
                $"| {chosen} | {xlsxRows:N0} | XLSX **{xlsxTime.TotalSeconds:0.00} s**, peak **{peakAfterXlsx / 1048576.0:N0} MB** | CSV **{rate:N0} rows/s** ({csvTime.TotalSeconds:0.00} s) | load {load} |"));
            var met = xlsxTime <= XlsxTarget && peakAfterXlsx <= PeakTarget && rate >= CsvTarget;
            Console.WriteLine(met ? "Targets met." : "TARGET MISSED (see the figures).");
            return 0;
        }
        catch (BenchmarkCheckException e)
        {
            Console.Error.WriteLine($"FAILED: {e.Message}");
            return 1;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The two writers alone, no database nor HTTP: <paramref name="count"/> rows shaped like the participants' (26 cells: 13
    /// texts, 10 numbers, a money amount, a date-time) written to <see cref="Stream.Null"/>, to see what the writing costs.
    /// </summary>
    private static async Task<int> WritersOnlyAsync(int count)
    {
        Console.WriteLine(Invariant($"// exports writers only: {count:N0} rows of 26 cells to Stream.Null; load {BenchTools.Load()}"));
        var columns = Enumerable.Range(0, 26).Select(i => new Contests.Web.Features.Exports.ExportColumn(
            "c" + i.ToString(CultureInfo.InvariantCulture),
            i < 13 ? Contests.Web.Features.Exports.ColumnKind.Text : i < 23 ? Contests.Web.Features.Exports.ColumnKind.Whole
                : i == 23 ? Contests.Web.Features.Exports.ColumnKind.Money : Contests.Web.Features.Exports.ColumnKind.DateTime)).ToList();
        var now = DateTime.UtcNow;
        async IAsyncEnumerable<object?[]> Rows()
        {
            for (var i = 0; i < count; i++)
            {
                var row = new object?[26];
                for (var c = 0; c < 13; c++)
                {
                    row[c] = FirstNames[(i + c) % FirstNames.Length] + " " + LastNames[i % LastNames.Length];
                }
                for (var c = 13; c < 23; c++)
                {
                    row[c] = i + c;
                }
                row[23] = 600.5m + (i % 100);
                row[24] = now;
                yield return row;
            }
            await Task.CompletedTask;
        }
        var clock = Stopwatch.StartNew();
        await Contests.Web.Features.Exports.CsvExport.WriteAsync(Stream.Null, new("t", columns, Rows()), CancellationToken.None);
        var csv = clock.Elapsed;
        clock.Restart();
        await Contests.Web.Features.Exports.XlsxExport.WriteAsync(Stream.Null, [new("t", columns, Rows())], CancellationToken.None);
        var xlsx = clock.Elapsed;
        Console.WriteLine(Invariant($"CSV writer {csv.TotalSeconds:0.00} s ({count / csv.TotalSeconds:N0} rows/s); XLSX writer {xlsx.TotalSeconds:0.00} s ({count / xlsx.TotalSeconds:N0} rows/s); load {BenchTools.Load()}"));
        return 0;
    }

    /// <summary>The extra entries, in bulk; returns how many entries the register has in all.</summary>
    internal static async Task<int> SeedAsync(IServiceProvider services, int count)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var rounds = await db.Rounds.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new { r.Id, Max = db.Entries.Where(e => e.RoundId == r.Id).Max(e => (int?)e.Number) ?? 0 }).ToListAsync();
        var communities = await db.Communities.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.DistrictUbigeo }).ToListAsync();
        var households = await db.Households.AsNoTracking().OrderBy(h => h.Id).Select(h => h.Id).ToListAsync();
        var user = await db.Users.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        if (rounds.Count == 0 || communities.Count == 0 || households.Count == 0)
        {
            throw new BenchmarkCheckException("the demo has no rounds, communities or households.");
        }
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            const int chunk = 1000;
            for (var first = 0; first < count; first += chunk)
            {
                var sql = new StringBuilder("""
                    INSERT INTO entries (round_id, number, level, household_id, community_id, competitor_key, competitor_name, district_ubigeo,
                        pool_key, pool_name, women, no_verified_account, status, registered_utc, registered_by_user_id, revision,
                        facts_head_sex, facts_age_at_entry, facts_women_headed, facts_mother_tongue, facts_education, facts_persons)
                    VALUES
                    """);
                for (var i = first; i < Math.Min(first + chunk, count); i++)
                {
                    var round = rounds[i % rounds.Count];
                    var number = round.Max + 1 + (i / rounds.Count);
                    var community = communities[i % communities.Count];
                    var woman = i % 5 < 2;
                    var name = FirstNames[i % FirstNames.Length] + " " + LastNames[i / 7 % LastNames.Length] + " " + LastNames[i / 3 % LastNames.Length];
                    sql.Append(CultureInfo.InvariantCulture, $"""
                        {(i == first ? "" : ",")}
                        ({round.Id}, {number}, 'Households', {households[i % households.Count]}, {community.Id}, 'b{i}', '{name}', '{community.DistrictUbigeo}',
                         'c{community.Id}', 'Comunidad {community.Id}', {(woman ? "TRUE" : "FALSE")}, FALSE, 'Registered', @now, {user}, 0,
                         '{(woman ? "Female" : "Male")}', {18 + (i % 60)}, {(woman ? "TRUE" : "FALSE")}, {Tongues[i % 4]}, {Education[i / 4 % 4]}, {1 + (i % 7)})
                        """);
                }
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql.ToString();
                var now = command.CreateParameter();
                now.ParameterName = "@now";
                now.Value = DateTime.UtcNow;
                command.Parameters.Add(now);
                await command.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }
        await db.Database.CloseConnectionAsync();
        return await db.Entries.CountAsync();
    }

    internal static async Task<HttpClient> SignInAsync(Uri baseAddress, string user)
    {
        var handler = new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var page = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var token = TokenPattern().Match(page) is { Success: true } m ? m.Groups[1].Value : throw new BenchmarkCheckException("no antiforgery token on /account/login.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user, ["Password"] = DemoSeeder.DemoPassword, ["__RequestVerificationToken"] = token,
        });
        var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new BenchmarkCheckException(Invariant($"sign-in as {user}: {(int)response.StatusCode}."));
        }
        return client;
    }

    private static async Task<(TimeSpan Elapsed, long Bytes)> DownloadAsync(HttpClient client, string url, string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchmarkCheckException(Invariant($"GET {url}: {(int)response.StatusCode}."));
        }
        await using (var file = File.Create(path))
        {
            await response.Content.CopyToAsync(file);
        }
        return (clock.Elapsed, new FileInfo(path).Length);
    }

    /// <summary>The rows of the workbook's first sheet, read forwards (SAX) so the check holds no sheet in memory.</summary>
    private static int CountSheetRows(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var part = document.WorkbookPart!.WorksheetParts.Single();
        using var reader = OpenXmlReader.Create(part);
        var rows = 0;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
            {
                rows++;
            }
        }
        return rows;
    }

    private static void Expect(string what, int expected, int actual)
    {
        if (expected != actual)
        {
            throw new BenchmarkCheckException(Invariant($"{what}: expected {expected:N0}, got {actual:N0}."));
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
