using Contests.Core.Common;

namespace Contests.Core.Tests.Common;

/// <summary>How names typed by people are cleaned and compared (communities, organizations, offices).</summary>
public sealed class TextTests
{
    [Theory]
    [InlineData("Huancané", "HUANCANE")]
    [InlineData("San Martín de Porres", "SAN MARTIN DE PORRES")]
    [InlineData("Asociación Ayacucho", "ASOCIACION AYACUCHO")]
    [InlineData("Pichirhua", "PICHIRHUA")]
    [InlineData("ÁÉÍÓÚÜ", "AEIOUU")]
    public void Key_AccentsDropped(string name, string expected) =>
        Assert.Equal(expected, Text.Key(name));

    [Theory]
    [InlineData("Ñuñoa", "ÑUÑOA")]
    [InlineData("Cañaris", "CAÑARIS")]
    public void Key_EnyeKept(string name, string expected) =>
        Assert.Equal(expected, Text.Key(name));

    [Fact]
    public void Key_EnyeIsNotN() => Assert.NotEqual(Text.Key("Cañaris"), Text.Key("Canaris"));

    [Theory]
    [InlineData("Comunidad  Ccollpa", "COMUNIDAD CCOLLPA")]
    [InlineData("  Comunidad\tCcollpa  ", "COMUNIDAD CCOLLPA")]
    [InlineData("Comunidad Campesina Santa-Rosa", "COMUNIDAD CAMPESINA SANTA ROSA")]
    [InlineData("C.C. Ccollpa", "C C CCOLLPA")]
    [InlineData("\"Ccollpa\"", "CCOLLPA")]
    public void Key_SpacesAndPunctuationCollapsed(string name, string expected) =>
        Assert.Equal(expected, Text.Key(name));

    [Theory]
    [InlineData("Comunidad  Ccollpa", "COMUNIDAD CCOLLPA")]
    [InlineData("comunidad ccollpa", "Comunidad Ccollpa")]
    [InlineData("Comunidad Campesina de Huancané", "COMUNIDAD CAMPESINA DE HUANCANE")]
    [InlineData("señor de huanca", "Señor de Huanca")]
    public void Key_SameNameTypedDifferently_IsTheSameKey(string a, string b) =>
        Assert.Equal(Text.Key(a), Text.Key(b));

    [Theory]
    [InlineData("  Juana   Rosa  ", "Juana Rosa")]
    [InlineData("Juana\tRosa", "Juana Rosa")]
    [InlineData("Huamán", "Huamán")]
    public void Clean_TrimsAndCollapsesSpacesButKeepsCaseAndAccents(string input, string expected) =>
        Assert.Equal(expected, Text.Clean(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Clean_Blank_IsNull(string? input) => Assert.Null(Text.Clean(input));

    [Fact]
    public void Required_Blank_ReportsTheField()
    {
        var errors = new List<DomainError>();

        Assert.Null(Text.Required("  ", 10, "Name", errors));

        var error = Assert.Single(errors);
        Assert.Equal("Validation.Required", error.Code);
        Assert.Equal("Name", error.Field);
        Assert.Equal<object>([new FieldLabel("Name")], error.Arguments);
    }

    [Fact]
    public void Required_TooLong_ReportsTheMaximum()
    {
        var errors = new List<DomainError>();

        Assert.Null(Text.Required("Ccollpa", 5, "Name", errors));

        var error = Assert.Single(errors);
        Assert.Equal("Validation.MaxLength", error.Code);
        Assert.Equal<object>([new FieldLabel("Name"), 5], error.Arguments);
    }

    [Fact]
    public void Required_LengthCountedAfterCleaning()
    {
        var errors = new List<DomainError>();

        Assert.Equal("a b", Text.Required("   a     b   ", 3, "Name", errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void Optional_Blank_IsNullWithoutError()
    {
        var errors = new List<DomainError>();

        Assert.Null(Text.Optional(" ", 10, "RegistryNumber", errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void Key_DecomposedAccents_MatchComposedOnes()
    {
        Assert.Equal(Text.Key("Huancané"), Text.Key("Huancane\u0301"));
        Assert.Equal("ÑANDU", Text.Key("N\u0303andu"));
    }
}
