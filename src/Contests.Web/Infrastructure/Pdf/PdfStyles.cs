namespace Contests.Web.Infrastructure.Pdf;

/// <summary>Horizontal alignment of paragraph lines.</summary>
public enum TextAlign
{
    /// <summary>Ragged right.</summary>
    Left,
    /// <summary>Centred.</summary>
    Center,
    /// <summary>Ragged left.</summary>
    Right,
    /// <summary>Both edges flush; the last line of a paragraph (and lines ending in '\n') stays left.</summary>
    Justify,
}

/// <summary>Alignment of the text in a table column.</summary>
public enum CellAlign
{
    /// <summary>Left.</summary>
    Left,
    /// <summary>Centred.</summary>
    Center,
    /// <summary>Right (amounts).</summary>
    Right,
}

/// <summary>Horizontal placement of a block (image, QR) in the content width.</summary>
public enum HorizontalAlign
{
    /// <summary>At the left margin.</summary>
    Left,
    /// <summary>Centred between the margins.</summary>
    Center,
    /// <summary>At the right margin.</summary>
    Right,
}

/// <summary>Page orientation of an A4 <see cref="PdfLayout"/>.</summary>
public enum PdfPageOrientation
{
    /// <summary>595 × 842 pt.</summary>
    Portrait,
    /// <summary>842 × 595 pt.</summary>
    Landscape,
}

/// <summary>
/// Style of a paragraph. Null members take the layout defaults (<see cref="PdfLayoutOptions.FontSize"/>,
/// <see cref="PdfLayoutOptions.FontFamily"/>, <see cref="PdfLayoutOptions.ParagraphSpacing"/>).
/// </summary>
/// <param name="Size">Font size in points.</param>
/// <param name="Bold">Bold face.</param>
/// <param name="Italic">Italic face.</param>
/// <param name="Align">Line alignment.</param>
/// <param name="SpaceAfter">Vertical space after the paragraph, in points.</param>
/// <param name="Family">Font family, e.g. <see cref="PdfFonts.Serif"/>.</param>
public sealed record TextStyle(
    double? Size = null,
    bool Bold = false,
    bool Italic = false,
    TextAlign Align = TextAlign.Left,
    double? SpaceAfter = null,
    string? Family = null);

/// <summary>A table column: header text, relative width and alignment.</summary>
/// <param name="Header">Header text (bold, on light grey).</param>
/// <param name="Weight">Relative width; the columns share the content width in proportion to their weights.</param>
/// <param name="Align">Alignment of header and cells.</param>
public sealed record TableColumn(string Header, double Weight, CellAlign Align = CellAlign.Left);

/// <summary>Options of <see cref="PdfLayout.Table"/>.</summary>
public sealed record TableOptions
{
    /// <summary>Font size of the cells; null = layout font size.</summary>
    public double? FontSize { get; init; }

    /// <summary>Draw the last row in bold (totals).</summary>
    public bool BoldLastRow { get; init; }

    /// <summary>Thin cell borders (default true); false for signature blocks and forms.</summary>
    public bool Borders { get; init; } = true;

    /// <summary>Draw the header row (default true); repeated at the top of every page the table continues on.</summary>
    public bool ShowHeader { get; init; } = true;

    /// <summary>Inner padding of each cell, in points.</summary>
    public double CellPadding { get; init; } = 3;

    /// <summary>Space after the table, in points; null = layout paragraph spacing.</summary>
    public double? SpaceAfter { get; init; }
}

/// <summary>Options of a <see cref="PdfLayout"/> document (A4).</summary>
public sealed record PdfLayoutOptions
{
    /// <summary>Portrait (default) or landscape.</summary>
    public PdfPageOrientation Orientation { get; init; } = PdfPageOrientation.Portrait;

    /// <summary>Left margin in points (default 2 cm).</summary>
    public double MarginLeft { get; init; } = 56.69;

    /// <summary>Right margin in points (default 2 cm).</summary>
    public double MarginRight { get; init; } = 56.69;

    /// <summary>Top margin in points (default 2 cm).</summary>
    public double MarginTop { get; init; } = 56.69;

    /// <summary>Bottom margin in points (default 2 cm); the footer is drawn inside it.</summary>
    public double MarginBottom { get; init; } = 56.69;

    /// <summary>Document title (metadata).</summary>
    public string? Title { get; init; }

    /// <summary>Document author (metadata).</summary>
    public string? Author { get; init; }

    /// <summary>Document subject (metadata).</summary>
    public string? Subject { get; init; }

    /// <summary>Base font family (default <see cref="PdfFonts.Sans"/>).</summary>
    public string FontFamily { get; init; } = PdfFonts.Sans;

    /// <summary>Base font size in points (default 11).</summary>
    public double FontSize { get; init; } = 11;

    /// <summary>Default space after a paragraph, in points (default 6).</summary>
    public double ParagraphSpacing { get; init; } = 6;

    /// <summary>
    /// Footer text for (page number, page count), e.g. <c>(i, n) =&gt; $"Página {i} de {n}"</c>; drawn centred at the
    /// bottom of every page once the layout is finished. Null = no footer.
    /// </summary>
    public Func<int, int, string>? PageLabel { get; init; }

    /// <summary>Footer font size in points (default 9).</summary>
    public double FooterFontSize { get; init; } = 9;

    /// <summary>
    /// Creation date written to the metadata. Give it (and <see cref="ModificationDate"/>) for reproducible bytes;
    /// null = now.
    /// </summary>
    public DateTime? CreationDate { get; init; }

    /// <summary>Modification date written to the metadata; null = <see cref="CreationDate"/>.</summary>
    public DateTime? ModificationDate { get; init; }

    /// <summary>
    /// Replace the random values PDFsharp writes on every save (font subset tags, trailer /ID, XMP uuids) by
    /// values derived from a hash of the content (default true). With fixed <see cref="CreationDate"/> and
    /// <see cref="ModificationDate"/> the same input then gives the same bytes.
    /// </summary>
    public bool Deterministic { get; init; } = true;

    /// <summary>
    /// Flate-compress page content streams. Default false: with compression qpdf --check reports stream
    /// warnings (exit 3) on PDFsharp's output; uncompressed it exits 0. Fonts and images stay compressed either way.
    /// </summary>
    public bool CompressContentStreams { get; init; }

    /// <summary>
    /// Use the fastest Flate level for fonts and other compressed streams (default true): about 20 % larger files
    /// (≈ 50 KB instead of ≈ 42 KB for a one-page certificate, almost all of it the embedded font subsets) but a
    /// noticeably faster save, which matters for bulk certificate runs.
    /// </summary>
    public bool FastCompression { get; init; } = true;

    /// <summary>Font directory handed to <see cref="PdfSetup.Initialize"/> (only the first call in the process counts).</summary>
    public string? FontDirectory { get; init; }
}
