using Contests.Core.Rounds;

namespace Contests.Core.Allocation;

/// <summary>
/// One way of turning a round's ranking into money, chosen by <see cref="PrizeRules.Method"/> (as decidim's
/// budget workflows are chosen by the budget's settings). A strategy sets each entry's computed amount
/// and amount with their explanation; the funding split is the same for every strategy and comes after.
/// </summary>
internal interface IAllocationStrategy
{
    AllocationMethod Method { get; }

    void Allocate(AllocationWork work);
}

/// <summary>
/// The rules that give each pool its prizes on its own (fixed tiers, participation, proportional pool):
/// the pool's amounts, then the cap per competitor and programme year, then the round's overflow rule.
/// </summary>
internal abstract class PoolStrategy : IAllocationStrategy
{
    public abstract AllocationMethod Method { get; }

    public void Allocate(AllocationWork work)
    {
        for (var p = 0; p < work.Pools.Length; p++)
        {
            AllocatePool(work, p);
        }
        Array.Copy(work.Computed, work.Amounts, work.Computed.Length);
        work.ApplyYearlyCap();
        work.ApplyOverflow();
    }

    /// <summary>Sets <see cref="AllocationWork.Computed"/> and the explanation of every entry of the pool.</summary>
    protected abstract void AllocatePool(AllocationWork work, int pool);
}
