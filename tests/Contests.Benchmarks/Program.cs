using BenchmarkDotNet.Running;

namespace Contests.Benchmarks;

public static class BenchmarkProgram
{
    /// <summary>
    /// <c>import-memory …</c> measures an import's peak working set against the file's size (<see cref="ImportMemoryBenchmark"/>);
    /// <c>import …</c> runs the end-to-end CSV import benchmark (<see cref="ImportBenchmark"/>: one import takes
    /// seconds, so it is timed run by run, not with BenchmarkDotNet's micro-iterations); <c>judging-load …</c> runs the
    /// load benchmark of 300 jurors saving score sheets against the app on a loopback socket (<see cref="JudgingLoadBenchmark"/>);
    /// <c>batch …</c> times the execution of a payout batch of 10,000 (<see cref="BatchBenchmark"/>); <c>certificates …</c> renders
    /// 10,000 award certificates in parallel (<see cref="CertificateBenchmark"/>); <c>packs …</c> times a certificate pack from the
    /// officer's click to both files downloaded (<see cref="PackBenchmark"/>); <c>contract …</c> renders one 5-page donation
    /// contract 1,000 times on one thread (<see cref="ContractBenchmark"/>); <c>exports …</c> times the participants export of 200,000
    /// entries as XLSX and CSV (<see cref="ExportBenchmark"/>); <c>indicators …</c> times
    /// the indicators page over 1,000,000 households and 200,000 entries (<see cref="IndicatorsBenchmark"/>); <c>impact …</c> times
    /// the impact analysis with matching over 100,000 households × 3 waves (<see cref="ImpactBenchmark"/>); anything else goes to
    /// BenchmarkDotNet (<c>--filter</c>, <c>--list</c> …).
    /// </summary>
    /// <remarks>Synchronous, as before, so BenchmarkDotNet's in-process runs start the way they always did.</remarks>
    public static int Main(string[] args)
    {
        if (args is ["import-memory", ..])
        {
            return ImportMemoryBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }
        if (args is ["import", ..])
        {
            return ImportBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }
        if (args is ["batch", ..])
        {
            return BatchBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }
        if (args is ["certificates", ..])
        {
            return CertificateBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }
        if (args is ["contract", ..])
        {
            return ContractBenchmark.Run(args[1..]);
        }
        if (args is ["exports", ..])
        {
            return ExportBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }
        if (args is ["indicators", ..])
        {
            return IndicatorsBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }
        if (args is ["impact", ..])
        {
            return ImpactBenchmark.Run(args[1..]);
        }
        if (args is ["jobs", ..])
        {
            return JobsBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }
        if (args is ["packs", ..])
        {
            return PackBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }
        if (args is ["judging-load", ..])
        {
            return JudgingLoadBenchmark.RunAsync(args[1..]).GetAwaiter().GetResult();
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
