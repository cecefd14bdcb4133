using System.Globalization;

namespace Contests.Core.Common;

/// <summary>The grammatical gender of the noun a number in words counts.</summary>
public enum WordGender
{
    /// <summary>"UNO", "VEINTIUNO", "DOSCIENTOS" (soles, metros, años).</summary>
    Masculine,

    /// <summary>"UNA", "VEINTIUNA", "DOSCIENTAS" (hectáreas, personas, cuotas).</summary>
    Feminine,
}

/// <summary>
/// Writes numbers and amounts in soles in words, in upper case, the way Peruvian legal documents
/// (contracts, certificates, cheques) write them: "MIL DOSCIENTOS CINCUENTA Y 50/100 SOLES".
/// Covers 0 to 999,999,999 (.99). Accents are kept (DIECISÉIS, VEINTIDÓS, VEINTITRÉS, VEINTISÉIS,
/// VEINTIÚN, MILLÓN); 1,000 is "MIL", never "UN MIL"; "UNO" is shortened to "UN" before
/// MIL / MILLÓN / MILLONES ("VEINTIÚN MIL", "CIENTO UN MIL", "TREINTA Y UN MILLONES").
/// </summary>
public static class AmountInWords
{
    /// <summary>The largest whole number this class writes.</summary>
    public const long MaxNumber = 999_999_999;

    /// <summary>The largest amount <see cref="Soles"/> writes.</summary>
    public const decimal MaxAmount = 999_999_999.99m;

    private static readonly string[] UnderThirty =
    [
        "CERO", "UNO", "DOS", "TRES", "CUATRO", "CINCO", "SEIS", "SIETE", "OCHO", "NUEVE",
        "DIEZ", "ONCE", "DOCE", "TRECE", "CATORCE", "QUINCE", "DIECISÉIS", "DIECISIETE", "DIECIOCHO", "DIECINUEVE",
        "VEINTE", "VEINTIUNO", "VEINTIDÓS", "VEINTITRÉS", "VEINTICUATRO", "VEINTICINCO", "VEINTISÉIS", "VEINTISIETE", "VEINTIOCHO", "VEINTINUEVE",
    ];

    private static readonly string[] Tens =
    [
        "", "", "", "TREINTA", "CUARENTA", "CINCUENTA", "SESENTA", "SETENTA", "OCHENTA", "NOVENTA",
    ];

    private static readonly string[] HundredsMasculine =
    [
        "", "CIENTO", "DOSCIENTOS", "TRESCIENTOS", "CUATROCIENTOS", "QUINIENTOS", "SEISCIENTOS", "SETECIENTOS", "OCHOCIENTOS", "NOVECIENTOS",
    ];

    private static readonly string[] HundredsFeminine =
    [
        "", "CIENTO", "DOSCIENTAS", "TRESCIENTAS", "CUATROCIENTAS", "QUINIENTAS", "SEISCIENTAS", "SETECIENTAS", "OCHOCIENTAS", "NOVECIENTAS",
    ];

    /// <summary>How a final "one" is written.</summary>
    private enum One
    {
        /// <summary>UNO, VEINTIUNO, TREINTA Y UNO: the number on its own.</summary>
        Full,

        /// <summary>UN, VEINTIÚN, TREINTA Y UN: before a masculine noun, MIL or MILLÓN.</summary>
        Apocope,

        /// <summary>UNA, VEINTIUNA, TREINTA Y UNA: feminine.</summary>
        Feminine,
    }

