using Contests.Core.Registry;

namespace Contests.Core.Tests.Registry;

/// <summary>
/// RUC check digit: Σ dᵢ·wᵢ over the first ten digits with weights 5,4,3,2,7,6,5,4,3,2, then
/// 11 − (Σ mod 11), where 10 becomes 0 and 11 becomes 1. Each example below is worked out by hand.
/// </summary>
public sealed class RucTests
{
    [Theory]
    // SUNAT itself, 2013131295|5: 10+0+3+6+7+18+5+8+27+10 = 94; 94 mod 11 = 6; 11 − 6 = 5.
    [InlineData("20131312955")]
    // BCP, 2010004721|8: 10+0+3+0+0+0+20+28+6+2 = 69; 69 mod 11 = 3; 11 − 3 = 8.
    [InlineData("20100047218")]
    // BBVA Perú, 2010013020|4: 10+0+3+0+0+6+15+0+6+0 = 40; 40 mod 11 = 7; 11 − 7 = 4.
    [InlineData("20100130204")]
    // A person (10 + DNI 46027897), 1046027897|5: 5+0+12+12+0+12+35+32+27+14 = 149; 149 mod 11 = 6; 11 − 6 = 5.
    [InlineData("10460278975")]
    // Prefix 15, 1512345678|2: 5+20+3+4+21+24+25+24+21+16 = 163; 163 mod 11 = 9; 11 − 9 = 2.
    [InlineData("15123456782")]
    // Prefix 16, 1600000000|4: 5+24 = 29; 29 mod 11 = 7; 11 − 7 = 4.
    [InlineData("16000000004")]
    // Prefix 17, 1712345670|0: 5+28+3+4+21+24+25+24+21+0 = 155; 155 mod 11 = 1; 11 − 1 = 10 → 0.
    [InlineData("17123456700")]
    // Prefix 20, 2060001234|8: 10+0+18+0+0+0+5+8+9+8 = 58; 58 mod 11 = 3; 11 − 3 = 8.
    [InlineData("20600012348")]
    public void TryParse_ValidRuc_Accepted(string input)
    {
        var ruc = Ruc.TryParse(input, "Ruc", out var error);

        Assert.Null(error);
        Assert.Equal(input, ruc!.Value);
    }

    [Theory]
    [InlineData("10460278975")]
    [InlineData("15123456782")]
    [InlineData("16000000004")]
    [InlineData("17123456700")]
    [InlineData("20131312955")]
    public void TryParse_EachAllowedPrefix_Accepted(string input) =>
        Assert.NotNull(Ruc.TryParse(input, "Ruc", out _));

    [Theory]
    // 2060000003|0: 10+0+18+0+0+0+0+0+0+6 = 34; 34 mod 11 = 1; 11 − 1 = 10 → 0.
    [InlineData("2060000003", 0)]
    // 1012345673|0: 5+0+3+4+21+24+25+24+21+6 = 133; 133 mod 11 = 1; 11 − 1 = 10 → 0.
    [InlineData("1012345673", 0)]
    // 2060000008|1: 10+0+18+0+0+0+0+0+0+16 = 44; 44 mod 11 = 0; 11 − 0 = 11 → 1.
    [InlineData("2060000008", 1)]
    // 1700000000|1: 5+28 = 33; 33 mod 11 = 0; 11 − 0 = 11 → 1.
    [InlineData("1700000000", 1)]
    // Ordinary cases, for contrast.
    [InlineData("2013131295", 5)]
    [InlineData("2010004721", 8)]
    public void CheckDigit_TenBecomesZeroAndElevenBecomesOne(string firstTen, int expected) =>
        Assert.Equal(expected, Ruc.CheckDigit(firstTen));

    [Theory]
    [InlineData("20600000030")]
    [InlineData("10123456730")]
    [InlineData("20600000081")]
    [InlineData("17000000001")]
    public void TryParse_CheckDigitFromTheTenAndElevenCases_Accepted(string input) =>
        Assert.NotNull(Ruc.TryParse(input, "Ruc", out _));

    [Theory]
    [InlineData("20131312954", 5, 4)]
    [InlineData("20131312950", 5, 0)]
    [InlineData("20600000031", 0, 1)]
    [InlineData("20600000080", 1, 0)]
    [InlineData("10460278970", 5, 0)]
    public void TryParse_WrongCheckDigit_SaysWhichDigitItShouldBe(string input, int expected, int actual)
    {
        Assert.Null(Ruc.TryParse(input, "Ruc", out var error));

        Assert.Equal("Ruc.CheckDigit", error!.Code);
        Assert.Equal("Ruc", error.Field);
        Assert.Equal<object>([expected, actual], error.Arguments);
    }

    [Fact]
    public void TryParse_SwappedDigits_CaughtByCheckDigit()
    {
        // 2013131295 → 2031131295: 10+0+9+2+7+18+5+8+27+10 = 96; 96 mod 11 = 8; 11 − 8 = 3, not 5.
        Assert.Null(Ruc.TryParse("20311312955", "Ruc", out var error));

        Assert.Equal("Ruc.CheckDigit", error!.Code);
        Assert.Equal<object>([3, 5], error.Arguments);
    }

    [Theory]
    [InlineData("30131312955", "30")]
    [InlineData("11131312955", "11")]
    [InlineData("00000000000", "00")]
    [InlineData("21131312955", "21")]
    public void TryParse_PrefixNotTenFifteenSixteenSeventeenOrTwenty_SaysWhichPrefix(string input, string prefix)
    {
        Assert.Null(Ruc.TryParse(input, "Ruc", out var error));

        Assert.Equal("Ruc.Prefix", error!.Code);
        Assert.Equal<object>([prefix], error.Arguments);
    }

    [Theory]
    [InlineData("2013131295", 10)]
    [InlineData("201313129551", 12)]
    [InlineData("20-1313129", 9)]
    public void TryParse_WrongLength_SaysElevenExpected(string input, int given)
    {
        Assert.Null(Ruc.TryParse(input, "Ruc", out var error));

        Assert.Equal("Ruc.Length", error!.Code);
        Assert.Equal<object>([Ruc.Length, given], error.Arguments);
    }

    [Theory]
    [InlineData("2013131295X", "X")]
    [InlineData("RUC20131312955", "R")]
    public void TryParse_NotADigit_SaysWhichCharacter(string input, string character)
    {
        Assert.Null(Ruc.TryParse(input, "Ruc", out var error));

        Assert.Equal("Ruc.NotDigits", error!.Code);
        Assert.Equal<object>([character], error.Arguments);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void TryParse_Blank_SaysRequired(string? input)
    {
        Assert.Null(Ruc.TryParse(input, "Ruc", out var error));

        Assert.Equal("Ruc.Required", error!.Code);
    }

    [Fact]
    public void TryParse_Separators_Dropped() =>
        Assert.Equal("20131312955", Ruc.TryParse(" 20-13131295-5 ", "Ruc", out _)!.Value);

    [Fact]
    public void TryParse_Invalid_ErrorBelongsToTheFieldPassedIn()
    {
        Ruc.TryParse("20131312954", "OrganizationRuc", out var error);

        Assert.Equal("OrganizationRuc", error!.Field);
    }

    [Theory]
    [InlineData("20131312955", true)]
    [InlineData("10460278975", false)]
    [InlineData("15123456782", false)]
    public void IsLegalEntity_OnlyForPrefixTwenty(string input, bool expected) =>
        Assert.Equal(expected, Ruc.Parse(input).IsLegalEntity);

    [Fact]
    public void Parse_Invalid_Throws() => Assert.Throws<FormatException>(() => Ruc.Parse("20131312954"));
}
