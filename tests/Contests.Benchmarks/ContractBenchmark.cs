using System.Diagnostics;
using System.Globalization;
using Contests.Web.Features.Documents;
using Contests.Web.Tests.Documents;

namespace Contests.Benchmarks;

/// <summary>
/// One donation contract (docs/architecture.md#figures-to-reach: a 4–6-page contract with tables and a QR code in ≤ 20 ms): the default template
/// filled for an organization with twelve components, two tranches and three signers — five A4 pages — rendered by
/// <see cref="ContractPdf.Render"/> (the layout, the vector QR code, two embedded DejaVu Serif subsets, regular and bold)
/// on one thread, each render timed with a <see cref="Stopwatch"/>. Untimed, before: 200 renders to warm up (JIT up to
/// the optimized tier, width caches). Untimed, after: the document is checked with <c>qpdf --check</c> (exit 0) and
/// <c>pdfinfo</c> (4–6 pages); a failed check exits 1.
/// </summary>
internal static class ContractBenchmark
{
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(20);

    public static int Run(string[] args)
    {
        var count = 1_000;
        if (args is ["--count", var n] && int.TryParse(n, CultureInfo.InvariantCulture, out var c) && c > 0)
        {
            count = c;
        }
        else if (args.Length > 0)
        {
            Console.Error.WriteLine("usage: contract [--count 1000]");
            return 2;
        }
        var contract = ContractSamples.Contract();
        for (var i = 0; i < 200; i++)
        {
            ContractPdf.Render(contract);
        }
        var times = new double[count];
        long bytes = 0;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            bytes += ContractPdf.Render(contract).Length;
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        total.Stop();
        Array.Sort(times);
        var mean = times.Average();
        var median = times[count / 2];
        var p95 = times[Math.Min(count - 1, (int)Math.Ceiling(count * 0.95) - 1)];

        var pdf = ContractPdf.Render(contract);
        var failures = Check(pdf, out var pages);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} contracts of {pages} pages on one thread in {total.Elapsed.TotalSeconds:0.00} s, {bytes / count / 1024.0:0.0} KB each; load {BenchTools.Load()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| contract | {pages} pages | {count:N0} renders | mean **{mean:0.00} ms** | median {median:0.00} ms | p95 {p95:0.00} ms | min–max {times[0]:0.00}–{times[^1]:0.00} ms | {Environment.ProcessorCount} cores |"));
        Console.WriteLine(p95 <= Target.TotalMilliseconds && failures == 0
            ? "Target met: ≤ 20 ms per contract (p95), qpdf --check exit 0, 4–6 pages."
            : "Target MISSED (p95 above 20 ms, or a check failed).");
        return failures == 0 ? 0 : 1;
    }

    private static int Check(byte[] pdf, out int pages)
    {
        pages = 0;
        var file = Path.Combine(Path.GetTempPath(), "contests-contract-" + Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var failures = 0;
            var (code, output) = BenchTools.Run("qpdf", "--check", file);
            if (code != 0)
            {
                failures++;
                Console.Error.WriteLine($"qpdf --check: exit {code}: {output}");
            }
            var (_, info) = BenchTools.Run("pdfinfo", file);
            var line = info.Split('\n').FirstOrDefault(l => l.StartsWith("Pages:", StringComparison.Ordinal));
            pages = line is null ? 0 : int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
            if (pages is < 4 or > 6)
            {
                failures++;
                Console.Error.WriteLine($"pdfinfo: {pages} pages, expected 4–6.");
            }
            return failures;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
