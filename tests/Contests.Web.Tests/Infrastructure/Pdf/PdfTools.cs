using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Contests.Web.Tests.Infrastructure.Pdf;

/// <summary>
/// Runs the poppler / qpdf / zbar command-line tools on PDF bytes for assertions.
/// Every call writes the bytes to a fresh temporary file.
/// </summary>
public static partial class PdfTools
{
    /// <summary>Result of running a tool.</summary>
    public sealed record ToolResult(int ExitCode, string Output, string Error);

    /// <summary>Page count and size of the first page reported by pdfinfo.</summary>
    public sealed record PdfInfo(int Pages, double Width, double Height, string Raw);

    /// <summary><c>qpdf --check</c>.</summary>
    public static ToolResult QpdfCheck(byte[] pdf)
    {
        using var file = new TempPdf(pdf);
        return Run("qpdf", "--check", file.Path);
    }

    /// <summary><c>pdftotext -layout</c> of the whole document or of one page (1-based).</summary>
    public static string Text(byte[] pdf, int? page = null)
    {
        using var file = new TempPdf(pdf);
        var args = new List<string> { "-layout", "-enc", "UTF-8" };
        if (page is { } p)
        {
            args.AddRange(["-f", p.ToString(CultureInfo.InvariantCulture), "-l", p.ToString(CultureInfo.InvariantCulture)]);
        }
        args.AddRange([file.Path, "-"]);
        return Ok(Run("pdftotext", [.. args])).Output;
    }

    /// <summary>Text of every page, index 0 = page 1.</summary>
    public static IReadOnlyList<string> PageTexts(byte[] pdf)
    {
        var pages = Info(pdf).Pages;
        return Enumerable.Range(1, pages).Select(p => Text(pdf, p)).ToList();
    }

    /// <summary><c>pdfinfo</c>: page count and page size in points.</summary>
    public static PdfInfo Info(byte[] pdf)
    {
        using var file = new TempPdf(pdf);
        var output = Ok(Run("pdfinfo", file.Path)).Output;
        var pages = PagesRegex().Match(output);
        var size = SizeRegex().Match(output);
        if (!pages.Success || !size.Success)
        {
            throw new InvalidOperationException("Unexpected pdfinfo output:\n" + output);
        }
        return new PdfInfo(
            int.Parse(pages.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(size.Groups[2].Value, CultureInfo.InvariantCulture),
            output);
    }

    /// <summary>Renders one page (1-based) with <c>pdftoppm -png -r 100</c>; returns the PNG path.</summary>
    /// <param name="pdf">The document.</param>
    /// <param name="page">1-based page number.</param>
    /// <param name="outputDirectory">Where to keep the PNG; null = a temporary file.</param>
    /// <param name="name">File name without extension.</param>
    public static string RenderPage(byte[] pdf, int page, string? outputDirectory = null, string? name = null)
    {
        using var file = new TempPdf(pdf);
        var directory = outputDirectory ?? Path.GetTempPath();
        Directory.CreateDirectory(directory);
        var prefix = Path.Combine(directory, name ?? ("page-" + Guid.NewGuid().ToString("N")));
        var p = page.ToString(CultureInfo.InvariantCulture);
        Ok(Run("pdftoppm", "-png", "-r", "100", "-f", p, "-l", p, "-singlefile", file.Path, prefix));
        return prefix + ".png";
    }

    /// <summary>Decodes the QR codes in a PNG with <c>zbarimg --raw -q</c>; one string per symbol.</summary>
    public static IReadOnlyList<string> DecodeQr(string pngPath)
    {
        var result = Run("zbarimg", "--raw", "-q", pngPath);
        // zbarimg exits 4 when no symbol is found.
        if (result.ExitCode is not (0 or 4))
        {
            throw new InvalidOperationException($"zbarimg failed ({result.ExitCode}): {result.Error}");
        }
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Folder under the test output where rendered pages are kept for people to look at.</summary>
    public static string OutputDirectory(string testName)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "pdf-output", testName);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Runs a tool; a missing tool gives a clear error.</summary>
    public static ToolResult Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start '{tool}'.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"The tool '{tool}' is not installed or not on PATH (Debian: qpdf, poppler-utils, zbar-tools).", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new ToolResult(process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
        }
    }

    private static ToolResult Ok(ToolResult result) => result.ExitCode == 0
        ? result
        : throw new InvalidOperationException($"Tool failed with exit code {result.ExitCode}: {result.Error}{result.Output}");

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesRegex();

    [GeneratedRegex(@"^Page size:\s+([\d.]+) x ([\d.]+) pts", RegexOptions.Multiline)]
    private static partial Regex SizeRegex();

    private sealed class TempPdf : IDisposable
    {
        public TempPdf(byte[] bytes)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "contests-pdf-" + Guid.NewGuid().ToString("N") + ".pdf");
            File.WriteAllBytes(Path, bytes);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
