using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Contests.Core.Common;
using Contests.Core.Registry;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Contests.Benchmarks;

/// <summary>
/// End-to-end throughput of the households CSV import (docs/architecture.md#figures-to-reach: 100,000 households with full validation
/// in ≤ 10 s on PostgreSQL and on SQLite, no row-by-row round trips). One import takes seconds, so each run is
/// timed once with a <see cref="Stopwatch"/> rather than by BenchmarkDotNet's micro-iterations.
/// <para>
/// Each run of each scenario gets a fresh database and a fresh in-process app (<see cref="WebApplicationFactory{TEntryPoint}"/>
/// on the real <c>Program</c>, demo mode so the demo communities exist), then times
/// <see cref="RegistryImporter.ImportAsync"/> end to end — decode and parse, validate every row, check every
/// DNI against the register, write in one transaction — and checks what it did, so a broken import fails
/// instead of producing a fast figure:
/// </para>
/// <list type="bullet">
/// <item><b>accepted</b>: a clean file of N rows must succeed and add exactly N households, N memberships and
/// one import record; some rows are read back and compared field by field.</item>
/// <item><b>second</b>: another clean file of N other households (other DNIs) into a register that already
/// holds the first file's N (imported first, untimed): the same checks, with the DNI check against a full register.</item>
/// <item><b>refused</b>: the first file with one 7-digit DNI near the end (row 99,000 of 100,000) must report
/// exactly that row and column and write nothing.</item>
/// </list>
/// <para>
/// Round trips: EF Core's commands are counted with an interceptor on both engines; on PostgreSQL every
/// operation Npgsql sends (EF's and the bulk writer's raw commands, a COPY counting as one) is counted from
/// Npgsql's tracing. Either count at 50 or more fails the run: an import that makes a round trip per row can't pass.
/// </para>
/// </summary>
internal static class ImportBenchmark
{
    public const string PostgresVariable = "CONTESTS_BENCH_POSTGRES";

    /// <summary>docs/architecture.md#figures-to-reach.</summary>
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(10);

    /// <summary>More commands than this for one import means something runs per row (or per batch of rows).</summary>
    private const int MaxCommands = 50;

    /// <summary>
    /// One probe and one set of EF interceptors for the whole process. A query-expression interceptor is a
    /// singleton interceptor: EF keys its internal service provider (and with it the compiled-query cache) on
    /// the instance, so new instances per run — let alone per DbContext — would make EF rebuild both every time.
    /// </summary>
    private static readonly ImportProbe Probe = new();

    private static readonly IInterceptor[] Interceptors = [new EfCommandCounter(Probe), new EfQueryClock(Probe), new EfTransactionClock(Probe)];

    private const string Usage =
        "usage: import [--provider sqlite|postgres] [--rows 100000] [--runs 3] [--scenario all|accepted|second|refused[,…]] [--verbose]\n" +
        "              [--sqlite-cache-mb N]  (experiment: PRAGMA cache_size on every SQLite connection; not how the app runs)\n" +
        $"  PostgreSQL: {PostgresVariable} names the server, e.g. \"Host=127.0.0.1;Port=55433;Username=postgres\";\n" +
        "  each run creates a database on it and drops it afterwards.";

