using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Contests.Web.Infrastructure.Pdf;

/// <summary>
/// Font families available to the PDF layer. Every family is backed by the DejaVu TrueType files
/// shipped by the Debian package <c>fonts-dejavu-core</c>.
/// </summary>
public static class PdfFonts
{
    /// <summary>The sans-serif family ("DejaVu Sans"), the default of <see cref="PdfLayout"/>.</summary>
    public const string Sans = "DejaVu Sans";

    /// <summary>The serif family ("DejaVu Serif").</summary>
    public const string Serif = "DejaVu Serif";

    /// <summary>
    /// DejaVu Serif with one embedded face: bold (and italic) are simulated from the regular face (stroked and slanted).
    /// Every face a PDF uses is a font subset built and embedded when the file is written, by far the most expensive
    /// part of a one-page document; bulk documents (certificates, 10,000 at a time) use this family to embed one.
    /// </summary>
    public const string SerifOneFace = "DejaVu Serif One Face";

    /// <summary>Where Debian installs the DejaVu fonts.</summary>
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";

    /// <summary>The Debian package that provides the font files.</summary>
    public const string DebianPackage = "fonts-dejavu-core";
}

/// <summary>
/// <see cref="IFontResolver"/> for the DejaVu Sans and DejaVu Serif families (regular, bold, italic,
/// bold-italic). PDFsharp's Core build finds no system fonts on Linux, so this resolver is installed
/// by <see cref="PdfSetup.Initialize"/>. Font bytes are read once per face and cached.
/// Unknown family names fall back to DejaVu Sans.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    // face name -> file name; the face name is what PDFsharp hands back to GetFont.
    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["DejaVuSans"] = "DejaVuSans.ttf",
        ["DejaVuSans-Bold"] = "DejaVuSans-Bold.ttf",
        ["DejaVuSans-Oblique"] = "DejaVuSans-Oblique.ttf",
        ["DejaVuSans-BoldOblique"] = "DejaVuSans-BoldOblique.ttf",
        ["DejaVuSerif"] = "DejaVuSerif.ttf",
        ["DejaVuSerif-Bold"] = "DejaVuSerif-Bold.ttf",
        ["DejaVuSerif-Italic"] = "DejaVuSerif-Italic.ttf",
        ["DejaVuSerif-BoldItalic"] = "DejaVuSerif-BoldItalic.ttf",
    };

    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _bytes = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates the resolver and checks that all eight font files exist.
    /// </summary>
    /// <param name="fontDirectory">Folder holding the DejaVu .ttf files; default <see cref="PdfFonts.DefaultDirectory"/>.</param>
    /// <exception cref="FileNotFoundException">A font file is missing; the message names it and the Debian package.</exception>
    public DejaVuFontResolver(string? fontDirectory = null)
    {
        FontDirectory = string.IsNullOrWhiteSpace(fontDirectory) ? PdfFonts.DefaultDirectory : fontDirectory;
        foreach (var file in Files.Values)
        {
            var path = Path.Combine(FontDirectory, file);
            if (!File.Exists(path))
            {
                throw MissingFont(path);
            }
        }
    }

    /// <summary>The folder the font files are read from.</summary>
    public string FontDirectory { get; }

    /// <inheritdoc />
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic)
    {
        ArgumentNullException.ThrowIfNull(familyName);
        if (familyName.Equals(PdfFonts.SerifOneFace, StringComparison.OrdinalIgnoreCase))
        {
            return new FontResolverInfo("DejaVuSerif", bold, italic);
        }
        var serif = familyName.Contains("serif", StringComparison.OrdinalIgnoreCase)
            && !familyName.Contains("sans", StringComparison.OrdinalIgnoreCase);
        var face = (serif, bold, italic) switch
        {
            (false, false, false) => "DejaVuSans",
            (false, true, false) => "DejaVuSans-Bold",
            (false, false, true) => "DejaVuSans-Oblique",
            (false, true, true) => "DejaVuSans-BoldOblique",
            (true, false, false) => "DejaVuSerif",
            (true, true, false) => "DejaVuSerif-Bold",
            (true, false, true) => "DejaVuSerif-Italic",
            (true, true, true) => "DejaVuSerif-BoldItalic",
        };
        return new FontResolverInfo(face);
    }

    /// <inheritdoc />
    public byte[]? GetFont(string faceName)
    {
        if (!Files.TryGetValue(faceName, out var file))
        {
            return null;
        }
        var path = Path.Combine(FontDirectory, file);
        return _bytes.GetOrAdd(faceName, _ => new Lazy<byte[]>(() => Read(path))).Value;
    }

    private static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw MissingFont(path);
        }
    }

    private static FileNotFoundException MissingFont(string path) => new(
        $"PDF font file '{path}' not found. Install the Debian package '{PdfFonts.DebianPackage}' " +
        $"(apt-get install {PdfFonts.DebianPackage}) or configure the font directory.",
        path);
}
