using System.Text;

namespace Contests.Web.Features.Registry.Import;

/// <summary>
/// One record of a CSV file and its row as a spreadsheet numbers it: the header is row 1, and a cell
/// with line breaks inside quotes is still one row.
/// </summary>
public readonly record struct CsvRecord(int Row, string[] Fields);

/// <summary>
/// A small RFC 4180 reader: quoted fields with doubled quotes and line breaks, CRLF or LF, a UTF-8
/// byte-order mark. The delimiter is taken from the header line: ';' (what Excel writes where the
/// comma is the decimal separator) or ',' — whichever the header has more of.
/// </summary>
public sealed class CsvReader
{
    private readonly TextReader _reader;
    private readonly StringBuilder _field = new();
    private int _row;

    public CsvReader(TextReader reader) => _reader = reader ?? throw new ArgumentNullException(nameof(reader));

    public char Delimiter { get; private set; } = ',';

    /// <summary>
    /// A file's text: UTF-8, or else Windows-1252, what Excel's "CSV" saves on Spanish Windows (’ “ ” – €
    /// included, which ISO-8859-1 would turn into control characters).
    /// </summary>
    public static string Decode(ArraySegment<byte> bytes)
    {
        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(bytes);
        }
    }

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
                fields.Add(_field.ToString());
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
                fields.Add(_field.ToString());
                _field.Clear();
                atFieldStart = true;
                continue;
            }
            if (c is '\r' or '\n')
            {
                if (c == '\r' && _reader.Peek() == '\n')
                {
                    _reader.Read();
                }
                fields.Add(_field.ToString());
                return [.. fields];
            }
            atFieldStart = false;
            _field.Append(c);
        }
    }

    private string[] Split(string line)
    {
        using var reader = new StringReader(line + "\n");
        var inner = new CsvReader(reader) { Delimiter = Delimiter };
        return inner.ReadRecord(header: false) ?? [];
    }
}
