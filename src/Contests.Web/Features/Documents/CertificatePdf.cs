using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Contests.Core.Common;
using Contests.Web.Infrastructure.Pdf;

namespace Contests.Web.Features.Documents;

/// <summary>
/// The award certificate, one A4 landscape page, in Spanish (the language of the programme's legal documents,
/// whatever the officer's screen language): the programme and round, the winner and community, the place and score,
/// the prize in figures and in words, the ceremony's date and place, the signatures of the LRAC president and the
/// project officer, the number, and the QR code of its verification page with the code printed for typing.
/// </summary>
public static class CertificatePdf
{
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-PE");

    private static readonly string[] Ordinals = ["Primer", "Segundo", "Tercer", "Cuarto", "Quinto", "Sexto", "Séptimo", "Octavo", "Noveno", "Décimo"];

    /// <summary>The certificate's own file; <paramref name="qr"/> is its verification address encoded beforehand, if it was.</summary>
    public static byte[] Render(Certificate certificate, QrModules? qr = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var pdf = new PdfLayout(Layout(certificate));
        Draw(pdf, certificate, qr ?? QrModules.Of(certificate.VerifyUrl));
        return pdf.ToBytes();
    }

    /// <summary>
    /// The files of certificates issued together (a pack's step), each what <see cref="Render"/> draws: every certificate is
    /// drawn on its own, but written from one template — the document's objects and one font subset holding every glyph the
    /// certificates draw, made once by PDFsharp — with only its page, title and ids its own. Building and compressing a font
    /// subset and writing a PDFsharp document for each file was most of a certificate's cost. A certificate the template
    /// cannot carry (another round or moment of issue, a character outside the font's Windows-1252 encoding, a number of
    /// another length) is rendered on its own. Draws on every core.
    /// </summary>
    public static RenderedCertificate[] RenderMany(IReadOnlyList<Certificate> certificates, IReadOnlyList<QrModules> qrs)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(qrs);
        if (certificates.Count != qrs.Count)
        {
            throw new ArgumentException("One QR code per certificate.", nameof(qrs));
        }
        var files = new RenderedCertificate[certificates.Count];
        if (certificates.Count == 0)
        {
            return files;
        }
        var first = certificates[0];
        var contents = new byte[certificates.Count][];
        var characters = new HashSet<char>[certificates.Count];
        Parallel.For(0, certificates.Count, i =>
        {
            var certificate = certificates[i];
            if (certificate.Round != first.Round || certificate.IssuedUtc != first.IssuedUtc || certificate.Number.Length != first.Number.Length
                || !Ascii.IsValid(certificate.Number))
            {
                return;
            }
            using var pdf = new PdfLayout(Layout(first));
            Draw(pdf, certificate, qrs[i]);
            if (pdf.Characters.All(WinAnsi.Contains))
            {
                characters[i] = [.. pdf.Characters];
                contents[i] = pdf.PageContent();
            }
        });
        var prototype = Array.FindIndex(contents, c => c is not null);
        var template = prototype < 0 ? null
            : TemplateFor(certificates[prototype], qrs[prototype], characters.Where(c => c is not null).SelectMany(c => c).ToHashSet());
        Parallel.For(0, certificates.Count, i => files[i] = template is not null && contents[i] is { } content
            ? new RenderedCertificate(template.Fill(content, certificates[i].Number), new PreparedPage(content, characters[i]))
            : new RenderedCertificate(Render(certificates[i], qrs[i]), null));
        return files;
    }

    /// <summary>Windows-1252, the encoding PDFsharp gives a font when every character fits it: then one font object carries all text.</summary>
    private static readonly FrozenSet<char> WinAnsi =
    [
        .. Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c), .. Enumerable.Range(0xA0, 0x60).Select(c => (char)c),
        .. "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ",
    ];

    /// <summary>
    /// The first certificate drawn as it is, then every other character the batch draws (off the page, in the same face), so
    /// that the one font subset holds them all; its number is where each file puts its own.
    /// </summary>
    private static PdfTemplate TemplateFor(Certificate first, QrModules qr, HashSet<char> characters, string? title = null)
    {
        using var pdf = new PdfLayout(title is null ? Layout(first) : Layout(title, first.Round.Programme, first.Round.Round, first.IssuedLima));
        Draw(pdf, first, qr);
        characters.ExceptWith(pdf.Characters);
        characters.Remove(' ');
        if (characters.Count > 0)
        {
            pdf.DrawTextAt(new string([.. characters.Order()]), 0, pdf.PageHeight + 50, 1e6, new TextStyle(Size: 8));
        }
        return PdfTemplate.Parse(pdf.ToBytes(), title ?? first.Number);
    }

    private static PdfLayoutOptions Layout(Certificate certificate) =>
        Layout($"Certificado {certificate.Number}", certificate.Round.Programme, certificate.Round.Round, certificate.IssuedLima);

    /// <summary>
    /// A pack's printable PDF, every certificate on its own page in one document — so the font subset is embedded once,
    /// not once a page as when single files are joined (10,000 pages: ~33 KB a page less). Each page prints what the
    /// certificate's own file prints: when every certificate comes with the page its file was written with
    /// (<see cref="RenderMany"/>), those pages are put together from a template (no drawing again); else every page is drawn.
    /// Not thread-safe: one writer.
    /// </summary>
    public sealed class Printable(string title) : IDisposable
    {
        private readonly List<(Certificate Certificate, QrModules? Qr, PreparedPage? Page)> _certificates = [];
        private readonly HashSet<char> _characters = [];
        private PdfLayout? _drawn;

        /// <summary>Pages so far.</summary>
        public int Count => _certificates.Count;

        /// <summary>
        /// Adds <paramref name="certificate"/> on a new page (<paramref name="qr"/>: its verification address encoded
        /// beforehand, if it was; <paramref name="page"/>: its page as drawn for its file, if it was).
        /// </summary>
        public void Add(Certificate certificate, QrModules? qr = null, PreparedPage? page = null)
        {
            ArgumentNullException.ThrowIfNull(certificate);
            var first = _certificates.Count == 0 ? certificate : _certificates[0].Certificate;
            _certificates.Add((certificate, qr, page));
            // A page's content depends on the layout (the same for every certificate) and what it prints, not on when it was
            // issued: the pages of a pack's steps, each issued at its own moment, share one template.
            if (_drawn is null && page is not null && certificate.Round == first.Round)
            {
                _characters.UnionWith(page.Characters);
                return;
            }
            if (_drawn is null)
            {
                // A page that cannot share the others' template: from now on every page is drawn, those before it too.
                foreach (var (earlier, earlierQr, _) in _certificates.SkipLast(1))
                {
                    Draw(earlier, earlierQr);
                }
            }
            Draw(certificate, qr);
        }

        /// <summary>The finished document.</summary>
        public byte[] ToBytes()
        {
            if (_certificates.Count == 0)
            {
                throw new InvalidOperationException("A printable pack needs at least one certificate.");
            }
            if (_drawn is not null)
            {
                return _drawn.ToBytes();
            }
            var (first, qr, _) = _certificates[0];
            var template = TemplateFor(first, qr ?? QrModules.Of(first.VerifyUrl), [.. _characters], title);
            return template.FillPages([.. _certificates.Select(c => c.Page!.Content)]);
        }

        public void Dispose() => _drawn?.Dispose();

        private void Draw(Certificate certificate, QrModules? qr)
        {
            if (_drawn is null)
            {
                _drawn = new PdfLayout(Layout(title, certificate.Round.Programme, certificate.Round.Round, certificate.IssuedLima));
            }
            else
            {
                _drawn.PageBreak();
            }
            CertificatePdf.Draw(_drawn, certificate, qr ?? QrModules.Of(certificate.VerifyUrl));
        }
    }

    private static PdfLayoutOptions Layout(string title, string author, string subject, DateTime created) => new()
    {
        Orientation = PdfPageOrientation.Landscape, MarginLeft = 56, MarginRight = 56, MarginTop = 44, MarginBottom = 40,
        Title = title, Author = author, Subject = subject, FontFamily = PdfFonts.SerifOneFace,
        FontSize = 13, CreationDate = created, ModificationDate = created,
    };

    /// <summary>Draws one certificate on the layout's current (empty) page.</summary>
    private static void Draw(PdfLayout pdf, Certificate certificate, QrModules qr)
    {
        var award = certificate.Award;
        var round = certificate.Round;
        pdf.DrawFrame(18, 2.5);
        pdf.DrawFrame(24, 0.75);
        // One embedded face (bold simulated, PdfFonts.SerifOneFace): every face is a font subset built and embedded in
        // each file, the most expensive part of writing it.
        var centred = new TextStyle(Size: 13, Align: TextAlign.Center, SpaceAfter: 4);
        pdf.Paragraph(round.Programme, centred with { Size = 15, Bold = true, SpaceAfter = 2 });
        pdf.Paragraph(round.Office, centred with { Size = 11, SpaceAfter = 16 });
        pdf.Paragraph("CERTIFICADO DE PREMIO", centred with { Size = 32, Bold = true, SpaceAfter = 12 });
        pdf.Paragraph("Se otorga el presente certificado a", centred with { SpaceAfter = 6 });
        pdf.Paragraph(award.Holder, centred with { Size = 26, Bold = true, SpaceAfter = 4 });
        if (award.Community is not null)
        {
            pdf.Paragraph($"de la comunidad {award.Community}", centred with { Size = 14, SpaceAfter = 12 });
        }
        pdf.Paragraph($"por haber obtenido el {PlaceOf(award.Place)} en el {round.Round} ({award.Pool}), con un puntaje de {Points(award.Score)} puntos.",
            centred with { SpaceAfter = 10 });
        pdf.Paragraph($"Premio: {Money.Of(award.Amount).ToString(Spanish)}", centred with { Size = 18, Bold = true, SpaceAfter = 2 });
        pdf.Paragraph($"({certificate.AmountInWords})", centred with { Size = 12, SpaceAfter = 12 });
        pdf.Paragraph($"Entregado en {certificate.CeremonyPlace}, el {DateOf(certificate.CeremonyDate)}.", centred);
        pdf.CurrentY = Math.Max(pdf.CurrentY + 8, pdf.ContentBottom - 160);
        pdf.SignatureBlock(
        [
            (round.President ?? " ", "Presidente(a) del CLAR"),
            (round.Officer, "Oficial del proyecto"),
        ]);
        const double Qr = 92;
        var qrTop = pdf.ContentBottom - Qr + 8;
        pdf.DrawQrAt(qr, pdf.ContentLeft, qrTop, Qr);
        var small = new TextStyle(Size: 8.5);
        var textLeft = pdf.ContentLeft + Qr + 6;
        var y = pdf.DrawTextAt("Verifique este certificado escaneando el código QR o en", textLeft, qrTop + 22, 340, small);
        y = pdf.DrawTextAt(certificate.VerifyUrl, textLeft, y, 340, small with { Bold = true });
        y = pdf.DrawTextAt($"Código de verificación: {Grouped(certificate.Code)}", textLeft, y + 2, 340, small);
        if (certificate.Anchor is not null)
        {
            pdf.DrawTextAt(AuditAnchorText.Of(certificate.Anchor), textLeft, y + 2, 340, small);
        }
        pdf.DrawTextAt($"N.° {certificate.Number}", pdf.ContentLeft + pdf.ContentWidth - 220, qrTop + 22, 220,
            new TextStyle(Size: 11, Bold: true, Align: TextAlign.Right));
    }

    /// <summary>"Primer puesto", "Segundo puesto" … "Décimo puesto", then "puesto 11".</summary>
    public static string PlaceOf(int place) =>
        place is >= 1 and <= 10 ? $"{Ordinals[place - 1].ToLower(Spanish)} puesto" : string.Create(Spanish, $"puesto {place}");

    /// <summary>"23 de noviembre de 2026".</summary>
    public static string DateOf(DateOnly date) => date.ToString("d 'de' MMMM 'de' yyyy", Spanish);

    public static string Points(decimal score) => score.ToString("0.##", Spanish);

    /// <summary>The code in groups of four, easier to read and type from paper.</summary>
    public static string Grouped(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Join('-', code.Chunk(4).Select(c => new string(c)));
    }
}

/// <summary>A certificate's page as drawn for its file: its content stream and the characters it draws (a template's font must hold them).</summary>
public sealed record PreparedPage(byte[] Content, IReadOnlySet<char> Characters);

/// <summary>A certificate's file, with its page when the file was written from a template.</summary>
public sealed record RenderedCertificate(byte[] File, PreparedPage? Page);
