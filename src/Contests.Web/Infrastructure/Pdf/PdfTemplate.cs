using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Contests.Web.Infrastructure.Pdf;

/// <summary>
/// A one-page PDF written once by PDFsharp — catalog, page, fonts (their subsets built and compressed once), metadata —
/// from which many documents of the same kind are written by swapping the page's content stream and one text of their
/// metadata (the certificate's number in its title): no PDFsharp document, font subsetting or compression per document.
/// Each result is a complete PDF (its own cross-reference table) made deterministic like <see cref="PdfLayout"/>'s.
/// The fonts must hold every glyph a filled content draws: the template is made from a layout that drew them all
/// (<see cref="PdfLayout.Characters"/>). Thread-safe: <see cref="Fill"/> only reads the template.
/// </summary>
public sealed partial class PdfTemplate
{
    private readonly byte[] _header;
    private readonly byte[][] _objects;
    private readonly byte[] _trailer;
    private readonly int _pages;
    private readonly int _page;
    private readonly int _content;
    private readonly int[] _textObjects;
    private readonly byte[] _placeholder;

    private PdfTemplate(byte[] header, byte[][] objects, byte[] trailer, (int Pages, int Page, int Content) tree, int[] textObjects, byte[] placeholder)
    {
        _header = header;
        _objects = objects;
        _trailer = trailer;
        (_pages, _page, _content) = tree;
        _textObjects = textObjects;
        _placeholder = placeholder;
    }

    /// <summary>The text each document replaces in the metadata (document information and XMP), e.g. the prototype's number.</summary>
    public string Placeholder => Encoding.ASCII.GetString(_placeholder);