    /// <summary>
    /// An amount in soles as legal documents write it: the whole soles in words (masculine full form,
    /// "UNO", "VEINTIUNO"), then " Y ", the céntimos as two digits over 100, then " SOLES" (always plural,
    /// as in "UNO Y 00/100 SOLES"). 1250.50 → "MIL DOSCIENTOS CINCUENTA Y 50/100 SOLES".
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The amount is negative, above 999,999,999.99, or has more than two decimals (it is refused rather
    /// than rounded silently, as <see cref="Money.Of"/> does).
    /// </exception>
    public static string Soles(decimal amount)
    {
        if (amount < 0 || amount > MaxAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount,
                $"An amount in words is between 0 and {MaxAmount.ToString(CultureInfo.InvariantCulture)} soles.");
        }
        if (decimal.Round(amount, 2) != amount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount,
                $"An amount in soles has at most 2 decimals: {amount.ToString(CultureInfo.InvariantCulture)}.");
        }
        var whole = decimal.Truncate(amount);
        var centimos = (int)((amount - whole) * 100);
        return $"{Number((long)whole)} Y {centimos.ToString("00", CultureInfo.InvariantCulture)}/100 SOLES";
    }

    /// <summary>
    /// A whole number (0 to 999,999,999) in masculine words, upper case. The full form ends in "UNO"
    /// (21 → "VEINTIUNO"); with <paramref name="beforeNoun"/> the last "UNO" is shortened as before a
    /// masculine noun (21 → "VEINTIÚN", as in "VEINTIÚN AÑOS"). Thousands and millions are always
    /// shortened: 21,000 → "VEINTIÚN MIL", 1,000,000 → "UN MILLÓN".
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is negative or above 999,999,999.</exception>
    public static string Number(long n, bool beforeNoun = false) =>
        Write(n, beforeNoun ? One.Apocope : One.Full, feminine: false);

    /// <summary>
    /// A whole number (0 to 999,999,999) in words agreeing with a noun of the given gender.
    /// Masculine is the full form, as <see cref="Number(long, bool)"/> without shortening ("UNO").
    /// Feminine ends in "UNA" ("VEINTIUNA", "TREINTA Y UNA") and makes hundreds feminine, also in the
    /// thousands ("DOSCIENTAS UNA", "DOSCIENTAS MIL"); millions stay masculine because MILLÓN is a
    /// masculine noun ("UN MILLÓN", "DOSCIENTOS MILLONES"). Before MIL the shortened form is used
    /// ("VEINTIÚN MIL", "CIENTO UN MIL"), which the RAE accepts alongside "VEINTIUNA MIL".
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is negative or above 999,999,999.</exception>
    public static string Number(long n, WordGender gender) =>
        Write(n, gender == WordGender.Feminine ? One.Feminine : One.Full, gender == WordGender.Feminine);

    private static string Write(long n, One last, bool feminine)
    {
        if (n is < 0 or > MaxNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n,
                $"A number in words is between 0 and {MaxNumber.ToString(CultureInfo.InvariantCulture)}.");
        }
        if (n == 0)
        {
            return UnderThirty[0];
        }
        var millions = (int)(n / 1_000_000);
        var thousands = (int)(n / 1_000 % 1_000);
        var units = (int)(n % 1_000);
        var parts = new List<string>(3);
        if (millions == 1)
        {
            parts.Add("UN MILLÓN");
        }
        else if (millions > 1)
        {
            parts.Add(Group(millions, One.Apocope, feminine: false) + " MILLONES");
        }
        if (thousands == 1)
        {
            parts.Add("MIL");
        }
        else if (thousands > 1)
        {
            parts.Add(Group(thousands, One.Apocope, feminine) + " MIL");
        }
        if (units > 0)
        {
            parts.Add(Group(units, last, feminine));
        }
        return string.Join(' ', parts);
    }

    /// <summary>1 to 999.</summary>
    private static string Group(int n, One last, bool feminine)
    {
        if (n == 100)
        {
            return "CIEN";
        }
        var hundreds = n / 100;
        var rest = n % 100;
        if (hundreds == 0)
        {
            return UnderHundred(rest, last);
        }
        var hundredsWord = (feminine ? HundredsFeminine : HundredsMasculine)[hundreds];
        return rest == 0 ? hundredsWord : hundredsWord + " " + UnderHundred(rest, last);
    }

    /// <summary>1 to 99.</summary>
    private static string UnderHundred(int n, One last)
    {
        if (n == 1)
        {
            return OneWord(last);
        }
        if (n == 21)
        {
            return last switch
            {
                One.Apocope => "VEINTIÚN",
                One.Feminine => "VEINTIUNA",
                _ => "VEINTIUNO",
            };
        }
        if (n < 30)
        {
            return UnderThirty[n];
        }
        var unit = n % 10;
        var tens = Tens[n / 10];
        return unit switch
        {
            0 => tens,
            1 => tens + " Y " + OneWord(last),
            _ => tens + " Y " + UnderThirty[unit],
        };
    }

    private static string OneWord(One last) => last switch
    {
        One.Apocope => "UN",
        One.Feminine => "UNA",
        _ => "UNO",
    };
}
