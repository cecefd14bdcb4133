using System.Diagnostics;
using System.Globalization;
using Contests.Core.Payouts;
using Contests.Web.Features.Payouts;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contests.Benchmarks;

/// <summary>
/// The background jobs on Hangfire, in the real app with its default settings and its storage on the chosen database:
/// <list type="bullet">
/// <item><b>start latency</b>: a batch of one payout handed to the app's <see cref="IBatchScheduler"/> for "now", as the
/// batch page does; measured from the call to the batch's recorded execution time (its commit, a few milliseconds after the
/// job started, for one payout). Run one after the other, <c>--samples</c> times;</item>
/// <item><b>the 10,000-payout batch</b>: seeded untimed (as in <see cref="BatchBenchmark"/>), handed to the scheduler for
/// "now", timed until its commit is seen, then checked (files, checksums, each id once).</item>
/// </list>
/// A fresh database and a fresh in-process app in demo mode (its paying round pays the batches). The figures of Quartz.NET,
/// measured with this benchmark before Quartz was removed, stay in the benchmarks' README.
/// </summary>
internal static class JobsBenchmark
{
    private const string Usage = "usage: jobs [--provider sqlite|postgres] [--samples 20] [--payouts 10000]";

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = DatabaseProvider.Sqlite;
        var samples = 20;
        var payouts = 10_000;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--provider" when i + 1 < args.Length && args[i + 1] is "sqlite" or "postgres":
                    provider = args[++i] == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
                    break;
                case "--samples" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var s) && s > 0:
                    samples = s;
                    i++;
                    break;
                case "--payouts" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    payouts = n;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        Console.WriteLine(Invariant($"// jobs benchmark: {provider}, {samples} latency samples, a batch of {payouts:N0}; {Environment.ProcessorCount} CPUs ({BatchBenchmark.Cpu()}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        try
        {
            var r = await MeasureAsync(provider, samples, payouts);
            Console.WriteLine();
            Console.WriteLine("| database | start p50 | start p95 | start max | batch of " + payouts.ToString("N0", CultureInfo.InvariantCulture) + " (to commit) | load average before / after |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
            Console.WriteLine(Invariant($"| {provider} | {r.P50.TotalMilliseconds:0} ms | {r.P95.TotalMilliseconds:0} ms | {r.Max.TotalMilliseconds:0} ms | {r.Batch.TotalSeconds:0.00} s | {r.Load} |"));
            return 0;
        }
        catch (BenchmarkCheckException e)
        {
            Console.Error.WriteLine($"FAILED: {e.Message}");
            return 1;
        }
    }

    private static async Task<(TimeSpan P50, TimeSpan P95, TimeSpan Max, TimeSpan Batch, string Load)> MeasureAsync(DatabaseProvider provider, int samples, int payouts)
    {
        await using var database = await BenchDatabase.CreateAsync(provider);
        var files = Directory.CreateTempSubdirectory("contests-bench-files-").FullName;
        try
        {
            await using var root = new WebApplicationFactory<Program>();
            var factory = BatchBenchmark.DemoApp(root, provider, database.ConnectionString, files, runJobs: true);
            _ = factory.Services; // migration, demo seeding, scheduler started
            await Task.Delay(TimeSpan.FromSeconds(3)); // let the scheduler settle (first polls, start-up reconciliation)
            var load = BenchTools.Load();
            var latencies = new List<TimeSpan>();
            for (var i = 0; i < samples; i++)
            {
                var (batchId, _, _) = await BatchBenchmark.SeedAsync(factory.Services, 1);
                latencies.Add((await RunThroughSchedulerAsync(factory.Services, batchId, TimeSpan.FromSeconds(60))).Recorded);
            }
            var (bigId, ids, total) = await BatchBenchmark.SeedAsync(factory.Services, payouts);
            var batch = (await RunThroughSchedulerAsync(factory.Services, bigId, TimeSpan.FromSeconds(120))).Committed;
            await BatchBenchmark.CheckAsync(Invariant($"{provider} Hangfire"), factory.Services, Path.Combine(files, "bank-files"), bigId, ids, total);
            latencies.Sort();
            return (latencies[latencies.Count / 2], latencies[(int)Math.Ceiling(latencies.Count * 0.95) - 1], latencies[^1], batch, load + " / " + BenchTools.Load());
        }
        finally
        {
            Directory.Delete(files, recursive: true);
        }
    }

    /// <summary>
    /// Hands the batch to the app's scheduler for now; returns the time from the call to the execution time the batch records
    /// (taken once its files are written, before its rows are saved) and to when its commit is seen (polled every 10 ms).
    /// </summary>
    private static async Task<(TimeSpan Recorded, TimeSpan Committed)> RunThroughSchedulerAsync(IServiceProvider services, int batchId, TimeSpan patience)
    {
        var start = DateTime.UtcNow;
        using (var scope = services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IBatchScheduler>().ScheduleAsync(batchId, start, CancellationToken.None);
        }
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var scope = services.CreateScope();
            var batch = await scope.ServiceProvider.GetRequiredService<ContestsDbContext>().PayoutBatches.AsNoTracking()
                .Where(b => b.Id == batchId).Select(b => new { b.State, b.ExecutedUtc, b.LastError }).SingleAsync();
            if (batch.State == BatchState.Executed)
            {
                return (batch.ExecutedUtc!.Value - start, DateTime.UtcNow - start);
            }
            if (waited.Elapsed > patience)
            {
                throw new BenchmarkCheckException(Invariant($"batch {batchId} not executed after {patience.TotalSeconds:0} s ({batch.State}, {batch.LastError})."));
            }
            await Task.Delay(10);
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
