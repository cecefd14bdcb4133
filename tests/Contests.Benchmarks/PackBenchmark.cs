using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Contests.Web.Demo;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contests.Benchmarks;

/// <summary>
/// A certificate pack as an officer gets it (docs/architecture.md#figures-to-reach: 10 certificates downloadable ≤ 3 s after the click, 10,000 ≤ 20 s,
/// the progress bar moving): the real app in demo mode with Hangfire running on the chosen database; untimed, a community
/// with N winners is added to the demo's paying round (rows copied in bulk from a demo entry and award). Then, timed from
/// the click: the officer's form posted over HTTP (signed in as <c>oficial</c>, with the form's antiforgery token), the
/// progress polled as the pack page polls it, and the pack's printable PDF and its ZIP downloaded whole. Checked after:
/// the PDF has N pages (<c>pdfinfo</c>) and passes <c>qpdf --check</c>, the ZIP holds N files, and the progress the page
/// saw went up in steps before it completed.
/// </summary>
internal static partial class PackBenchmark
{
    private const string Usage = "usage: packs [--provider sqlite|postgres] [--sizes 10,10000]";

    private static readonly Dictionary<int, TimeSpan> Targets = new() { [10] = TimeSpan.FromSeconds(3), [10_000] = TimeSpan.FromSeconds(20) };

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = DatabaseProvider.Sqlite;
        int[] sizes = [10, 10_000];
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--provider" when i + 1 < args.Length && args[i + 1] is "sqlite" or "postgres":
                    provider = args[++i] == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
                    break;
                case "--sizes" when i + 1 < args.Length:
                    sizes = [.. args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                    break;
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        Console.WriteLine(Invariant($"// packs benchmark: {provider}, sizes {string.Join(", ", sizes)}; {Environment.ProcessorCount} CPUs ({BatchBenchmark.Cpu()}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        var rows = new List<string>();
        var failed = false;
        foreach (var size in sizes)
        {
            try
            {
                var r = await MeasureAsync(provider, size);
                var target = Targets.TryGetValue(size, out var t) ? t : (TimeSpan?)null;
                var verdict = target is null ? "—" : r.Ready <= target ? Invariant($"≤ {target.Value.TotalSeconds:0} s: met") : Invariant($"> {target.Value.TotalSeconds:0} s: MISSED");
                failed |= target is not null && r.Ready > target;
                rows.Add(Invariant($"| {provider} | {size:N0} | {r.Started.TotalSeconds:0.00} s | {r.Completed.TotalSeconds:0.00} s | {r.Ready.TotalSeconds:0.00} s | {r.Steps} | {r.PdfMb:0.0} MB / {r.ZipMb:0.0} MB | {verdict} | {r.Load} |"));
            }
            catch (BenchmarkCheckException e)
            {
                await Console.Error.WriteLineAsync($"FAILED ({size}): {e.Message}");
                return 1;
            }
        }
        Console.WriteLine();
        Console.WriteLine("| database | certificates | first progress seen | completed | both files downloaded (after the click) | progress values seen | PDF / ZIP | target | load average before / after |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        rows.ForEach(Console.WriteLine);
        return failed ? 1 : 0;
    }

    private static async Task<(TimeSpan Started, TimeSpan Completed, TimeSpan Ready, int Steps, double PdfMb, double ZipMb, string Load)> MeasureAsync(
        DatabaseProvider provider, int size)
    {
        await using var database = await BenchDatabase.CreateAsync(provider);
        var files = Directory.CreateTempSubdirectory("contests-bench-files-").FullName;
        try
        {
            await using var root = new WebApplicationFactory<Program>();
            // The pack builder logs where a run's time went (issuing, rendering, waiting for the files' writers, completion).
            // On a loaded machine a 10,000 pack outlasts the SQLite job storage's invisibility timeout (5 minutes, not
            // sliding): Hangfire hands the job to a second worker, and two runs of the pack share the cores (the second
            // finds every certificate issued and builds the files from the stored ones). One run is what is measured here.
            var factory = BatchBenchmark.DemoApp(root, provider, database.ConnectionString, files, runJobs: true)
                .WithWebHostBuilder(builder => builder
                    .UseSetting("Logging:LogLevel:Contests.Web.Features.Documents.PackBuilder", "Information")
                    .UseSetting("Scheduling:InvisibilityTimeout", "01:00:00"));
            _ = factory.Services; // migration, demo seeding, Hangfire started
            var (roundId, communityId) = await SeedAsync(factory.Services, provider, size);
            await Task.Delay(TimeSpan.FromSeconds(3)); // let the scheduler settle (first polls, start-up reconciliation)
            using var client = factory.CreateClient(new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost"),
            });
            await PostAsync(client, "/account/login", "/account/login", ("UserName", "oficial"), ("Password", DemoSeeder.DemoPassword));
            var formPage = Invariant($"/rounds/{roundId}/documents");
            var action = Invariant($"/rounds/{roundId}/documents/packs");
            var token = await TokenAsync(client, formPage, action);
            var load = BenchTools.Load();

            // The process's CPU time (app and client are in process) tells how much work the pack is, whatever else the
            // machine runs: on a busy shared machine the wall-clock figures are mostly waiting for a core.
            using var process = Process.GetCurrentProcess();
            var cpuAtClick = process.TotalProcessorTime;
            TimeSpan? cpuIssued = null;
            using var probe = new RuntimeProbe();
            var clock = Stopwatch.StartNew();
            using var posted = await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Pack.CeremonyDate"] = DateTime.UtcNow.AddHours(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Pack.CeremonyPlace"] = "Plaza de Mariño",
                ["Pack.CommunityId"] = communityId.ToString(CultureInfo.InvariantCulture),
                ["__RequestVerificationToken"] = token,
            }));
            var location = posted.Headers.Location?.OriginalString ?? "";
            var packMatch = PackUrl().Match(location);
            if (posted.StatusCode != HttpStatusCode.Redirect || !packMatch.Success)
            {
                throw new BenchmarkCheckException(Invariant($"the pack was not requested: {posted.StatusCode} {location}\n{await posted.Content.ReadAsStringAsync()}"));
            }
            var pack = packMatch.Groups[1].Value;
            TimeSpan? started = null;
            var seen = new SortedSet<int>();
            var trail = new List<string>();
            while (true)
            {
                using var progress = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/documents/packs/{pack}/progress", UriKind.Relative)));
                var state = progress.RootElement.GetProperty("state").GetString();
                var done = progress.RootElement.GetProperty("done").GetInt32();
                if (done > 0)
                {
                    started ??= clock.Elapsed;
                    if (done == size && cpuIssued is null)
                    {
                        process.Refresh();
                        cpuIssued = process.TotalProcessorTime - cpuAtClick;
                    }
                    if (seen.Add(done))
                    {
                        trail.Add(Invariant($"{done} at {clock.Elapsed.TotalSeconds:0.0} s"));
                    }
                }
                if (state == "Completed")
                {
                    break;
                }
                if (state is "Failed" or "Cancelled" || clock.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new BenchmarkCheckException(Invariant($"pack {pack} is {state} after {clock.Elapsed.TotalSeconds:0} s: {progress.RootElement}; progress: {string.Join(", ", trail)}"));
                }
                await Task.Delay(250);
            }
            var completed = clock.Elapsed;
            process.Refresh();
            var cpuCompleted = process.TotalProcessorTime - cpuAtClick;
            Console.WriteLine(Invariant($"// {size}: progress {string.Join(", ", trail.Take(3))} … {string.Join(", ", trail.TakeLast(2))}; completed at {completed.TotalSeconds:0.0} s"));
            Console.WriteLine(Invariant($"// {size}: process CPU from the click: {cpuIssued?.TotalSeconds ?? double.NaN:0.0} s when every certificate was issued, {cpuCompleted.TotalSeconds:0.0} s when completed (both files written)"));
            foreach (var line in probe.Report(Invariant($"{size}, click to completed")))
            {
                Console.WriteLine(line);
            }
            var pdf = await client.GetByteArrayAsync(new Uri($"/documents/packs/{pack}/certificados.pdf", UriKind.Relative));
            var zip = await client.GetByteArrayAsync(new Uri($"/documents/packs/{pack}/certificados.zip", UriKind.Relative));
            var ready = clock.Elapsed;
            var after = BenchTools.Load();

