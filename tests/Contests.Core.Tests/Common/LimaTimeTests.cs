using Contests.Core.Common;

namespace Contests.Core.Tests.Common;

public sealed class LimaTimeTests
{
    [Fact]
    public void FromUtc_IsFiveHoursBehind_AllYear()
    {
        Assert.Equal(new DateTime(2026, 1, 15, 7, 0, 0), LimaTime.FromUtc(new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 7, 15, 7, 0, 0), LimaTime.FromUtc(new DateTime(2026, 7, 15, 12, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void FromUtc_CrossesMidnight() =>
        Assert.Equal(new DateTime(2026, 11, 22, 21, 30, 0), LimaTime.FromUtc(new DateTime(2026, 11, 23, 2, 30, 0, DateTimeKind.Utc)));

    [Fact]
    public void ToUtc_RoundTrips()
    {
        var utc = new DateTime(2026, 11, 23, 2, 30, 0, DateTimeKind.Utc);
        Assert.Equal(utc, LimaTime.ToUtc(LimaTime.FromUtc(utc)));
    }

    [Fact]
    public void FromUtc_LocalTime_Refused() =>
        Assert.Throws<ArgumentException>(() => LimaTime.FromUtc(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local)));
}
