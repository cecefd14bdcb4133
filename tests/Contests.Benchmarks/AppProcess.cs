using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Contests.Web.Infrastructure.Persistence;

namespace Contests.Benchmarks;

/// <summary>
/// The real app as its own process on a real loopback socket: <c>dotnet src/Contests.Web/bin/Release/net10.0/Contests.Web.dll
/// --urls http://127.0.0.1:&lt;free port&gt;</c>, started from the app's folder (its content root, as <c>dotnet run</c> would),
/// environment <c>Production</c>, settings given as environment variables. Kestrel, the app's own runtime configuration
/// (its <c>runtimeconfig.json</c>: workstation GC) and a process of its own: the load client's threads and garbage
/// collections don't run inside the server's.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _lock = new();
    private readonly List<string> _warnings = [];

    private AppProcess(Process process, Uri baseAddress, string logPath, StreamWriter log)
    {
        _process = process;
        BaseAddress = baseAddress;
        LogPath = logPath;
        _log = log;
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the server wrote to stdout and stderr.</summary>
    public string LogPath { get; }

    public int Id => _process.Id;

    /// <summary>The server's lines at warning level or above (and anything on stderr), kept for the report.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_lock)
            {
                return [.. _warnings];
            }
        }
    }

    /// <summary>CPU time the server process used so far (all its threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public long PeakWorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    /// <summary>
    /// The server's memory now, from <c>/proc/PID/status</c> (kB → bytes): resident anonymous memory (GC heap, native
    /// allocations), resident pages of mapped files (assemblies, native libraries) and shared memory (the runtime's
    /// double-mapped executable memory: JIT'd code, stubs, type data), and the peak resident set (<c>VmHWM</c>).
    /// </summary>
    public MemorySample Memory() => MemorySample.Of(_process.Id);

    /// <summary>The Release build of the web app, found from this program's folder upwards (the repository root).</summary>
    public static string WebDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Contests.Web", "bin", "Release", "net10.0", "Contests.Web.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new BenchmarkCheckException(
            "src/Contests.Web/bin/Release/net10.0/Contests.Web.dll not found above " + AppContext.BaseDirectory + ": run `dotnet build src/Contests.Web -c Release` first.");
    }

    public static async Task<AppProcess> StartAsync(DatabaseProvider provider, string connectionString, string storagePath, string logPath)
    {
        var dll = WebDll();
        var port = FreePort();
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = PageRenderBenchmarks.WebContentRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Database__Provider"] = provider.ToString();
        env["Database__ConnectionString"] = connectionString;
        // The schema is migrated and the demo programme seeded by the benchmark before the server starts.
        env["Demo__Enabled"] = "false";
        // Sign-in is rate-limited per client address, and every juror comes from 127.0.0.1.
        env["Security__LoginAttemptsPerMinute"] = "1000000";
        // No scheduler: nothing is due in the benchmark's round, and its polling is not what is measured.
        env["Scheduling__RunJobs"] = "false";
        env["Storage__Path"] = storagePath;
        // appsettings.json logs Information for the app's own categories; one line per request would be the console's load.
        env["Logging__LogLevel__Default"] = "Warning";
        env.Remove("ASPNETCORE_URLS");
        env.Remove("DOTNET_gcServer"); // the app's runtimeconfig.json decides (workstation GC)

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new AppProcess(process, baseAddress, logPath, log);
        process.OutputDataReceived += (_, e) => app.Line(e.Data, stderr: false);
        process.ErrorDataReceived += (_, e) => app.Line(e.Data, stderr: true);
        if (!process.Start())
        {
            throw new BenchmarkCheckException("could not start `dotnet " + dll + "`.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitReadyAsync(TimeSpan.FromSeconds(120));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>Stops the server as a service manager would (SIGTERM, graceful shutdown), killing it after 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) } });
                if (kill is not null)
                {
                    await kill.WaitForExitAsync();
                }
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        lock (_lock)
        {
            _log.Dispose();
        }
    }

    private async Task WaitReadyAsync(TimeSpan limit)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new BenchmarkCheckException(string.Create(CultureInfo.InvariantCulture,
                    $"the server exited with code {_process.ExitCode} before it answered; its output is in {LogPath}."));
            }
            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // starting
            }
            await Task.Delay(200);
        }
        throw new BenchmarkCheckException($"the server did not answer /health within {limit.TotalSeconds:0} s; its output is in {LogPath}.");
    }

    private void Line(string? line, bool stderr)
    {
        if (line is null)
        {
            return;
        }
        lock (_lock)
        {
            _log.WriteLine(line);
            // Console logger: "warn: …", "fail: …", "crit: …" start an entry.
            if (stderr || line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal)
                || line.StartsWith("crit:", StringComparison.Ordinal))
            {
                _warnings.Add(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>One reading of a process's <c>/proc/PID/status</c>, in bytes (zeros off Linux).</summary>
internal readonly record struct MemorySample(long Anon, long File, long Shmem, long Peak)
{
    public static MemorySample Of(int pid)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/status");
        if (!System.IO.File.Exists(path))
        {
            return default;
        }
        long anon = 0, file = 0, shmem = 0, peak = 0;
        foreach (var line in System.IO.File.ReadLines(path))
        {
            var value = line.Split(':', 2) is [var key, var rest] ? (Key: key, Bytes: Kb(rest)) : (Key: "", Bytes: 0L);
            switch (value.Key)
            {
                case "RssAnon": anon = value.Bytes; break;
                case "RssFile": file = value.Bytes; break;
                case "RssShmem": shmem = value.Bytes; break;
                case "VmHWM": peak = value.Bytes; break;
            }
        }
        return new MemorySample(anon, file, shmem, peak);
    }

    /// <summary>The larger of each figure.</summary>
    public MemorySample Max(MemorySample other) =>
        new(Math.Max(Anon, other.Anon), Math.Max(File, other.File), Math.Max(Shmem, other.Shmem), Math.Max(Peak, other.Peak));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"anonymous {Anon / 1048576.0:0} MB, mapped files {File / 1048576.0:0} MB, shared (code) {Shmem / 1048576.0:0} MB; peak {Peak / 1048576.0:0} MB");

    private static long Kb(string text) =>
        long.TryParse(text.Trim().Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : 0;
}

/// <summary>Reads a process's memory every 50 ms until disposed, keeping the largest value of each figure.</summary>
internal sealed class MemoryWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<MemorySample> _loop;

    public MemoryWatch(int pid) => _loop = Task.Run(async () =>
    {
        var max = MemorySample.Of(pid);
        try
        {
            while (!_stop.Token.IsCancellationRequested)
            {
                await Task.Delay(50, _stop.Token);
                max = max.Max(MemorySample.Of(pid));
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        return max.Max(MemorySample.Of(pid));
    });

    /// <summary>The largest anonymous, file and shared figures seen (each at its own moment) and the last peak.</summary>
    public async Task<MemorySample> StopAsync()
    {
        await _stop.CancelAsync();
        return await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
