using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Xml.Linq;
using Contests.Core.Payouts;
using Contests.Web.Features.Payouts;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Payouts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Contests.Benchmarks;

/// <summary>
/// End-to-end throughput of a payout batch's execution: a batch of 10,000 Scheduled bank payouts, executed by
/// <see cref="BatchExecution.ExecuteAsync"/> from a scope of the app — the batch row locked, the payouts read, the pain.001
/// XML and the CSV built and written to <c>{Storage:Path}/bank-files</c> (temporary name, then renamed), 10,000 payouts
/// marked Sent and the batch Executed (with their audit records), one commit. One execution takes seconds, so each run is
/// timed once with a <see cref="Stopwatch"/>, like <see cref="ImportBenchmark"/>.
/// <para>
/// Each run: a fresh database (<see cref="BenchDatabase"/>) and a fresh in-process app in demo mode (migration and the demo
/// programme, whose paying round has final awards), then, untimed, one batch of N payouts inserted with multi-row INSERTs
/// (new versions of the demo round's first award, amounts that vary). After the timed call, checked (any mismatch fails
/// the run): the result Executed, N payouts Sent in the batch, the XML's and CSV's SHA-256 the recorded ones, each
/// end-to-end id once in each file, the control sum the batch's total.
/// </para>
/// </summary>
internal static class BatchBenchmark
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(10);

    private const string Usage =
        "usage: batch [--provider sqlite|postgres] [--payouts 10000] [--runs 3]\n" +
        $"  PostgreSQL: {ImportBenchmark.PostgresVariable} names the server, e.g. \"Host=127.0.0.1;Port=55433;Username=postgres\".";

    public static async Task<int> RunAsync(string[] args)
    {
        DatabaseProvider? provider = DatabaseProvider.Sqlite;
        var payouts = 10_000;
        var runs = 3;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--provider" when i + 1 < args.Length:
                    provider = args[++i].ToLowerInvariant() switch
                    {
                        "sqlite" => DatabaseProvider.Sqlite,
                        "postgres" => DatabaseProvider.Postgres,
                        _ => null,
                    };
                    break;
                case "--payouts" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    payouts = n;
                    i++;
                    break;
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
                    runs = r;
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
        Console.WriteLine(Invariant($"// batch benchmark: {chosen}, {payouts:N0} payouts, {runs} run(s)"));
        Console.WriteLine(Invariant(
            $"// machine: {Environment.ProcessorCount} CPUs ({Cpu()}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30):0.0} GiB, ",
            $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, ",
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        var times = new List<TimeSpan>();
        try
        {
            for (var run = 1; run <= runs; run++)
            {
                var (elapsed, load) = await MeasureAsync(chosen, payouts, run);
                times.Add(elapsed);
                Console.WriteLine(Invariant($"{chosen} run {run}: {elapsed.TotalSeconds:0.000} s (load average before and after: {load})"));
            }
        }
        catch (BenchmarkCheckException e)
        {
            Console.Error.WriteLine($"FAILED: {e.Message}");
            return 1;
        }
        var sorted = times.Order().ToList();
        var median = sorted[sorted.Count / 2];
        Console.WriteLine();
        Console.WriteLine(Invariant(
            $"| {chosen} | {payouts:N0} payouts | {runs} runs | median **{median.TotalSeconds:0.00} s** | min–max {sorted[0].TotalSeconds:0.00}–{sorted[^1].TotalSeconds:0.00} s |"));
        Console.WriteLine(median <= Target ? Invariant($"Target met: median ≤ {Target.TotalSeconds:0} s.") : Invariant($"TARGET MISSED: median above {Target.TotalSeconds:0} s."));
        return 0;
    }

    private static async Task<(TimeSpan Elapsed, string Load)> MeasureAsync(DatabaseProvider provider, int payouts, int run)
    {
        await using var database = await BenchDatabase.CreateAsync(provider);
        var files = Directory.CreateTempSubdirectory("contests-bench-files-").FullName;
        try
        {
            await using var root = new WebApplicationFactory<Program>();
            var factory = DemoApp(root, provider, database.ConnectionString, files, runJobs: false);
            _ = factory.Services; // migration and demo seeding, before the clock starts
            var (batchId, ids, total) = await SeedAsync(factory.Services, payouts);

            var loadBefore = BenchTools.Load();
            BatchRun result;
            var clock = Stopwatch.StartNew();
            using (var scope = factory.Services.CreateScope())
            {
                result = await scope.ServiceProvider.GetRequiredService<BatchExecution>().ExecuteAsync(batchId, "bench:batch", null, CancellationToken.None);
            }
            var elapsed = clock.Elapsed;
            var load = loadBefore + " / " + BenchTools.Load();

            var label = Invariant($"{provider} run {run}");
            Expect(label, "result", BatchRun.Executed, result);
            await CheckAsync(label, factory.Services, Path.Combine(files, "bank-files"), batchId, ids, total);
            return (elapsed, load);
        }
        finally
        {
            Directory.Delete(files, recursive: true);
        }
    }

    /// <summary>
    /// The real app in demo mode (its paying round pays the batches) on the given database, files in <paramref name="files"/>;
    /// with <paramref name="runJobs"/> its Hangfire server runs in the process.
    /// </summary>
    internal static WebApplicationFactory<Program> DemoApp(WebApplicationFactory<Program> root, DatabaseProvider provider, string connectionString, string files, bool runJobs) =>
        root.WithWebHostBuilder(builder =>
        {
            builder.UseContentRoot(PageRenderBenchmarks.WebContentRoot());
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", provider.ToString());
            builder.UseSetting("ConnectionStrings:Contests", connectionString);
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Storage:Path", files);
            builder.UseSetting("Scheduling:RunJobs", runJobs ? "true" : "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });

    /// <summary>A Scheduled batch of <paramref name="count"/> payouts on the demo's paying round (untimed).</summary>
    internal static async Task<(int BatchId, List<string> Ids, decimal Total)> SeedAsync(IServiceProvider services, int count)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var award = await db.Awards.AsNoTracking().Where(a => a.Current && a.Amount > 0).OrderBy(a => a.RoundId).ThenBy(a => a.Number)
            .Select(a => new { a.Id, a.RoundId, a.EntryId, a.Number }).FirstOrDefaultAsync()
            ?? throw new BenchmarkCheckException("the demo has no awards to pay.");
        var firstVersion = 1 + await db.Payouts.Where(p => p.AwardId == award.Id).Select(p => (int?)p.Version).MaxAsync() ?? 1;
        var userId = await db.Users.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        var now = DateTime.UtcNow;
        var versions = Enumerable.Range(firstVersion, count).ToList();
        var ids = versions.Select(v => Payout.EndToEndIdOf(award.RoundId, award.Number, 1, v)).ToList();
        var total = versions.Sum(ScheduledBatchRows.AmountOf);

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var batchId = await ScheduledBatchRows.InsertAsync(connection, transaction,
            new BulkAward(award.RoundId, award.Id, award.EntryId, award.Number, "Juana Quispe Mamani", "00225100440123456755"),
            versions, ids, userId, userId, now);
        await transaction.CommitAsync();
        await db.Database.CloseConnectionAsync();
        return (batchId, ids, total);
    }

    internal static async Task CheckAsync(string label, IServiceProvider services, string folder, int batchId, List<string> ids, decimal total)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var batch = await db.PayoutBatches.AsNoTracking().SingleAsync(b => b.Id == batchId);
        Expect(label, "batch state", BatchState.Executed, batch.State);
        Expect(label, "payouts Sent in the batch", ids.Count, await db.Payouts.CountAsync(p => p.BatchId == batchId && p.State == PayoutState.Sent));
        var xml = await File.ReadAllBytesAsync(Path.Combine(folder, batch.FileName(".xml")));
        var csv = await File.ReadAllBytesAsync(Path.Combine(folder, batch.FileName(".csv")));
        Expect(label, "XML SHA-256", batch.XmlSha256, Convert.ToHexStringLower(SHA256.HashData(xml)));
        Expect(label, "CSV SHA-256", batch.CsvSha256, Convert.ToHexStringLower(SHA256.HashData(csv)));
        XNamespace ns = BankFile.Pain001Namespace;
        using var stream = new MemoryStream(xml);
        var document = XDocument.Load(stream);
        var inXml = document.Descendants(ns + "EndToEndId").Select(e => e.Value).ToHashSet(StringComparer.Ordinal);
        Expect(label, "distinct ids in the XML", ids.Count, inXml.Count);
        Expect(label, "EndToEndId elements in the XML", ids.Count, document.Descendants(ns + "EndToEndId").Count());
        Expect(label, "XML ids are the batch's", true, inXml.SetEquals(ids));
        Expect(label, "CtrlSum", BankFile.Amount(total), document.Descendants(ns + "CtrlSum").First().Value);
        var rows = System.Text.Encoding.UTF8.GetString(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]).ToList();
        Expect(label, "CSV rows", ids.Count, rows.Count);
        Expect(label, "CSV ids are the batch's, each once", true, rows.ToHashSet(StringComparer.Ordinal).SetEquals(ids) && rows.Distinct().Count() == ids.Count);
    }

    private static void Expect<T>(string label, string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new BenchmarkCheckException($"{label}: {what} is {Invariant($"{actual}")}, expected {Invariant($"{expected}")}.");
        }
    }

    internal static string Cpu() => File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "model unknown"
        : "model unknown";


    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static string Invariant(FormattableString first, FormattableString second, FormattableString third) =>
        FormattableString.Invariant(first) + FormattableString.Invariant(second) + FormattableString.Invariant(third);
}
