namespace Contests.Core.Common;

/// <summary>
/// Times are stored in UTC and shown in Peru's time (America/Lima, UTC−5 all year, no daylight saving).
/// </summary>
public static class LimaTime
{
    public const string TimeZoneId = "America/Lima";

    public static TimeZoneInfo Zone { get; } = FindZone();

    public static DateTime FromUtc(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("Expected a UTC time, got a local one.", nameof(utc));
        }
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
    }

    public static DateTime ToUtc(DateTime lima) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(lima, DateTimeKind.Unspecified), Zone);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            // A container without tzdata: Peru has kept UTC−5 without daylight saving since 1994.
            return TimeZoneInfo.CreateCustomTimeZone(TimeZoneId, TimeSpan.FromHours(-5), "Lima", "Lima");
        }
    }
}
