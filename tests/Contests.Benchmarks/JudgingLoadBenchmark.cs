using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Contests.Web.Infrastructure.Persistence;
using Npgsql;

namespace Contests.Benchmarks;

/// <summary>
/// Load benchmark of judging (docs/architecture.md#figures-to-reach: 300 concurrent LRAC members saving score sheets on loopback, p95 ≤ 100 ms,
/// p99 ≤ 250 ms, zero errors, zero lost or duplicated scores). The real app runs as its own process on a loopback
/// socket (<see cref="AppProcess"/>); <see cref="JudgingLoadSeed"/> makes a round in Judging with one LRAC member and
/// ten sheets per virtual juror before the server starts; <see cref="JudgingJuror"/>s sign in, open their sheets,
/// then autosave with a think time for the warm-up and the measured duration, repeating every N-th save with the same
/// save id, and submit every sheet at the end. Every autosave and submit is timed; afterwards the database is read
/// back and compared with what the jurors sent: every sheet submitted once, its revision the number of saves that
/// were applied, its points, achieved quantities and comment the last ones sent, one audit record per applied save,
/// no duplicate sheet, the audit chain intact.
/// </summary>
internal static class JudgingLoadBenchmark
{
    private static readonly TimeSpan P95Target = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan P99Target = TimeSpan.FromMilliseconds(250);

