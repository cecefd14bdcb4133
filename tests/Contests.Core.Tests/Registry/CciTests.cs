using Contests.Core.Registry;

namespace Contests.Core.Tests.Registry;

/// <summary>
/// CCI = bank (3) + branch (3) + account (12) + two check digits. Each check digit is
/// (10 − Σ mod 10) mod 10 over weights 1, 2, 1, 2 … from the left, a product of 10 or more counting
/// as the sum of its digits; the first covers bank + branch, the second the account.
/// </summary>
public sealed class CciTests
{
    // Bank 002, branch 193, account 001234567890.
    // First, over 0 0 2 1 9 3: 0·1 + 0·2 + 2·1 + 1·2 + 9·1 + 3·2 = 0+0+2+2+9+6 = 19; (10 − 9) mod 10 = 1.
    // Second, over 0 0 1 2 3 4 5 6 7 8 9 0:
    //   0·1, 0·2, 1·1, 2·2, 3·1, 4·2, 5·1, 6·2 = 12 → 1+2 = 3, 7·1, 8·2 = 16 → 1+6 = 7, 9·1, 0·2
    //   = 0+0+1+4+3+8+5+3+7+7+9+0 = 47; (10 − 7) mod 10 = 3.
    private const string HandComputed = "00219300123456789013";

    [Fact]
    public void TryParse_HandComputedExample_Accepted()
    {
        var cci = Cci.TryParse(HandComputed, "Cci", out var error);

        Assert.Null(error);
        Assert.Equal(HandComputed, cci!.Value);
    }

    [Fact]
    public void CheckDigit_HandComputedExample()
    {
        Assert.Equal(1, Cci.CheckDigit("002193"));
        Assert.Equal(3, Cci.CheckDigit("001234567890"));
    }

    [Theory]
    // 0 0 1 9 0 0: 0+0+1+(18 → 9)+0+0 = 10; (10 − 0) mod 10 = 0, not 10.
    [InlineData("001900", 0)]
    // All zeros: Σ = 0 → 0.
    [InlineData("000000000000", 0)]
    // 0 1 1 1 2 3: 0+2+1+2+2+6 = 13 → 7.
    [InlineData("011123", 7)]
    // Twelve nines: 9+(18 → 9)+… = 12·9 = 108 → 2.
    [InlineData("999999999999", 2)]
    public void CheckDigit_SumDigitsOfLargeProductsAndWrapTenToZero(string digits, int expected) =>
        Assert.Equal(expected, Cci.CheckDigit(digits));

    [Theory]
    [InlineData("002", "193", "001234567890", "00219300123456789013")]
    [InlineData("001", "900", "000000000000", "00190000000000000000")]
    [InlineData("011", "123", "000200123456", "01112300020012345672")]
    public void Compose_AppendsBothCheckDigits(string bank, string branch, string account, string expected) =>
        Assert.Equal(expected, Cci.Compose(bank, branch, account).Value);

    [Theory]
    [InlineData("002", "193", "001234567890")]
    [InlineData("003", "100", "999999999999")]
    [InlineData("009", "000", "000000000000")]
    public void Compose_RoundTripsThroughParseAndParts(string bank, string branch, string account)
    {
        var composed = Cci.Compose(bank, branch, account);

        var parsed = Cci.Parse(composed.Formatted);

        Assert.Equal(composed, parsed);
        Assert.Equal(bank, parsed.BankCode);
        Assert.Equal(branch, parsed.BranchCode);
        Assert.Equal(account, parsed.AccountPart);
    }

    [Theory]
    [InlineData("00", "193", "001234567890")]
    [InlineData("002", "1934", "001234567890")]
    [InlineData("002", "193", "00123456789")]
    [InlineData("002", "19A", "001234567890")]
    public void Compose_WrongParts_Throws(string bank, string branch, string account) =>
        Assert.Throws<ArgumentException>(() => Cci.Compose(bank, branch, account));

    [Fact]
    public void Parts_SplitBankBranchAndAccount()
    {
        var cci = Cci.Parse(HandComputed);

        Assert.Equal("002", cci.BankCode);
        Assert.Equal("193", cci.BranchCode);
        Assert.Equal("001234567890", cci.AccountPart);
    }

    [Fact]
    public void Formatted_PrintsItTheWayBanksDo() =>
        Assert.Equal("002-193-001234567890-13", Cci.Parse(HandComputed).Formatted);

    [Theory]
    [InlineData("002-193-001234567890-13")]
    [InlineData(" 002 193 001234567890 13 ")]
    [InlineData("002.193.001234567890.13")]
    public void TryParse_FormattedInput_Accepted(string input) =>
        Assert.Equal(HandComputed, Cci.TryParse(input, "Cci", out _)!.Value);

    [Theory]
    [InlineData("00219300123456789023", 1, 2)]
    [InlineData("00219300123456789003", 1, 0)]
    // Branch 194 instead of 193: 0+0+2+2+9+(4·2 = 8) = 21; (10 − 1) mod 10 = 9.
    [InlineData("00219400123456789013", 9, 1)]
    public void TryParse_WrongFirstCheckDigit_SaysWhichDigitItShouldBe(string input, int expected, int actual)
    {
        Assert.Null(Cci.TryParse(input, "Cci", out var error));

        Assert.Equal("Cci.FirstCheckDigit", error!.Code);
        Assert.Equal("Cci", error.Field);
        Assert.Equal<object>([expected, actual], error.Arguments);
    }

    [Theory]
    [InlineData("00219300123456789014", 3, 4)]
    [InlineData("00219300123456789010", 3, 0)]
    // Account 001234567890 typed as 001234567980: 0+0+1+4+3+8+5+3+7+(9·2 = 18 → 9)+8+0 = 48 → 2, not 3.
    [InlineData("00219300123456798013", 2, 3)]
    public void TryParse_WrongSecondCheckDigit_SaysWhichDigitItShouldBe(string input, int expected, int actual)
    {
        Assert.Null(Cci.TryParse(input, "Cci", out var error));

        Assert.Equal("Cci.SecondCheckDigit", error!.Code);
        Assert.Equal("Cci", error.Field);
        Assert.Equal<object>([expected, actual], error.Arguments);
    }

    [Theory]
    [InlineData("0021930012345678901", 19)]
    [InlineData("002193001234567890133", 21)]
    [InlineData("002-193-001234567890", 18)]
    public void TryParse_WrongLength_SaysTwentyExpected(string input, int given)
    {
        Assert.Null(Cci.TryParse(input, "Cci", out var error));

        Assert.Equal("Cci.Length", error!.Code);
        Assert.Equal<object>([Cci.Length, given], error.Arguments);
    }

    [Fact]
    public void TryParse_NotADigit_SaysWhichCharacter()
    {
        Assert.Null(Cci.TryParse("002/193/001234567890/13", "Cci", out var error));

        Assert.Equal("Cci.NotDigits", error!.Code);
        Assert.Equal<object>(["/"], error.Arguments);
    }

    [Fact]
    public void TryParse_Blank_SaysRequired()
    {
        Assert.Null(Cci.TryParse("", "Cci", out var error));

        Assert.Equal("Cci.Required", error!.Code);
    }
}