    public static async Task<int> RunAsync(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        PrintMachine(options);
        var badRow = HouseholdCsv.BadRowFor(options.Rows);
        var files = new Dictionary<Scenario, byte[]>
        {
            [Scenario.Accepted] = HouseholdCsv.Generate(options.Rows),
            [Scenario.Second] = HouseholdCsv.Generate(options.Rows, first: options.Rows),
            [Scenario.Refused] = HouseholdCsv.Generate(options.Rows, badRow),
        };
        Console.WriteLine(Invariant($"// file: {options.Rows:N0} rows, {files[Scenario.Accepted].Length:N0} bytes (UTF-8 with BOM); refused file: 7-digit DNI in row {badRow:N0}"));

        using var trace = options.Provider == DatabaseProvider.Postgres ? new NpgsqlTrace() : null;
        var results = new List<Measurement>();
        try
        {
            for (var run = 1; run <= options.Runs; run++)
            {
                foreach (var scenario in options.Scenarios)
                {
                    var measurement = await MeasureAsync(options, scenario, files, badRow, run, trace);
                    results.Add(measurement);
                    Print(measurement, options.Verbose);
                }
            }
        }
        catch (BenchmarkCheckException e)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"FAILED: {e.Message}");
            return 1;
        }
        return Summarize(options, results);
    }

    private static async Task<Measurement> MeasureAsync(Options options, Scenario scenario, Dictionary<Scenario, byte[]> files, int badRow, int run,
        NpgsqlTrace? trace)
    {
        await using var database = await BenchDatabase.CreateAsync(options.Provider);
        var probe = Probe;
        await using var root = new WebApplicationFactory<Program>();
        var factory = root.WithWebHostBuilder(builder =>
        {
            builder.UseContentRoot(PageRenderBenchmarks.WebContentRoot());
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", options.Provider.ToString());
            builder.UseSetting("Database:ConnectionString", database.ConnectionString);
            builder.UseSetting("Demo:Enabled", "true"); // migrates and seeds the demo register: its communities are the file's
            builder.UseSetting("Logging:LogLevel:Default", "Warning"); // keeps the app's start-up lines out of the report
            builder.ConfigureTestServices(services => services.ConfigureDbContext<ContestsDbContext>(
                db => db.AddInterceptors(options.SqliteCacheMb is { } mb ? [.. Interceptors, SqlitePragma.CacheSize(mb)] : Interceptors)));
        });
        _ = factory.Services; // starts the app: migration and demo seeding happen here, not in the measured time

        var label = Invariant($"{options.Provider} {scenario.ToString().ToLowerInvariant()} run {run}");
        if ((await CountAsync(factory.Services, null)).Households == 0)
        {
            throw new BenchmarkCheckException("the demo register is empty: Demo:Enabled=true did not seed it.");
        }
        if (scenario == Scenario.Second)
        {
            await PreloadAsync(label, factory.Services, files[Scenario.Accepted], options.Rows);
        }
        var before = await CountAsync(factory.Services, null);

        using var scope = factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("bench:import");
        var importer = scope.ServiceProvider.GetRequiredService<RegistryImporter>();
        using var content = new MemoryStream(files[scenario], writable: false);
        var phases = new PhaseClock();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var peakReset = ResetPeakWorkingSet();
        var workingSetBefore = WorkingSet(peak: false);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen2Before = GC.CollectionCount(2);
        var loadBefore = LoadAverage();
        trace?.Attach(probe);
        probe.Start();
        var start = Stopwatch.GetTimestamp();
        var result = await importer.ImportAsync(ImportKind.Households, content, "bench-households.csv", null, phases, CancellationToken.None);
        var end = Stopwatch.GetTimestamp();
        probe.Stop();
        trace?.Attach(null);
        var peak = WorkingSet(peak: true);
        await Task.Delay(200); // lets the "writing" progress reports the importer posted to the thread pool arrive
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        var loadAfter = LoadAverage();

        var after = await CountAsync(factory.Services, result.ImportId);
        if (scenario != Scenario.Refused)
        {
            CheckAccepted(label, options.Rows, result, before, after);
            await CheckRowsAsync(label, factory.Services, options.Rows, scenario == Scenario.Second ? options.Rows : 0, result.ImportId!.Value);
        }
        else
        {
            CheckRefused(label, badRow, result, before, after);
        }
        var commands = CheckCommands(label, options.Provider, scenario, probe);

        return new Measurement(options.Provider, scenario, run, options.Rows, Stopwatch.GetElapsedTime(start, end),
            Phases.From(start, end, phases, probe), workingSetBefore, peak, peakReset, allocated, gen2,
            commands.Ef, commands.Npgsql, commands.Connects, probe.EfCommands, probe.NpgsqlOperations, loadBefore, loadAfter,
            phases.WritingReports, phases.WritingAfterDone);
    }

    private static void CheckAccepted(string label, int rows, ImportResult result, Counts before, Counts after)
    {
        if (!result.Succeeded)
        {
            throw new BenchmarkCheckException($"{label}: the clean file was refused with {result.Problems.Count} problem(s), first: "
                + string.Join(" | ", result.Problems.Take(5).Select(p => Invariant($"row {p.Row}, {p.Column}: {p.Message}"))));
        }
        Expect(label, "rows read", rows, result.Rows);
        Expect(label, "households added", rows, after.Households - before.Households);
        Expect(label, "memberships added", rows, after.Memberships - before.Memberships);
        Expect(label, "import records added", 1, after.Imports - before.Imports);
        Expect(label, "households carrying the import's id", rows, after.HouseholdsOfImport);
        Expect(label, "memberships of the import's households", rows, after.MembershipsOfImport);
    }

    private static void CheckRefused(string label, int badRow, ImportResult result, Counts before, Counts after)
    {
        if (result.Succeeded)
        {
            throw new BenchmarkCheckException($"{label}: the file with a 7-digit DNI in row {badRow} was imported (import {result.ImportId}).");
        }
        var problems = string.Join(" | ", result.Problems.Take(5).Select(p => Invariant($"row {p.Row}, {p.Column}: {p.Message}")));
        if (result.Problems.Count != 1 || result.Problems[0].Row != badRow || result.Problems[0].Column != "dni")
        {
            throw new BenchmarkCheckException(Invariant(
                $"{label}: expected exactly one problem, row {badRow}, column dni; got {result.Problems.Count}: {problems}"));
        }
        Expect(label, "households added", 0, after.Households - before.Households);
        Expect(label, "memberships added", 0, after.Memberships - before.Memberships);
        Expect(label, "import records added", 0, after.Imports - before.Imports);
        Console.WriteLine($"// {label}: refused as expected — {problems}");
    }

    /// <summary>
    /// Reads back the first, middle and last rows and the one the refused file breaks, and compares every field
    /// with what the file says: a writer that shifted a column or mixed up rows can't pass for a fast one.
    /// </summary>
    private static async Task CheckRowsAsync(string label, IServiceProvider services, int rows, int first, int importId)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var communities = await db.Communities.AsNoTracking().ToDictionaryAsync(c => (c.DistrictUbigeo, c.NameKey), c => c.Id);
        int[] indexes = [0, rows / 2, HouseholdCsv.BadRowFor(rows) - 2, rows - 1];
        foreach (var index in indexes.Where(i => i >= 0 && i < rows).Distinct())
        {
            var fields = HouseholdCsv.Fields(first + index);
            string Field(string header) => fields[HouseholdCsv.Column(header)];
            var dni = Digits(Field("dni"));
            var household = await db.Households.AsNoTracking().Include(h => h.Memberships).SingleOrDefaultAsync(h => h.HeadDni == dni)
                ?? throw new BenchmarkCheckException($"{label}: no household with the head DNI {dni} of row {HouseholdCsv.SpreadsheetRow(index)}.");
            var row = Invariant($"{label}, row {HouseholdCsv.SpreadsheetRow(index)}");
            var communityId = communities[(Digits(Field("ubigeo")), Text.Key(Field("comunidad")))];
            var headSex = SexCodes.Parse(Field("sexo"));
            Expect(row, "import_id", importId, household.ImportId);
            Expect(row, "community_id", communityId, household.CommunityId);
            Expect(row, "head_first_names", Field("nombres"), household.HeadFirstNames);
            Expect(row, "head_last_names", Field("apellidos"), household.HeadLastNames);
            Expect(row, "head_sex", headSex, household.HeadSex);
            Expect(row, "women_headed", headSex == Sex.Female, household.WomenHeaded);
            Expect(row, "head_birth_year", int.Parse(Field("anio_nacimiento"), CultureInfo.InvariantCulture), household.HeadBirthYear);
            Expect(row, "partner_first_names", NullIfEmpty(Field("conyuge_nombres")), household.PartnerFirstNames);
            Expect(row, "partner_last_names", NullIfEmpty(Field("conyuge_apellidos")), household.PartnerLastNames);
            Expect(row, "partner_dni", NullIfEmpty(Digits(Field("conyuge_dni"))), household.PartnerDni);
            Expect(row, "partner_sex", SexCodes.Parse(Field("conyuge_sexo")), household.PartnerSex);
            Expect(row, "members", int.Parse(Field("miembros"), CultureInfo.InvariantCulture), household.Members);
            Expect(row, "phone", NullIfEmpty(Field("telefono")), household.Phone);
            Expect(row, "memberships", 1, household.Memberships.Count);
            var membership = household.Memberships.Single();
            Expect(row, "membership community_id", communityId, membership.CommunityId);
            Expect(row, "membership from_utc", household.RegisteredUtc, membership.FromUtc);
            Expect(row, "membership to_utc", null, membership.ToUtc);
        }
    }

    private static (int Ef, int? Npgsql, int? Connects) CheckCommands(string label, DatabaseProvider provider, Scenario scenario, ImportProbe probe)
    {
        var ef = probe.EfCommands.Count;
        if (ef == 0)
        {
            throw new BenchmarkCheckException($"{label}: the EF Core interceptor saw no command: the count would be meaningless.");
        }
        if (ef >= MaxCommands)
        {
            throw new BenchmarkCheckException(Invariant($"{label}: {ef} EF Core commands for one import (limit {MaxCommands}): something runs per row."));
        }
        if (provider != DatabaseProvider.Postgres)
        {
            return (ef, null, null);
        }
        var operations = probe.NpgsqlOperations;
        var connects = operations.Count(o => o.Name.StartsWith("CONNECT", StringComparison.Ordinal));
        var sent = operations.Count - connects;
        if (sent < ef)
        {
            throw new BenchmarkCheckException(Invariant(
                $"{label}: Npgsql traced {sent} operations but EF alone executed {ef}: the tracing misses commands, so the count proves nothing."));
        }
        if (scenario != Scenario.Refused && !operations.Any(o => (o.Text ?? o.Name).Contains("COPY", StringComparison.OrdinalIgnoreCase)))
        {
            throw new BenchmarkCheckException($"{label}: Npgsql traced no COPY: either the writer no longer uses COPY or the tracing misses it.");
        }
        if (sent >= MaxCommands)
        {
            throw new BenchmarkCheckException(Invariant($"{label}: {sent} operations sent to PostgreSQL for one import (limit {MaxCommands}): round trips per row."));
        }
        return (ef, sent, connects);
    }

    /// <summary>The "second" scenario's register: the first file imported (not timed, but checked).</summary>
    private static async Task PreloadAsync(string label, IServiceProvider services, byte[] file, int rows)
    {
        var before = await CountAsync(services, null);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("bench:preload");
        using var content = new MemoryStream(file, writable: false);
        var result = await scope.ServiceProvider.GetRequiredService<RegistryImporter>()
            .ImportAsync(ImportKind.Households, content, "bench-households-first.csv", null, null, CancellationToken.None);
        CheckAccepted(label + " (preload)", rows, result, before, await CountAsync(services, result.ImportId));
    }

    private static async Task<Counts> CountAsync(IServiceProvider services, int? importId)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        return new Counts(
            await db.Households.CountAsync(),
            await db.HouseholdMemberships.CountAsync(),
            await db.Imports.CountAsync(),
            importId is null ? 0 : await db.Households.CountAsync(h => h.ImportId == importId),
            importId is null ? 0 : await db.HouseholdMemberships.CountAsync(m => db.Households.Any(h => h.Id == m.HouseholdId && h.ImportId == importId)));
    }

    private static int Summarize(Options options, List<Measurement> results)
    {
        Console.WriteLine();
        Console.WriteLine("| provider | scenario | rows | runs | median | min–max | run 1 | median split: read + parse / validate / DNI check (DB) / write + commit | peak working set, run 1 (before) | peak working set, max | allocated (median) | EF commands | Npgsql operations (+ connects) |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        var missed = false;
        foreach (var group in results.GroupBy(r => (r.Provider, r.Scenario)))
        {
            var runs = group.OrderBy(r => r.Run).ToList();
            var median = Median(runs.Select(r => r.Elapsed.TotalSeconds));
            missed |= median > Target.TotalSeconds;
            var split = string.Join(" / ", new[]
            {
                Median(runs.Select(r => r.Phases.Parse?.TotalSeconds ?? double.NaN)),
                Median(runs.Select(r => r.Phases.Validate?.TotalSeconds ?? double.NaN)),
                Median(runs.Select(r => r.Phases.Check?.TotalSeconds ?? double.NaN)),
                Median(runs.Select(r => r.Phases.Write?.TotalSeconds ?? double.NaN)),
            }.Select(s => double.IsNaN(s) ? "—" : Invariant($"{s:0.00} s")));
            var npgsql = runs[0].NpgsqlOperations is null
                ? "not traced (SQLite)"
                : Range(runs.Select(r => r.NpgsqlOperations ?? 0)) + " (+" + Range(runs.Select(r => r.Connects ?? 0)) + ")";
            Console.WriteLine(Invariant(
                $"| {group.Key.Provider} | {group.Key.Scenario.ToString().ToLowerInvariant()} | {runs[0].Rows:N0} | {runs.Count} | **{median:0.00} s** | ",
                $"{runs.Min(r => r.Elapsed.TotalSeconds):0.00}–{runs.Max(r => r.Elapsed.TotalSeconds):0.00} s | {runs[0].Elapsed.TotalSeconds:0.00} s | {split} | ",
                $"{runs[0].PeakWorkingSet / Mb:N0} MB ({runs[0].WorkingSetBefore / Mb:N0} MB) | {runs.Max(r => r.PeakWorkingSet) / Mb:N0} MB | ",
                $"{Median(runs.Select(r => (double)r.Allocated)) / Mb:N0} MB | {Range(runs.Select(r => r.EfCommands))} | {npgsql} |"));
        }
        Console.WriteLine();
        var slowest = results.MaxBy(r => r.Elapsed)!;
        Console.WriteLine(missed
            ? Invariant($"TARGET MISSED: a median above {Target.TotalSeconds:0} s.")
            : Invariant($"Target met: every median ≤ {Target.TotalSeconds:0} s; every run checked (rows written, refusal, command counts < {MaxCommands})."));
        Console.WriteLine(Invariant(
            $"Slowest single run: {slowest.Elapsed.TotalSeconds:0.00} s ({slowest.Provider} {slowest.Scenario.ToString().ToLowerInvariant()} run {slowest.Run}){(slowest.Elapsed > Target ? " — ABOVE the target" : "")}."));
        return missed ? 3 : 0;
    }

    private static void Print(Measurement m, bool verbose)
    {
        var p = m.Phases;
        Console.WriteLine(Invariant(
            $"{m.Provider} {m.Scenario.ToString().ToLowerInvariant(),-8} run {m.Run}: {m.Elapsed.TotalSeconds:0.000} s ",
            $"(read + parse {Seconds(p.Parse)}, validate {Seconds(p.Validate)}, DNI check {Seconds(p.Check)}, write + commit {Seconds(p.Write)}, after commit {Seconds(p.AfterCommit)}); ",
            $"working set {m.WorkingSetBefore / Mb:N0} MB before, peak {m.PeakWorkingSet / Mb:N0} MB{(m.PeakReset ? "" : " (peak since process start)")}; ",
            $"allocated {m.Allocated / Mb:N0} MB, {m.Gen2Collections} gen2 GCs; EF commands {m.EfCommands}",
            $"{(m.NpgsqlOperations is null ? "" : Invariant($", Npgsql operations {m.NpgsqlOperations} (+{m.Connects} connects)"))}",
            $"; load {m.LoadBefore} → {m.LoadAfter}",
            $"{(m.WritingAfterDone > 0 ? Invariant($"; {m.WritingAfterDone} of {m.WritingReports} \"writing\" progress reports arrived after \"done\"") : "")}"));
        if (verbose)
        {
            foreach (var command in m.EfCommandTexts)
            {
                Console.WriteLine($"    EF      {OneLine(command)}");
            }
            foreach (var (name, text, duration) in m.NpgsqlOperationList)
            {
                Console.WriteLine(Invariant($"    Npgsql  {duration.TotalMilliseconds,8:0.0} ms  {name}: {OneLine(text ?? string.Empty)}"));
            }
        }
    }

    private static void PrintMachine(Options options)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        Console.WriteLine(Invariant(
            $"// import benchmark: {options.Provider}, {options.Rows:N0} rows, {options.Runs} run(s), scenarios {string.Join(", ", options.Scenarios)}"));
        if (options.SqliteCacheMb is { } mb)
        {
            Console.WriteLine(Invariant($"// EXPERIMENT, not the app as shipped: PRAGMA cache_size = -{mb * 1024} ({mb} MiB) on every SQLite connection"));
        }
        Console.WriteLine(Invariant(
            $"// machine: {Environment.ProcessorCount} CPUs ({cpu ?? "model unknown"}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30):0.0} GiB, ",
            $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, ",
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC ({GCSettings.LatencyMode}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load {LoadAverage()}"));
        if (!GCSettings.IsServerGC)
        {
            Console.WriteLine("// note: the app itself (Contests.Web, web and CLI) runs with server GC; set DOTNET_gcServer=1 to measure under the same GC.");
        }
    }

    private static void Expect<T>(string label, string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new BenchmarkCheckException($"{label}: {what} is {Invariant($"{actual}")}, expected {Invariant($"{expected}")}.");
        }
    }

    /// <summary>
    /// Resets the process's peak resident set (VmHWM, which <see cref="Process.PeakWorkingSet64"/> reads on Linux)
    /// to the current one, so the peak is this import's, not an earlier run's. Linux only; false elsewhere.
    /// </summary>
    internal static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    internal static long WorkingSet(bool peak)
    {
        using var process = Process.GetCurrentProcess();
        return peak ? process.PeakWorkingSet64 : process.WorkingSet64;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Range(IEnumerable<int> values)
    {
        var list = values.ToList();
        return list.Min() == list.Max() ? Invariant($"{list.Min()}") : Invariant($"{list.Min()}–{list.Max()}");
    }

    private static string Seconds(TimeSpan? span) => span is { } s ? Invariant($"{s.TotalSeconds:0.00} s") : "—";

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return line.Length > 160 ? line[..160] + "…" : line;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Invariant(params FormattableString[] parts) => string.Concat(parts.Select(FormattableString.Invariant));

    private const double Mb = 1024 * 1024;

    internal enum Scenario
    {
        Accepted,
        Second,
        Refused,
    }

    private sealed record Counts(int Households, int Memberships, int Imports, int HouseholdsOfImport, int MembershipsOfImport);

    private sealed record Measurement(DatabaseProvider Provider, Scenario Scenario, int Run, int Rows, TimeSpan Elapsed, Phases Phases,
        long WorkingSetBefore, long PeakWorkingSet, bool PeakReset, long Allocated, int Gen2Collections, int EfCommands, int? NpgsqlOperations,
        int? Connects, IReadOnlyList<string> EfCommandTexts, IReadOnlyList<(string Name, string? Text, TimeSpan Duration)> NpgsqlOperationList,
        string LoadBefore, string LoadAfter, int WritingReports, int WritingAfterDone);

    /// <summary>
    /// Where the time went, from the boundaries the importer shows: read + parse runs to EF's first query
    /// (copy the upload, SHA-256, decode, split into records, check the header); validate from there to the
    /// report that every row is checked (the community list query, each row's rules, DNIs repeated within the
    /// file); DNI check from there to EF's BEGIN (one query with every DNI of the file against the register,
    /// then the look-up); write + commit from BEGIN to COMMIT (import record and its audit record, the bulk
    /// write, memberships, commit). A refused file has no transaction: DNI check runs to the return.
    /// </summary>
    private sealed record Phases(TimeSpan? Parse, TimeSpan? Validate, TimeSpan? Check, TimeSpan? Write, TimeSpan? AfterCommit)
    {
        public static Phases From(long start, long end, PhaseClock clock, ImportProbe probe)
        {
            TimeSpan? Span(long from, long to) => from != 0 && to != 0 && to >= from ? Stopwatch.GetElapsedTime(from, to) : null;
            var write = probe.TransactionStarted != 0;
            var checkEnd = write ? probe.TransactionStarted : end;
            return new Phases(
                Span(start, probe.FirstQuery),
                Span(probe.FirstQuery, clock.AllValidated),
                Span(clock.AllValidated, checkEnd),
                write ? Span(probe.TransactionStarted, probe.TransactionCommitted) : null,
                write ? Span(probe.TransactionCommitted, end) : null);
        }
    }

    private sealed record Options(DatabaseProvider Provider, int Rows, int Runs, IReadOnlyList<Scenario> Scenarios, bool Verbose, int? SqliteCacheMb)
    {
        public static Options Parse(string[] args)
        {
            var provider = DatabaseProvider.Sqlite;
            var rows = 100_000;
            var runs = 3;
            Scenario[] scenarios = [Scenario.Accepted, Scenario.Second, Scenario.Refused];
            var verbose = false;
            int? sqliteCacheMb = null;
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--provider":
                        provider = Value() switch
                        {
                            "sqlite" => DatabaseProvider.Sqlite,
                            "postgres" => DatabaseProvider.Postgres,
                            var other => throw new ArgumentException($"--provider is sqlite or postgres, not '{other}'."),
                        };
                        break;
                    case "--rows":
                        rows = Positive("--rows", Value());
                        break;
                    case "--runs":
                        runs = Positive("--runs", Value());
                        break;
                    case "--scenario":
                        scenarios = [.. Value().Split(',').SelectMany<string, Scenario>(name => name switch
                        {
                            "all" => [Scenario.Accepted, Scenario.Second, Scenario.Refused],
                            "accepted" => [Scenario.Accepted],
                            "second" => [Scenario.Second],
                            "refused" => [Scenario.Refused],
                            var other => throw new ArgumentException($"--scenario is all, accepted, second or refused (or a comma-separated list), not '{other}'."),
                        }).Distinct()];
                        break;
                    case "--sqlite-cache-mb":
                        sqliteCacheMb = Positive("--sqlite-cache-mb", Value());
                        break;
                    case "--verbose":
                        verbose = true;
                        break;
                    default:
                        throw new ArgumentException($"unknown option '{args[i]}'.");
                }
            }
            return new Options(provider, rows, runs, scenarios, verbose, sqliteCacheMb);
        }

        private static int Positive(string name, string value) =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{name} is a positive whole number, not '{value}'.");
    }
}

/// <summary>A check of the import's result failed: the run's figure must not be reported.</summary>
internal sealed class BenchmarkCheckException(string message) : Exception(message);
