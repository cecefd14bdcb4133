using Contests.Core.Common;

namespace Contests.Core.Tests.Common;

/// <summary>The one rule every piece of incoming text goes through (forms, CSV cells): refused characters and NFC.</summary>
public sealed class InputTextTests
{
    [Theory]
    [InlineData("Ro\0sa", "Text.ControlCharacter", "U+0000")]
    [InlineData("Ro\u0007sa", "Text.ControlCharacter", "U+0007")]
    [InlineData("Ro\u007Fsa", "Text.ControlCharacter", "U+007F")]
    [InlineData("Ro\u0085sa", "Text.ControlCharacter", "U+0085")]
    [InlineData("Ro\u202Esa", "Text.DirectionOverride", "U+202E")]
    [InlineData("Ro\u202Asa", "Text.DirectionOverride", "U+202A")]
    [InlineData("Ro\u2066sa\u2069", "Text.DirectionOverride", "U+2066")]
    [InlineData("Ro{D800}sa", "Text.InvalidCharacter", "U+D800")]
    [InlineData("Rosa{DC00}", "Text.InvalidCharacter", "U+DC00")]
    [InlineData("Ro\uFFFEsa", "Text.InvalidCharacter", "U+FFFE")]
    [InlineData("Ro\uFDD0sa", "Text.InvalidCharacter", "U+FDD0")]
    [InlineData("Ro\uDBFF\uDFFFsa", "Text.InvalidCharacter", "U+10FFFF")]
    public void Normalize_RefusedCharacter_NamesTheFieldAndTheCharacter(string input, string code, string character)
    {
        Assert.Null(InputText.Normalize(Chars.Of(input), "HeadFirstNames", out var error));

        Assert.Equal(code, error!.Code);
        Assert.Equal("HeadFirstNames", error.Field);
        Assert.Equal([new FieldLabel("HeadFirstNames"), character], error.Arguments);
    }

    [Theory]
    [InlineData("Línea uno\nLínea dos")]
    [InlineData("Columna\tcolumna\r\n")]
    [InlineData("Ñaupari 😀 D'Ángelo")]
    [InlineData("")]
    public void Normalize_TabsNewlinesAndValidUnicode_AreAccepted(string input)
    {
        Assert.Equal(input, InputText.Normalize(input, "Notes", out var error));
        Assert.Null(error);
    }

    [Fact]
    public void Normalize_ComposesDecomposedLetters()
    {
        var typed = "N\u0303aupari Rami\u0301rez";

        var normalized = InputText.Normalize(typed, "HeadLastNames", out var error);

        Assert.Null(error);
        Assert.Equal("Ñaupari Ramírez", normalized);
        Assert.Equal(15, normalized!.Length);
    }

    [Theory]
    [InlineData("Rosa Quispe", true)]
    [InlineData("Asociación 😀", true)]
    [InlineData("Ro\0sa", false)]
    [InlineData("Ro\u0001sa", false)]
    [InlineData("Ro{D800}sa", false)]
    [InlineData("Ro\uFFFEsa", false)]
    [InlineData("Ro\u202Esa", true)]
    public void IsXmlPrintable_FollowsXml10(string text, bool printable) =>
        Assert.Equal(printable, InputText.IsXmlPrintable(Chars.Of(text)));
}
