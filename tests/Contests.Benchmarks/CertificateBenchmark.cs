using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Contests.Core.Documents;
using Contests.Web.Features.Documents;

namespace Contests.Benchmarks;

/// <summary>
/// Throughput of award certificates (docs/architecture.md#figures-to-reach: 10,000 one-page PDFs in ≤ 10 s, peak working set ≤ 300 MB, every file
/// valid): N certificates with varied winners, each rendered by <see cref="CertificatePdf.Render"/> (the code the packs
/// use: layout, vector QR, one embedded font subset) in parallel on every core, its SHA-256 kept (or, with <c>--write</c>,
/// each written to its own file). Timed with a <see cref="Stopwatch"/> per run; the peak working set is the process's
/// (<see cref="Process.PeakWorkingSet64"/>) after all runs. Untimed, afterwards: every certificate rendered again (same
/// bytes, checked by SHA-256: rendering is deterministic) and written to a file, <c>qpdf --check</c> on every file (exit 0
/// for each), and <c>pdftotext</c> of the first one must hold the winner's name and the prize in words.
/// </summary>
internal static class CertificateBenchmark
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(10);
    private const long MemoryTarget = 300L * 1024 * 1024;

    private static readonly string[] Given = ["Juana", "Pedro", "María", "Celestino", "Eusebia", "Ñusta", "Hilaria", "Víctor", "Rosa", "Julián"];
    private static readonly string[] Family = ["Quispe", "Mamani", "Huamán", "Ccahuana", "Condori", "Sullca", "Cusi", "Puma", "Ñahui", "Palomino"];
    private static readonly string[] Communities = ["Ccollpa", "Ampay", "Asillo", "Huanipaca", "Pachachaca", "Kiuñalla"];

    public static async Task<int> RunAsync(string[] args)
    {
        var count = 10_000;
        var runs = 3;
        var checkAll = true;
        var write = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    count = n;
                    i++;
                    break;
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
                    runs = r;
                    i++;
                    break;
                case "--check-sample":
                    checkAll = false;
                    break;
                case "--write":
                    write = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync("usage: certificates [--count 10000] [--runs 3] [--write] [--check-sample]");
                    return 2;
            }
        }
        var certificates = Enumerable.Range(1, count).Select(Certificate).ToArray();
        // Warm-up, not timed: JIT up to the optimized tier, font resolver, width caches, thread pool (a server that builds
        // packs is long-running; the first 1,000 documents of a process are slower).
        Parallel.For(0, Math.Min(count, 1_000), i => CertificatePdf.Render(certificates[i]));
        var times = new List<TimeSpan>();
        var hashes = new string[count];
        for (var run = 1; run <= runs; run++)
        {
            string? folder = write ? Directory.CreateTempSubdirectory("contests-certificates-").FullName : null;
            long bytes = 0;
            var watch = Stopwatch.StartNew();
            Parallel.For(0, count, i =>
            {
                var pdf = CertificatePdf.Render(certificates[i]);
                Interlocked.Add(ref bytes, pdf.Length);
                if (folder is null)
                {
                    hashes[i] = Convert.ToHexStringLower(SHA256.HashData(pdf));
                }
                else
                {
                    File.WriteAllBytes(Path.Combine(folder, certificates[i].Number + ".pdf"), pdf);
                }
            });
            watch.Stop();
            times.Add(watch.Elapsed);
            if (folder is not null)
            {
                Directory.Delete(folder, recursive: true);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: {count:N0} certificates {(write ? "rendered and written to files" : "rendered (SHA-256 of each kept)")} in {watch.Elapsed.TotalSeconds:0.00} s ({count / watch.Elapsed.TotalSeconds:N0}/s), {bytes / 1024.0 / 1024.0:0.0} MB, {bytes / count / 1024.0:0.0} KB each; load {BenchTools.Load()}"));
        }
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peak = process.PeakWorkingSet64;
        var median = times.Order().ElementAt(times.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| certificates{(write ? " + files" : string.Empty)} | {count:N0} | {runs} runs | median **{median.TotalSeconds:0.00} s** | min–max {times.Min().TotalSeconds:0.00}–{times.Max().TotalSeconds:0.00} s | peak working set {peak / 1024.0 / 1024.0:0} MB | {Environment.ProcessorCount} cores |"));
        // Untimed: every certificate written and checked; rendering is deterministic, so the files are the timed bytes.
        var check = Directory.CreateTempSubdirectory("contests-certificates-check-").FullName;
        var differ = 0;
        Parallel.For(0, count, i =>
        {
            var pdf = CertificatePdf.Render(certificates[i]);
            if (!write && Convert.ToHexStringLower(SHA256.HashData(pdf)) != hashes[i])
            {
                Interlocked.Increment(ref differ);
            }
            File.WriteAllBytes(Path.Combine(check, certificates[i].Number + ".pdf"), pdf);
        });
        var failures = Check(check, checkAll, certificates[0]) + differ;
        if (differ > 0)
        {
            Console.Error.WriteLine($"{differ} certificate(s) rendered to other bytes the second time.");
        }
        Directory.Delete(check, recursive: true);
        var met = median <= Target * (count / 10_000.0) && peak <= MemoryTarget && failures == 0;
        Console.WriteLine(met ? "Target met: median ≤ 10 s per 10,000, peak ≤ 300 MB, every file valid." : "Target MISSED (or a file failed its check).");
        return failures == 0 ? 0 : 1;
    }

    private static int Check(string folder, bool all, Certificate first)
    {
        var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray();
        var checkedFiles = all ? files : files.Where((_, i) => i % 100 == 0).ToArray();
        var failures = 0;
        Parallel.ForEach(checkedFiles, file =>
        {
            var (code, output) = BenchTools.Run("qpdf", "--check", file);
            if (code != 0)
            {
                Interlocked.Increment(ref failures);
                Console.Error.WriteLine($"qpdf --check {Path.GetFileName(file)}: exit {code}: {output}");
            }
        });
        var (_, text) = BenchTools.Run("pdftotext", Path.Combine(folder, first.Number + ".pdf"), "-");
        if (!text.Contains(first.Award.Holder, StringComparison.Ordinal) || !text.Contains(first.AmountInWords, StringComparison.Ordinal))
        {
            failures++;
            Console.Error.WriteLine("pdftotext of the first certificate lacks the winner's name or the prize in words.");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checked {checkedFiles.Length:N0} file(s) with qpdf --check: {failures} failure(s)"));
        return failures;
    }

    private static Certificate Certificate(int i)
    {
        var round = new CertificateRound(1, "Programa Sierra Sur", "Concurso interfamiliar de crianza de cuyes — Mariño 2026", "Oficina Local Abancay",
            "Eusebia Palomino Ccahuana", "Julio Ccahuana Mamani");
        var holder = $"{Family[i % 10]} {Family[(i / 10) % 10]}, {Given[(i / 100) % 10]}";
        var community = Communities[i % Communities.Length];
        var award = new CertificateAward(i, i, i, holder, 1, community, community, 1 + (i % 3), 60 + (i % 40) + 0.5m, 100m + (i % 900) + 0.5m);
        var number = IssuedDocument.NumberOf(DocumentKind.Certificate, 2026, i);
        var id = VerificationCode.NewId(BitConverter.GetBytes((long)i).Concat(new byte[] { 7, 7 }).ToArray());
        var code = VerificationCode.Sign(id, new byte[32]);
        return new Certificate(round, award, number, code, Certificates.VerifyUrlOf("https://concursos.example.org", code), new DateOnly(2026, 11, 23),
            "Local comunal de " + community, new DateTime(2026, 11, 23, 14, 0, 0, DateTimeKind.Utc));
    }
}
