namespace Contests.Core.Common;

/// <summary>
/// The days a date typed for a round may fall on, so that nothing impossible (0001-01-01, 9999-12-31)
/// reaches an acta, a certificate or a contract: from 1 January of the year before the round was
/// created to a year after today (Lima dates, both ends included).
/// </summary>
public sealed record DateWindow(DateOnly From, DateOnly To)
{
    /// <summary>The window of a round created at <paramref name="roundCreatedUtc"/>, seen at <paramref name="nowUtc"/>.</summary>
    public static DateWindow ForRound(DateTime roundCreatedUtc, DateTime nowUtc) =>
        new(new DateOnly(LimaTime.FromUtc(roundCreatedUtc).Year - 1, 1, 1), DateOnly.FromDateTime(LimaTime.FromUtc(nowUtc)).AddYears(1));

    /// <summary>A window that starts on <paramref name="from"/> and lasts a year (a contract signed after its acta).</summary>
    public static DateWindow YearFrom(DateOnly from) => new(from, from.AddYears(1));

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>The refusal naming <paramref name="field"/> and both ends, or null when the day is inside.</summary>
    public DomainError? Check(DateOnly day, string field) =>
        Contains(day) ? null : new DomainError("Date.OutOfRange", field, new FieldLabel(field), From, To);
}
