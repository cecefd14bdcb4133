using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Contests.Web.Infrastructure.Pdf;

/// <summary>
/// Flowing A4 document builder on top of PDFsharp: headings, wrapped paragraphs, tables with repeated
/// headers, images, vector QR codes, signature blocks, absolute placement for fixed layouts (certificates)
/// and a localisable "page i of n" footer drawn once the page count is known.
/// </summary>
/// <remarks>
/// Not thread-safe: build one document per thread (documents are independent; many can be built in parallel).
/// Coordinates are points (1/72 inch) from the top-left corner of the page.
/// After <see cref="ToBytes"/> or <see cref="Save"/> the layout is finished and further layout calls throw.
/// </remarks>
public sealed class PdfLayout : IDisposable
{
    private const double Epsilon = 0.01;
    private const double A4Short = 595;
    private const double A4Long = 842;
    private static readonly XPen BorderPen = new(XColors.Black, 0.5);
    private static readonly XPen SignaturePen = new(XColors.Black, 0.75);
    private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(230, 230, 230));

    private readonly PdfLayoutOptions _options;
    private readonly PdfDocument _document;
    private readonly List<XGraphics> _pages = [];
    private readonly List<IDisposable> _resources = [];
    private readonly Dictionary<FontKey, XFont> _fonts = [];
    private readonly Dictionary<WidthKey, double> _widths = [];
    private readonly Dictionary<XFont, CharWidthCache> _faces = [];
    private readonly List<PendingHeading> _pending = [];
    private readonly HashSet<char> _characters = [];
    private XGraphics _gfx;
    private double _y;
    private byte[]? _bytes;
    private bool _contentTaken;
    private bool _disposed;

    /// <summary>Starts a document with one empty page.</summary>
    /// <param name="options">Page, margins, metadata, fonts and footer; null = defaults (portrait, 2 cm margins).</param>
    public PdfLayout(PdfLayoutOptions? options = null)
    {
        _options = options ?? new PdfLayoutOptions();
        PdfSetup.Initialize(_options.FontDirectory);
        _document = new PdfDocument();
        var landscape = _options.Orientation == PdfPageOrientation.Landscape;
        PageWidth = landscape ? A4Long : A4Short;
        PageHeight = landscape ? A4Short : A4Long;
        if (ContentWidth <= 0 || ContentBottom - ContentTop <= 0)
        {
            throw new ArgumentException("The margins leave no room for content.", nameof(options));
        }
        var info = _document.Info;
        if (_options.Title is not null)
        {
            info.Title = _options.Title;
        }
        if (_options.Author is not null)
        {
            info.Author = _options.Author;
        }
        if (_options.Subject is not null)
        {
            info.Subject = _options.Subject;
        }
        var created = _options.CreationDate ?? DateTime.Now;
        info.CreationDate = created;
        info.ModificationDate = _options.ModificationDate ?? created;
        _document.Options.CompressContentStreams = _options.CompressContentStreams;
        if (_options.FastCompression)
        {
            _document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        }
        _gfx = AddPage();
    }

    /// <summary>The options the document was created with.</summary>
    public PdfLayoutOptions Options => _options;

    /// <summary>Page width in points (595 portrait, 842 landscape).</summary>
    public double PageWidth { get; }

    /// <summary>Page height in points (842 portrait, 595 landscape).</summary>
    public double PageHeight { get; }

    /// <summary>Left edge of the content area.</summary>
    public double ContentLeft => _options.MarginLeft;

    /// <summary>Top edge of the content area.</summary>
    public double ContentTop => _options.MarginTop;

    /// <summary>Width between the margins.</summary>
    public double ContentWidth => PageWidth - _options.MarginLeft - _options.MarginRight;

    /// <summary>Bottom edge of the content area (page height minus bottom margin).</summary>
    public double ContentBottom => PageHeight - _options.MarginBottom;

    /// <summary>Number of pages so far (the final count once the layout is finished).</summary>
    public int PageCount => _pages.Count;

    /// <summary>
    /// Vertical position (points from the top of the page) where the next block starts. A heading that is still
    /// waiting for its following block (keep-with-next) is placed first; setting the position places it now.
    /// </summary>
    public double CurrentY
    {
        get => _y;
        set
        {
            EnsureOpen();
            FlushPending();
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, PageHeight);
            _y = value;
        }
    }

    /// <summary>Space left on the current page above the bottom margin.</summary>
    public double RemainingHeight => Math.Max(0, ContentBottom - _y);

    /// <summary>
    /// Adds a bold heading (level 1: 18 pt, 2: 14 pt, 3+: 12 pt). It is kept on the same page as the first line of
    /// whatever follows it, so a heading never ends a page.
    /// </summary>
    public void Heading(string text, int level = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        EnsureOpen();
        var size = level switch { <= 1 => 18.0, 2 => 14.0, _ => 12.0 };
        var font = Font(_options.FontFamily, size, bold: true, italic: false);
        _pending.Add(new PendingHeading(Wrap(text, font, ContentWidth), font, font.GetHeight(), size * 0.6, size * 0.4));
    }

    /// <summary>
    /// Adds a paragraph: words wrapped to the content width, '\n' starts a new line, a word longer than a line is
    /// broken between characters, and the lines flow onto new pages.
    /// </summary>
    public void Paragraph(string text, TextStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        EnsureOpen();
        style ??= DefaultStyle;
        var font = Font(style);
        var lineHeight = font.GetHeight();
        var lines = Wrap(text, font, ContentWidth);
        PlaceBlockStart(lineHeight);
        foreach (var line in lines)
        {
            if (_y + lineHeight > ContentBottom + Epsilon)
            {
                NewPage();
            }
            DrawLine(line, font, style.Align, ContentLeft, ContentWidth, _y);
            _y += lineHeight;
        }
        _y += style.SpaceAfter ?? _options.ParagraphSpacing;
    }

    /// <summary>Adds vertical space (not carried over to a new page).</summary>
    public void Spacer(double points)
    {
        EnsureOpen();
        if (_pending.Count > 0)
        {
            var last = _pending[^1];
            _pending[^1] = last with { SpaceAfter = last.SpaceAfter + points };
            return;
        }
        _y = Math.Min(_y + points, ContentBottom);
    }

    /// <summary>Starts a new page.</summary>
    public void PageBreak()
    {
        EnsureOpen();
        FlushPending();
        NewPage();
    }

    /// <summary>Starts a new page if less than <paramref name="points"/> remain on this one.</summary>
    public void EnsureSpace(double points)
    {
        EnsureOpen();
        PlaceBlockStart(points);
    }

    /// <summary>
    /// Adds a table. Column widths are proportional to <see cref="TableColumn.Weight"/>; every cell wraps; a row's
    /// height is that of its tallest cell. A row that does not fit starts a new page, where the header row is
    /// repeated; only a row taller than a whole page is split (line by line).
    /// </summary>
    public void Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string>> rows, TableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        EnsureOpen();
        if (columns.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(columns));
        }
        options ??= DefaultTableOptions;
        var totalWeight = columns.Sum(c => c.Weight);
        if (columns.Any(c => c.Weight <= 0) || totalWeight <= 0)
        {
            throw new ArgumentException("Column weights must be positive.", nameof(columns));
        }

        var size = options.FontSize ?? _options.FontSize;
        var regular = Font(_options.FontFamily, size, bold: false, italic: false);
        var bold = Font(_options.FontFamily, size, bold: true, italic: false);
        var pad = options.CellPadding;
        var table = new TableGeometry(columns, new double[columns.Count], new double[columns.Count],
            Math.Max(regular.GetHeight(), bold.GetHeight()), pad, options.Borders);
        var x = ContentLeft;
        for (var i = 0; i < columns.Count; i++)
        {
            table.Xs[i] = x;
            table.Widths[i] = ContentWidth * columns[i].Weight / totalWeight;
            x += table.Widths[i];
        }

        TableRow? header = null;
        if (options.ShowHeader)
        {
            header = MakeRow(table, columns.Select(c => c.Header).ToList(), bold, isHeader: true);
        }
        var source = rows as IReadOnlyCollection<IReadOnlyList<string>> ?? rows.ToList();
        var count = source.Count;
        var body = new List<TableRow>(count);
        var index = 0;
        foreach (var row in source)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            var isTotal = options.BoldLastRow && index == count - 1;
            body.Add(MakeRow(table, row, isTotal ? bold : regular, isHeader: false));
            index++;
        }

        var headerHeight = header?.Height ?? 0;
        PlaceBlockStart(headerHeight + (body.Count > 0 ? body[0].Height : 0));
        if (header is not null)
        {
            DrawRow(table, header, 0, header.LineCount);
        }
        var pageRoom = ContentBottom - ContentTop - headerHeight;
        foreach (var row in body)
        {
            if (_y + row.Height <= ContentBottom + Epsilon)
            {
                DrawRow(table, row, 0, row.LineCount);
                continue;
            }
            if (row.Height <= pageRoom + Epsilon)
            {
                NewTablePage(table, header);
                DrawRow(table, row, 0, row.LineCount);
                continue;
            }
            // A row taller than a page: split its cells' lines across pages.
            var done = 0;
            while (done < row.LineCount)
            {
                var fit = (int)Math.Floor((ContentBottom - _y - (2 * pad) + Epsilon) / table.LineHeight);
                if (fit < 1)
                {
                    NewTablePage(table, header);
                    continue;
                }
                var take = Math.Min(fit, row.LineCount - done);
                DrawRow(table, row, done, take);
                done += take;
                if (done < row.LineCount)
                {
                    NewTablePage(table, header);
                }
            }
        }
        _y += options.SpaceAfter ?? _options.ParagraphSpacing;
    }

    /// <summary>Adds a PNG or JPEG image of the given size (points) at the current position.</summary>
    public void Image(byte[] pngOrJpeg, double width, double height, HorizontalAlign align = HorizontalAlign.Center)
    {
        ArgumentNullException.ThrowIfNull(pngOrJpeg);
        EnsureOpen();
        // PDFsharp may read the image data lazily at save time: keep the stream and image alive until then.
        var stream = new MemoryStream(pngOrJpeg, writable: false);
        _resources.Add(stream);
        var image = XImage.FromStream(stream);
        _resources.Add(image);
        PlaceBlockStart(height);
        _gfx.DrawImage(image, AlignX(width, align), _y, width, height);
        _y += height + _options.ParagraphSpacing;
    }

    /// <summary>
    /// Adds a drawing (a chart): reserves <paramref name="height"/> points at the current position — on a new page if
    /// they do not fit — and lets <paramref name="draw"/> paint that block, the content width wide, with PDFsharp's graphics.
    /// </summary>
    public void Drawing(double height, Action<XGraphics, XRect> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        EnsureOpen();
        PlaceBlockStart(height);
        draw(_gfx, new XRect(ContentLeft, _y, ContentWidth, height));
        _y += height + _options.ParagraphSpacing;
    }

    /// <summary>Adds a QR code (error correction M, 4-module quiet zone included in <paramref name="size"/>) at the current position.</summary>
    public void Qr(string data, double size, HorizontalAlign align = HorizontalAlign.Center)
    {
        ArgumentNullException.ThrowIfNull(data);
        EnsureOpen();
        PlaceBlockStart(size);
        DrawQr(data, AlignX(size, align), _y, size);
        _y += size + _options.ParagraphSpacing;
    }

    /// <summary>Draws a QR code at an absolute position on the current page; the flow position is not changed.</summary>
    /// <param name="data">Text to encode.</param>
    /// <param name="x">Left edge in points.</param>
    /// <param name="y">Top edge in points.</param>
    /// <param name="size">Side of the square, quiet zone included.</param>
    public void DrawQrAt(string data, double x, double y, double size)
    {
        ArgumentNullException.ThrowIfNull(data);
        EnsureOpen();
        DrawQr(data, x, y, size);
    }

    /// <summary>Draws a QR code encoded beforehand (the same code drawn in several documents is encoded once).</summary>
    public void DrawQrAt(QrModules qr, double x, double y, double size)
    {
        ArgumentNullException.ThrowIfNull(qr);
        EnsureOpen();
        DrawQr(qr, x, y, size);
    }

    /// <summary>
    /// Draws a rectangular frame on the current page, <paramref name="inset"/> points inside the page edges
    /// (certificate borders); the flow position is not changed.
    /// </summary>
    /// <param name="inset">Distance from each page edge to the middle of the line, in points.</param>
    /// <param name="lineWidth">Line width in points.</param>
    public void DrawFrame(double inset, double lineWidth)
    {
        EnsureOpen();
        ArgumentOutOfRangeException.ThrowIfNegative(inset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lineWidth);
        _gfx.DrawRectangle(new XPen(XColors.Black, lineWidth), inset, inset, PageWidth - (2 * inset), PageHeight - (2 * inset));
    }

    /// <summary>
    /// Draws text at an absolute position on the current page, wrapped and aligned within
    /// [<paramref name="x"/>, <paramref name="x"/> + <paramref name="width"/>]; no page breaks, the flow position is not changed.
    /// </summary>
    /// <returns>The y just below the last line.</returns>
    public double DrawTextAt(string text, double x, double y, double width, TextStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        EnsureOpen();
        style ??= DefaultStyle;
        var font = Font(style);
        var lineHeight = font.GetHeight();
        foreach (var line in Wrap(text, font, width))
        {
            DrawLine(line, font, style.Align, x, width, y);
            y += lineHeight;
        }
        return y;
    }

    /// <summary>
    /// Adds signature boxes: room to sign, a line, the name (bold) and the role, centred; 2–3 signers per row
    /// (4 signers: 2 + 2). The whole block is kept on one page.
    /// </summary>
    public void SignatureBlock(IReadOnlyList<(string Name, string Role)> signers)
    {
        ArgumentNullException.ThrowIfNull(signers);
        EnsureOpen();
        if (signers.Count == 0)
        {
            return;
        }
        const double SignRoom = 48;
        const double Gap = 12;
        const double RowGap = 18;
        var perRow = signers.Count switch { <= 3 => signers.Count, 4 => 2, _ => 3 };
        var regular = Font(_options.FontFamily, _options.FontSize, bold: false, italic: false);
        var bold = Font(_options.FontFamily, _options.FontSize, bold: true, italic: false);
        var columnWidth = ContentWidth / perRow;
        var inner = columnWidth - (2 * Gap);

        var rows = new List<List<(List<Line> Name, List<Line> Role)>>();
        var heights = new List<double>();
        for (var start = 0; start < signers.Count; start += perRow)
        {
            var row = signers.Skip(start).Take(perRow)
                .Select(s => (Wrap(s.Name, bold, inner), Wrap(s.Role, regular, inner))).ToList();
            rows.Add(row);
            heights.Add(SignRoom + 4 + row.Max(c => (c.Item1.Count * bold.GetHeight()) + (c.Item2.Count * regular.GetHeight())) + RowGap);
        }
        PlaceBlockStart(heights.Sum());
        for (var r = 0; r < rows.Count; r++)
        {
            if (_y + heights[r] > ContentBottom + Epsilon)
            {
                NewPage();
            }
            var row = rows[r];
            var offset = ContentLeft + ((ContentWidth - (row.Count * columnWidth)) / 2);
            for (var k = 0; k < row.Count; k++)
            {
                var left = offset + (k * columnWidth) + Gap;
                var lineY = _y + SignRoom;
                _gfx.DrawLine(SignaturePen, left, lineY, left + inner, lineY);
                var y = lineY + 4;
                foreach (var line in row[k].Name)
                {
                    DrawLine(line, bold, TextAlign.Center, left, inner, y);
                    y += bold.GetHeight();
                }
                foreach (var line in row[k].Role)
                {
                    DrawLine(line, regular, TextAlign.Center, left, inner, y);
                    y += regular.GetHeight();
                }
            }
            _y += heights[r];
        }
    }

    /// <summary>Finishes the document (footers, metadata) and returns the PDF bytes. Can be called repeatedly.</summary>
    public byte[] ToBytes()
    {
        if (_bytes is not null)
        {
            return _bytes;
        }
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_contentTaken)
        {
            throw new InvalidOperationException("The page content was taken (PageContent); the document cannot be written.");
        }
        FlushPending();
        if (_options.PageLabel is { } label)
        {
            var font = Font(_options.FontFamily, _options.FooterFontSize, bold: false, italic: false);
            var height = font.GetHeight();
            var y = PageHeight - (_options.MarginBottom / 2) - (height / 2);
            for (var i = 0; i < _pages.Count; i++)
            {
                _pages[i].DrawString(label(i + 1, _pages.Count), font, XBrushes.Black,
                    new XRect(0, y, PageWidth, height), XStringFormats.Center);
            }
        }
        foreach (var page in _pages)
        {
            page.Dispose();
        }
        using var stream = new MemoryStream();
        _document.Save(stream, false);
        var bytes = stream.ToArray();
        if (_options.Deterministic)
        {
            PdfDeterminism.Normalize(bytes);
        }
        _bytes = bytes;
        return _bytes;
    }

    /// <summary>Finishes the document and writes the PDF to <paramref name="stream"/> (left open).</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = ToBytes();
        stream.Write(bytes, 0, bytes.Length);
    }

    /// <summary>The characters drawn so far (the glyphs a font subset of this document must hold).</summary>
    public IReadOnlySet<char> Characters => _characters;

    /// <summary>
    /// Finishes a one-page layout without writing the document and returns its page's content stream as PDFsharp would
    /// write it (uncompressed): what <see cref="PdfTemplate.Fill"/> puts in a template's page. The layout is finished.
    /// </summary>
    /// <exception cref="InvalidOperationException">The layout has more than one page, compresses its content or has a footer.</exception>
    public byte[] PageContent()
    {
        EnsureOpen();
        if (_pages.Count != 1 || _options.CompressContentStreams || _options.PageLabel is not null)
        {
            throw new InvalidOperationException("Only an uncompressed one-page layout without footer gives its page content.");
        }
        FlushPending();
        _pages[0].Dispose();
        _contentTaken = true;
        var content = _document.Pages[0].Contents;
        if (content.Elements.Count != 1)
        {
            throw new InvalidOperationException("The page has no single content stream.");
        }
        return content.Elements.GetDictionary(0)?.Stream?.Value
            ?? throw new InvalidOperationException("The page has no content stream.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_bytes is null && !_contentTaken)
        {
            foreach (var page in _pages)
            {
                page.Dispose();
            }
        }
        _document.Dispose();
        foreach (var resource in _resources)
        {
            resource.Dispose();
        }
    }

    // ---------------------------------------------------------------- internals

    private TextStyle DefaultStyle => field ??= new TextStyle();

    private static TableOptions DefaultTableOptions { get; } = new();

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_bytes is not null || _contentTaken)
        {
            throw new InvalidOperationException("The document is finished (ToBytes/Save was called); no more content can be added.");
        }
    }

    private XGraphics AddPage()
    {
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        var gfx = XGraphics.FromPdfPage(page);
        _pages.Add(gfx);
        _y = ContentTop;
        return gfx;
    }

    private void NewPage() => _gfx = AddPage();

    private void NewTablePage(TableGeometry table, TableRow? header)
    {
        NewPage();
        if (header is not null)
        {
            DrawRow(table, header, 0, header.LineCount);
        }
    }

    /// <summary>
    /// Before a block whose first unbreakable chunk is <paramref name="firstChunk"/> high: places the waiting headings
    /// together with that chunk, breaking the page first if they do not fit.
    /// </summary>
    private void PlaceBlockStart(double firstChunk)
    {
        var atTop = _y <= ContentTop + Epsilon;
        var needed = firstChunk;
        for (var i = 0; i < _pending.Count; i++)
        {
            var h = _pending[i];
            needed += (i == 0 && atTop ? 0 : h.SpaceBefore) + (h.Lines.Count * h.LineHeight) + h.SpaceAfter;
        }
        if (!atTop && _y + needed > ContentBottom + Epsilon)
        {
            NewPage();
        }
        FlushPending();
    }

    private void FlushPending()
    {
        foreach (var h in _pending)
        {
            if (_y > ContentTop + Epsilon)
            {
                _y += h.SpaceBefore;
            }
            foreach (var line in h.Lines)
            {
                if (_y + h.LineHeight > ContentBottom + Epsilon)
                {
                    NewPage();
                }
                DrawLine(line, h.Font, TextAlign.Left, ContentLeft, ContentWidth, _y);
                _y += h.LineHeight;
            }
            _y += h.SpaceAfter;
        }
        _pending.Clear();
    }

    private double AlignX(double width, HorizontalAlign align) => align switch
    {
        HorizontalAlign.Center => ContentLeft + ((ContentWidth - width) / 2),
        HorizontalAlign.Right => ContentLeft + ContentWidth - width,
        _ => ContentLeft,
    };

    private void DrawQr(string data, double x, double y, double size) => DrawQr(QrModules.Of(data), x, y, size);

    private void DrawQr(QrModules qr, double x, double y, double size)
    {
        _gfx.DrawRectangle(XBrushes.White, x, y, size, size);
        // Draw in module units (integer coordinates: a short content stream), scaled to the requested size.
        var state = _gfx.Save();
        _gfx.TranslateTransform(x, y);
        _gfx.ScaleTransform(size / qr.Modules);
        _gfx.DrawRectangles(XBrushes.Black, qr.Runs);
        _gfx.Restore(state);
    }

    /// <summary>
    /// One rectangle per horizontal run of dark modules, in module units. QRCoder's module matrix already
    /// contains the 4-module quiet zone on every side.
    /// </summary>
    internal static XRect[] QrRectangles(List<System.Collections.BitArray> matrix)
    {
        var n = matrix.Count;
        var rects = new List<XRect>(n * 8);
        for (var r = 0; r < n; r++)
        {
            var row = matrix[r];
            var c = 0;
            while (c < n)
            {
                if (!row[c])
                {
                    c++;
                    continue;
                }
                var start = c;
                while (c < n && row[c])
                {
                    c++;
                }
                rects.Add(new XRect(start, r, c - start, 1));
            }
        }
        return [.. rects];
    }

    private XFont Font(TextStyle style) =>
        Font(style.Family ?? _options.FontFamily, style.Size ?? _options.FontSize, style.Bold, style.Italic);

    private XFont Font(string family, double size, bool bold, bool italic)
    {
        var key = new FontKey(family, size, bold, italic);
        if (!_fonts.TryGetValue(key, out var font))
        {
            var fontStyle = (bold, italic) switch
            {
                (true, true) => XFontStyleEx.BoldItalic,
                (true, false) => XFontStyleEx.Bold,
                (false, true) => XFontStyleEx.Italic,
                _ => XFontStyleEx.Regular,
            };
            font = new XFont(family, size, fontStyle);
            _fonts[key] = font;
        }
        return font;
    }

    private double Width(string text, XFont font)
    {
        var key = new WidthKey(font, text);
        if (_widths.TryGetValue(key, out var width))
        {
            return width;
        }
        var face = Face(font);
        var em = 0.0;
        foreach (var c in text)
        {
            if (c >= CharWidthCache.Size)
            {
                // Rare characters (and surrogate pairs): let PDFsharp measure the whole string.
                em = double.NaN;
                break;
            }
            var w = face.PerEm[c];
            if (double.IsNaN(w))
            {
                w = _gfx.MeasureString(c.ToString(), font).Width / font.Size;
                face.PerEm[c] = w;
            }
            em += w;
        }
        width = double.IsNaN(em) ? _gfx.MeasureString(text, font).Width : em * font.Size;
        _widths[key] = width;
        return width;
    }

    private CharWidthCache Face(XFont font)
    {
        if (!_faces.TryGetValue(font, out var face))
        {
            face = CharWidthCache.For(font.FontFamily.Name, font.Bold, font.Italic);
            _faces[font] = face;
        }
        return face;
    }

    /// <summary>Greedy line breaking: '\n' forces a line end; words longer than the width are broken between characters.</summary>
    private List<Line> Wrap(string text, XFont font, double width)
    {
        var lines = new List<Line>();
        var space = Width(" ", font);
        foreach (var hard in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var current = new Line();
            foreach (var word in hard.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var w = Width(word, font);
                if (w > width + Epsilon)
                {
                    foreach (var piece in BreakWord(word, font, width))
                    {
                        var pw = Width(piece, font);
                        if (current.Count > 0 && current.NaturalWidth(space) + space + pw > width + Epsilon)
                        {
                            lines.Add(current);
                            current = new Line();
                        }
                        current.Add(piece, pw);
                    }
                    continue;
                }
                if (current.Count > 0 && current.NaturalWidth(space) + space + w > width + Epsilon)
                {
                    lines.Add(current);
                    current = new Line();
                }
                current.Add(word, w);
            }
            current.EndsParagraph = true;
            lines.Add(current);
        }
        return lines;
    }

    private IEnumerable<string> BreakWord(string word, XFont font, double width)
    {
        var start = 0;
        var used = 0.0;
        var i = 0;
        while (i < word.Length)
        {
            var len = char.IsHighSurrogate(word[i]) && i + 1 < word.Length ? 2 : 1;
            var w = Width(word.Substring(i, len), font);
            if (i > start && used + w > width + Epsilon)
            {
                yield return word[start..i];
                start = i;
                used = 0;
            }
            used += w;
            i += len;
        }
        if (start < word.Length)
        {
            yield return word[start..];
        }
    }

    private void DrawLine(Line line, XFont font, TextAlign align, double left, double width, double y)
    {
        if (line.Count == 0)
        {
            return;
        }
        foreach (var word in line.Words)
        {
            foreach (var c in word)
            {
                _characters.Add(c);
            }
        }
        if (line.Count > 1)
        {
            _characters.Add(' ');
        }
        var space = Width(" ", font);
        if (align == TextAlign.Justify && !line.EndsParagraph && line.Count > 1)
        {
            var gap = (width - line.WordsWidth) / (line.Count - 1);
            var x = left;
            for (var i = 0; i < line.Count; i++)
            {
                _gfx.DrawString(line.Words[i], font, XBrushes.Black, x, y, XStringFormats.TopLeft);
                x += line.Widths[i] + gap;
            }
            return;
        }
        var natural = line.NaturalWidth(space);
        var start = align switch
        {
            TextAlign.Center => left + ((width - natural) / 2),
            TextAlign.Right => left + width - natural,
            _ => left,
        };
        var text = line.Count == 1 ? line.Words[0] : string.Join(' ', line.Words);
        _gfx.DrawString(text, font, XBrushes.Black, start, y, XStringFormats.TopLeft);
    }

    private TableRow MakeRow(TableGeometry table, IReadOnlyList<string> cells, XFont font, bool isHeader)
    {
        var lines = new List<Line>[table.Columns.Count];
        var max = 1;
        for (var i = 0; i < lines.Length; i++)
        {
            var text = i < cells.Count ? cells[i] ?? string.Empty : string.Empty;
            lines[i] = Wrap(text, font, Math.Max(1, table.Widths[i] - (2 * table.Padding)));
            max = Math.Max(max, lines[i].Count);
        }
        return new TableRow(lines, font, max, (max * table.LineHeight) + (2 * table.Padding), isHeader);
    }

    /// <summary>Draws lines [<paramref name="from"/>, from + <paramref name="take"/>) of every cell of a row at the current position.</summary>
    private void DrawRow(TableGeometry table, TableRow row, int from, int take)
    {
        var height = (take * table.LineHeight) + (2 * table.Padding);
        for (var i = 0; i < row.Cells.Length; i++)
        {
            var x = table.Xs[i];
            var w = table.Widths[i];
            if (row.IsHeader)
            {
                _gfx.DrawRectangle(HeaderFill, x, _y, w, height);
            }
            if (table.Borders)
            {
                _gfx.DrawRectangle(BorderPen, x, _y, w, height);
            }
            var align = table.Columns[i].Align switch
            {
                CellAlign.Center => TextAlign.Center,
                CellAlign.Right => TextAlign.Right,
                _ => TextAlign.Left,
            };
            var cell = row.Cells[i];
            var y = _y + table.Padding;
            for (var k = from; k < Math.Min(cell.Count, from + take); k++)
            {
                DrawLine(cell[k], row.Font, align, x + table.Padding, w - (2 * table.Padding), y);
                y += table.LineHeight;
            }
        }
        _y += height;
    }

    /// <summary>
    /// Advance widths per em of the characters below U+0800 for one face, shared by all documents and threads.
    /// PDFsharp applies no kerning, so a string's width is exactly the sum of its characters' widths; this saves
    /// most MeasureString calls. Benign races: a slot is only ever written with the same value.
    /// </summary>
    private sealed class CharWidthCache
    {
        public const int Size = 0x800;
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool, bool), CharWidthCache> Faces = new();

        private CharWidthCache() => Array.Fill(PerEm, double.NaN);

        public double[] PerEm { get; } = new double[Size];

        public static CharWidthCache For(string family, bool bold, bool italic) =>
            Faces.GetOrAdd((family, bold, italic), _ => new CharWidthCache());
    }

    private readonly record struct FontKey(string Family, double Size, bool Bold, bool Italic);

    private readonly record struct WidthKey(XFont Font, string Text);

    private sealed record PendingHeading(List<Line> Lines, XFont Font, double LineHeight, double SpaceBefore, double SpaceAfter);

    private sealed record TableGeometry(
        IReadOnlyList<TableColumn> Columns, double[] Xs, double[] Widths, double LineHeight, double Padding, bool Borders);

    private sealed record TableRow(List<Line>[] Cells, XFont Font, int LineCount, double Height, bool IsHeader);

    private sealed class Line
    {
        public List<string> Words { get; } = new(12);

        public List<double> Widths { get; } = new(12);

        public double WordsWidth { get; private set; }

        public bool EndsParagraph { get; set; }

        public int Count => Words.Count;

        public void Add(string word, double width)
        {
            Words.Add(word);
            Widths.Add(width);
            WordsWidth += width;
        }

        public double NaturalWidth(double space) => Count == 0 ? 0 : WordsWidth + (space * (Count - 1));
    }
}

/// <summary>
/// A QR code (error correction M) as its dark modules, one rectangle per horizontal run, quiet zone included: encoded
/// once, drawn by <see cref="PdfLayout.DrawQrAt(QrModules, double, double, double)"/> in as many documents as need it.
/// </summary>
public sealed class QrModules
{
    private QrModules(int modules, XRect[] runs)
    {
        Modules = modules;
        Runs = runs;
    }

    /// <summary>Modules per side, quiet zone included.</summary>
    public int Modules { get; }

    internal XRect[] Runs { get; }

    public static QrModules Of(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var qr = QRCodeGenerator.GenerateQrCode(data, QRCodeGenerator.ECCLevel.M);
        return new QrModules(qr.ModuleMatrix.Count, PdfLayout.QrRectangles(qr.ModuleMatrix));
    }
}
