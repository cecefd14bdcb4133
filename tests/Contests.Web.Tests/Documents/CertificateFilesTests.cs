using System.Security.Cryptography;
using Contests.Core.Documents;
using Contests.Web.Features.Documents;
using Contests.Web.Infrastructure.Pdf;
using Contests.Web.Tests.Infrastructure.Pdf;

namespace Contests.Web.Tests.Documents;

/// <summary>
/// Certificates issued together (a pack's step) are written from one template: each file must print exactly what the
/// certificate rendered on its own prints, be a valid PDF with its one embedded font, and its QR code must still decode.
/// </summary>
public sealed class CertificateFilesTests
{
    private static readonly CertificateRound Round = new(1, "Programa Sierra Sur", "Concurso interfamiliar de crianza de cuyes — Mariño 2026",
        "Oficina Local Abancay", "Eusebia Palomino Ccahuana", "Julio Ccahuana Mamani");

    private static Certificate Certificate(int i, string holder, string? community = "Ñuñunhuayco", int minute = 0)
    {
        var award = new CertificateAward(i, i, i, holder, 1, community, community ?? "Grupo 1", 1 + (i % 12), 60.5m + i, 1_234.5m + i);
        var code = VerificationCode.Sign(VerificationCode.NewId([(byte)i, 7, 7, 7, 7, 7, 7, 7, 7, 7]), new byte[32]);
        return new Certificate(Round, award, IssuedDocument.NumberOf(DocumentKind.Certificate, 2026, i), code,
            Certificates.VerifyUrlOf("https://concursos.example.org", code), new DateOnly(2026, 11, 23), "Local comunal de Huayllabamba",
            new DateTime(2026, 11, 23, 14, minute, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void RenderMany_EachFileLooksAndReadsAsItsOwnRender_Valid_OneFont_QrDecodes_SameBytesTwice()
    {
        Certificate[] certificates =
        [
            Certificate(1, "Quispe Huamán, Juan"),
            Certificate(2, "Ñahui Núñez, María Ángela", community: null),
            // Characters only this certificate draws (the template's font subset must carry them): « » ¿ ç Ü.
            Certificate(3, "«Asociación Ürcos» ¿Françoise?"),
            // Outside the font's Windows-1252 encoding: rendered on its own.
            Certificate(4, "Ŋawi Ĉutimarka"),
        ];
        var qrs = certificates.Select(c => QrModules.Of(c.VerifyUrl)).ToArray();

        var rendered = CertificatePdf.RenderMany(certificates, qrs);
        var files = rendered.Select(r => r.File).ToArray();

        var output = PdfTools.OutputDirectory(nameof(RenderMany_EachFileLooksAndReadsAsItsOwnRender_Valid_OneFont_QrDecodes_SameBytesTwice));
        for (var i = 0; i < certificates.Length; i++)
        {
            var own = CertificatePdf.Render(certificates[i], qrs[i]);
            var check = PdfTools.QpdfCheck(files[i]);
            Assert.True(check.ExitCode == 0, $"qpdf --check exit {check.ExitCode}: {check.Output}{check.Error}");
            Assert.Equal(PdfTools.Text(own), PdfTools.Text(files[i]));
            Assert.Contains(certificates[i].Award.Holder, PdfTools.Text(files[i]), StringComparison.Ordinal);
            Assert.Equal("Certificado " + certificates[i].Number, Title(files[i]));
            // Drawn the same, pixel for pixel: every glyph is in the file's font.
            var page = PdfTools.RenderPage(files[i], 1, output, $"many-{i}");
            Assert.Equal(SHA256.HashData(File.ReadAllBytes(PdfTools.RenderPage(own, 1, output, $"own-{i}"))), SHA256.HashData(File.ReadAllBytes(page)));
            Assert.Equal([certificates[i].VerifyUrl], PdfTools.DecodeQr(page));
        }
        // The first three share the template (one document's objects, one font subset); the fourth was rendered on its own.
        Assert.Single(files[..3].Select(TemplateObjects).Distinct());
        Assert.Equal(CertificatePdf.Render(certificates[3], qrs[3]), files[3]);
        Assert.Null(rendered[3].Page);
        Assert.Equal(files, CertificatePdf.RenderMany(certificates, qrs).Select(r => r.File));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Printable_FromThePagesOfTheFiles_PrintsAsDrawn_OneFont_EveryPageItsCertificate(bool oneWithoutPage)
    {
        // Two steps, each issued at its own moment: the printable's pages come from two templates.
        var certificates = Enumerable.Range(1, 5).Select(i => Certificate(i, $"Huamán Ccahuana, Teófilo {i}", minute: (i - 1) / 3))
            .Append(Certificate(6, "«Ürcos» Ñahui", minute: 1)).ToArray();
        var qrs = certificates.Select(c => QrModules.Of(c.VerifyUrl)).ToArray();
        var rendered = CertificatePdf.RenderMany(certificates[..3], qrs[..3]).Concat(CertificatePdf.RenderMany(certificates[3..], qrs[3..])).ToArray();
        Assert.All(rendered, r => Assert.NotNull(r.Page));

        using var fromPages = new CertificatePdf.Printable("Certificados");
        using var drawn = new CertificatePdf.Printable("Certificados");
        for (var i = 0; i < certificates.Length; i++)
        {
            // A certificate that comes without its page (rendered on its own) makes every page drawn.
            fromPages.Add(certificates[i], qrs[i], oneWithoutPage && i == 3 ? null : rendered[i].Page);
            drawn.Add(certificates[i], qrs[i]);
        }
        var pdf = fromPages.ToBytes();
        var expected = drawn.ToBytes();

        // Put together from the pages, not drawn again (drawn, it would be PDFsharp's bytes exactly: rendering is deterministic).
        Assert.Equal(oneWithoutPage, pdf.AsSpan().SequenceEqual(expected));
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
        Assert.Equal(certificates.Length, PdfTools.Info(pdf).Pages);
        var pages = PdfTools.PageTexts(pdf);
        Assert.Equal(PdfTools.PageTexts(expected), pages);
        for (var i = 0; i < certificates.Length; i++)
        {
            Assert.Equal(PdfTools.Text(rendered[i].File), pages[i]);
        }
        var saved = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(saved, pdf);
        try
        {
            Assert.Single(PdfTools.Run("pdffonts", saved).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2));
        }
        finally
        {
            File.Delete(saved);
        }
        var output = PdfTools.OutputDirectory(nameof(Printable_FromThePagesOfTheFiles_PrintsAsDrawn_OneFont_EveryPageItsCertificate));
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(PdfTools.RenderPage(expected, 6, output, $"drawn-{oneWithoutPage}"))),
            SHA256.HashData(File.ReadAllBytes(PdfTools.RenderPage(pdf, 6, output, $"pages-{oneWithoutPage}"))));
    }

    [Fact]
    public void Template_RefusesATextOfAnotherLength_AndALayoutOfTwoPages()
    {
        using var first = new PdfLayout(new PdfLayoutOptions { Title = "Doc AB-001", CreationDate = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        first.Paragraph("Hola");
        var template = PdfTemplate.Parse(first.ToBytes(), "AB-001");
        using var other = new PdfLayout(new PdfLayoutOptions { CreationDate = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
        other.Paragraph("Hola");
        var content = other.PageContent();
        Assert.Equal("Doc AB-002", Title(template.Fill(content, "AB-002")));
        Assert.Throws<ArgumentException>(() => template.Fill(content, "AB-0002"));

        using var two = new PdfLayout();
        two.Paragraph("Uno");
        two.PageBreak();
        Assert.Throws<InvalidOperationException>(() => two.PageContent());
    }

    private static string Title(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var match = System.Text.RegularExpressions.Regex.Match(text, @"/Title\(([^)]*)\)");
        Assert.True(match.Success, "The file has a title.");
        return match.Groups[1].Value;
    }

    /// <summary>The file without its page content and ids: what the template gives every file (font subset included).</summary>
    private static string TemplateObjects(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var fontFile = text.IndexOf("/Length1 ", StringComparison.Ordinal);
        Assert.True(fontFile > 0, "One embedded TrueType font.");
        Assert.Equal(fontFile, text.LastIndexOf("/Length1 ", StringComparison.Ordinal));
        var start = text.IndexOf("stream\n", fontFile, StringComparison.Ordinal);
        var end = text.IndexOf("endstream", start, StringComparison.Ordinal);
        return Convert.ToHexString(SHA256.HashData(pdf.AsSpan(start, end - start)));
    }
}
