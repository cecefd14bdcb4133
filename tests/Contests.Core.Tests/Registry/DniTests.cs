using Contests.Core.Registry;

namespace Contests.Core.Tests.Registry;

public sealed class DniTests
{
    [Theory]
    [InlineData("45678912", "45678912")]
    [InlineData("01234567", "01234567")]
    [InlineData("  45678912  ", "45678912")]
    [InlineData("4567 8912", "45678912")]
    [InlineData("4567-8912", "45678912")]
    [InlineData("45.678.912", "45678912")]
    [InlineData("4567\u00A08912", "45678912")]
    public void TryParse_Valid_KeepsTheEightDigits(string input, string expected)
    {
        var dni = Dni.TryParse(input, "HeadDni", out var error);

        Assert.Null(error);
        Assert.Equal(expected, dni!.Value);
        Assert.Equal(expected, dni.ToString());
    }

    [Fact]
    public void TryParse_LeadingZero_IsKept() =>
        Assert.Equal("01234567", Dni.Parse("01234567").Value);

    [Fact]
    public void Parse_SameDigitsWithSeparators_AreTheSameDni() =>
        Assert.Equal(Dni.Parse("01234567"), Dni.Parse("0123-4567"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_Blank_SaysRequired(string? input)
    {
        Assert.Null(Dni.TryParse(input, "HeadDni", out var error));

        Assert.Equal("Dni.Required", error!.Code);
        Assert.Equal("HeadDni", error.Field);
    }

    [Fact]
    public void TryParse_SpreadsheetDroppedLeadingZero_SaysEightDigitsExpectedSevenGiven()
    {
        Assert.Null(Dni.TryParse("1234567", "HeadDni", out var error));

        Assert.Equal("Dni.Length", error!.Code);
        Assert.Equal<object>([8, 7], error.Arguments);
    }

    [Fact]
    public void TryParse_NineDigits_SaysEightDigitsExpectedNineGiven()
    {
        Assert.Null(Dni.TryParse("123-456-789", "HeadDni", out var error));

        Assert.Equal("Dni.Length", error!.Code);
        Assert.Equal<object>([8, 9], error.Arguments);
    }

    [Theory]
    [InlineData("4567891A", "A")]
    [InlineData("DNI45678912", "D")]
    [InlineData("4567/8912", "/")]
    public void TryParse_NotADigit_SaysWhichCharacter(string input, string character)
    {
        Assert.Null(Dni.TryParse(input, "HeadDni", out var error));

        Assert.Equal("Dni.NotDigits", error!.Code);
        Assert.Equal<object>([character], error.Arguments);
    }

    [Theory]
    [InlineData("HeadDni")]
    [InlineData("PartnerDni")]
    [InlineData("PresidentDni")]
    public void TryParse_Invalid_ErrorBelongsToTheFieldPassedIn(string field)
    {
        Dni.TryParse("123", field, out var error);

        Assert.Equal(field, error!.Field);
    }

    [Fact]
    public void Parse_Invalid_Throws() => Assert.Throws<FormatException>(() => Dni.Parse("1234567"));

    [Theory]
    [InlineData("45678912", "******12")]
    [InlineData("01234567", "******67")]
    [InlineData("12", "12")]
    [InlineData("7", "7")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Mask_ShowsOnlyTheLastTwoDigits(string? dni, string expected) =>
        Assert.Equal(expected, Dni.Mask(dni));
}
