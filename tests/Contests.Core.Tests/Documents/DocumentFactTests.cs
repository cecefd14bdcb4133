using System.Globalization;
using Contests.Core.Documents;

namespace Contests.Core.Tests.Documents;

/// <summary>The facts the verification page shows are stored culture-free.</summary>
public sealed class DocumentFactTests
{
    [Fact]
    public void Money_IsStoredInvariantWithTwoDecimals()
    {
        var fact = DocumentFact.Money("Document.Fact.Prize", 1250.5m);

        Assert.Equal(new DocumentFact("Document.Fact.Prize", "1250.50", FactFormat.Money), fact);
    }

    [Theory]
    [InlineData("0", "0.00")]
    [InlineData("12000", "12000.00")]
    [InlineData("0.1", "0.10")]
    [InlineData("1250.505", "1250.51")]
    public void Money_OtherAmounts_HaveTwoDecimalsAndNoGrouping(string amount, string expected)
    {
        var fact = DocumentFact.Money("x", decimal.Parse(amount, CultureInfo.InvariantCulture));

        Assert.Equal(expected, fact.Value);
    }

    [Fact]
    public void Date_IsStoredIso()
    {
        var fact = DocumentFact.Date("Document.Fact.Date", new DateOnly(2026, 11, 23));

        Assert.Equal(new DocumentFact("Document.Fact.Date", "2026-11-23", FactFormat.Date), fact);
    }

    [Fact]
    public void Number_IsStoredInvariantWithItsOwnDecimals()
    {
        Assert.Equal(new DocumentFact("Document.Fact.Score", "87.5", FactFormat.Number), DocumentFact.Number("Document.Fact.Score", 87.5m));
        Assert.Equal("87.50", DocumentFact.Number("x", 87.50m).Value);
        Assert.Equal("100", DocumentFact.Number("x", 100m).Value);
    }

    [Fact]
    public void Text_IsTheDefaultFormat()
    {
        Assert.Equal(FactFormat.Text, new DocumentFact("Document.Fact.Holder", "María").Format);
    }

    [Theory]
    [InlineData("es-PE")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    [InlineData("fr-FR")]
    public void Facts_AreTheSame_WhateverTheCurrentCulture(string culture)
    {
        using var swap = CurrentCulture.Set(culture);

        Assert.Equal(culture, CultureInfo.CurrentCulture.Name);
        Assert.Equal("1250.50", DocumentFact.Money("x", 1250.5m).Value);
        Assert.Equal("1234567.89", DocumentFact.Money("x", 1_234_567.89m).Value);
        Assert.Equal("2026-11-23", DocumentFact.Date("x", new DateOnly(2026, 11, 23)).Value);
        Assert.Equal("87.5", DocumentFact.Number("x", 87.5m).Value);
        Assert.Equal("-3.25", DocumentFact.Number("x", -3.25m).Value);
    }

    [Fact]
    public void CurrentCulture_Swap_ReallyChangesFormatting_SoTheCultureTestsMeanSomething()
    {
        using var swap = CurrentCulture.Set("de-DE");

        Assert.Equal("1250,50", 1250.5m.ToString("0.00", CultureInfo.CurrentCulture));
    }

    [Fact]
    public void CurrentCulture_IsRestoredAfterTheSwap()
    {
        var before = CultureInfo.CurrentCulture;

        using (CurrentCulture.Set("de-DE"))
        {
            Assert.Equal("de-DE", CultureInfo.CurrentCulture.Name);
        }

        Assert.Same(before, CultureInfo.CurrentCulture);
    }
}
