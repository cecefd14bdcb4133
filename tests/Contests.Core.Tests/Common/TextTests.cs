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

    [Theory]
    [InlineData("😀")]
    [InlineData("Ñaupari 😀")]
    [InlineData("Ro{D800}sa")]
    [InlineData("{DC00}")]
    [InlineData("Ro\0sa")]
    public void Key_AnyUnicode_NeverThrows(string text)
    {
        Assert.NotNull(Text.Key(Chars.Of(text)));
        Assert.NotNull(Text.SearchKey(Chars.Of(text)));
    }

    [Fact]
    public void Key_Emoji_IsKeptAsItIs() =>
        Assert.Equal("ÑAUPARI 😀", Text.Key("ñaupari 😀"));

    [Theory]
    [InlineData("Ro\0sa", "Text.ControlCharacter")]
    [InlineData("Ro\u202Esa", "Text.DirectionOverride")]
    [InlineData("Ro{D800}sa", "Text.InvalidCharacter")]
    public void RequiredAndOptional_RefusedCharacter_IsAnErrorOnTheField(string input, string code)
    {
        var errors = new List<DomainError>();

        Assert.Null(Text.Required(Chars.Of(input), 80, "Place", errors));
        Assert.Null(Text.Optional(Chars.Of(input), 80, "Notes", errors));

        Assert.Equal(new[] { (code, "Place"), (code, "Notes") }, errors.Select(e => (e.Code, e.Field!)));
    }

    [Fact]
    public void Required_ComposesDecomposedLetters() =>
        Assert.Equal("Ñaupari", Text.Required("N\u0303aupari", 80, "Place", new List<DomainError>()));

    [Theory]
    [InlineData("María José")]
    [InlineData("D'Ángelo")]
    [InlineData("D\u2019Ángelo")]
    [InlineData("Huamán-Ccahua")]
    [InlineData("Ñaupari Quispe")]
    [InlineData("Müller")]
    public void PersonName_WhatPeruvianNamesNeed_IsAccepted(string name)
    {
        var errors = new List<DomainError>();

        Assert.Equal(name, Text.PersonName(name, 80, "HeadFirstNames", required: true, errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("Rosa 😀", "Person.NameCharacters")]
    [InlineData("Rosa2", "Person.NameCharacters")]
    [InlineData("Rosa <b>", "Person.NameCharacters")]
    [InlineData("Ro\0sa", "Text.ControlCharacter")]
    [InlineData("Ro\u202Esa", "Text.DirectionOverride")]
    public void PersonName_AnythingElse_IsRefusedOnTheField(string name, string code)
    {
        var errors = new List<DomainError>();

        Assert.Null(Text.PersonName(name, 80, "HeadFirstNames", required: true, errors));

        var error = Assert.Single(errors);
        Assert.Equal((code, "HeadFirstNames"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("Asociación de Productores N° 3 «Virgen del Carmen»")]
    [InlineData("Comunidad Campesina Ccollpa (Sector 2)")]
    public void Name_LettersDigitsAndPunctuation_AreAccepted(string name) =>
        Assert.Equal(name, Text.Name(name, 120, "Name", required: true, new List<DomainError>()));

    [Theory]
    [InlineData("Ccollpa 😀", "😀")]
    [InlineData("Ccollpa ☀", "☀")]
    [InlineData("Ccoll\u200Bpa", "\u200B")]
    public void Name_EmojiAndSymbols_AreRefusedNamingTheCharacter(string name, string character)
    {
        var errors = new List<DomainError>();

        Assert.Null(Text.Name(name, 120, "Name", required: true, errors));

        var error = Assert.Single(errors);
        Assert.Equal(("Text.Symbol", "Name"), (error.Code, error.Field));
        Assert.Equal(character, error.Arguments[1]);
    }

    [Theory]
    [InlineData("Ayllu Q'ero")]
    [InlineData("Jach’a Marka Achacachi")]
    [InlineData("Comunidad Qhapaqʼ Ñan")]
    [InlineData("Microcuenca Mariño – Sector «Alto»")]
    [InlineData("Asociación N° 3, S/ 1,000 & 50 % (Huancané)")]
    [InlineData("Fondo 日本 𠀀")]
    public void Name_AnyScript_QuechuaAndAymaraApostrophes_AndUsualPunctuation_AreAccepted(string name)
    {
        var errors = new List<DomainError>();

        Assert.Equal(name, Text.Name(name, 120, "Name", required: true, errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("Ampay 🏔", "🏔")]
    [InlineData("Ampay 👍🏽", "👍")]
    [InlineData("Ampay \u263A\uFE0F", "☺")]
    [InlineData("Ampay 1\uFE0F\u20E3", "\uFE0F")]
    [InlineData("Perú 🇵🇪", "🇵")]
    [InlineData("Ampay\u200D", "\u200D")]
    [InlineData("Ampay \uE000", "\uE000")]
    public void Name_EmojiInAnyForm_IsRefusedNamingTheFirstOfItsCharacters(string name, string character)
    {
        var errors = new List<DomainError>();

        Assert.Null(Text.Name(System.Text.RegularExpressions.Regex.Unescape(name), 120, "Name", required: true, errors));

        var error = Assert.Single(errors);
        Assert.Equal(("Text.Symbol", "Name"), (error.Code, error.Field));
        Assert.Equal(System.Text.RegularExpressions.Regex.Unescape(character), error.Arguments[1]);
    }

    [Theory]
    [InlineData("Ampay\u0000", "Text.ControlCharacter")]
    [InlineData("Ampay \u202Eyapma", "Text.DirectionOverride")]
    [InlineData("Ampay \u2066x\u2069", "Text.DirectionOverride")]
    public void Name_ControlAndDirectionCharacters_AreRefusedAsInEveryField(string name, string code)
    {
        var errors = new List<DomainError>();

        Assert.Null(Text.Name(System.Text.RegularExpressions.Regex.Unescape(name), 120, "Name", required: true, errors));

        Assert.Equal(code, Assert.Single(errors).Code);
    }
}
