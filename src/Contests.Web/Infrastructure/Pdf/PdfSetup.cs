using PdfSharp;
using PdfSharp.Fonts;

namespace Contests.Web.Infrastructure.Pdf;

/// <summary>
/// One-time, thread-safe global set-up of PDFsharp: AGPL licence and the DejaVu font resolver.
/// Every entry point of the PDF layer calls <see cref="Initialize"/>, so callers need not.
/// </summary>
public static class PdfSetup
{
    private static readonly Lock Gate = new();
    private static volatile DejaVuFontResolver? _resolver;

    /// <summary>The installed resolver, or null before the first successful <see cref="Initialize"/>.</summary>
    public static DejaVuFontResolver? FontResolver => _resolver;

    /// <summary>
    /// Sets the PDFsharp AGPL licence and installs <see cref="DejaVuFontResolver"/> as
    /// <see cref="GlobalFontSettings.FontResolver"/>. Idempotent: only the first successful call has an effect
    /// (PDFsharp allows the font resolver to be set only once per process).
    /// </summary>
    /// <param name="fontDirectory">Font folder for the first call; null means <see cref="PdfFonts.DefaultDirectory"/>.</param>
    /// <exception cref="FileNotFoundException">A font file is missing (nothing is installed then).</exception>
    /// <exception cref="InvalidOperationException">A later call asks for a different font directory.</exception>
    public static void Initialize(string? fontDirectory = null)
    {
        var current = _resolver;
        if (current is null)
        {
            lock (Gate)
            {
                current = _resolver;
                if (current is null)
                {
                    var resolver = new DejaVuFontResolver(fontDirectory);
                    PdfSharpLicense.SetAgplLicense();
                    GlobalFontSettings.FontResolver = resolver;
                    _resolver = resolver;
                    return;
                }
            }
        }
        if (fontDirectory is not null
            && !string.Equals(Path.GetFullPath(fontDirectory), Path.GetFullPath(current.FontDirectory), StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"PDF fonts were already initialised from '{current.FontDirectory}'; they cannot be switched to '{fontDirectory}'.");
        }
    }
}
