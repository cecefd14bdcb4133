using Contests.Core.Monitoring;

namespace Contests.Core.Tests.Monitoring;

public sealed class LogframeTargetTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 14, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(LogframeIndicator.Households, 150, null)]
    [InlineData(LogframeIndicator.Households, 0, null)]
    [InlineData(LogframeIndicator.Households, 12.5, "Logframe.WholeNumber")]
    [InlineData(LogframeIndicator.Awarded, 12500.50, null)]
    [InlineData(LogframeIndicator.Awarded, 100.555, "Logframe.MoneyDecimals")]
    [InlineData(LogframeIndicator.Paid, -1, "Logframe.OutOfRange")]
    [InlineData(LogframeIndicator.Persons, 100000000, "Logframe.OutOfRange")]
    public void Create_ChecksTheValue_WholeForCountsAndCentimosForSoles(LogframeIndicator indicator, double value, string? error)
    {
        var (result, target) = LogframeTarget.Create(indicator, 2026, (decimal)value, 1, Now);

        Assert.Equal(error, result.Errors.SingleOrDefault()?.Code);
        Assert.Equal(error is null, target is not null);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void Create_RefusesAYearOutsideTheProgrammes(int year)
    {
        var (result, target) = LogframeTarget.Create(LogframeIndicator.Households, year, 10, 1, Now);

        Assert.Equal("Logframe.BadYear", Assert.Single(result.Errors).Code);
        Assert.Null(target);
    }

    [Fact]
    public void Change_KeepsTheOldValue_WhenTheNewOneIsRefused()
    {
        var target = LogframeTarget.Create(LogframeIndicator.Households, 2026, 10, 1, Now).Target!;

        Assert.False(target.Change(10.5m, 2, Now.AddDays(1)).Succeeded);
        Assert.Equal((10m, 1, Now), (target.Value, target.UpdatedByUserId, target.UpdatedUtc));
        Assert.True(target.Change(12m, 2, Now.AddDays(1)).Succeeded);
        Assert.Equal((12m, 2), (target.Value, target.UpdatedByUserId));
    }

    [Theory]
    [InlineData(5, 10, 0.5)]
    [InlineData(3, 2, 1.5)]
    [InlineData(1, 3, 0.3333)]
    public void Progress_IsExecutedOverTarget_To4Decimals(double executed, double target, double expected) =>
        Assert.Equal((decimal)expected, LogframeTarget.Progress((decimal)executed, (decimal)target));

    [Fact]
    public void Progress_WithoutATarget_IsNone()
    {
        Assert.Null(LogframeTarget.Progress(5, null));
        Assert.Null(LogframeTarget.Progress(5, 0));
    }
}
