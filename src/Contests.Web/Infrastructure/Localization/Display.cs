using System.Globalization;
using Contests.Core.Common;

namespace Contests.Web.Infrastructure.Localization;

/// <summary>How money and times look on screen: soles per the UI culture, times in Lima.</summary>
public static class Display
{
    public static string Money(decimal amount) => Core.Common.Money.Round(amount).ToString(CultureInfo.CurrentCulture);

    /// <summary>A stored UTC time as Lima sees it, e.g. "23/11/2026 08:15".</summary>
    public static string DateTime(DateTime utc) =>
        LimaTime.FromUtc(utc).ToString("g", CultureInfo.CurrentCulture);

    public static string DateTime(DateTime? utc) => utc is { } value ? DateTime(value) : "—";

    /// <summary>Points, weights and percentages: as many decimals as they have, at most two ("12.5", "70").</summary>
    public static string Points(decimal value) => value.ToString("0.##", CultureInfo.CurrentCulture);

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A calendar date (no time of day): "23/11/2026" in es-PE.</summary>
    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>A file size: "1.2 MB", "85 KB".</summary>
    public static string Megabytes(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.CurrentCulture) + " MB"
        : Math.Max(1, bytes / 1024).ToString("N0", CultureInfo.CurrentCulture) + " KB";
}
