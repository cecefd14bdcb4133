using System.Globalization;
using Contests.Core.Common;

namespace Contests.Core.Tests.Common;

/// <summary>Amounts in soles written in words, as contracts, certificates and cheques print them.</summary>
public sealed class AmountInWordsTests
{
    private static decimal Amount(string text) => decimal.Parse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("0", "CERO")]
    [InlineData("1", "UNO")]
    [InlineData("2", "DOS")]
    [InlineData("3", "TRES")]
    [InlineData("4", "CUATRO")]
    [InlineData("5", "CINCO")]
    [InlineData("6", "SEIS")]
    [InlineData("7", "SIETE")]
    [InlineData("8", "OCHO")]
    [InlineData("9", "NUEVE")]
    [InlineData("10", "DIEZ")]
    [InlineData("11", "ONCE")]
    [InlineData("12", "DOCE")]
    [InlineData("13", "TRECE")]
    [InlineData("14", "CATORCE")]
    [InlineData("15", "QUINCE")]
    [InlineData("16", "DIECISÉIS")]
    [InlineData("17", "DIECISIETE")]
    [InlineData("18", "DIECIOCHO")]
    [InlineData("19", "DIECINUEVE")]
    [InlineData("20", "VEINTE")]
    [InlineData("21", "VEINTIUNO")]
    [InlineData("22", "VEINTIDÓS")]
    [InlineData("23", "VEINTITRÉS")]
    [InlineData("24", "VEINTICUATRO")]
    [InlineData("25", "VEINTICINCO")]
    [InlineData("26", "VEINTISÉIS")]
    [InlineData("27", "VEINTISIETE")]
    [InlineData("28", "VEINTIOCHO")]
    [InlineData("29", "VEINTINUEVE")]
    [InlineData("30", "TREINTA")]
    [InlineData("31", "TREINTA Y UNO")]
    [InlineData("40", "CUARENTA")]
    [InlineData("42", "CUARENTA Y DOS")]
    [InlineData("50", "CINCUENTA")]
    [InlineData("56", "CINCUENTA Y SEIS")]
    [InlineData("60", "SESENTA")]
    [InlineData("61", "SESENTA Y UNO")]
    [InlineData("70", "SETENTA")]
    [InlineData("77", "SETENTA Y SIETE")]
    [InlineData("80", "OCHENTA")]
    [InlineData("83", "OCHENTA Y TRES")]
    [InlineData("90", "NOVENTA")]
    [InlineData("99", "NOVENTA Y NUEVE")]
    [InlineData("100", "CIEN")]
    [InlineData("101", "CIENTO UNO")]
    [InlineData("110", "CIENTO DIEZ")]
    [InlineData("115", "CIENTO QUINCE")]
    [InlineData("116", "CIENTO DIECISÉIS")]
    [InlineData("121", "CIENTO VEINTIUNO")]
    [InlineData("199", "CIENTO NOVENTA Y NUEVE")]
    [InlineData("200", "DOSCIENTOS")]
    [InlineData("300", "TRESCIENTOS")]
    [InlineData("400", "CUATROCIENTOS")]
    [InlineData("500", "QUINIENTOS")]
    [InlineData("600", "SEISCIENTOS")]
    [InlineData("700", "SETECIENTOS")]
    [InlineData("800", "OCHOCIENTOS")]
    [InlineData("900", "NOVECIENTOS")]
    [InlineData("999", "NOVECIENTOS NOVENTA Y NUEVE")]
    [InlineData("1000", "MIL")]
    [InlineData("1001", "MIL UNO")]
    [InlineData("1016", "MIL DIECISÉIS")]
    [InlineData("1100", "MIL CIEN")]
    [InlineData("2000", "DOS MIL")]
    [InlineData("10000", "DIEZ MIL")]
    [InlineData("15000", "QUINCE MIL")]
    [InlineData("16000", "DIECISÉIS MIL")]
    [InlineData("21000", "VEINTIÚN MIL")]
    [InlineData("31000", "TREINTA Y UN MIL")]
    [InlineData("100000", "CIEN MIL")]
    [InlineData("101000", "CIENTO UN MIL")]
    [InlineData("121000", "CIENTO VEINTIÚN MIL")]
    [InlineData("500000", "QUINIENTOS MIL")]
    [InlineData("999999", "NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE")]
    [InlineData("1000000", "UN MILLÓN")]
    [InlineData("1000001", "UN MILLÓN UNO")]
    [InlineData("1001000", "UN MILLÓN MIL")]
    [InlineData("1001001", "UN MILLÓN MIL UNO")]
    [InlineData("1100000", "UN MILLÓN CIEN MIL")]
    [InlineData("2000000", "DOS MILLONES")]
    [InlineData("21000000", "VEINTIÚN MILLONES")]
    [InlineData("31000000", "TREINTA Y UN MILLONES")]
    [InlineData("100000000", "CIEN MILLONES")]
    [InlineData("121121121", "CIENTO VEINTIÚN MILLONES CIENTO VEINTIÚN MIL CIENTO VEINTIUNO")]
    public void Soles_WholeAmounts(string amount, string words) =>
        Assert.Equal(words + " Y 00/100 SOLES", AmountInWords.Soles(Amount(amount)));

    [Theory]
    [InlineData("1250.50", "MIL DOSCIENTOS CINCUENTA Y 50/100 SOLES")]
    [InlineData("1250.5", "MIL DOSCIENTOS CINCUENTA Y 50/100 SOLES")]
    [InlineData("0.00", "CERO Y 00/100 SOLES")]
    [InlineData("0.01", "CERO Y 01/100 SOLES")]
    [InlineData("0.10", "CERO Y 10/100 SOLES")]
    [InlineData("0.99", "CERO Y 99/100 SOLES")]
    [InlineData("1.100", "UNO Y 10/100 SOLES")]
    [InlineData("21.21", "VEINTIUNO Y 21/100 SOLES")]
    [InlineData("999999999.99", "NOVECIENTOS NOVENTA Y NUEVE MILLONES NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE Y 99/100 SOLES")]
    public void Soles_Centimos_AreTwoDigitsOverHundred(string amount, string expected) =>
        Assert.Equal(expected, AmountInWords.Soles(Amount(amount)));

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-1")]
    [InlineData("1000000000.00")]
    [InlineData("999999999.991")]
    [InlineData("1.005")]
    [InlineData("0.001")]
    public void Soles_OutOfRange_OrMoreThanTwoDecimals_Refused(string amount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AmountInWords.Soles(Amount(amount)));

    [Theory]
    [InlineData(-1L)]
    [InlineData(1_000_000_000L)]
    [InlineData(long.MaxValue)]
    public void Number_OutOfRange_Refused(long n)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AmountInWords.Number(n));
        Assert.Throws<ArgumentOutOfRangeException>(() => AmountInWords.Number(n, WordGender.Feminine));
    }

    [Theory]
    [InlineData(0L, "CERO")]
    [InlineData(1L, "UN")]
    [InlineData(21L, "VEINTIÚN")]
    [InlineData(31L, "TREINTA Y UN")]
    [InlineData(101L, "CIENTO UN")]
    [InlineData(1001L, "MIL UN")]
    [InlineData(21000L, "VEINTIÚN MIL")]
    [InlineData(1000000L, "UN MILLÓN")]
    [InlineData(21021021L, "VEINTIÚN MILLONES VEINTIÚN MIL VEINTIÚN")]
    [InlineData(22L, "VEINTIDÓS")]
    public void Number_BeforeNoun_ShortensTheLastUno(long n, string expected) =>
        Assert.Equal(expected, AmountInWords.Number(n, beforeNoun: true));

    [Theory]
    [InlineData(1L, "UNO")]
    [InlineData(21L, "VEINTIUNO")]
    [InlineData(21000L, "VEINTIÚN MIL")]
    [InlineData(1000000L, "UN MILLÓN")]
    public void Number_Default_IsTheFullMasculineForm(long n, string expected)
    {
        Assert.Equal(expected, AmountInWords.Number(n));
        Assert.Equal(expected, AmountInWords.Number(n, WordGender.Masculine));
    }

    [Theory]
    [InlineData(0L, "CERO")]
    [InlineData(1L, "UNA")]
    [InlineData(21L, "VEINTIUNA")]
    [InlineData(31L, "TREINTA Y UNA")]
    [InlineData(100L, "CIEN")]
    [InlineData(101L, "CIENTO UNA")]
    [InlineData(201L, "DOSCIENTAS UNA")]
    [InlineData(500L, "QUINIENTAS")]
    [InlineData(1000L, "MIL")]
    [InlineData(1001L, "MIL UNA")]
    [InlineData(21000L, "VEINTIÚN MIL")]
    [InlineData(200000L, "DOSCIENTAS MIL")]
    [InlineData(201000L, "DOSCIENTAS UN MIL")]
    [InlineData(1000000L, "UN MILLÓN")]
    [InlineData(200000000L, "DOSCIENTOS MILLONES")]
    [InlineData(221221221L, "DOSCIENTOS VEINTIÚN MILLONES DOSCIENTAS VEINTIÚN MIL DOSCIENTAS VEINTIUNA")]
    public void Number_Feminine(long n, string expected) =>
        Assert.Equal(expected, AmountInWords.Number(n, WordGender.Feminine));

    [Fact]
    public void Number_EveryValueBelowHundredThousand_IsWellFormedAndReadsBack()
    {
        for (long n = 0; n < 100_000; n++)
        {
            AssertWellFormed(n, AmountInWords.Number(n));
            AssertWellFormed(n, AmountInWords.Number(n, beforeNoun: true));
            AssertWellFormed(n, AmountInWords.Number(n, WordGender.Feminine));
        }
    }

    [Fact]
    public void Number_SampleUpToTheMaximum_IsWellFormedAndReadsBack()
    {
        // Deterministic: a prime step through the whole range, plus the values around each power of 1,000.
        var sample = new List<long>();
        for (long n = 0; n <= AmountInWords.MaxNumber; n += 9_973)
        {
            sample.Add(n);
        }
        foreach (var power in new long[] { 1_000, 1_000_000 })
        {
            for (long k = 1; k < 1_000 && k * power <= AmountInWords.MaxNumber; k++)
            {
                sample.Add(k * power - 1);
                sample.Add(k * power);
                sample.Add(k * power + 1);
                sample.Add(k * power + 21_021);
            }
        }
        sample.Add(AmountInWords.MaxNumber);
        foreach (var n in sample.Where(n => n <= AmountInWords.MaxNumber))
        {
            AssertWellFormed(n, AmountInWords.Number(n));
            AssertWellFormed(n, AmountInWords.Number(n, beforeNoun: true));
            AssertWellFormed(n, AmountInWords.Number(n, WordGender.Feminine));
        }
    }

    private static void AssertWellFormed(long n, string words)
    {
        Assert.False(string.IsNullOrWhiteSpace(words));
        Assert.Equal(words.Trim(), words);
        Assert.DoesNotContain("  ", words, StringComparison.Ordinal);
        Assert.DoesNotContain("UNO MIL", words, StringComparison.Ordinal);
        Assert.DoesNotContain("UNA MIL", words, StringComparison.Ordinal);
        Assert.DoesNotContain("UNO MILL", words, StringComparison.Ordinal);
        Assert.False(words.StartsWith("UN MIL ", StringComparison.Ordinal) || words == "UN MIL", words);
        Assert.DoesNotContain("Y CERO", words, StringComparison.Ordinal);
        Assert.Equal(n == 0, words.Contains("CERO", StringComparison.Ordinal));
        Assert.Equal(words.ToUpperInvariant(), words);
        Assert.Equal(n, ReadBack(words));
    }

    /// <summary>
    /// An independent oracle: adds up the value of each word, multiplying by MIL and MILLÓN(ES).
    /// Knows nothing of the writer's tables, and throws on a word it does not know.
    /// </summary>
    private static long ReadBack(string words)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["CERO"] = 0, ["UN"] = 1, ["UNO"] = 1, ["UNA"] = 1, ["DOS"] = 2, ["TRES"] = 3, ["CUATRO"] = 4,
            ["CINCO"] = 5, ["SEIS"] = 6, ["SIETE"] = 7, ["OCHO"] = 8, ["NUEVE"] = 9, ["DIEZ"] = 10, ["ONCE"] = 11,
            ["DOCE"] = 12, ["TRECE"] = 13, ["CATORCE"] = 14, ["QUINCE"] = 15, ["DIECISÉIS"] = 16, ["DIECISIETE"] = 17,
            ["DIECIOCHO"] = 18, ["DIECINUEVE"] = 19, ["VEINTE"] = 20, ["VEINTIÚN"] = 21, ["VEINTIUNO"] = 21,
            ["VEINTIUNA"] = 21, ["VEINTIDÓS"] = 22, ["VEINTITRÉS"] = 23, ["VEINTICUATRO"] = 24, ["VEINTICINCO"] = 25,
            ["VEINTISÉIS"] = 26, ["VEINTISIETE"] = 27, ["VEINTIOCHO"] = 28, ["VEINTINUEVE"] = 29, ["TREINTA"] = 30,
            ["CUARENTA"] = 40, ["CINCUENTA"] = 50, ["SESENTA"] = 60, ["SETENTA"] = 70, ["OCHENTA"] = 80,
            ["NOVENTA"] = 90, ["CIEN"] = 100, ["CIENTO"] = 100, ["DOSCIENTOS"] = 200, ["DOSCIENTAS"] = 200,
            ["TRESCIENTOS"] = 300, ["TRESCIENTAS"] = 300, ["CUATROCIENTOS"] = 400, ["CUATROCIENTAS"] = 400,
            ["QUINIENTOS"] = 500, ["QUINIENTAS"] = 500, ["SEISCIENTOS"] = 600, ["SEISCIENTAS"] = 600,
            ["SETECIENTOS"] = 700, ["SETECIENTAS"] = 700, ["OCHOCIENTOS"] = 800, ["OCHOCIENTAS"] = 800,
            ["NOVECIENTOS"] = 900, ["NOVECIENTAS"] = 900,
        };
        long total = 0;
        long current = 0;
        var previous = string.Empty;
        foreach (var word in words.Split(' '))
        {
            switch (word)
            {
                case "Y":
                    Assert.True(values[previous] is >= 30 and <= 90 && values[previous] % 10 == 0, $"'Y' after {previous} in {words}");
                    break;
                case "MIL":
                    total += (current == 0 ? 1 : current) * 1_000;
                    current = 0;
                    break;
                case "MILLÓN":
                    Assert.Equal(1, current);
                    total += 1_000_000;
                    current = 0;
                    break;
                case "MILLONES":
                    Assert.True(current > 1, words);
                    total += current * 1_000_000;
                    current = 0;
                    break;
                default:
                    Assert.True(values.ContainsKey(word), $"unknown word '{word}' in {words}");
                    current += values[word];
                    break;
            }
            previous = word;
        }
        return total + current;
    }
}