            Check(size, pdf, zip, seen);
            return (started ?? completed, completed, ready, seen.Count, pdf.Length / 1048576.0, zip.Length / 1048576.0, load + " / " + after);
        }
        finally
        {
            Directory.Delete(files, recursive: true);
        }
    }

    /// <summary>The pack's files hold every certificate, and the progress the page polls moved before the end.</summary>
    private static void Check(int size, byte[] pdf, byte[] zip, SortedSet<int> seen)
    {
        var folder = Directory.CreateTempSubdirectory("contests-bench-pack-").FullName;
        try
        {
            var pdfPath = Path.Combine(folder, "certificados.pdf");
            File.WriteAllBytes(pdfPath, pdf);
            var (infoCode, info) = BenchTools.Run("pdfinfo", pdfPath);
            var pages = Regex.Match(info, @"^Pages:\s+(\d+)", RegexOptions.Multiline);
            if (infoCode != 0 || !pages.Success || int.Parse(pages.Groups[1].Value, CultureInfo.InvariantCulture) != size)
            {
                throw new BenchmarkCheckException($"the pack's PDF should have {size} pages: {info}");
            }
            var (qpdfCode, qpdf) = BenchTools.Run("qpdf", "--check", pdfPath);
            if (qpdfCode != 0)
            {
                throw new BenchmarkCheckException("qpdf --check refused the pack's PDF: " + qpdf);
            }
            using var archive = new ZipArchive(new MemoryStream(zip));
            var pdfs = archive.Entries.Count(e => e.FullName.EndsWith(".pdf", StringComparison.Ordinal));
            if (pdfs != size)
            {
                throw new BenchmarkCheckException($"the pack's ZIP should hold {size} certificates; it holds {pdfs}.");
            }
            if (seen.Max != size || (size >= 1_000 && seen.Count < 3))
            {
                throw new BenchmarkCheckException($"the progress should reach {size} in steps; it showed {string.Join(", ", seen)}.");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A new community on the demo's paying round with <paramref name="size"/> winners: entries and current awards copied,
    /// in one statement each, from the round's first award (numbers, keys, names and places made unique). Untimed.
    /// </summary>
    private static async Task<(int RoundId, int CommunityId)> SeedAsync(IServiceProvider services, DatabaseProvider provider, int size)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var round = await db.Rounds.AsNoTracking().Where(r => r.Name == DemoJudging.PayingRoundName).Select(r => r.Id).SingleAsync();
        var award = await db.Awards.AsNoTracking().Where(a => a.RoundId == round && a.Current && a.Amount > 0).OrderBy(a => a.Number)
            .Select(a => new { a.Id, a.EntryId }).FirstOrDefaultAsync() ?? throw new BenchmarkCheckException("the demo's paying round has no awards.");
        var community = await db.Communities.AsNoTracking().Select(c => c.Id).MinAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var series = Invariant($"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {size}) ");
        var prefix = "B" + size.ToString(CultureInfo.InvariantCulture) + "-";

        await ExecuteAsync(connection, await CopySqlAsync(connection, provider, "communities", Invariant($"id = {community}"), "",
            new() { ["name"] = $"'Comunidad de prueba {size}'", ["name_key"] = $"'comunidad de prueba {size}'" }));
        var communityId = await db.Communities.AsNoTracking().Where(c => c.Name == "Comunidad de prueba " + size.ToString(CultureInfo.InvariantCulture))
            .Select(c => c.Id).SingleAsync();
        var maxNumber = await db.Entries.AsNoTracking().Where(e => e.RoundId == round).MaxAsync(e => e.Number);
        await ExecuteAsync(connection, series + await CopySqlAsync(connection, provider, "entries", Invariant($"t.id = {award.EntryId}"), ", s",
            new()
            {
                ["number"] = Invariant($"{maxNumber} + s.i"),
                ["competitor_key"] = $"'{prefix}' || s.i",
                ["competitor_name"] = "(CASE s.i % 5 WHEN 0 THEN 'Quispe Mamani, Juana' WHEN 1 THEN 'Huamán Ccahuana, Pedro' WHEN 2 THEN 'Condori Sullca, María' " +
                    "WHEN 3 THEN 'Cusi Layme, Felicitas' ELSE 'Ñahui Puma, Celestino' END) || ' ' || s.i",
                ["community_id"] = communityId.ToString(CultureInfo.InvariantCulture),
            }));
        await ExecuteAsync(connection, await CopySqlAsync(connection, provider, "awards", Invariant($"t.id = {award.Id}"), ", entries e",
            new()
            {
                ["entry_id"] = "e.id", ["number"] = "e.number", ["place"] = Invariant($"e.number - {maxNumber}"),
                ["amount"] = Invariant($"500 + (e.number - {maxNumber}) % 7 * 100"),
            }, Invariant($" AND e.community_id = {communityId} AND e.round_id = {round}")));
        var winners = await db.Awards.AsNoTracking().CountAsync(a => a.RoundId == round && a.Current && a.Amount > 0
            && db.Entries.Any(e => e.Id == a.EntryId && e.CommunityId == communityId));
        if (winners != size)
        {
            throw new BenchmarkCheckException($"seeding made {winners} winners, not {size}.");
        }
        return (round, communityId);
    }

    /// <summary>
    /// <c>INSERT INTO table (every column but id) SELECT …</c> from the row of <paramref name="where"/> (aliased <c>t</c>),
    /// each column copied unless <paramref name="overrides"/> gives its value.
    /// </summary>
    private static async Task<string> CopySqlAsync(DbConnection connection, DatabaseProvider provider, string table, string where, string join,
        Dictionary<string, string> overrides, string moreWhere = "")
    {
        await using var command = connection.CreateCommand();
        command.CommandText = provider == DatabaseProvider.Sqlite
            ? $"SELECT name FROM pragma_table_info('{table}')"
            : $"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY ordinal_position";
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }
        columns.Remove("id");
        var values = columns.Select(c => overrides.TryGetValue(c, out var v) ? v : "t." + c);
        return $"INSERT INTO {table} ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} FROM {table} t{join} WHERE {where}{moreWhere}";
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Posts a form the way a browser does: its page loaded first for the antiforgery token.</summary>
    private static async Task PostAsync(HttpClient client, string formPage, string action, params (string Name, string Value)[] fields)
    {
        var token = await TokenAsync(client, formPage, action);
        using var response = await client.PostAsync(new Uri(action, UriKind.Relative),
            new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token))));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new BenchmarkCheckException($"POST {action}: {response.StatusCode}");
        }
    }

    private static async Task<string> TokenAsync(HttpClient client, string formPage, string action)
    {
        var page = await client.GetStringAsync(new Uri(formPage, UriKind.Relative));
        var form = Regex.Match(page, "<form(?=[^>]*method=\"post\")[^>]*action=\"" + Regex.Escape(action) + "\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        var token = Token().Match(form.Success ? form.Groups[1].Value : "");
        return token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value)
            : throw new BenchmarkCheckException($"{formPage} has no form posting to {action} with an antiforgery token.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex(@"/documents/packs/(\d+)$")]
    private static partial Regex PackUrl();

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