    /// <summary>
    /// Reads a one-page PDF as <see cref="PdfLayout.ToBytes"/> writes it (a classic cross-reference table, uncompressed
    /// content stream) whose metadata holds <paramref name="placeholder"/> (ASCII) where each document has its own text.
    /// </summary>
    /// <exception cref="FormatException">The file is not laid out as expected.</exception>
    public static PdfTemplate Parse(byte[] pdf, string placeholder)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentException.ThrowIfNullOrEmpty(placeholder);
        if (!Ascii.IsValid(placeholder))
        {
            throw new ArgumentException("The placeholder must be ASCII.", nameof(placeholder));
        }
        var text = Encoding.Latin1.GetString(pdf);
        var startXref = text.LastIndexOf("startxref", StringComparison.Ordinal);
        var xrefMatch = startXref < 0 ? null : XrefStart().Match(text, startXref);
        if (xrefMatch is not { Success: true })
        {
            throw new FormatException("No startxref.");
        }
        var xref = int.Parse(xrefMatch.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var table = XrefTable().Match(text, xref);
        if (!table.Success || table.Index != xref || table.Groups[1].Value != "0")
        {
            throw new FormatException("No cross-reference table where startxref points.");
        }
        var count = int.Parse(table.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
        var offsets = new int[count];
        var at = table.Index + table.Length;
        for (var i = 0; i < count; i++)
        {
            var entry = XrefEntry().Match(text, at);
            if (!entry.Success || entry.Index != at)
            {
                throw new FormatException($"Cross-reference entry {i} unreadable.");
            }
            offsets[i] = entry.Groups[3].Value == "n" ? int.Parse(entry.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : -1;
            if (i > 0 && (offsets[i] < 0 || entry.Groups[2].Value != "00000"))
            {
                throw new FormatException("Only in-use objects of generation 0 are expected.");
            }
            at += entry.Length;
        }
        var trailerAt = text.IndexOf("trailer", at, StringComparison.Ordinal);
        if (trailerAt < 0 || trailerAt > startXref)
        {
            throw new FormatException("No trailer.");
        }
        var objects = new byte[count][];
        var ordered = Enumerable.Range(1, count - 1).OrderBy(i => offsets[i]).ToArray();
        for (var k = 0; k < ordered.Length; k++)
        {
            var number = ordered[k];
            var end = k + 1 < ordered.Length ? offsets[ordered[k + 1]] : xref;
            objects[number] = pdf[offsets[number]..end];
            if (!text.AsSpan(offsets[number]).StartsWith(string.Create(CultureInfo.InvariantCulture, $"{number} 0 obj"), StringComparison.Ordinal))
            {
                throw new FormatException($"Object {number} is not where the table says.");
            }
        }
        var trailer = text[trailerAt..startXref];
        var info = Reference(trailer, "Info");
        var root = Reference(trailer, "Root");
        var catalog = Body(objects, root);
        var metadata = Reference(catalog, "Metadata");
        var pagesNumber = Reference(catalog, "Pages");
        var pages = Body(objects, pagesNumber);
        var kids = Kids().Match(pages);
        if (!kids.Success || !pages.Contains("/Count 1", StringComparison.Ordinal))
        {
            throw new FormatException("A template has exactly one page.");
        }
        var pageNumber = int.Parse(kids.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var page = Body(objects, pageNumber);
        var content = Reference(page, "Contents");
        var stream = Body(objects, content);
        if (!StreamHead().IsMatch(stream))
        {
            throw new FormatException("The page's content stream is not a plain (uncompressed) stream.");
        }
        var placeholderBytes = Encoding.ASCII.GetBytes(placeholder);
        if (!page.Contains(string.Create(CultureInfo.InvariantCulture, $"/Contents {content} 0 R"), StringComparison.Ordinal)
            || !Size().IsMatch(trailer))
        {
            throw new FormatException("The page or the trailer is not laid out as expected.");
        }
        return new PdfTemplate(pdf[..offsets[ordered[0]]], objects, pdf[trailerAt..startXref], (pagesNumber, pageNumber, content), [info, metadata],
            placeholderBytes);
    }

    /// <summary>
    /// A document: the template with <paramref name="content"/> as its page's content stream and <paramref name="text"/>
    /// (ASCII, as long as the placeholder) instead of the placeholder in its metadata.
    /// </summary>
    public byte[] Fill(ReadOnlySpan<byte> content, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != _placeholder.Length || !Ascii.IsValid(text))
        {
            throw new ArgumentException("The text must be ASCII and as long as the placeholder.", nameof(text));
        }
        var replacement = Encoding.ASCII.GetBytes(text);
        var contentHead = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{_content} 0 obj\n<</Length {content.Length}>>\nstream\n"));
        ReadOnlySpan<byte> contentTail = "\nendstream\nendobj\n"u8;
        var xref = _header.Length;
        for (var i = 1; i < _objects.Length; i++)
        {
            xref += i == _content ? contentHead.Length + content.Length + contentTail.Length : _objects[i].Length;
        }
        var table = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {_objects.Length}\n0000000000 65535 f \n"));
        var end = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"startxref\n{xref}\n%%EOF\n"));
        // Every cross-reference entry is 20 bytes: the file's size is known before it is written.
        var pdf = new byte[xref + table.Length + ((_objects.Length - 1) * 20) + _trailer.Length + end.Length];
        var at = 0;
        Write(_header);
        var offsets = new int[_objects.Length];
        for (var i = 1; i < _objects.Length; i++)
        {
            offsets[i] = at;
            if (i == _content)
            {
                Write(contentHead);
                Write(content);
                Write(contentTail);
            }
            else if (_textObjects.Contains(i))
            {
                var start = at;
                Write(_objects[i]);
                var written = pdf.AsSpan(start, _objects[i].Length);
                for (var found = written.IndexOf(_placeholder); found >= 0;)
                {
                    replacement.CopyTo(written[found..]);
                    var next = written[(found + 1)..].IndexOf(_placeholder);
                    found = next < 0 ? -1 : found + 1 + next;
                }
            }
            else
            {
                Write(_objects[i]);
            }
        }
        Debug.Assert(at == xref, "The objects take the room computed for them.");
        Write(table);
        Span<byte> entry = stackalloc byte[20];
        for (var i = 1; i < _objects.Length; i++)
        {
            Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{offsets[i]:D10} 00000 n \n"), entry);
            Write(entry);
        }
        Write(_trailer);
        Write(end);
        Debug.Assert(at == pdf.Length, "The file fills the room computed for it.");
        PdfDeterminism.Normalize(pdf);
        return pdf;

        void Write(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(pdf.AsSpan(at));
            at += bytes.Length;
        }
    }

