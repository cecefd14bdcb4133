using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Contests.Benchmarks;

/// <summary>
/// A short throughput job (1 launch, 3 warm-up and 10 measured iterations) run inside the benchmark
/// process. In-process because the default toolchain generates and builds a child project that rebuilds
/// <c>Contests.Web</c> and its references; this way the benchmark measures exactly the Release
/// assemblies that were built, and a run never competes with another build of <c>src/</c>.
/// </summary>
public sealed class InProcessShortRunConfig : ManualConfig
{
    public InProcessShortRunConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Throughput)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("InProcessShort"));
        // Reports next to the binaries (bin/Release/net10.0/BenchmarkDotNet.Artifacts), not in the repository root.
        ArtifactsPath = Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts");
    }
}
