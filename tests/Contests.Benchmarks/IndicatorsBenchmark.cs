using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contests.Benchmarks;

/// <summary>
/// <c>indicators …</c>: the indicators page (<c>GET /monitoring</c>) over a register of <c>--households</c> (1,000,000)
/// households more than the demo's, <c>--rounds</c> (50) rounds in all, <c>--entries</c> (200,000) entries more than the
/// demo's, awards on half of them (an approved acta, one funding source each), a paid payout on half the awards, and
/// <c>--visits</c> (20,000) follow-up visits. Seeding is not timed and is done in bulk: households by one
/// <c>INSERT … SELECT</c> over a recursive counter, rounds copied from a demo round, entries by the <c>exports</c> seeder
/// (<see cref="ExportBenchmark.SeedAsync"/>), awards, funding, payouts and visits by one <c>INSERT … SELECT</c> each.
/// The real app then runs in its own process (<see cref="AppProcess"/>) and a client signed in as the demo's
/// <c>seguimiento</c> requests the page with no filter, a district filter and a round filter: two untimed requests each,
/// then five timed (request to last byte). Checked, or the run fails: 200, and the page's <c>data-figure="entries"</c> and
/// <c>data-figure="households"</c> values equal what the database holds for that filter. Targets (docs/architecture.md#figures-to-reach): ≤ 1 s on
/// PostgreSQL, ≤ 2 s on SQLite.
/// </summary>
internal static partial class IndicatorsBenchmark
{
    private const int Timed = 5;
    private const int WarmUp = 2;
    private const string EmptyJson = "{}";

    private const string Usage =
        "usage: indicators [--provider sqlite|postgres] [--households 1000000] [--rounds 50] [--entries 200000] [--visits 20000] [--log server.log]\n" +
        "  --log copies the server's output there (with Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information\n" +
        "  in the environment it holds every SQL command and its time).\n" +
        $"  PostgreSQL: {ImportBenchmark.PostgresVariable} names the server, e.g. \"Host=127.0.0.1;Port=55433;Username=postgres\".";

