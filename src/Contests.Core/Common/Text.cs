using System.Globalization;
using System.Text;

namespace Contests.Core.Common;

/// <summary>
/// Reading what people type: trimmed, inner runs of spaces collapsed, and each rule failure reported
/// against its field (so a form or an import shows every problem at once).
/// </summary>
public static class Text
{
    /// <summary>Trimmed text with single spaces, or null when blank.</summary>
    public static string? Clean(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        var span = input.AsSpan().Trim();
        var builder = new StringBuilder(span.Length);
        var space = false;
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>A required text of at most <paramref name="maxLength"/> characters.</summary>
    public static string? Required(string? input, int maxLength, string field, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var value = Clean(input);
        if (value is null)
        {
            errors.Add(new DomainError("Validation.Required", field, new FieldLabel(field)));
            return null;
        }
        return WithinLength(value, maxLength, field, errors);
    }

    /// <summary>An optional text of at most <paramref name="maxLength"/> characters (null when blank).</summary>
    public static string? Optional(string? input, int maxLength, string field, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var value = Clean(input);
        return value is null ? null : WithinLength(value, maxLength, field, errors);
    }

    /// <summary>
    /// The key two names are compared by: upper case, accents and punctuation dropped, single spaces.
    /// "Comunidad  Ccollpa" and "COMUNIDAD CCOLLPA" are the same community; "Ñ" stays "Ñ".
    /// </summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        var space = false;
        // Composed first: a name pasted as "e" + combining accent must match "é" (and "N" + tilde is "Ñ").
        foreach (var c in name.Normalize(NormalizationForm.FormC).ToUpperInvariant())
        {
            if (char.IsWhiteSpace(c) || c is '.' or ',' or '-' or '\'' or '"')
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c == 'Ñ' ? c : StripAccent(c));
        }
        return builder.ToString();
    }

    /// <summary>
    /// What a search compares: <see cref="Key"/> with Ñ folded to N too, because people searching on a
    /// phone type "naupari" for "Ñaupari" (duplicate checks keep Ñ: Cañaris is not Canaris).
    /// </summary>
    public static string SearchKey(string text) => Key(text).Replace('Ñ', 'N');

    private static char StripAccent(char c)
    {
        if (c < 128)
        {
            return c;
        }
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        foreach (var part in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                return part;
            }
        }
        return c;
    }

    private static string? WithinLength(string value, int maxLength, string field, ICollection<DomainError> errors)
    {
        if (value.Length > maxLength)
        {
            errors.Add(new DomainError("Validation.MaxLength", field, new FieldLabel(field), maxLength));
            return null;
        }
        return value;
    }
}
