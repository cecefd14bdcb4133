using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Contests.Web.Infrastructure.Scheduling;
using Contests.Web.Tests.Rounds;
using Contests.Core.Payouts;
using Contests.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Contests.Web.Tests.Payouts;

/// <summary>
/// <c>Contests.Web run-batch --id N</c> in a process of its own, as an operator or a cron job runs it, on the app's database
/// and files folder. Its stdout is read line by line; <see cref="Kill"/> is SIGKILL: no finally blocks, no rollback by the
/// app, the socket closed by the kernel — a power cut as far as the database can tell.
/// </summary>
internal sealed partial class BatchProcess : IDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly List<(string Stage, TimeSpan At)> _stages = [];
    private readonly List<string> _output = [];
    private readonly string? _killAt;
    private readonly string _batchId;
    private readonly Dictionary<string, TaskCompletionSource<TimeSpan>> _reached = new()
    {
        ["executing"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        ["written"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        ["committed"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
    };

    private BatchProcess(Process process, int batchId, string? killAt)
    {
        _process = process;
        _batchId = batchId.ToString(CultureInfo.InvariantCulture);
        _killAt = killAt;
        Reader = Task.Run(ReadAsync);
    }

    /// <summary>Ends when the process's stdout ends (it exited or was killed).</summary>
    public Task Reader { get; }

    public bool Killed { get; private set; }

    /// <summary>The stages the process printed, in order, with when they were read.</summary>
    public IReadOnlyList<(string Stage, TimeSpan At)> Stages
    {
        get
        {
            lock (_lock)
            {
                return [.. _stages];
            }
        }
    }

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Starts the verb; with <paramref name="killAt"/>, kills it the moment that stage's line is read.</summary>
    public static BatchProcess Start(ContestsApp app, int batchId, string? killAt = null) =>
        Launch(app, ["run-batch", "--id", batchId.ToString(CultureInfo.InvariantCulture)], batchId, killAt, runJobs: false);

    /// <summary>
    /// Starts the app itself as an instance of an installation runs it (Kestrel on a free port, its Hangfire server on the
    /// app's database): it takes the batch jobs waiting in the storage and logs each stage of a batch. A job whose process
    /// died is taken again once it has been invisible for two seconds (<c>Scheduling:InvisibilityTimeout</c>; five minutes
    /// by default), and a lock it left counts as abandoned after ten (<c>Scheduling:LockTimeout</c>; a minute by default).
    /// At start-up it puts every Scheduled batch in the storage. Only the stages of <paramref name="batchId"/> count. It never ends by itself: <see cref="Kill"/> it.
    /// </summary>
    public static BatchProcess StartServer(ContestsApp app, int batchId, string? killAt = null) =>
        Launch(app, ["--urls", "http://127.0.0.1:0"], batchId, killAt, runJobs: true);

    private static BatchProcess Launch(ContestsApp app, string[] arguments, int batchId, string? killAt, bool runJobs)
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        var env = start.Environment;
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Database__Provider"] = app.Provider.ToString();
        env["ConnectionStrings__Contests"] = app.ConnectionString;
        env["Storage__Path"] = app.FilesPath;
        env["Demo__Enabled"] = "false";
        env["Scheduling__RunJobs"] = runJobs ? "true" : "false";
        env["Scheduling__InvisibilityTimeout"] = "00:00:02";
        // A kill that lands while the instance holds a lock in Hangfire's storage (a job's state change, the start-up's
        // registry lock) leaves the lock behind; the next instance waits this long for it (a minute by default, which
        // made a stage wait below time out now and then).
        env["Scheduling__LockTimeout"] = "00:00:10";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__" + typeof(PayoutBatchJob).FullName] = "Information";
        env["Logging__Console__FormatterName"] = "simple";
        env["Logging__Console__FormatterOptions__SingleLine"] = "true";
        env["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var run = new BatchProcess(process, batchId, killAt);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (run._lock)
                {
                    run._output.Add("stderr: " + e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>When the stage's line is read (never completes if the process ends before it).</summary>
    public Task<TimeSpan> ReachedAsync(string stage) => _reached[stage].Task;

    public void Kill()
    {
        lock (_lock)
        {
            if (_process.HasExited)
            {
                return;
            }
            _process.Kill(entireProcessTree: true);
            Killed = true;
        }
    }

    /// <summary>Waits for the process to end (at most a minute) and for its output to be read; its exit code.</summary>
    public async Task<int> ExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException("run-batch did not end within a minute:\n" + Output);
        }
        await Reader;
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    [GeneratedRegex(@"(?:^|\s)(?:Batch (\d+) )?stage: (\w+)")]
    private static partial Regex StageLine();

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            var at = _clock.Elapsed;
            // "stage: written" from run-batch; "… Batch 12 stage: written" from the server's log (its other batches ignored).
            var match = StageLine().Match(line);
            string? stage = match.Success && (!match.Groups[1].Success || match.Groups[1].Value == _batchId) ? match.Groups[2].Value : null;
            if (stage is not null && stage == _killAt)
            {
                Kill(); // right here, before anything else: the process gets no further than this line
            }
            lock (_lock)
            {
                _output.Add(line);
                if (stage is not null)
                {
                    _stages.Add((stage, at));
                }
            }
            if (stage is not null && _reached.TryGetValue(stage, out var reached))
            {
                reached.TrySetResult(at);
            }
        }
    }
}

/// <summary>
/// The crash test starts 22 processes: alone, after the parallel classes, each start takes a second or two instead of
/// the eight or nine it takes while the rest of the suite competes for the two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BatchCrashCollection
{
    public const string Name = "Batch crash (alone)";
}

/// <summary>
/// A batch of 1,000 payouts run by Hangfire in instances of the app that are killed (SIGKILL) again and again — at random
/// moments and right after the "executing" and "written" stages, the worst window being files written and nothing
/// committed — and then one more instance started: executed once, every payout Sent once, one file with each end-to-end id once.
/// </summary>
[Collection(BatchCrashCollection.Name)]
public sealed class BatchCrashTestsOnPostgres(PostgresApp app, ITestOutputHelper output) : AppTest<PostgresApp>(app)
{
    private const int Payouts = 1000;

    private enum Kill
    {
        /// <summary>After a random delay from the start, at most the time a whole run took to write its files.</summary>
        Random,

        /// <summary>The moment "stage: executing" is read (lock taken, payouts being read).</summary>
        AtExecuting,

        /// <summary>The moment "stage: written" is read (files in place, nothing committed).</summary>
        AtWritten,

        /// <summary>A random delay after "stage: written", within the time a whole run took to commit (in SaveChanges).</summary>
        AfterWritten,
    }

    [Fact]
    public async Task HangfireServer_KilledAtRandomPointsAndStages_ThenRestarted_ExecutesOnce_EveryIdOnceInOneFile()
    {
        var round = await new PayoutData(App).FinalAsync(pedroVerified: true);
        var warmUp = await BulkPayouts.ScheduleAsync(App, round, Payouts);
        var total = Stopwatch.StartNew();

        // One whole run on another batch of the same size: when a fresh instance reaches each stage (from its start, like
        // the kills below).
        TimeSpan writtenAt, committedAt;
        using (var whole = BatchProcess.StartServer(App, warmUp.Id))
        {
            await WithinAsync(whole.ReachedAsync("committed"), whole, warmUp.Id);
            whole.Kill();
            await whole.ExitAsync();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole run: {Describe(whole.Stages)}"));
            writtenAt = whole.Stages.Single(s => s.Stage == "written").At;
            committedAt = whole.Stages.Single(s => s.Stage == "committed").At;
        }
        Assert.Equal(BatchState.Executed, (await BatchAssert.StateAsync(App, warmUp.Id)).Batch);

        // A Scheduled batch due now: the first instance's start-up puts it in Hangfire's storage (as after any restart), and
        // every instance after it finds its one job there (waiting, or taken by an instance that died).
        var batch = await BulkPayouts.ScheduleAsync(App, round, Payouts, firstVersion: Payouts + 1);
        // 20 kills in every test run (the minimum); CONTESTS_CRASH_KILLS=100 for the 100-kill figure of docs/architecture.md#figures-to-reach.
        var count = int.TryParse(Environment.GetEnvironmentVariable("CONTESTS_CRASH_KILLS"), out var asked) ? Math.Max(asked, 20) : 20;
        var fifth = count / 5;
        var random = new Random(20261124);
        List<Kill> plan =
        [
            .. Enumerable.Repeat(Kill.Random, count - (3 * fifth)), .. Enumerable.Repeat(Kill.AtExecuting, fifth), .. Enumerable.Repeat(Kill.AtWritten, fifth),
        ];
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(plan));
        // Last: a kill late in SaveChanges may come after the commit, and then nothing is left to kill.
        plan.AddRange(Enumerable.Repeat(Kill.AfterWritten, fifth));

        var kills = new Dictionary<string, int> { ["before executing"] = 0, ["after executing"] = 0, ["after written"] = 0, ["after committed"] = 0 };
        var windowKills = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            var kill = plan[i];
            if (kill == Kill.AfterWritten && (await BatchAssert.StateAsync(App, batch.Id)).Batch == BatchState.Executed)
            {
                // A kill late in SaveChanges came after the commit: nothing is left to kill (the plan's last runs).
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {i + 1,2}: {kill,-12} skipped: the batch was executed by the run before"));
                continue;
            }
            using var run = BatchProcess.StartServer(App, batch.Id, kill switch { Kill.AtExecuting => "executing", Kill.AtWritten => "written", _ => null });
            var delay = TimeSpan.Zero;
            switch (kill)
            {
                case Kill.Random:
                    delay = writtenAt * random.NextDouble();
                    await Task.WhenAny(Task.Delay(delay), run.ReachedAsync("committed"));
                    break;
                case Kill.AfterWritten:
                    delay = (committedAt - writtenAt) * random.NextDouble();
                    await WithinAsync(run.ReachedAsync("written"), run, batch.Id);
                    await Task.WhenAny(Task.Delay(delay), run.ReachedAsync("committed"));
                    break;
                default:
                    // Killed by the reader the moment the stage's line is read.
                    await WithinAsync(run.ReachedAsync(kill == Kill.AtExecuting ? "executing" : "written"), run, batch.Id);
                    break;
            }
            run.Kill();
            await run.ExitAsync();
            var stages = run.Stages.Select(s => s.Stage).ToList();
            var state = await BatchAssert.AllOrNothingAsync(App, batch);
            var failure = await BatchAssert.FailureAsync(App, batch.Id);
            Assert.True(failure is null, $"Run {i + 1} ({kill}) recorded a failure on the batch: {failure}\n{run.Output}");
            var seen = stages.Contains("committed") ? "after committed"
                : stages.Contains("written") ? "after written"
                : stages.Contains("executing") ? "after executing"
                : "before executing";
            kills[seen]++;
            if (seen == "after written" && state == BatchState.Scheduled)
            {
                windowKills++; // files in place, the kill before the commit: nothing must have been recorded
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {i + 1,2}: {kill,-12} delay {delay.TotalMilliseconds,6:0} ms → killed {seen,-16} at {run.Elapsed.TotalMilliseconds,5:0} ms [{Describe(run.Stages)}]; batch {state}"));
        }

        // The restart: a new instance takes the dead instance's job again and finishes the batch (or finds it executed).
        using (var last = BatchProcess.StartServer(App, batch.Id))
        {
            await Eventually.HoldsAsync(async () => (await BatchAssert.StateAsync(App, batch.Id)).Batch == BatchState.Executed,
                TimeSpan.FromSeconds(90), () => last.Output);
            output.WriteLine($"final run: [{Describe(last.Stages)}]");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kills: {string.Join(", ", kills.Select(k => $"{k.Key} {k.Value}"))}; in the window (written, not committed, still Scheduled): {windowKills}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"partial files left: {Directory.GetFiles(Path.Combine(App.FilesPath, "bank-files"), "*.partial").Length}; crash runs took {total.Elapsed.TotalSeconds:0.0} s"));

        Assert.True(windowKills >= 1, "No kill landed between the files written and the commit.");
        Assert.True(kills["before executing"] >= 1 && kills["after executing"] >= 1, "Kills did not cover the start and the executing stage.");
        await BatchAssert.ExecutedOnceAsync(App, batch, warmUp.XmlName, warmUp.CsvName);
        await BatchAssert.ExecutedOnceAsync(App, warmUp, batch.XmlName, batch.CsvName);
    }

    /// <summary>
    /// Waits for a stage, at most 90 s: a start under load (up to ~25 s), a dead instance's job invisible (2 s) and a lock it
    /// left (10 s), with room. A process that never gets there fails the test with its output and the batch's failure record.
    /// </summary>
    private async Task WithinAsync(Task<TimeSpan> stage, BatchProcess run, int batchId)
    {
        if (await Task.WhenAny(stage, Task.Delay(TimeSpan.FromSeconds(90))) != stage)
        {
            run.Kill();
            var failure = await BatchAssert.FailureAsync(App, batchId) ?? "no failure recorded on the batch";
            throw new TimeoutException($"The instance did not reach the stage within 90 s ({failure}):\n{run.Output}");
        }
    }

    private static string Describe(IEnumerable<(string Stage, TimeSpan At)> stages) =>
        string.Join(", ", stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Stage} {s.At.TotalMilliseconds:0} ms")));
}
