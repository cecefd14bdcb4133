using System.Globalization;
using System.Text;
using Contests.Web.Infrastructure.Pdf;
using QRCoder;

namespace Contests.Web.Tests.Infrastructure.Pdf;

public sealed class PdfLayoutTests
{
    private static readonly DateTime Fixed = new(2025, 3, 14, 10, 30, 0, DateTimeKind.Utc);

    private static PdfLayoutOptions Options(PdfPageOrientation orientation = PdfPageOrientation.Portrait) => new()
    {
        Orientation = orientation,
        Title = "Prueba",
        Author = "Contests",
        Subject = "Pruebas de maquetación",
        CreationDate = Fixed,
        PageLabel = (i, n) => string.Create(CultureInfo.InvariantCulture, $"Página {i} de {n}"),
    };

    private static void AssertValid(byte[] pdf)
    {
        var check = PdfTools.QpdfCheck(pdf);
        Assert.True(check.ExitCode == 0, $"qpdf --check exit {check.ExitCode}: {check.Output}{check.Error}");
    }

    [Fact]
    public void Spanish_text_survives_text_extraction()
    {
        const string Text = "¿Quién ganó el concurso? ¡El niño de Peñalolén! Añadió: «Ñandú, pingüino, acción, árbol, éxito, índice, óleo, único».";
        using var layout = new PdfLayout(Options());
        layout.Heading("Acta de premiación");
        layout.Paragraph(Text);
        layout.Paragraph(Text, new TextStyle(Align: TextAlign.Justify, Family: PdfFonts.Serif, Italic: true));
        var pdf = layout.ToBytes();

        AssertValid(pdf);
        var text = Normalize(PdfTools.Text(pdf));
        Assert.Contains("Acta de premiación", text, StringComparison.Ordinal);
        foreach (var word in new[] { "¿Quién", "ganó", "¡El", "niño", "Peñalolén!", "Ñandú,", "pingüino,", "acción,", "árbol,", "éxito,", "índice,", "óleo,", "único" })
        {
            Assert.Contains(word, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Long_document_paginates_table_with_repeated_header_and_whole_rows()
    {
        using var layout = new PdfLayout(Options());
        layout.Heading("Informe de resultados");
        for (var i = 1; i <= 30; i++)
        {
            layout.Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"Párrafo {i}. El jurado evaluó las obras presentadas con criterios de originalidad, técnica y pertinencia; la deliberación consta en el acta correspondiente."),
                new TextStyle(Align: TextAlign.Justify));
        }
        layout.Heading("Tabla de puntajes", 2);
        var columns = new[]
        {
            new TableColumn("Código", 1),
            new TableColumn("Descripción de la obra", 4),
            new TableColumn("Puntaje", 1.2, CellAlign.Right),
        };
        var rows = Enumerable.Range(1, 120).Select(i => (IReadOnlyList<string>)
        [
            Marker(i, 'A'),
            string.Create(CultureInfo.InvariantCulture, $"Obra número {i}: ") +
                string.Concat(Enumerable.Repeat("texto de descripción largo que obliga a partir la celda ", 1 + (i % 4))) + Marker(i, 'B'),
            Marker(i, 'C'),
        ]);
        layout.Table(columns, rows);
        var pdf = layout.ToBytes();

        AssertValid(pdf);
        var info = PdfTools.Info(pdf);
        Assert.True(info.Pages >= 3, $"expected ≥ 3 pages, got {info.Pages}");
        Assert.Equal(layout.PageCount, info.Pages);

        var pages = PdfTools.PageTexts(pdf);
        var output = PdfTools.OutputDirectory(nameof(Long_document_paginates_table_with_repeated_header_and_whole_rows));
        for (var p = 1; p <= pages.Count; p++)
        {
            PdfTools.RenderPage(pdf, p, output, string.Create(CultureInfo.InvariantCulture, $"page-{p:00}"));
        }

        var tablePages = new HashSet<int>();
        for (var p = 0; p < pages.Count; p++)
        {
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Página {p + 1} de {pages.Count}"), pages[p], StringComparison.Ordinal);
        }
        for (var i = 1; i <= 120; i++)
        {
            var pageOf = new List<int>();
            foreach (var part in "ABC")
            {
                var marker = Marker(i, part);
                var found = Enumerable.Range(0, pages.Count).Where(p => pages[p].Contains(marker, StringComparison.Ordinal)).ToList();
                Assert.True(found.Count == 1, $"{marker} found on pages [{string.Join(",", found.Select(f => f + 1))}]");
                Assert.Equal(1, Count(pages[found[0]], marker));
                pageOf.Add(found[0]);
            }
            Assert.True(pageOf.Distinct().Count() == 1, $"row {i} is split across pages {string.Join(",", pageOf.Select(f => f + 1))}");
            tablePages.Add(pageOf[0]);
        }
        Assert.True(tablePages.Count >= 2, "the table should span several pages");
        foreach (var p in tablePages)
        {
            Assert.Contains("Descripción de la obra", pages[p], StringComparison.Ordinal);
            Assert.Contains("Puntaje", pages[p], StringComparison.Ordinal);
        }

        // Row order across the whole document.
        var all = string.Concat(pages);
        var last = -1;
        for (var i = 1; i <= 120; i++)
        {
            var at = all.IndexOf(Marker(i, 'A'), StringComparison.Ordinal);
            Assert.True(at > last, $"row {i} is out of order");
            last = at;
        }
    }

    [Fact]
    public void Heading_is_never_the_last_text_of_a_page()
    {
        using var layout = new PdfLayout(Options());
        layout.Paragraph("Primera parte del documento.");
        // Leave room for the heading alone (≈ 39 pt with its spacing) but not for it and one more line (≈ 52 pt).
        layout.CurrentY = layout.ContentBottom - 45;
        layout.Heading("Capítulo segundo");
        layout.Paragraph("Contenido del capítulo segundo.");
        var pdf = layout.ToBytes();

        AssertValid(pdf);
        var pages = PdfTools.PageTexts(pdf);
        Assert.Equal(2, pages.Count);
        Assert.DoesNotContain("Capítulo segundo", pages[0], StringComparison.Ordinal);
        Assert.Contains("Capítulo segundo", pages[1], StringComparison.Ordinal);
        Assert.Contains("Contenido del capítulo segundo.", pages[1], StringComparison.Ordinal);
        var body = Lines(pages[0]).Where(l => !l.StartsWith("Página", StringComparison.Ordinal)).ToList();
        Assert.Equal("Primera parte del documento.", body[^1]);
    }

    [Fact]
    public void Word_longer_than_the_line_is_broken_without_loss()
    {
        var word = string.Concat(Enumerable.Range(0, 12).Select(i => string.Create(CultureInfo.InvariantCulture, $"Supercalifragilístico{i}")));
        using var layout = new PdfLayout(Options());
        layout.Paragraph("Antes " + word + " después.");
        var pdf = layout.ToBytes();

        AssertValid(pdf);
        var lines = Lines(PdfTools.Text(pdf)).Where(l => !l.StartsWith("Página", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count >= 3, "the long word should take several lines:\n" + string.Join('\n', lines));
        var joined = string.Concat(lines).Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.Equal("Antes" + word + "después.", joined);
    }

    [Fact]
    public void Qr_in_the_flow_decodes_to_the_same_string()
    {
        const string Data = "https://example.org/verify/AbC123dEf456GhI789jKl";
        using var layout = new PdfLayout(Options());
        layout.Paragraph("Verifique este certificado:");
        layout.Qr(Data, 110, HorizontalAlign.Center);
        var pdf = layout.ToBytes();

        AssertValid(pdf);
        var png = PdfTools.RenderPage(pdf, 1, PdfTools.OutputDirectory(nameof(Qr_in_the_flow_decodes_to_the_same_string)), "page-01");
        Assert.Equal([Data], PdfTools.DecodeQr(png));
    }

    [Fact]
    public void Landscape_certificate_with_absolute_qr_and_text()
    {
        const string Data = "https://example.org/verify/ZyX987-landscape";
        using var layout = new PdfLayout(Options(PdfPageOrientation.Landscape) with { PageLabel = null });
        layout.DrawFrame(18, 2.5);
        layout.DrawFrame(24, 0.75);
        var title = new TextStyle(Size: 28, Bold: true, Align: TextAlign.Center, Family: PdfFonts.Serif);
        var y = layout.DrawTextAt("Certificado de reconocimiento", 0, 150, layout.PageWidth, title);
        layout.CurrentY = y + 20;
        layout.Paragraph("Otorgado a María José Núñez por su participación destacada.", new TextStyle(Size: 16, Align: TextAlign.Center));
        layout.DrawQrAt(Data, layout.PageWidth - 150, layout.PageHeight - 150, 100);
        var pdf = layout.ToBytes();

        AssertValid(pdf);
        var info = PdfTools.Info(pdf);
        Assert.Equal(1, info.Pages);
        Assert.Equal(842, info.Width);
        Assert.Equal(595, info.Height);
        var text = Normalize(PdfTools.Text(pdf));
        Assert.Contains("Certificado de reconocimiento", text, StringComparison.Ordinal);
        Assert.Contains("María José Núñez", text, StringComparison.Ordinal);
        var png = PdfTools.RenderPage(pdf, 1, PdfTools.OutputDirectory(nameof(Landscape_certificate_with_absolute_qr_and_text)), "page-01");
        Assert.Equal([Data], PdfTools.DecodeQr(png));
    }

    [Fact]
    public void Portrait_page_is_a4()
    {
        using var layout = new PdfLayout(Options());
        layout.Paragraph("A4");
        var info = PdfTools.Info(layout.ToBytes());
        Assert.Equal(595, info.Width);
        Assert.Equal(842, info.Height);
    }

    [Fact]
    public void Png_image_is_drawn()
    {
        const string Data = "https://example.org/img/PNG-42";
        var png = new PngByteQRCode(QRCodeGenerator.GenerateQrCode(Data, QRCodeGenerator.ECCLevel.M)).GetGraphic(6, [0, 0, 0], [255, 255, 255]);
        using var layout = new PdfLayout(Options());
        layout.Image(png, 120, 120, HorizontalAlign.Left);
        var pdf = layout.ToBytes();

        AssertValid(pdf);
        var rendered = PdfTools.RenderPage(pdf, 1, PdfTools.OutputDirectory(nameof(Png_image_is_drawn)), "page-01");
        Assert.Equal([Data], PdfTools.DecodeQr(rendered));
    }

    [Fact]
    public void Missing_font_directory_gives_a_clear_error()
    {
        var directory = Path.Combine(Path.GetTempPath(), "no-fonts-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<FileNotFoundException>(() => new DejaVuFontResolver(directory));
        Assert.Contains("DejaVuSans.ttf", error.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-dejavu-core", error.Message, StringComparison.Ordinal);
        Assert.Contains(directory, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Font_resolver_maps_styles_and_caches_bytes()
    {
        var resolver = new DejaVuFontResolver();
        Assert.Equal("DejaVuSerif-BoldItalic", resolver.ResolveTypeface(PdfFonts.Serif, true, true).FaceName);
        Assert.Equal("DejaVuSans-Oblique", resolver.ResolveTypeface(PdfFonts.Sans, false, true).FaceName);
        var first = resolver.GetFont("DejaVuSans-Bold");
        Assert.NotNull(first);
        Assert.Same(first, resolver.GetFont("DejaVuSans-Bold"));
        Assert.Null(resolver.GetFont("Comic Sans"));
    }

    [Fact]
    public void Same_input_and_dates_give_identical_bytes()
    {
        static byte[] Build(bool deterministic)
        {
            using var layout = new PdfLayout(Options() with { Deterministic = deterministic });
            layout.Heading("Certificado");
            layout.Paragraph("Se certifica que Íñigo Peña obtuvo el primer lugar.", new TextStyle(Bold: true));
            layout.Paragraph("Texto en cursiva serif.", new TextStyle(Italic: true, Family: PdfFonts.Serif));
            layout.Qr("https://example.org/verify/DET-1", 90, HorizontalAlign.Right);
            return layout.ToBytes();
        }

        var a = Build(true);
        var b = Build(true);
        Assert.Equal(a, b);
        AssertValid(a);
        Assert.Contains("Íñigo Peña", PdfTools.Text(a), StringComparison.Ordinal);

        // What PDFsharp 6.5 itself randomises on each save (documents the need for the normalisation):
        // font subset tags, the trailer /ID and the XMP uuids. Same length, so only bytes differ.
        var c = Build(false);
        var d = Build(false);
        Assert.Equal(c.Length, d.Length);
        Assert.NotEqual(c, d);
    }

    [Fact]
    public void Totals_table_and_borderless_signature_block_render()
    {
        using var layout = new PdfLayout(Options());
        layout.Heading("Liquidación de premios");
        layout.Table(
            [new TableColumn("Concepto", 3), new TableColumn("Monto", 1, CellAlign.Right)],
            [["Primer lugar", "S/ 5,000.00"], ["Segundo lugar", "S/ 3,000.00"], ["TOTAL", "S/ 8,000.00"]],
            new TableOptions { BoldLastRow = true, FontSize = 10 });
        layout.Table(
            [new TableColumn(string.Empty, 1, CellAlign.Center), new TableColumn(string.Empty, 1, CellAlign.Center)],
            [["Lugar: Lima", "Fecha: 14 de marzo de 2025"]],
            new TableOptions { Borders = false, ShowHeader = false });
        layout.SignatureBlock([("Ana Pérez Ñique", "Presidenta del jurado"), ("Luis Gómez", "Secretario"), ("Rosa Ibáñez", "Vocal")]);
        var pdf = layout.ToBytes();

        AssertValid(pdf);
        var text = Normalize(PdfTools.Text(pdf));
        foreach (var expected in new[] { "Concepto", "Monto", "Primer lugar", "TOTAL", "S/ 8,000.00", "Lugar: Lima", "Ana Pérez Ñique", "Presidenta del jurado", "Luis Gómez", "Secretario", "Rosa Ibáñez", "Vocal" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        PdfTools.RenderPage(pdf, 1, PdfTools.OutputDirectory(nameof(Totals_table_and_borderless_signature_block_render)), "page-01");
    }

    [Fact]
    public void Finished_layout_rejects_more_content_and_saves_the_same_bytes()
    {
        using var layout = new PdfLayout(Options());
        layout.Paragraph("Uno");
        var bytes = layout.ToBytes();
        using var stream = new MemoryStream();
        layout.Save(stream);
        Assert.Equal(bytes, stream.ToArray());
        Assert.Throws<InvalidOperationException>(() => layout.Paragraph("Dos"));
    }

    private static string Marker(int row, char part) => string.Create(CultureInfo.InvariantCulture, $"R{row:000}{part}");

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != "\f").ToList();

    /// <summary>Collapses the layout whitespace of pdftotext so phrases can be searched.</summary>
    private static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
