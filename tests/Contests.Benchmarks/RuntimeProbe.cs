using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Contests.Benchmarks;

/// <summary>
/// Where a timed window's CPU went, as far as the runtime tells it in process: the process's CPU time (user + system),
/// garbage collections, bytes allocated, and the dynamic methods the JIT compiled (compiled expressions, emitted
/// serializers…) counted by name — a high count is CPU spent compiling and, later, in the finalizer collecting them.
/// </summary>
internal sealed class RuntimeProbe : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private const uint DynamicFlag = 0x1;

    private readonly ConcurrentDictionary<string, int> _dynamic = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart = Cpu();
    private readonly long _allocatedAtStart = GC.GetTotalAllocatedBytes();
    private readonly int[] _gcAtStart = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private volatile bool _counting = true;

    /// <summary>The process's CPU time so far (every thread, user and system).</summary>
    public static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>CPU seconds since the probe started.</summary>
    public double CpuSeconds => (Cpu() - _cpuAtStart).TotalSeconds;

    public double WallSeconds => _clock.Elapsed.TotalSeconds;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, JitKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_counting || eventData.EventName is null || !eventData.EventName.StartsWith("MethodLoadVerbose", StringComparison.Ordinal)
            || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }
        var flags = Convert.ToUInt32(eventData.Payload[eventData.PayloadNames.IndexOf("MethodFlags")], CultureInfo.InvariantCulture);
        if ((flags & DynamicFlag) == 0)
        {
            return;
        }
        var name = eventData.Payload[eventData.PayloadNames.IndexOf("MethodName")] as string ?? "?";
        // "lambda_method123" and "IL_STUB_…" are counted by their stem.
        var stem = name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        _dynamic.AddOrUpdate(stem, 1, (_, n) => n + 1);
    }

    /// <summary>One line per figure, each starting with "//".</summary>
    public IEnumerable<string> Report(string label)
    {
        _counting = false;
        var allocated = (GC.GetTotalAllocatedBytes() - _allocatedAtStart) / 1048576.0;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"// {label}: {WallSeconds:0.0} s wall, {CpuSeconds:0.0} s CPU; {allocated:N0} MB allocated; GCs gen0/1/2 " +
            $"{GC.CollectionCount(0) - _gcAtStart[0]}/{GC.CollectionCount(1) - _gcAtStart[1]}/{GC.CollectionCount(2) - _gcAtStart[2]}; " +
            $"{_dynamic.Values.Sum():N0} dynamic methods compiled");
        foreach (var (name, count) in _dynamic.OrderByDescending(d => d.Value).Take(8))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"//   dynamic method {name}: {count:N0}");
        }
    }
}
