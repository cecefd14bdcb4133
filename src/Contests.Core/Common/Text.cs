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
        return Acceptable(value, maxLength, field, errors);
    }

    /// <summary>An optional text of at most <paramref name="maxLength"/> characters (null when blank).</summary>
    public static string? Optional(string? input, int maxLength, string field, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var value = Clean(input);
        return value is null ? null : Acceptable(value, maxLength, field, errors);
    }

    /// <summary>
    /// A person's names (required or optional): what Peruvian names need — letters with or without
    /// accents, ñ, spaces, apostrophes (D'Ángelo, both ' and ’) and hyphens — and nothing else: no
    /// digits, symbols or emoji.
    /// </summary>
    public static string? PersonName(string? input, int maxLength, string field, bool required, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var value = required ? Required(input, maxLength, field, errors) : Optional(input, maxLength, field, errors);
        if (value is null || errors.Count > before)
        {
            return null;
        }
        foreach (var c in value)
        {
            var letter = char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (!letter && c is not (' ' or '\'' or '\u2019' or '-'))
            {
                errors.Add(new DomainError("Person.NameCharacters", field, new FieldLabel(field)));
                return null;
            }
        }
        return value;
    }

    /// <summary>
    /// The one rule for the name of a place or an organization — community, organization, watershed,
    /// department, province, district, programme, funder, office, funding source, round, bank, the place
    /// of a session or ceremony (required or optional): letters of any script with their accents and
    /// marks (Quechua and Aymara apostrophes ' ’ ʼ included), digits, spaces and punctuation
    /// ("Asociación N° 3 «Virgen del Carmen»", "Ayllu Q'ero (Sector 2)"). Refused, naming the character:
    /// emoji and other pictographs (with their skin tones, variation selectors, keycaps and joiners),
    /// private-use, unassigned and invisible formatting characters — they print as boxes or nothing on
    /// an acta or a bank file. Control characters and direction overrides are refused before that, by
    /// <see cref="InputText"/>, like in every other field.
    /// </summary>
    public static string? Name(string? input, int maxLength, string field, bool required, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var value = required ? Required(input, maxLength, field, errors) : Optional(input, maxLength, field, errors);
        if (value is null || errors.Count > before)
        {
            return null;
        }
        foreach (var rune in value.EnumerateRunes())
        {
            if (!IsNameRune(rune))
            {
                errors.Add(new DomainError("Text.Symbol", field, new FieldLabel(field), rune.ToString()));
                return null;
            }
        }
        return value;
    }

    private static bool IsNameRune(Rune rune)
    {
        // Variation selectors turn a plain character into its emoji picture (☺ + U+FE0F, 1 + U+FE0F + U+20E3).
        if (rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or (>= 0xE0000 and <= 0xE007F))
        {
            return false;
        }
        return Rune.GetUnicodeCategory(rune) switch
        {
            // The degree sign is how people write "N°"; every other symbol of this class is a pictograph.
            UnicodeCategory.OtherSymbol => rune.Value == 0x00B0,
            // Modifier symbols outside the BMP are the emoji skin tones; ´ ` ^ ¨ stay (typed as apostrophes).
            UnicodeCategory.ModifierSymbol => rune.IsBmp,
            UnicodeCategory.EnclosingMark or UnicodeCategory.PrivateUse or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.Surrogate or UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
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
        // A search box takes anything, so a lone surrogate (not text) becomes U+FFFD rather than an exception.
        foreach (var c in Composed(name).ToUpperInvariant())
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

    private static string Composed(string text)
    {
        if (text.Any(char.IsSurrogate))
        {
            var builder = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(text[i]).Append(text[++i]);
                }
                else
                {
                    builder.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
                }
            }
            text = builder.ToString();
        }
        return text.Normalize(NormalizationForm.FormC);
    }

    private static char StripAccent(char c)
    {
        // Half of a pair (an emoji) has no accent to strip, and on its own it is not text to decompose.
        if (c < 128 || char.IsSurrogate(c))
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

    private static string? Acceptable(string value, int maxLength, string field, ICollection<DomainError> errors)
    {
        var refusal = InputText.Refusal(value, field);
        if (refusal is not null)
        {
            errors.Add(refusal);
            return null;
        }
        return WithinLength(value.Normalize(NormalizationForm.FormC), maxLength, field, errors);
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