    private const string Usage =
        "usage: judging-load [--provider sqlite|postgres] [--jurors 300] [--duration 60] [--warmup 10] [--think-min 1] [--think-max 3]\n" +
        "                    [--retry-every 10] [--seed 1] [--sign-ins 8] [--csv FILE] [--keep]\n" +
        $"  PostgreSQL: {ImportBenchmark.PostgresVariable} names the server, e.g. \"Host=127.0.0.1;Port=55433;Username=postgres\";\n" +
        "  the run creates a database on it and drops it afterwards. --keep leaves the temp folder (server log, SQLite file).";

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
        var work = Directory.CreateTempSubdirectory("contests-judging-load-").FullName;
        try
        {
            return await RunAsync(options, work);
        }
        catch (BenchmarkCheckException e)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"FAILED: {e.Message}");
            return 1;
        }
        finally
        {
            if (options.Keep)
            {
                Console.WriteLine($"// kept {work}");
            }
            else
            {
                TryDelete(work);
            }
        }
    }

    private static async Task<int> RunAsync(Options options, string work)
    {
        var ct = CancellationToken.None;
        await using var database = await BenchDatabase.CreateAsync(options.Provider);
        var storage = Path.Combine(work, "files");

        var clock = Stopwatch.StartNew();
        await using var seed = JudgingLoadSeed.Start(database, storage);
        var round = await seed.SeedAsync(options.Jurors, ct);
        Console.WriteLine(Invariant(
            $"// seeded in {clock.Elapsed.TotalSeconds:0.0} s (in process, the app's services): round {round.RoundId} in Judging, {round.Entries} entries, {round.Jurors.Count} LRAC members with their own accounts, {round.Sheets} sheets ({round.Jurors.Min(j => j.Sheets.Count)}–{round.Jurors.Max(j => j.Sheets.Count)} per juror)"));

        var plan = new JurorPlan(options.ThinkMin, options.ThinkMax, options.RetryEvery, options.Seed);
        RunResult result;
        var server = await AppProcess.StartAsync(options.Provider, database.ConnectionString, storage, Path.Combine(work, "server.log"));
        try
        {
            Console.WriteLine(Invariant($"// server: pid {server.Id}, {server.BaseAddress} (dotnet {AppProcess.WebDll()}, Production), log {server.LogPath}"));
            result = await DriveAsync(options, round, plan, server, database, ct);
        }
        finally
        {
            await server.DisposeAsync();
        }
        Console.WriteLine(Invariant($"// server stopped; {server.Warnings.Count} warning/error line(s) in its log"));
        foreach (var line in server.Warnings.Take(10))
        {
            Console.WriteLine("//   " + line);
        }

        if (options.Csv is { } csv)
        {
            await File.WriteAllLinesAsync(csv, result.Samples.OrderBy(s => s.Start).Select(s => Invariant(
                $"{s.Kind},{(s.Start - result.MeasureFrom) * 1000.0 / Stopwatch.Frequency:0.0},{s.Milliseconds:0.00},{s.Status},{(s.Error is null ? "" : "error")}")).Prepend("kind,start_ms_from_measure,latency_ms,status,error"), ct);
            Console.WriteLine($"// every timed request written to {csv}");
        }
        var verification = await seed.VerifyAsync(round, result.Expectations, ct);
        return Summarize(options, round, result, verification);
    }

    private static async Task<RunResult> DriveAsync(Options options, SeededRound round, JurorPlan plan, AppProcess server, BenchDatabase database,
        CancellationToken ct)
    {
        var jurors = round.Jurors.Select(j => new JudgingJuror(j, server.BaseAddress, plan)).ToList();
        try
        {
            var prepare = Stopwatch.StartNew();
            using (var gate = new SemaphoreSlim(options.SignIns))
            {
                await Task.WhenAll(jurors.Select(j => j.PrepareAsync(gate, ct)));
            }
            var opens = jurors.SelectMany(j => j.PageOpens).Select(o => (o.End - o.Start) * 1000.0 / Stopwatch.Frequency).ToList();
            Console.WriteLine(Invariant(
                $"// {jurors.Count} jurors signed in, listed and opened their {opens.Count} sheets in {prepare.Elapsed.TotalSeconds:0.0} s (not timed: sheet page GETs p50 {Percentile(opens, 0.50):0.0} ms, p95 {Percentile(opens, 0.95):0.0} ms, max {opens.Max():0.0} ms)"));

            var loadBefore = LoadAverage();
            var start = Stopwatch.GetTimestamp();
            var measureFrom = start + Ticks(options.Warmup);
            var autosaveUntil = measureFrom + Ticks(options.Duration);
            Console.WriteLine(Invariant(
                $"// {DateTime.UtcNow:HH:mm:ss} UTC: go — warm-up {options.Warmup.TotalSeconds:0} s, then autosaves for {options.Duration.TotalSeconds:0} s, then every sheet submitted; load {loadBefore}"));
            using var stop = new CancellationTokenSource();
            var cpu = MeasureCpuAsync(server, measureFrom, stop.Token);
            var machine = SampleMachineAsync(server, measureFrom, stop.Token);
            var locks = database.Provider == DatabaseProvider.Postgres ? SamplePostgresAsync(database.ConnectionString, measureFrom, stop.Token) : null;
            await Task.WhenAll(jurors.Select(j => j.RunAsync(autosaveUntil, ct)));
            var end = Stopwatch.GetTimestamp();
            await stop.CancelAsync();
            var (serverCpu, clientCpu, measuredWall) = await cpu;
            var machineSamples = await machine;
            var lockSamples = locks is null ? null : await locks;
            var loadAfter = LoadAverage();
            Console.WriteLine(Invariant($"// {DateTime.UtcNow:HH:mm:ss} UTC: done in {Stopwatch.GetElapsedTime(start, end).TotalSeconds:0.0} s; load {loadAfter}"));

            var expectations = jurors.SelectMany(j => j.Expectations()).ToDictionary(kv => kv.Key, kv => kv.Value);
            var counts = jurors.Select(j => j.Counts).ToList();
            return new RunResult([.. jurors.SelectMany(j => j.Samples)], start, measureFrom, end, expectations,
                counts.Sum(c => c.Applied), counts.Sum(c => c.Repeated), counts.Sum(c => c.Resynced),
                serverCpu, clientCpu, measuredWall, server.PeakWorkingSet, lockSamples, machineSamples, loadBefore, loadAfter);
        }
        finally
        {
            jurors.ForEach(j => j.Dispose());
        }
    }

    /// <summary>CPU time of the server and of this process over the measured part (from the end of the warm-up to the last answer).</summary>
    private static async Task<(TimeSpan Server, TimeSpan Client, TimeSpan Wall)> MeasureCpuAsync(AppProcess server, long from, CancellationToken stop)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), from);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, CancellationToken.None);
        }
        using var me = Process.GetCurrentProcess();
        var server0 = server.CpuTime;
        var client0 = me.TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
        me.Refresh();
        return (server.CpuTime - server0, me.TotalProcessorTime - client0, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>
    /// Every 500 ms of the measured part: the whole machine's CPU (<c>/proc/stat</c>: the share of all cores' time not
    /// idle, whoever used it — other processes on the machine included), the 1-minute load average, and the server's thread
    /// count (<c>/proc/&lt;pid&gt;/status</c>; the thread pool adds threads when its work items wait, e.g. behind blocking calls).
    /// </summary>
    private static async Task<MachineSamples> SampleMachineAsync(AppProcess server, long from, CancellationToken stop)
    {
        var threads = new List<int>();
        var loads = new List<double>();
        (long Busy, long Total)? first = null, last = null;
        try
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), from);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stop);
            }
            while (!stop.IsCancellationRequested)
            {
                last = CpuCounters();
                first ??= last;
                if (ThreadsOf(server.Id) is { } n)
                {
                    threads.Add(n);
                }
                if (File.Exists("/proc/loadavg")
                    && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var load))
                {
                    loads.Add(load);
                }
                await Task.Delay(500, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
        var end = CpuCounters();
        var busy = first is { } a && end is { } b && b.Total > a.Total ? (b.Busy - a.Busy) / (double)(b.Total - a.Total) : double.NaN;
        return new MachineSamples(busy, loads.Count == 0 ? double.NaN : loads.Max(), threads.Count == 0 ? 0 : threads.Min(),
            threads.Count == 0 ? 0 : threads.Max());
    }

    /// <summary>All cores' jiffies from the first line of <c>/proc/stat</c>: busy (everything but idle and iowait) and total.</summary>
    private static (long Busy, long Total)? CpuCounters()
    {
        if (!File.Exists("/proc/stat"))
        {
            return null;
        }
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToList();
        var total = fields.Take(8).Sum(); // user nice system idle iowait irq softirq steal
        var idle = fields[3] + fields[4];
        return (total - idle, total);
    }

    private static int? ThreadsOf(int pid)
    {
        var status = Invariant($"/proc/{pid}/status");
        try
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("Threads:", StringComparison.Ordinal));
            return line is null ? null : int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every 200 ms of the measured part: the benchmark database's server backends that are running a statement, and
    /// those waiting for a lock — the audit chain's advisory lock (<c>pg_advisory_xact_lock</c>) or another (row, transaction).
    /// </summary>
    private static async Task<LockSamples> SamplePostgresAsync(string connectionString, long from, CancellationToken stop)
    {
        var samples = new List<(int Active, int Advisory, int OtherLock)>();
        var backendCpu = new Dictionary<int, (long First, long Last)>(); // jiffies of each backend of the database
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "judging-load sampler" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE state = 'active'), " +
            "count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'), " +
            "count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event <> 'advisory') " +
            "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid(); " +
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()", connection);
        var first = true;
        try
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), from);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stop);
            }
            while (!stop.IsCancellationRequested)
            {
                await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
                {
                    await reader.ReadAsync(CancellationToken.None);
                    samples.Add(((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2)));
                    await reader.NextResultAsync(CancellationToken.None);
                    while (await reader.ReadAsync(CancellationToken.None))
                    {
                        var pid = reader.GetInt32(0);
                        if (JiffiesOf(pid) is { } jiffies)
                        {
                            // A backend already there at the first sample counts from then; a later one from its start.
                            backendCpu[pid] = backendCpu.TryGetValue(pid, out var seen) ? (seen.First, jiffies) : (first ? jiffies : 0, jiffies);
                        }
                    }
                }
                first = false;
                await Task.Delay(200, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
        return new LockSamples(samples.Count,
            samples.Count == 0 ? 0 : samples.Average(s => s.Active),
            samples.Count == 0 ? 0 : samples.Max(s => s.Active),
            samples.Count == 0 ? 0 : samples.Average(s => s.Advisory),
            samples.Count == 0 ? 0 : samples.Max(s => s.Advisory),
            samples.Count == 0 ? 0 : samples.Count(s => s.Advisory > 0) / (double)samples.Count,
            samples.Count == 0 ? 0 : samples.Average(s => s.OtherLock),
            TimeSpan.FromSeconds(backendCpu.Values.Sum(c => c.Last - c.First) / 100.0)); // USER_HZ = 100 on Linux
    }

    /// <summary>User + system CPU time of a process in clock ticks (fields 14 and 15 of <c>/proc/&lt;pid&gt;/stat</c>).</summary>
    private static long? JiffiesOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText(Invariant($"/proc/{pid}/stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static int Summarize(Options options, SeededRound round, RunResult run, Verification verification)
    {
        var measured = run.Samples.Where(s => s.Start >= run.MeasureFrom).ToList();
        var warmup = run.Samples.Where(s => s.Start < run.MeasureFrom).ToList();
        var lastEnd = measured.Count == 0 ? run.End : measured.Max(s => s.End);
        var window = TimeSpan.FromSeconds((lastEnd - run.MeasureFrom) / (double)Stopwatch.Frequency);
        var errors = measured.Where(s => s.Error is not null).ToList();
        var allErrors = run.Samples.Count(s => s.Error is not null);
        var ms = measured.Select(s => s.Milliseconds).ToList();
        var p50 = Percentile(ms, 0.50);
        var p95 = Percentile(ms, 0.95);
        var p99 = Percentile(ms, 0.99);
        var max = ms.Count == 0 ? double.NaN : ms.Max();
        var throughput = measured.Count / window.TotalSeconds;

        Console.WriteLine();
        Console.WriteLine(Invariant($"Requests timed: {run.Samples.Count:N0} ({warmup.Count:N0} in the warm-up, {measured.Count:N0} measured over {window.TotalSeconds:0.0} s); saves applied {run.Applied:N0}, repeated (same save id) {run.Repeated:N0}"));
        Console.WriteLine();
        Console.WriteLine("| part | requests | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms | mean ms | errors |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Row("**measured: all**", measured);
        foreach (var kind in Enum.GetValues<RequestKind>())
        {
            Row("measured: " + KindName(kind), measured.Where(s => s.Kind == kind).ToList());
        }
        Row(Invariant($"warm-up (first {options.Warmup.TotalSeconds:0} s, not in the targets)"), warmup);
        Console.WriteLine();

        double[] bounds = [10, 50, 100, 150, 250, 500, 1000, 2000];
        Console.WriteLine("Measured latencies by bucket: " + string.Join("; ", bounds.Select((b, i) =>
        {
            var low = i == 0 ? 0 : bounds[i - 1];
            return Invariant($"{low:0}–{b:0} ms {ms.Count(v => v >= low && v < b) / (double)Math.Max(1, ms.Count):P1}");
        }).Append(Invariant($"≥ {bounds[^1]:0} ms {ms.Count(v => v >= bounds[^1]) / (double)Math.Max(1, ms.Count):P1}"))));
        Console.WriteLine();

        Console.WriteLine("Measured part by 10 s (by request start; the last slices are the submits):");
        Console.WriteLine("| from s | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var slice in measured.GroupBy(s => (int)((s.Start - run.MeasureFrom) / (10.0 * Stopwatch.Frequency))).OrderBy(g => g.Key))
        {
            var values = slice.Select(s => s.Milliseconds).ToList();
            Console.WriteLine(Invariant(
                $"| {slice.Key * 10} | {values.Count:N0} | {values.Count / 10.0:0.0} | {Percentile(values, 0.5):0.0} | {Percentile(values, 0.95):0.0} | {Percentile(values, 0.99):0.0} | {values.Max():0.0} | {slice.Count(s => s.Error is not null)} |"));
        }
        Console.WriteLine();

        var cores = Environment.ProcessorCount;
        Console.WriteLine(Invariant(
            $"CPU over the measured part ({run.MeasuredWall.TotalSeconds:0.0} s, {cores} cores): server {run.ServerCpu.TotalSeconds:0.0} s = {100 * run.ServerCpu / run.MeasuredWall / cores:0} % of the machine; load client (and the idle seeding host) {run.ClientCpu.TotalSeconds:0.0} s = {100 * run.ClientCpu / run.MeasuredWall / cores:0} %; server peak working set {run.ServerPeakWorkingSet / (1024.0 * 1024):N0} MB"));
        var m = run.Machine;
        var backends = run.Locks?.BackendCpu ?? TimeSpan.Zero;
        var others = m.Busy - ((run.ServerCpu + run.ClientCpu + backends) / run.MeasuredWall / cores);
        if (run.Locks is { } l)
        {
            Console.WriteLine(Invariant(
                $"PostgreSQL, {l.Samples} samples of pg_stat_activity (every 200 ms): backends running a statement {l.MeanActive:0.0} on average (max {l.MaxActive}); waiting for the audit chain's advisory lock {l.MeanAdvisory:0.0} on average (max {l.MaxAdvisory}, in {l.ShareWithAdvisory:P0} of the samples); waiting for another lock {l.MeanOtherLock:0.00}; CPU of the database's backends {l.BackendCpu.TotalSeconds:0.0} s = {100 * l.BackendCpu / run.MeasuredWall / cores:0} % of the machine"));
        }
        Console.WriteLine(Invariant(
            $"Machine over the measured part: all cores {m.Busy:P0} busy, of which other processes (not the server, {(run.Locks is null ? "" : "not its PostgreSQL backends, ")}not this client) about {Math.Max(0, others):P0}; 1-minute load average up to {m.MaxLoad:0.0}; server threads {m.MinThreads}–{m.MaxThreads}"));
        if (allErrors > 0)
        {
            Console.WriteLine(Invariant($"Errors: {allErrors} in all ({errors.Count} measured); {run.Resynced} sheet(s) re-read after an error. Most frequent:"));
            foreach (var group in run.Samples.Where(s => s.Error is not null).GroupBy(s => s.Error!.Length > 120 ? s.Error[..120] : s.Error).OrderByDescending(g => g.Count()).Take(8))
            {
                Console.WriteLine(Invariant($"  {group.Count(),6} × {group.Key}"));
            }
        }
        Console.WriteLine();

        Console.WriteLine(Invariant(
            $"Database after the run: {verification.SheetsFound:N0} sheets of {verification.SheetsExpected:N0} seeded, {verification.DuplicateSheets} duplicate sheet(s); not submitted {verification.NotSubmitted}; submitted more than once {verification.SubmittedTwice}; lost saves {verification.LostSaves}; duplicated saves {verification.DuplicatedSaves}; values differing from the last sent {verification.ValueMismatches}; sheets whose audit records don't match their saves {verification.AuditMismatches}; audit chain {(verification.AuditChainIntact ? "intact" : "BROKEN")} ({verification.AuditRecordsChecked:N0} records)"));
        foreach (var problem in verification.Problems.Take(20))
        {
            Console.WriteLine("  " + problem);
        }
        Console.WriteLine();

        var p95Met = p95 <= P95Target.TotalMilliseconds;
        var p99Met = p99 <= P99Target.TotalMilliseconds;
        Console.WriteLine(Invariant(
            $"| provider | jurors | sheets | measured requests | throughput | p50 | p95 (≤ 100 ms) | p99 (≤ 250 ms) | max | errors | lost | duplicated | server CPU |"));
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(Invariant(
            $"| {options.Provider} | {round.Jurors.Count} | {round.Sheets:N0} | {measured.Count:N0} | {throughput:0.0} req/s | {p50:0.0} ms | **{p95:0.0} ms** | **{p99:0.0} ms** | {max:0.0} ms | {allErrors} | {verification.LostSaves} | {verification.DuplicatedSaves + verification.DuplicateSheets} | {100 * run.ServerCpu / run.MeasuredWall / cores:0} % |"));
        Console.WriteLine();

        var missed = new List<string>();
        if (!p95Met)
        {
            missed.Add(Invariant($"p95 {p95:0.0} ms > {P95Target.TotalMilliseconds:0} ms"));
        }
        if (!p99Met)
        {
            missed.Add(Invariant($"p99 {p99:0.0} ms > {P99Target.TotalMilliseconds:0} ms"));
        }
        if (allErrors > 0)
        {
            missed.Add(Invariant($"{allErrors} error(s)"));
        }
        if (!verification.Passed)
        {
            Console.WriteLine(Invariant($"CHECK FAILED: {verification.Problems.Count} problem(s) in the database (listed above)."));
            return 1;
        }
        if (missed.Count > 0)
        {
            Console.WriteLine("TARGET MISSED: " + string.Join("; ", missed) + ".");
            return 3;
        }
        Console.WriteLine(Invariant(
            $"Targets met: p95 {p95:0.0} ms ≤ 100 ms, p99 {p99:0.0} ms ≤ 250 ms, no errors; every sheet submitted once, no save lost or applied twice, no duplicate sheet."));
        return 0;

        static void Row(string label, List<Sample> samples)
        {
            var values = samples.Select(s => s.Milliseconds).ToList();
            Console.WriteLine(values.Count == 0
                ? $"| {label} | 0 | | | | | | | |"
                : Invariant($"| {label} | {values.Count:N0} | {Percentile(values, 0.5):0.0} | {Percentile(values, 0.95):0.0} | {Percentile(values, 0.99):0.0} | {Percentile(values, 0.999):0.0} | {values.Max():0.0} | {values.Average():0.0} | {samples.Count(s => s.Error is not null)} |"));
        }
    }

    private static string KindName(RequestKind kind) => kind switch
    {
        RequestKind.Autosave => "autosave (new save id)",
        RequestKind.AutosaveRetry => "autosave repeated (same save id)",
        RequestKind.Submit => "submit",
        _ => "submit repeated (same save id)",
    };

    /// <summary>Nearest rank: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static void PrintMachine(Options options)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        Console.WriteLine(Invariant(
            $"// judging-load: {options.Provider}, {options.Jurors} jurors, warm-up {options.Warmup.TotalSeconds:0} s, autosaves {options.Duration.TotalSeconds:0} s, think {options.ThinkMin:0.##}–{options.ThinkMax:0.##} s, every {options.RetryEvery}th save repeated, seed {options.Seed}"));
        Console.WriteLine(Invariant(
            $"// machine: {Environment.ProcessorCount} CPUs ({cpu ?? "model unknown"}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30):0.0} GiB, ",
            $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load client: {(GCSettings.IsServerGC ? "server" : "workstation")} GC; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load {LoadAverage()}"));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Invariant(params FormattableString[] parts) => string.Concat(parts.Select(FormattableString.Invariant));

    private sealed record LockSamples(int Samples, double MeanActive, int MaxActive, double MeanAdvisory, int MaxAdvisory, double ShareWithAdvisory,
        double MeanOtherLock, TimeSpan BackendCpu);

    private sealed record MachineSamples(double Busy, double MaxLoad, int MinThreads, int MaxThreads);

    private sealed record RunResult(List<Sample> Samples, long Start, long MeasureFrom, long End, IReadOnlyDictionary<int, SheetExpectation> Expectations,
        int Applied, int Repeated, int Resynced, TimeSpan ServerCpu, TimeSpan ClientCpu, TimeSpan MeasuredWall, long ServerPeakWorkingSet,
        LockSamples? Locks, MachineSamples Machine, string LoadBefore, string LoadAfter);

    private sealed record Options(DatabaseProvider Provider, int Jurors, TimeSpan Duration, TimeSpan Warmup, double ThinkMin, double ThinkMax,
        int RetryEvery, int Seed, int SignIns, string? Csv, bool Keep)
    {
        public static Options Parse(string[] args)
        {
            var provider = DatabaseProvider.Sqlite;
            var jurors = 300;
            var duration = 60;
            var warmup = 10;
            var thinkMin = 1.0;
            var thinkMax = 3.0;
            var retryEvery = 10;
            var seed = 1;
            var signIns = 8;
            var keep = false;
            string? csv = null;
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
                    case "--jurors":
                        jurors = Whole("--jurors", Value(), 5);
                        break;
                    case "--duration":
                        duration = Whole("--duration", Value(), 1);
                        break;
                    case "--warmup":
                        warmup = Whole("--warmup", Value(), 0);
                        break;
                    case "--think-min":
                        thinkMin = Seconds("--think-min", Value());
                        break;
                    case "--think-max":
                        thinkMax = Seconds("--think-max", Value());
                        break;
                    case "--retry-every":
                        retryEvery = Whole("--retry-every", Value(), 1);
                        break;
                    case "--seed":
                        seed = Whole("--seed", Value(), 0);
                        break;
                    case "--sign-ins":
                        signIns = Whole("--sign-ins", Value(), 1);
                        break;
                    case "--csv":
                        csv = Path.GetFullPath(Value());
                        break;
                    case "--keep":
                        keep = true;
                        break;
                    default:
                        throw new ArgumentException($"unknown option '{args[i]}'.");
                }
            }
            if (thinkMax < thinkMin)
            {
                throw new ArgumentException("--think-max is below --think-min.");
            }
            return new Options(provider, jurors, TimeSpan.FromSeconds(duration), TimeSpan.FromSeconds(warmup), thinkMin, thinkMax, retryEvery, seed,
                signIns, csv, keep);
        }

        private static int Whole(string name, string value, int min) =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw new ArgumentException(Invariant($"{name} is a whole number ≥ {min}, not '{value}'."));

        private static double Seconds(string name, string value) =>
            double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s) && s >= 0
                ? s
                : throw new ArgumentException($"{name} is a number of seconds, not '{value}'.");
    }
}
