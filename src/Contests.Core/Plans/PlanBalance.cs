namespace Contests.Core.Plans;

/// <summary>
/// A plan's close-out balance: the project's money paid out, what the project's receipts in the term account for, and
/// what was refunded; the rest is what the organization returns. Overspending is the organization's, never owed to it.
/// </summary>
public sealed record PlanBalance(decimal Paid, decimal AccountedProject, decimal Refunded)
{
    /// <summary>Paid and not accounted for (never below zero).</summary>
    public decimal Unaccounted => Math.Max(0m, Paid - AccountedProject);

    /// <summary>Still to be returned after the refunds recorded (never below zero).</summary>
    public decimal ToReturn => Math.Max(0m, Unaccounted - Refunded);

    /// <summary>Nothing left to return: the plan can be closed.</summary>
    public bool Settled => ToReturn == 0m;

    public static PlanBalance Of(PlanAccounting accounting, IEnumerable<decimal> refunds)
    {
        ArgumentNullException.ThrowIfNull(accounting);
        ArgumentNullException.ThrowIfNull(refunds);
        return new PlanBalance(accounting.Tranches.Sum(t => t.Amount), accounting.Project, refunds.Sum());
    }
}
