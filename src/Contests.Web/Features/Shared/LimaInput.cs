using System.Globalization;
using Contests.Core.Common;

namespace Contests.Web.Features.Shared;

/// <summary>
/// Lima dates and times as forms send and show them: a <c>datetime-local</c> input ("2026-11-24T10:00", seconds
/// or a space accepted) and a <c>date</c> input ("2026-12-01"); parsed to UTC, shown from UTC.
/// </summary>
public static class LimaInput
{
    private static readonly string[] DateTimeFormats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"];

    /// <summary>A Lima date and time typed in a form, as UTC; false when it is not one.</summary>
    public static bool TryParseDateTime(string text, out DateTime utc)
    {
        var ok = DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var lima);
        // The last hours of 9999-12-31 have no UTC moment: kept as the latest one, for the date rules to refuse.
        utc = !ok ? default : lima > DateTime.MaxValue.AddDays(-1) ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) : LimaTime.ToUtc(lima);
        return ok;
    }

    /// <summary>A Lima day typed in a form; false when it is not one.</summary>
    public static bool TryParseDate(string text, out DateTime day) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>A UTC moment as a <c>datetime-local</c> input's value, in Lima.</summary>
    public static string DateTimeValue(DateTime utc) => LimaTime.FromUtc(utc).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>A Lima day as a <c>date</c> input's value.</summary>
    public static string DateValue(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