    /// <summary>
    /// One document of many pages: the template's page repeated with each of <paramref name="contents"/> (in order) as its
    /// content stream, every page sharing the template's resources (its fonts must hold every glyph the contents draw).
    /// The metadata stays the template's.
    /// </summary>
    public byte[] FillPages(IReadOnlyList<byte[]> contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        if (contents.Count == 0)
        {
            throw new ArgumentException("A document needs a page.", nameof(contents));
        }
        var count = _objects.Length;
        // Page k: the template's page and content objects for the first, then two new objects each.
        int PageOf(int k) => k == 0 ? _page : count + (2 * (k - 1));
        int ContentOf(int k) => k == 0 ? _content : count + (2 * (k - 1)) + 1;
        var size = count + (2 * (contents.Count - 1));
        var pageText = Encoding.Latin1.GetString(_objects[_page]);
        var pageHead = string.Create(CultureInfo.InvariantCulture, $"{_page} 0 obj");
        var contentRef = string.Create(CultureInfo.InvariantCulture, $"/Contents {_content} 0 R");
        var offsets = new long[size];
        using var pdf = new MemoryStream(_header.Length + _trailer.Length + contents.Sum(c => c.Length + 400) + _objects.Sum(o => o?.Length ?? 0));
        pdf.Write(_header);
        for (var i = 1; i < count; i++)
        {
            if (i == _page || i == _content)
            {
                continue;
            }
            offsets[i] = pdf.Position;
            if (i == _pages)
            {
                var kids = new StringBuilder(contents.Count * 10);
                for (var k = 0; k < contents.Count; k++)
                {
                    kids.Append(CultureInfo.InvariantCulture, $"{(k == 0 ? "" : " ")}{PageOf(k)} 0 R");
                }
                pdf.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $"{_pages} 0 obj\n<</Type/Pages/Count {contents.Count}/Kids[{kids}]>>\nendobj\n")));
            }
            else
            {
                pdf.Write(_objects[i]);
            }
        }
        for (var k = 0; k < contents.Count; k++)
        {
            offsets[PageOf(k)] = pdf.Position;
            var page = pageText.Replace(contentRef, string.Create(CultureInfo.InvariantCulture, $"/Contents {ContentOf(k)} 0 R"), StringComparison.Ordinal);
            pdf.Write(Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{PageOf(k)} 0 obj") + page[pageHead.Length..]));
            offsets[ContentOf(k)] = pdf.Position;
            pdf.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{ContentOf(k)} 0 obj\n<</Length {contents[k].Length}>>\nstream\n")));
            pdf.Write(contents[k]);
            pdf.Write("\nendstream\nendobj\n"u8);
        }
        var xref = pdf.Position;
        pdf.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {size}\n0000000000 65535 f \n")));
        for (var i = 1; i < size; i++)
        {
            pdf.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{offsets[i]:D10} 00000 n \n")));
        }
        var trailer = Size().Replace(Encoding.Latin1.GetString(_trailer), string.Create(CultureInfo.InvariantCulture, $"/Size {size}"), 1);
        pdf.Write(Encoding.Latin1.GetBytes(trailer));
        pdf.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"startxref\n{xref}\n%%EOF\n")));
        var result = pdf.ToArray();
        PdfDeterminism.Normalize(result);
        return result;
    }

    private static string Body(byte[][] objects, int number) =>
        number > 0 && number < objects.Length && objects[number] is { } body
            ? Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 4096))
            : throw new FormatException($"Object {number} is missing.");

    private static int Reference(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, "/" + key + @" (\d+) 0 R", RegexOptions.CultureInvariant);
        return match.Success ? int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : throw new FormatException($"No /{key}.");
    }

    [GeneratedRegex(@"startxref\s+(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex XrefStart();

    [GeneratedRegex(@"xref\r?\n(\d+) (\d+)\r?\n", RegexOptions.CultureInvariant)]
    private static partial Regex XrefTable();

    [GeneratedRegex(@"(\d{10}) (\d{5}) ([nf])\s?\r?\n", RegexOptions.CultureInvariant)]
    private static partial Regex XrefEntry();

    [GeneratedRegex(@"/Size \d+", RegexOptions.CultureInvariant)]
    private static partial Regex Size();

    [GeneratedRegex(@"/Kids\[(\d+) 0 R\]", RegexOptions.CultureInvariant)]
    private static partial Regex Kids();

    [GeneratedRegex(@"^\d+ 0 obj\n<</Length \d+>>\nstream\n", RegexOptions.CultureInvariant)]
    private static partial Regex StreamHead();
}
