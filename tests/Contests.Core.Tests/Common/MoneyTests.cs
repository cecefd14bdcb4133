using System.Globalization;
using Contests.Core.Common;

namespace Contests.Core.Tests.Common;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("es-PE", 1250.00, "S/ 1,250.00")]
    [InlineData("en", 1250.00, "S/ 1,250.00")]
    [InlineData("es-PE", 0.5, "S/ 0.50")]
    [InlineData("es-PE", 1234567.89, "S/ 1,234,567.89")]
    [InlineData("es-PE", -300, "-S/ 300.00")]
    public void ToString_FormatsSolesPerCulture(string culture, double amount, string expected) =>
        Assert.Equal(expected, Money.Of((decimal)amount).ToString(new CultureInfo(culture)));

    [Fact]
    public void Of_MoreThanTwoDecimals_Refused() => Assert.Throws<ArgumentException>(() => Money.Of(1.005m));

    [Theory]
    [InlineData(1.005, 1.01)]
    [InlineData(2.344, 2.34)]
    [InlineData(-1.005, -1.01)]
    public void Round_HalfAwayFromZero(double input, double expected) =>
        Assert.Equal((decimal)expected, Money.Round((decimal)input).Amount);

    [Fact]
    public void Arithmetic_IsExact()
    {
        var total = Money.Zero;
        for (var i = 0; i < 10; i++)
        {
            total += Money.Of(0.10m);
        }
        Assert.Equal(Money.Of(1.00m), total);
        Assert.True(Money.Of(2m) > Money.Of(1.99m));
    }

    [Theory]
    [InlineData("1250.50", "1250.50")]
    [InlineData("1,250.50", "1250.50")]
    [InlineData(" S/ 1,250,000 ", "1250000")]
    [InlineData("S/1250.5", "1250.5")]
    [InlineData("-25.50", "-25.50")]
    [InlineData("0.01", "0.01")]
    public void TryParse_PointDecimalsAndCommaThousands_AreRead(string input, string expected)
    {
        var money = Money.TryParse(input, "Amount", out var error);

        Assert.Null(error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), money!.Value.Amount);
    }

    [Theory]
    [InlineData("25,50", "Money.DecimalComma")]
    [InlineData("10000,00", "Money.DecimalComma")]
    [InlineData("1,25.50", "Money.Format")]
    [InlineData("12a", "Money.Format")]
    [InlineData("1.", "Money.Format")]
    [InlineData("1.2.3", "Money.Format")]
    [InlineData("100.125", "Money.TwoDecimals")]
    [InlineData("", "Validation.Required")]
    [InlineData("S/", "Validation.Required")]
    public void TryParse_AmbiguousOrMalformed_IsRefusedNotGuessed(string input, string code)
    {
        Assert.Null(Money.TryParse(input, "Amount", out var error));
        Assert.Equal(code, error!.Code);
        Assert.Equal("Amount", error.Field);
    }

    [Theory]
    [InlineData("12345678901234567890123456789")]
    [InlineData("99999999999999999999999999999.99")]
    [InlineData("-12345678901234567890123456789")]
    [InlineData("1,000,000,000,000")]
    [InlineData("S/ 9999999999999")]
    public void TryParse_MoreThanTheLargestAmount_IsTooLarge_NotAnOverflow(string input)
    {
        Assert.Null(Money.TryParse(input, "Amount", out var error));

        Assert.Equal(("Money.TooLarge", "Amount"), (error!.Code, error.Field));
        Assert.Equal([Money.MaxAmount], error.Arguments);
    }

    [Theory]
    [InlineData("999,999,999,999.99", "999999999999.99")]
    [InlineData("000000000000000000000000000001.50", "1.50")]
    public void TryParse_UpToTheLargestAmount_IsRead(string input, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Money.TryParse(input, "Amount", out _)!.Value.Amount);
}
