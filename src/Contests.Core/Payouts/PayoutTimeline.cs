using Contests.Core.Common;

namespace Contests.Core.Payouts;

/// <summary>Where a payout stood at the end of a day, read from the dates it records (a scheduled payout is still approved until it is sent).</summary>
public enum PayoutStage
{
    Pending,
    Approved,
    Sent,
    Paid,
    Failed,
}

/// <summary>How many of a round's payouts stood in each stage at the end of one Lima day.</summary>
public sealed record PayoutDay(DateOnly Day, IReadOnlyDictionary<PayoutStage, int> Counts)
{
    public int Total => Counts.Values.Sum();
}

/// <summary>
/// Payouts by state over time: for each Lima day on which one of them changed (created, approved, sent, paid,
/// failed), how many stood in each stage at its end. Read from the dates each payout keeps, not from its state
/// today, so a day's counts never change afterwards.
/// </summary>
public static class PayoutTimeline
{
    /// <summary>The payout's stage at the end of <paramref name="day"/> (Lima), or null when it did not exist yet.</summary>
    public static PayoutStage? StageOn(Payout payout, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(payout);
        bool By(DateTime? utc) => utc is { } t && Day(t) <= day;
        return payout.FailedUtc is { } failed && Day(failed) <= day ? PayoutStage.Failed
            : payout.PaidOn is { } paid && paid <= day ? PayoutStage.Paid
            : By(payout.SentUtc) ? PayoutStage.Sent
            : By(payout.ApprovedUtc) ? PayoutStage.Approved
            : By(payout.CreatedUtc) ? PayoutStage.Pending
            : null;
    }

    /// <summary>The last <paramref name="most"/> days on which something happened to one of <paramref name="payouts"/>, oldest first.</summary>
    public static IReadOnlyList<PayoutDay> ByDay(IEnumerable<Payout> payouts, int most = 10)
    {
        ArgumentNullException.ThrowIfNull(payouts);
        var list = payouts.ToList();
        var days = list.SelectMany(p => new[] { Day(p.CreatedUtc), Maybe(p.ApprovedUtc), Maybe(p.SentUtc), p.PaidOn, Maybe(p.FailedUtc) })
            .OfType<DateOnly>().Distinct().Order().TakeLast(most);
        return [.. days.Select(day => new PayoutDay(day, Enum.GetValues<PayoutStage>().ToDictionary(s => s,
            s => list.Count(p => StageOn(p, day) == s))))];
    }

    private static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(LimaTime.FromUtc(utc));

    private static DateOnly? Maybe(DateTime? utc) => utc is { } t ? Day(t) : null;
}
