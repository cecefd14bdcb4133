using Contests.Core.Payouts;

namespace Contests.Core.Plans;

/// <summary>One condition of a later tranche and whether the plan's records meet it.</summary>
public sealed record TrancheConditionStatus(TrancheConditionKind Kind, bool Met);

/// <summary>
/// A later tranche's conditions, derived from what is recorded — never ticked by hand: the previous tranche accounted
/// for by the receipts (<see cref="TrancheAccount.Met"/>), the counterpart deposited (a recorded deposit), and the
/// LRAC's approval of the progress (one approved report for each tranche before this one).
/// </summary>
public static class TrancheConditions
{
    public static IReadOnlyList<TrancheConditionStatus> Derive(int tranche, PlanAccounting accounting, IEnumerable<CounterpartDeposit> deposits,
        IEnumerable<ProgressReport> reports)
    {
        ArgumentNullException.ThrowIfNull(accounting);
        ArgumentNullException.ThrowIfNull(deposits);
        ArgumentNullException.ThrowIfNull(reports);
        if (tranche <= 1)
        {
            return [];
        }
        return
        [
            new(TrancheConditionKind.CounterpartDeposited, deposits.Sum(d => d.Amount) > 0),
            new(TrancheConditionKind.ProgressApproved, reports.Count(r => r.Approved) >= tranche - 1),
            new(TrancheConditionKind.PreviousAccounted, accounting.Tranche(tranche - 1)?.Met == true),
        ];
    }

    /// <summary>The kinds met, as <see cref="Payout.Approve(int, PayoutAccount?, Payout?, IReadOnlyCollection{TrancheConditionKind}?, DateTime)"/> reads them.</summary>
    public static IReadOnlyCollection<TrancheConditionKind> Met(IEnumerable<TrancheConditionStatus> statuses) =>
        [.. statuses.Where(s => s.Met).Select(s => s.Kind)];
}
