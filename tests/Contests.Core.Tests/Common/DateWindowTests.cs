using Contests.Core.Common;

namespace Contests.Core.Tests.Common;

/// <summary>The days a date typed for a round may fall on: nothing impossible reaches an acta, certificate or contract.</summary>
public sealed class DateWindowTests
{
    private static readonly DateTime Created = new(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 11, 23, 14, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ForRound_FromTheYearBeforeItsCreation_ToAYearFromToday()
    {
        var window = DateWindow.ForRound(Created, Now);

        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2027, 11, 23)), (window.From, window.To));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("2024-12-31")]
    [InlineData("2027-11-24")]
    [InlineData("9999-12-31")]
    public void Check_OutsideTheWindow_NamesTheFieldAndBothEnds(string day)
    {
        var window = DateWindow.ForRound(Created, Now);

        var error = window.Check(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), "Held");

        Assert.Equal(("Date.OutOfRange", "Held"), (error!.Code, error.Field));
        Assert.Equal([new FieldLabel("Held"), window.From, window.To], error.Arguments);
    }

    [Theory]
    [InlineData("2025-01-01")]
    [InlineData("2026-11-23")]
    [InlineData("2027-11-23")]
    public void Check_InsideTheWindow_BothEndsIncluded_IsNull(string day) =>
        Assert.Null(DateWindow.ForRound(Created, Now).Check(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), "Held"));
}
