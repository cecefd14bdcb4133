using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Contests.E2E;

/// <summary>The command-line tools the browser tests read downloads with (poppler-utils, zbar-tools).</summary>
internal static class CommandLine
{
    /// <summary>Runs a command-line tool and returns its standard output; fails the test if it is missing or fails.</summary>
    public static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"{tool} is needed by this test and could not be run ({e.Message}); install it (poppler-utils, zbar-tools).");
            throw;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            var stdout = await output;
            var stderr = await error;
            Assert.True(process.ExitCode == 0,
                string.Create(CultureInfo.InvariantCulture, $"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr}"));
            return stdout;
        }
    }
}
