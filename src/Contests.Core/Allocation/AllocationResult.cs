namespace Contests.Core.Allocation;

/// <summary>Whether the computed awards can go to the LRAC for approval.</summary>
public enum AllocationStatus
{
    /// <summary>Every award fits the budget and is split across the budget lines.</summary>
    Allocated,

    /// <summary>The awards add up to more than the budget and the round refuses: nothing is allocated; the shortfall is stated.</summary>
    OverBudget,

    /// <summary>The total fits, but the sources' restrictions leave some awards unpaid: which sources are short, and by how much, is stated.</summary>
    SourcesShort,
}

/// <summary>Part of an award paid by one funding source.</summary>
public sealed record FundingShare(int FundingSourceId, decimal Amount);

/// <summary>
/// What one entry gets: <see cref="Computed"/> is what the round's rule gives it; <see cref="Amount"/> what
/// it gets after the cap per competitor and the budget; <see cref="Funding"/> the amount's split by source,
/// in budget-line order (empty for nothing, and when the round is not <see cref="AllocationStatus.Allocated"/>).
/// </summary>
public sealed record Award(int EntryId, int Number, string PoolKey, int Place, decimal Computed, decimal Amount,
    IReadOnlyList<FundingShare> Funding, IReadOnlyList<Explanation> Explanation);

/// <summary>A pool's outcome: entries, qualifying entries, entries awarded money, total, and its explanation.</summary>
public sealed record PoolAllocation(string PoolKey, int Entries, int Qualifying, int Winners, decimal Total, IReadOnlyList<Explanation> Explanation);

/// <summary>
/// An entry that could claim money and got less than it claimed, other than by the round's overall
/// scaling down: a plan skipped for lack of money or refused for its counterpart, an award reduced by the
/// yearly cap. <see cref="Requested"/> is what it claimed, <see cref="Funded"/> what it got.
/// </summary>
public sealed record NotFunded(int EntryId, int Number, string PoolKey, decimal Requested, decimal Funded, Explanation Reason);

/// <summary>A budget line's use: what the round budgeted from the source and what the awards take from it.</summary>
public sealed record SourceUse(int FundingSourceId, string Name, decimal Budgeted, decimal Used);

/// <summary>
/// An allocation, computed and explained, for the LRAC to approve. Awards and pools are listed by pool
/// key (ordinal), place, entry number; entries not funded in the order the rule considered them (that
/// listing, or for plans the round's order of plans). <see cref="Explanation"/> holds the round's
/// sentences, the problems among them (<see cref="AllocationKeys.OverBudget"/>, <see cref="AllocationKeys.SourceShort"/> …).
/// </summary>
public sealed record AllocationResult(AllocationStatus Status, IReadOnlyList<Award> Awards, IReadOnlyList<PoolAllocation> Pools,
    IReadOnlyList<NotFunded> NotFunded, IReadOnlyList<SourceUse> Sources, IReadOnlyList<Explanation> Explanation, decimal Total, decimal Budget)
{
    public bool Succeeded => Status == AllocationStatus.Allocated;

    public decimal Left => Budget - Total;
}
