using System.Globalization;
using System.Text;

namespace Contests.Core.Common;

/// <summary>
/// The one rule for every piece of text that comes in — a form field, a CSV cell, a command-line
/// argument: refused when it holds a character nobody types on purpose and that breaks what comes
/// after it (a NUL stops an XML bank file and PostgreSQL, a right-to-left override makes "Rosa"
/// print as something else, a lone surrogate is not text at all), otherwise composed (NFC) so that
/// "e" + combining accent and "é" are the same name.
/// </summary>
/// <remarks>
/// Refused: C0 and C1 control characters other than tab, line feed and carriage return (single-line
/// fields fold those to a space, see <see cref="Text.Clean"/>); DEL; the bidirectional overrides,
/// embeddings and isolates (U+202A–U+202E, U+2066–U+2069); unpaired surrogates; noncharacters
/// (U+FDD0–U+FDEF and every U+xFFFE / U+xFFFF).
/// </remarks>
public static class InputText
{
    /// <summary>
    /// The text composed (NFC), or null with <paramref name="error"/> naming <paramref name="field"/>
    /// when it holds a refused character. Null in, null out.
    /// </summary>
    public static string? Normalize(string? input, string field, out DomainError? error)
    {
        error = null;
        if (input is null)
        {
            return null;
        }
        error = Refusal(input, field);
        if (error is not null)
        {
            return null;
        }
        return input.IsNormalized(NormalizationForm.FormC) ? input : input.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Why <paramref name="input"/> is refused (the first refused character, as U+XXXX), or null when it is acceptable.</summary>
    public static DomainError? Refusal(string input, string field)
    {
        ArgumentNullException.ThrowIfNull(input);
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (char.IsHighSurrogate(c) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, input[i + 1]);
                i++;
                if (IsNoncharacter(codePoint))
                {
                    return new DomainError("Text.InvalidCharacter", field, new FieldLabel(field), CodePoint(codePoint));
                }
                continue;
            }
            var code = Classify(c);
            if (code is not null)
            {
                return new DomainError(code, field, new FieldLabel(field), CodePoint(c));
            }
        }
        return null;
    }

    /// <summary>
    /// Whether every character can be written into an XML 1.0 document (a bank's pain.001 file):
    /// tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and paired surrogates.
    /// </summary>
    public static bool IsXmlPrintable(string? text)
    {
        if (text is null)
        {
            return true;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            var allowed = c is '\t' or '\n' or '\r' || (c >= '\u0020' && c <= '\uD7FF') || (c >= '\uE000' && c <= '\uFFFD');
            if (!allowed)
            {
                return false;
            }
        }
        return true;
    }

    private static string? Classify(char c)
    {
        if (c is '\t' or '\n' or '\r')
        {
            return null;
        }
        if (c < '\u0020' || (c >= '\u007F' && c <= '\u009F'))
        {
            return "Text.ControlCharacter";
        }
        if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069'))
        {
            return "Text.DirectionOverride";
        }
        if (char.IsSurrogate(c) || IsNoncharacter(c))
        {
            return "Text.InvalidCharacter";
        }
        return null;
    }

    private static bool IsNoncharacter(int codePoint) =>
        (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;

    private static string CodePoint(int codePoint) => "U+" + codePoint.ToString("X4", CultureInfo.InvariantCulture);
}
