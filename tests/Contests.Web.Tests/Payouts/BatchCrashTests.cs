using System.Diagnostics;
using System.Globalization;
using Contests.Core.Payouts;
using Contests.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Contests.Web.Tests.Payouts;

/// <summary>
/// <c>Contests.Web run-batch --id N</c> in a process of its own, as an operator or a cron job runs it, on the app's database
/// and files folder. Its stdout is read line by line; <see cref="Kill"/> is SIGKILL: no finally blocks, no rollback by the
/// app, the socket closed by the kernel — a power cut as far as the database can tell.
/// </summary>
internal sealed class BatchProcess : IDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly List<(string Stage, TimeSpan At)> _stages = [];
    private readonly List<string> _output = [];
    private readonly string? _killAt;
    private readonly Dictionary<string, TaskCompletionSource<TimeSpan>> _reached = new()
    {
        ["executing"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        ["written"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        ["committed"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
    };

    private BatchProcess(Process process, string? killAt)
    {
        _process = process;
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
    public static BatchProcess Start(ContestsApp app, int batchId, string? killAt = null)
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "run-batch", "--id", batchId.ToString(CultureInfo.InvariantCulture)])
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
        env["Scheduling__RunJobs"] = "false";
        env["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var run = new BatchProcess(process, killAt);
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

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            var at = _clock.Elapsed;
            string? stage = line.StartsWith("stage: ", StringComparison.Ordinal) ? line["stage: ".Length..] : null;
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
/// A batch of 1,000 payouts whose executions are killed (SIGKILL) again and again — at random moments and right after
/// the "executing" and "written" stages, the worst window being files written and nothing committed — and then run to
/// the end: executed once, every payout Sent once, one file with each end-to-end id once.
/// </summary>
/// <summary>
/// The crash test starts 21 processes: alone, after the parallel classes, each start takes a second or two instead of
/// the eight or nine it takes while the rest of the suite competes for the two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BatchCrashCollection
{
    public const string Name = "Batch crash (alone)";
}

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
    public async Task RunBatch_KilledAtRandomPointsAndStages_ThenRun_ExecutesOnce_EveryIdOnceInOneFile()
    {
        var round = await new PayoutData(App).FinalAsync(pedroVerified: true);
        var warmUp = await BulkPayouts.ScheduleAsync(App, round, Payouts);
        var batch = await BulkPayouts.ScheduleAsync(App, round, Payouts, firstVersion: Payouts + 1);
        var total = Stopwatch.StartNew();

        // One whole run on another batch of the same size: when a fresh process reaches each stage.
        TimeSpan writtenAt, committedAt;
        using (var whole = BatchProcess.Start(App, warmUp.Id))
        {
            Assert.Equal(0, await whole.ExitAsync());
            Assert.Contains($"batch {warmUp.Id}: Executed", whole.Output);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole run: {Describe(whole.Stages)}, exit at {whole.Elapsed.TotalMilliseconds:0} ms"));
            writtenAt = whole.Stages.Single(s => s.Stage == "written").At;
            committedAt = whole.Stages.Single(s => s.Stage == "committed").At;
        }

        // 20 kills in every test run (the acceptance's minimum); CONTESTS_CRASH_KILLS=100 for design.md §6's figure.
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
        var finishedEarly = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            var kill = plan[i];
            using var run = BatchProcess.Start(App, batch.Id, kill switch { Kill.AtExecuting => "executing", Kill.AtWritten => "written", _ => null });
            var delay = TimeSpan.Zero;
            if (kill == Kill.Random)
            {
                delay = writtenAt * random.NextDouble();
                await Task.WhenAny(Task.Delay(delay), run.Reader);
                run.Kill();
            }
            else if (kill == Kill.AfterWritten)
            {
                delay = (committedAt - writtenAt) * random.NextDouble();
                await Task.WhenAny(run.ReachedAsync("written"), run.Reader);
                await Task.WhenAny(Task.Delay(delay), run.Reader);
                run.Kill();
            }
            await run.ExitAsync();
            var stages = run.Stages.Select(s => s.Stage).ToList();
            var state = await BatchAssert.AllOrNothingAsync(App, batch);
            var seen = !run.Killed ? "finished"
                : stages.Contains("committed") ? "after committed"
                : stages.Contains("written") ? "after written"
                : stages.Contains("executing") ? "after executing"
                : "before executing";
            if (seen == "finished")
            {
                finishedEarly++;
            }
            else
            {
                kills[seen]++;
            }
            if (seen == "after written" && state == BatchState.Scheduled)
            {
                windowKills++; // files in place, the kill before the commit: nothing must have been recorded
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {i + 1,2}: {kill,-12} delay {delay.TotalMilliseconds,6:0} ms → killed {seen,-16} at {run.Elapsed.TotalMilliseconds,5:0} ms [{Describe(run.Stages)}]; batch {state}"));
        }

        using (var last = BatchProcess.Start(App, batch.Id))
        {
            Assert.Equal(0, await last.ExitAsync());
            output.WriteLine($"final run: {last.Output.Split('\n').Last(l => l.StartsWith("batch ", StringComparison.Ordinal))} [{Describe(last.Stages)}]");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kills: {string.Join(", ", kills.Select(k => $"{k.Key} {k.Value}"))}; in the window (written, not committed, still Scheduled): {windowKills}; runs that ended before their kill: {finishedEarly}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"partial files left: {Directory.GetFiles(Path.Combine(App.FilesPath, "bank-files"), "*.partial").Length}; crash runs took {total.Elapsed.TotalSeconds:0.0} s"));

        Assert.True(windowKills >= 1, "No kill landed between the files written and the commit.");
        Assert.True(kills["before executing"] >= 1 && kills["after executing"] >= 1, "Kills did not cover the start and the executing stage.");
        await BatchAssert.ExecutedOnceAsync(App, batch, warmUp.XmlName, warmUp.CsvName);
        await BatchAssert.ExecutedOnceAsync(App, warmUp, batch.XmlName, batch.CsvName);
    }

    private static string Describe(IEnumerable<(string Stage, TimeSpan At)> stages) =>
        string.Join(", ", stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Stage} {s.At.TotalMilliseconds:0} ms")));
}
