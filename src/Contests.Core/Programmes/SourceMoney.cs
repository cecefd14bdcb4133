namespace Contests.Core.Programmes;

/// <summary>
/// The money of one funding source, defined once for every page that shows it (the programme page and the
/// payouts board read the same record, so they can't disagree). From what is recorded:
/// <list type="bullet">
/// <item><see cref="Awarded"/>: what the current awards (approved actas, addenda applied) take from the source;</item>
/// <item><see cref="AllocatedByHand"/>: allocations recorded by hand (before or outside the system);</item>
/// <item><see cref="PaidRecorded"/>: every payment recorded on the source — payouts the bank or a receipt confirmed,
/// and payments recorded by hand;</item>
/// <item><see cref="PaidOut"/>: the part of it that paid payouts of this system (their shares of this source);</item>
/// <item><see cref="InProcess"/>: payouts approved, scheduled or sent, not yet confirmed.</item>
/// </list>
/// </summary>
public sealed record SourceMoney(decimal Committed, decimal Awarded, decimal AllocatedByHand, decimal PaidRecorded, decimal PaidOut, decimal InProcess)
{
    /// <summary>Everything promised from the source: its current awards plus what was allocated by hand.</summary>
    public decimal Allocated => Awarded + AllocatedByHand;

    /// <summary>Everything that has left the source: paid payouts and payments recorded by hand.</summary>
    public decimal Paid => PaidRecorded;

    /// <summary>Payments made outside the system (they pay no award of it, so they are not inside <see cref="Allocated"/>).</summary>
    public decimal PaidByHand => Math.Max(0m, PaidRecorded - PaidOut);

    /// <summary>Awarded, neither paid nor on its way yet.</summary>
    public decimal ToPay => Math.Max(0m, Awarded - PaidOut - InProcess);

    /// <summary>What is neither promised nor spent: committed − allocated − paid outside the system.</summary>
    public decimal Balance => Committed - Allocated - PaidByHand;
}
