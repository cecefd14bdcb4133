using System.Diagnostics;

namespace Contests.Benchmarks;

/// <summary>What the document benchmarks share: running a checking tool (qpdf, pdfinfo, pdftotext) and the machine's load.</summary>
internal static class BenchTools
{
    /// <summary>The tool's exit code and its output (standard output, then standard error).</summary>
    public static (int Code, string Output) Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    /// <summary>The 1, 5 and 15-minute load averages ("?" off Linux): the figures are written down with them.</summary>
    public static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