    public static async Task<int> RunAsync(string[] args)
    {
        DatabaseProvider? provider = DatabaseProvider.Sqlite;
        int households = 1_000_000, rounds = 50, entries = 200_000, visits = 20_000;
        string? log = null;
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => i + 1 < args.Length && int.TryParse(args[++i], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1;
            switch (args[i])
            {
                case "--provider" when i + 1 < args.Length:
                    provider = args[++i].ToLowerInvariant() switch { "sqlite" => DatabaseProvider.Sqlite, "postgres" => DatabaseProvider.Postgres, _ => null };
                    break;
                case "--households":
                    households = Next();
                    break;
                case "--rounds":
                    rounds = Next();
                    break;
                case "--entries":
                    entries = Next();
                    break;
                case "--visits":
                    visits = Next();
                    break;
                case "--log" when i + 1 < args.Length:
                    log = Path.GetFullPath(args[++i]);
                    break;
                default:
                    households = -1;
                    break;
            }
        }
        if (provider is not { } chosen || households < 0 || rounds < 0 || entries < 0 || visits < 0 || visits > entries / 2)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        Console.WriteLine(Invariant($"// indicators benchmark: {chosen}; {households:N0} households, {rounds} rounds, {entries:N0} entries, {visits:N0} visits more than the demo's"));
        Console.WriteLine(Invariant($"// machine: {Environment.ProcessorCount} CPUs ({BatchBenchmark.Cpu()}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30):0.0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        var work = Directory.CreateTempSubdirectory("contests-bench-indicators-").FullName;
        try
        {
            await using var database = await BenchDatabase.CreateAsync(chosen);
            var seedClock = Stopwatch.StartNew();
            var pages = new List<(string Name, string Url, long Entries, long Households)>();
            await using (var root = new WebApplicationFactory<Program>())
            {
                var factory = BatchBenchmark.DemoApp(root, chosen, database.ConnectionString, work, runJobs: false);
                using var scope = factory.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
                var sqlite = chosen == DatabaseProvider.Sqlite;
                var firstEntry = await db.Entries.MaxAsync(e => (int?)e.Id) ?? 0;
                await SeedHouseholdsAndRoundsAsync(db, sqlite, households, rounds);
                Console.WriteLine(Invariant($"// seeded households and rounds ({seedClock.Elapsed.TotalSeconds:0.0} s)"));
                await ExportBenchmark.SeedAsync(factory.Services, entries);
                Console.WriteLine(Invariant($"// seeded entries ({seedClock.Elapsed.TotalSeconds:0.0} s)"));
                await SeedMoneyAndVisitsAsync(db, sqlite, firstEntry, visits);
                Console.WriteLine(Invariant($"// seeded awards, payouts and visits ({seedClock.Elapsed.TotalSeconds:0.0} s)"));
                if (!sqlite)
                {
                    // What autovacuum would have done by the time anyone opens the page: the planner's statistics of the new rows.
                    await ExecuteAsync(db, "ANALYZE");
                }

                var counts = await ScalarsAsync(db,
                    "SELECT COUNT(*) FROM households",
                    "SELECT COUNT(*) FROM rounds",
                    "SELECT COUNT(*) FROM awards WHERE current = TRUE",
                    "SELECT COUNT(*) FROM payouts WHERE state = 'Paid'",
                    "SELECT COUNT(*) FROM follow_up_visits");
                Console.WriteLine(Invariant($"// in all: {counts[0]:N0} households, {counts[1]} rounds, {counts[2]:N0} current awards, {counts[3]:N0} paid payouts, {counts[4]:N0} visits"));

                const string live = "status <> 'Withdrawn'";
                var district = (string)(await ScalarAsync(db, $"SELECT district_ubigeo FROM entries WHERE {live} GROUP BY district_ubigeo ORDER BY COUNT(*) DESC, district_ubigeo LIMIT 1"))!;
                var round = Convert.ToInt32(await ScalarAsync(db, $"SELECT round_id FROM entries WHERE {live} GROUP BY round_id ORDER BY COUNT(*) DESC, round_id LIMIT 1"), CultureInfo.InvariantCulture);
                foreach (var (name, url, where) in new[]
                {
                    ("no filter", "/monitoring", live),
                    ("district " + district, "/monitoring?District=" + district, $"{live} AND district_ubigeo = '{district}'"),
                    (Invariant($"round {round}"), Invariant($"/monitoring?Round={round}"), Invariant($"{live} AND round_id = {round}")),
                })
                {
                    var figures = await ScalarsAsync(db, $"SELECT COUNT(*) FROM entries WHERE {where}",
                        $"SELECT COUNT(DISTINCT household_id) FROM entries WHERE {where}");
                    pages.Add((name, url, figures[0], figures[1]));
                }
            }
            Console.WriteLine(Invariant($"// seeded in {seedClock.Elapsed.TotalSeconds:0.0} s (untimed)"));

            // Each of the page's reads logs its time and rows at Debug (IndicatorPage); the server inherits this setting.
            Environment.SetEnvironmentVariable("Logging__LogLevel__Contests.Web.Features.Monitoring.IndicatorPage", "Debug");
            await using var server = await AppProcess.StartAsync(chosen, database.ConnectionString, work, Path.Combine(work, "server.log"));
            using var client = await ExportBenchmark.SignInAsync(server.BaseAddress, "seguimiento");
            // PostgreSQL's backends of this database run outside the server: their CPU counts too (parallel workers don't).
            var backends = chosen == DatabaseProvider.Postgres ? new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Database : null;
            var met = true;
            var target = chosen == DatabaseProvider.Postgres ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(2);
            foreach (var page in pages)
            {
                var loadBefore = BenchTools.Load();
                for (var i = 0; i < WarmUp; i++)
                {
                    Check(page, await GetAsync(client, page.Url));
                }
                var times = new List<double>();
                var cpu = new List<double>();
                var bytes = 0;
                var logMark = new FileInfo(server.LogPath).Length;
                for (var i = 0; i < Timed; i++)
                {
                    var cpuBefore = server.CpuTime.TotalSeconds + BackendCpuSeconds(backends);
                    var clock = Stopwatch.StartNew();
                    var html = await GetAsync(client, page.Url);
                    times.Add(clock.Elapsed.TotalSeconds);
                    cpu.Add(server.CpuTime.TotalSeconds + BackendCpuSeconds(backends) - cpuBefore);
                    Check(page, html);
                    bytes = html.Length;
                }
                times.Sort();
                cpu.Sort();
                var median = times[Timed / 2];
                met &= median <= target.TotalSeconds;
                Console.WriteLine(Invariant(
                    $"| {chosen} | {page.Name} (`{page.Url}`) | {page.Entries:N0} entries, {page.Households:N0} households | median **{median:0.000} s** | max {times[^1]:0.000} s | min {times[0]:0.000} s | CPU median {cpu[Timed / 2]:0.000} s (min {cpu[0]:0.000}) | {bytes / 1024.0:N0} K chars | load {loadBefore} / {BenchTools.Load()} |"));
                Console.WriteLine("  per read (median of the timed requests; the reads run at the same time): " + Reads(server.LogPath, logMark));
            }
            if (server.Warnings.Count > 0)
            {
                Console.WriteLine("server warnings: " + string.Join(" | ", server.Warnings.Take(5)));
            }
            if (log is not null)
            {
                File.Copy(server.LogPath, log, overwrite: true); // the server writes it with AutoFlush
            }
            Console.WriteLine(met ? Invariant($"Target met (median ≤ {target.TotalSeconds:0} s).") : Invariant($"TARGET MISSED (median > {target.TotalSeconds:0} s)."));
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
    /// Households in one statement over a recursive counter (both databases run <c>WITH RECURSIVE … INSERT</c>), heads
    /// with sex, birth year, women-headed, mother tongue and education; then rounds copied from the demo's latest round
    /// (column by column, its themes too) until there are <paramref name="rounds"/>.
    /// </summary>
    private static async Task SeedHouseholdsAndRoundsAsync(ContestsDbContext db, bool sqlite, int households, int rounds)
    {
        var communities = await db.Communities.AsNoTracking().Select(c => c.Id).ToListAsync();
        var (low, high) = (communities.Min(), communities.Max());
        var community = high - low + 1 == communities.Count ? Invariant($"{low} + (i % {communities.Count})") : Invariant($"{low}");
        var text = sqlite ? "TEXT" : "varchar";
        await ExecuteAsync(db, Invariant($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {households})
            INSERT INTO households (community_id, head_first_names, head_last_names, head_dni, head_sex, head_birth_year, members,
                women_headed, name_key, registered_utc, mother_tongue, education)
            SELECT {community}, 'Rosa ' || CAST(i AS {text}), 'Quispe Mamani', CAST(90000000 + i AS {text}),
                CASE WHEN i % 5 < 2 THEN 'Female' ELSE 'Male' END, 1940 + (i % 65), 1 + (i % 7), (i % 5 < 2),
                'quispe mamani rosa ' || CAST(i AS {text}), @now,
                CASE i % 4 WHEN 0 THEN 'Quechua' WHEN 1 THEN 'Aymara' WHEN 2 THEN 'Spanish' ELSE NULL END,
                CASE i % 3 WHEN 0 THEN 'Primary' WHEN 1 THEN 'Secondary' ELSE NULL END
            FROM n
            """));

        var existing = await db.Rounds.CountAsync();
        var template = await db.Rounds.MaxAsync(r => r.Id);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var columns = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT * FROM rounds WHERE 1 = 0";
            await using var reader = await command.ExecuteReaderAsync();
            for (var c = 0; c < reader.FieldCount; c++)
            {
                columns.Add(reader.GetName(c));
            }
        }
        var copied = columns.Where(c => c != "id").ToList();
        for (var k = existing; k < rounds; k++)
        {
            var select = string.Join(", ", copied.Select(c => c == "name" ? Invariant($"'Concurso de referencia {k + 1}'") : c));
            await ExecuteAsync(db, Invariant($"INSERT INTO rounds ({string.Join(", ", copied)}) SELECT {select} FROM rounds WHERE id = {template}"));
            await ExecuteAsync(db, Invariant($"INSERT INTO round_themes (round_id, theme) SELECT (SELECT MAX(id) FROM rounds), theme FROM round_themes WHERE round_id = {template}"));
        }
    }

    /// <summary>
    /// Awards (current, qualified, in an approved acta of the demo) on every other seeded entry, one funding source each;
    /// a paid cash payout on every other award; <paramref name="visits"/> follow-up visits with one item each on awarded
    /// entries. Amounts are written as the providers' mappings store decimals (SQLite: text).
    /// </summary>
    private static async Task SeedMoneyAndVisitsAsync(ContestsDbContext db, bool sqlite, int firstEntry, int visits)
    {
        var acta = await db.Actas.Where(a => a.ApprovedUtc != null).OrderBy(a => a.Id).Select(a => a.Id).FirstOrDefaultAsync();
        var source = await db.FundingSources.OrderBy(s => s.Id).Select(s => s.Id).FirstOrDefaultAsync();
        var user = await db.Users.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        if (acta == 0 || source == 0)
        {
            throw new BenchmarkCheckException("the demo has no approved acta or no funding source.");
        }
        var firstAward = await db.Awards.MaxAsync(a => (int?)a.Id) ?? 0;
        var firstVisit = await db.FollowUpVisits.MaxAsync(v => (int?)v.Id) ?? 0;
        string Money(string whole) => sqlite ? $"CAST({whole} AS TEXT) || '.0'" : whole;
        var prize = Money("(500 + (e.id % 20) * 100)");
        await ExecuteAsync(db, Invariant($"""
            INSERT INTO awards (acta_id, round_id, entry_id, number, pool_key, place, final, qualified, computed, amount, explanation_json, current)
            SELECT {acta}, e.round_id, e.id, e.number, e.pool_key, 1 + (e.id % 3), {Money("(60 + e.id % 40)")}, TRUE, {prize}, {prize}, '{EmptyJson}', TRUE
            FROM entries e WHERE e.id > {firstEntry} AND e.id % 2 = 0
            """));
        await ExecuteAsync(db, Invariant($"INSERT INTO award_funding (funding_source_id, award_id, amount) SELECT {source}, a.id, a.amount FROM awards a WHERE a.id > {firstAward}"));
        await ExecuteAsync(db, Invariant($"""
            INSERT INTO payouts (round_id, award_id, entry_id, entry_number, beneficiary_name, tranche, tranche_count, version, end_to_end_id,
                amount, method, state, created_by_user_id, created_utc, paid_recorded_utc, paid_recorded_by_user_id, revision)
            SELECT a.round_id, a.id, a.entry_id, a.number, e.competitor_name, 1, 1, 1, 'BENCH' || CAST(a.id AS {(sqlite ? "TEXT" : "varchar")}),
                a.amount, 'Cash', 'Paid', {user}, @now, @now, {user}, 0
            FROM awards a JOIN entries e ON e.id = a.entry_id WHERE a.id > {firstAward} AND a.entry_id % 4 = 0
            """));
        // Every tenth seeded entry is awarded (ids even); take the first `visits` of them.
        await ExecuteAsync(db, Invariant($"""
            INSERT INTO follow_up_visits (entry_id, visited_on, visited_by, visitor_name, own_investment, investment_kept, recorded_utc, recorded_by_user_id)
            SELECT e.id, '2026-06-15', 'Officer', 'Visita de referencia', {Money("(100 + e.id % 50)")}, (e.id % 3 <> 0), @now, {user}
            FROM entries e WHERE e.id > {firstEntry} AND e.id % 10 = 0 AND e.id <= {firstEntry} + {visits} * 10
            """));
        await ExecuteAsync(db, Invariant($"""
            INSERT INTO follow_up_items (position, visit_id, quantity, value)
            SELECT 1, v.id, {(sqlite ? "'3.0'" : "3")}, {Money("(800 + v.id % 300)")}
            FROM follow_up_visits v WHERE v.id > {firstVisit}
            """));
    }

    /// <summary>
    /// CPU seconds used so far by the PostgreSQL backends serving <paramref name="database"/> (from /proc: user + system
    /// ticks at 100 per second); 0 without a database name or /proc. On a machine shared with other work, the CPU a request
    /// cost (server + backends) moves far less than its wall time, which waits for a core.
    /// </summary>
    private static double BackendCpuSeconds(string? database)
    {
        if (database is null || !Directory.Exists("/proc"))
        {
            return 0;
        }
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }
            try
            {
                var command = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (!command.StartsWith("postgres:", StringComparison.Ordinal) || !command.Contains(database, StringComparison.Ordinal))
                {
                    continue;
                }
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile.
            }
        }
        return ticks / 100.0;
    }

    /// <summary>The page's reads as the server logged them since <paramref name="from"/>: each query's median time and its rows.</summary>
    private static string Reads(string logPath, long from)
    {
        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(from, SeekOrigin.Begin);
        var text = new StreamReader(stream).ReadToEnd();
        var reads = ReadLine().Matches(text)
            .GroupBy(m => m.Groups[1].Value)
            .Select(g =>
            {
                var ms = g.Select(m => int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)).Order().ToList();
                return Invariant($"{g.Key} {ms[ms.Count / 2]} ms ({g.Last().Groups[2].Value} rows)");
            });
        return string.Join("; ", reads);
    }

    [GeneratedRegex(@"Indicators read (.+?): (\d+) rows in (\d+) ms")]
    private static partial Regex ReadLine();

    private static async Task ExecuteAsync(ContestsDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        AddNow(command);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(ContestsDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        return await command.ExecuteScalarAsync();
    }

    private static async Task<long[]> ScalarsAsync(ContestsDbContext db, params string[] sql)
    {
        var values = new long[sql.Length];
        for (var i = 0; i < sql.Length; i++)
        {
            values[i] = Convert.ToInt64(await ScalarAsync(db, sql[i]), CultureInfo.InvariantCulture);
        }
        return values;
    }

    private static void AddNow(DbCommand command)
    {
        var now = command.CreateParameter();
        now.ParameterName = "@now";
        now.Value = DateTime.UtcNow;
        command.Parameters.Add(now);
    }

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchmarkCheckException(Invariant($"GET {url}: {(int)response.StatusCode}."));
        }
        return html;
    }

    /// <summary>The page's own figures must be the database's, so a fast figure can't come from an empty or wrong page.</summary>
    private static void Check((string Name, string Url, long Entries, long Households) page, string html)
    {
        foreach (var (figure, expected) in new[] { ("entries", page.Entries), ("households", page.Households) })
        {
            var match = Regex.Match(html, "data-figure=\"" + figure + "\" data-value=\"([^\"]*)\"", RegexOptions.None, TimeSpan.FromSeconds(5));
            var shown = match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : -1;
            if (shown != expected)
            {
                throw new BenchmarkCheckException(Invariant($"GET {page.Url}: {figure} shown {(match.Success ? match.Groups[1].Value : "nowhere")}, expected {expected:N0}."));
            }
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
