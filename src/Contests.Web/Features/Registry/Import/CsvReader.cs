using System.Text;

namespace Contests.Web.Features.Registry.Import;

/// <summary>
/// One record of a CSV file and its row as a spreadsheet numbers it: the header is row 1, and a cell
/// with line breaks inside quotes is still one row.
/// </summary>
public readonly record struct CsvRecord(int Row, string[] Fields);

/// <summary>
/// A small RFC 4180 reader: quoted fields with doubled quotes and line breaks, CRLF or LF, a
/// byte-order mark. It reads from a <see cref="TextReader"/> record by record, so a file is never
/// held whole in memory (<see cref="CsvFile"/> opens one). The delimiter is taken from the header line: ';' (what Excel writes where the
/// comma is the decimal separator) or ',' — whichever the header has more of.
/// </summary>
public sealed class CsvReader
{
    private readonly TextReader _reader;
    private readonly StringBuilder _field = new();
    private int _row;

    public CsvReader(TextReader reader) => _reader = reader ?? throw new ArgumentNullException(nameof(reader));

    public char Delimiter { get; private set; } = ',';

    public static char DetectDelimiter(string headerLine)
    {
        ArgumentNullException.ThrowIfNull(headerLine);
        return headerLine.Count(c => c == ';') > headerLine.Count(c => c == ',') ? ';' : ',';
    }

    /// <summary>
    /// Reads the header (choosing the delimiter from it), then every record. Empty rows — blank lines,
    /// or only delimiters, as a spreadsheet saves formatted empty rows — are skipped but still counted.
    /// </summary>
    public IEnumerable<CsvRecord> Read()
    {
        var first = true;
        while (true)
        {
            var fields = ReadRecord(first);
            if (fields is null)
            {
                yield break;
            }
            _row++;
            first = false;
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            yield return new CsvRecord(_row, fields);
        }
    }

    private string[]? ReadRecord(bool header)
    {
        if (_reader.Peek() < 0)
        {
            return null;
        }
        if (header)
        {
            // The header line alone chooses the delimiter; then it is split like any record.
            var line = (_reader.ReadLine() ?? string.Empty).TrimStart('\uFEFF');
            Delimiter = DetectDelimiter(line);
            return Split(line);
        }
        var fields = new List<string>();
        var quoted = false;
        var atFieldStart = true;
        _field.Clear();
        while (true)
        {
            var next = _reader.Read();
            if (next < 0)
            {
                fields.Add(TakeField());
                return [.. fields];
            }
            var c = (char)next;
            if (quoted)
            {
                if (c == '"')
                {
                    if (_reader.Peek() == '"')
                    {
                        _reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    _field.Append(c);
                }
                continue;
            }
            if (c == '"' && atFieldStart)
            {
                quoted = true;
                atFieldStart = false;
                continue;
            }
            if (c == Delimiter)
            {
                fields.Add(TakeField());
                atFieldStart = true;
                continue;
            }
            if (c is '\r' or '\n')
            {
                if (c == '\r' && _reader.Peek() == '\n')
                {
                    _reader.Read();
                }
                fields.Add(TakeField());
                return [.. fields];
            }
            atFieldStart = false;
            _field.Append(c);
        }
    }

    /// <summary>The one place where a cell's text is taken from the file (the header's cells too, through <see cref="Split"/>).</summary>
    private string TakeField()
    {
        var text = _field.ToString();
        _field.Clear();
        return text;
    }

    private string[] Split(string line)
    {
        using var reader = new StringReader(line + "\n");
        var inner = new CsvReader(reader) { Delimiter = Delimiter };
        return inner.ReadRecord(header: false) ?? [];
    }
}

/// <summary>
/// An uploaded CSV file, read once before its records are: its SHA-256 and how its bytes are text —
/// UTF-16 (little or big endian, by its byte-order mark), UTF-8, or else Windows-1252, what Excel's
/// "CSV" saves on Spanish Windows (’ “ ” – € included, which ISO-8859-1 would turn into control
/// characters). A file with NUL bytes (and no UTF-16 mark) is not text: a spreadsheet, a photo, a PDF.
/// Reading it again from the start streams its records; nothing keeps the whole file in memory.
/// </summary>
public sealed class CsvFile : IAsyncDisposable
{
    private const int ChunkBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _ownsStream;

    private CsvFile(Stream stream, bool ownsStream, string sha256, Encoding? encoding)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        Sha256 = sha256;
        Encoding = encoding;
    }

    /// <summary>Lower-case hex SHA-256 of the bytes as uploaded.</summary>
    public string Sha256 { get; }

    /// <summary>How the bytes are text; null when the file is not a text file.</summary>
    public Encoding? Encoding { get; }

    public bool IsText => Encoding is not null;

    /// <summary>NUL bytes a text file may hold (in cells, each reported) before it is taken for a binary file.</summary>
    public const int MaxStrayNuls = 8;

    /// <summary>
    /// Reads <paramref name="content"/> once (SHA-256, byte-order mark, NUL bytes, whether it is valid
    /// UTF-8). A stream that can't seek (rare: uploads and files can) is copied to memory first.
    /// </summary>
    public static async Task<CsvFile> OpenAsync(Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var stream = content;
        var owns = false;
        if (!content.CanSeek)
        {
            stream = new MemoryStream();
            await content.CopyToAsync(stream, ct);
            owns = true;
        }
        stream.Position = 0;
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var chars = new char[new UTF8Encoding(false).GetMaxCharCount(ChunkBytes + 4)];
        var buffer = new byte[ChunkBytes];
        var first = true;
        Encoding? bom = null;
        var validUtf8 = true;
        long nuls = 0, bytes = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            var chunk = buffer.AsSpan(0, read);
            if (first)
            {
                first = false;
                bom = chunk switch
                {
                    [0xFF, 0xFE, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
                    [0xFE, 0xFF, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
                    _ => null,
                };
            }
            if (bom is not null)
            {
                continue;
            }
            nuls += chunk.Count((byte)0);
            bytes += read;
            if (validUtf8)
            {
                try
                {
                    utf8.GetChars(chunk, chars, flush: false);
                }
                catch (DecoderFallbackException)
                {
                    validUtf8 = false;
                }
            }
        }
        if (bom is null && validUtf8)
        {
            try
            {
                utf8.GetChars([], chars, flush: true); // a sequence cut at the end of the file
            }
            catch (DecoderFallbackException)
            {
                validUtf8 = false;
            }
        }
        // A binary file (a spreadsheet, a PDF, a photo) is full of NUL bytes; a text file with a stray one in a cell is still
        // text, and that cell is reported with its row and column by the edge's rule (ImportCells).
        var binary = nuls > Math.Max(MaxStrayNuls, bytes / 1000);
        var encoding = bom ?? (binary ? null : validUtf8 ? new UTF8Encoding(false) : CodePagesEncodingProvider.Instance.GetEncoding(1252)!);
        return new CsvFile(stream, owns, Convert.ToHexStringLower(sha.GetHashAndReset()), encoding);
    }

    /// <summary>A reader of the file's records from its first byte (only for a text file).</summary>
    public CsvReader Records()
    {
        if (Encoding is null)
        {
            throw new InvalidOperationException("Not a text file.");
        }
        _stream.Position = 0;
        return new CsvReader(new StreamReader(_stream, Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: ChunkBytes, leaveOpen: true));
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsStream)
        {
            await _stream.DisposeAsync();
        }
    }
}
