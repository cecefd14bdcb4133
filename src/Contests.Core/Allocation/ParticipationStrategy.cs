using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Core.Allocation;

/// <summary>Participation prize (docs/architecture.md#rules-allocation): every entry at or above the qualifying score gets <see cref="PrizeRules.ParticipationPrize"/>, whatever its place.</summary>
internal sealed class ParticipationStrategy : PoolStrategy
{
    public override AllocationMethod Method => AllocationMethod.Participation;

    protected override void AllocatePool(AllocationWork work, int pool)
    {
        var prize = work.Rules.ParticipationPrize
            ?? throw new ArgumentException("A participation round needs its participation prize.", nameof(work));
        var range = work.Pools[pool];
        for (var i = range.Start; i < range.Start + range.Count; i++)
        {
            var rank = work.Entries[i].Rank;
            if (rank.Approved)
            {
                work.Computed[i] = prize;
                work.Note(i, AllocationKeys.Participation, prize);
            }
            else
            {
                work.Note(i, AllocationKeys.NotQualified, new Number(rank.Final));
            }
        }
    }
}
