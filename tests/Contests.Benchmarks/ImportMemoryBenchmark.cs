using System.Diagnostics;
using System.Text;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Contests.Benchmarks;

/// <summary>
/// <c>import-memory [--provider sqlite|postgres]</c>: the peak working set of one households import, against the file's
/// size (docs/architecture.md#figures-to-reach: at most 10 × the file for any file within the 20 MB limit, valid or not). Two files, each into a
/// fresh database and app: the 100,000-row valid file of the <c>import</c> benchmark, and a 19 MB file where every row
/// is wrong (each head's DNI one digit short). The peak is the process's (VmHWM, reset just before the import), minus
/// the working set just before it; the files themselves are in memory before the reset.
/// </summary>
internal static class ImportMemoryBenchmark
{
    private const double Mb = 1024 * 1024;

    /// <summary>Just under the 20 MB limit, as in the report that found the problem.</summary>
    private const int InvalidFileBytes = 19 * 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = args.Contains("postgres") ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        // --file valid|invalid measures one file in this process (a fresh process each: the GC keeps what an earlier import took).
        var only = args.SkipWhile(a => a != "--file").Skip(1).FirstOrDefault();
        Console.WriteLine(FormattableString.Invariant(
            $"// machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, {provider}; load {BenchTools.Load()}"));
        var valid = only is null or "valid" ? HouseholdCsv.Generate(100_000) : [];
        var invalid = only is null or "invalid" ? AllInvalid(InvalidFileBytes) : [];
        var failed = false;
        Console.WriteLine("| file | size | rows | result | time | working set before | peak | growth | growth ÷ size |");
        Console.WriteLine("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, file, expectValid) in new[] { ("100,000 valid rows", valid, true), ("19 MB, every row wrong", invalid, false) })
        {
            if (file.Length == 0)
            {
                continue;
            }
            var (result, elapsed, before, peak) = await MeasureAsync(provider, file);
            var ok = expectValid
                ? result.Succeeded && result.Rows == 100_000
                : !result.Succeeded && result.ProblemCount == result.Rows && result.Problems.Count == ImportProblems.MaxKept;
            failed |= !ok;
            var growth = peak - before;
            Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {file.Length / Mb:0.0} MB | {result.Rows:N0} | {(result.Succeeded ? "imported" : $"refused, {result.ProblemCount:N0} problems ({result.Problems.Count:N0} kept)")}{(ok ? "" : " — UNEXPECTED")} | {elapsed.TotalSeconds:0.00} s | {before / Mb:N0} MB | {peak / Mb:N0} MB | {growth / Mb:N0} MB | {(double)growth / file.Length:0.0} × |"));
        }
        return failed ? 1 : 0;
    }

    private static async Task<(ImportResult Result, TimeSpan Elapsed, long Before, long Peak)> MeasureAsync(DatabaseProvider provider, byte[] file)
    {
        await using var database = await BenchDatabase.CreateAsync(provider);
        await using var root = new WebApplicationFactory<Program>();
        var factory = root.WithWebHostBuilder(builder =>
        {
            builder.UseContentRoot(PageRenderBenchmarks.WebContentRoot());
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", provider.ToString());
            builder.UseSetting("Database:ConnectionString", database.ConnectionString);
            builder.UseSetting("Demo:Enabled", "true"); // the demo register's communities are the file's
            builder.UseSetting("Scheduling:RunJobs", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        using var scope = factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("bench:import-memory");
        var importer = scope.ServiceProvider.GetRequiredService<RegistryImporter>();
        using var content = new MemoryStream(file, writable: false);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        ImportBenchmark.ResetPeakWorkingSet();
        var before = ImportBenchmark.WorkingSet(peak: false);
        var start = Stopwatch.GetTimestamp();
        var result = await importer.ImportAsync(ImportKind.Households, content, "bench.csv", null, null, CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var peak = ImportBenchmark.WorkingSet(peak: true);
        return (result, elapsed, before, peak);
    }

    /// <summary>The generated households (as the <c>import</c> benchmark's file) with every head's DNI one digit short, up to <paramref name="bytes"/>.</summary>
    private static byte[] AllInvalid(int bytes)
    {
        var text = new StringBuilder(bytes + 200);
        text.Append('\uFEFF').AppendJoin(',', ImportLayouts.Households.Select(c => c.Header)).Append("\r\n");
        var size = Encoding.UTF8.GetByteCount(text.ToString());
        var dni = HouseholdCsv.Column("dni");
        for (var i = 0; ; i++)
        {
            var fields = HouseholdCsv.Fields(i);
            fields[dni] = fields[dni].Replace("-", "", StringComparison.Ordinal)[..7];
            var line = string.Join(',', fields.Select(ImportLayouts.Quote)) + "\r\n";
            size += Encoding.UTF8.GetByteCount(line);
            if (size > bytes)
            {
                break;
            }
            text.Append(line);
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
