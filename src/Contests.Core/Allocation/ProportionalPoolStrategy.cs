using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Core.Allocation;

/// <summary>
/// Proportional pool (docs/architecture.md#rules-allocation): <see cref="PrizeRules.PoolAmount"/> per pool, split among its
/// qualifying entries in proportion to their final score (equally if every such score is 0). With
/// <see cref="PrizeRules.MaxWinnersPerPool"/>, only entries placed within it share (a tie that starts
/// within it shares whole). The céntimos go by largest remainder; equal remainders to the better place,
/// then the lower entry number — so a better score never gets less; a share that got one carries a
/// <see cref="AllocationKeys.ProportionalRounding"/> note. A pool without a qualifying entry
/// spends nothing.
/// </summary>
internal sealed class ProportionalPoolStrategy : PoolStrategy
{
    public override AllocationMethod Method => AllocationMethod.ProportionalPool;

    protected override void AllocatePool(AllocationWork work, int pool)
    {
        var amount = work.Rules.PoolAmount
            ?? throw new ArgumentException("A proportional round needs its pool amount.", nameof(work));
        var limit = work.Rules.MaxWinnersPerPool ?? int.MaxValue;
        var range = work.Pools[pool];
        var end = range.Start + range.Count;
        var sharing = 0;
        var sum = 0m;
        for (var i = range.Start; i < end; i++)
        {
            var rank = work.Entries[i].Rank;
            if (!rank.Approved)
            {
                work.Note(i, AllocationKeys.NotQualified, new Number(rank.Final));
            }
            else if (rank.Place > limit)
            {
                work.Note(i, AllocationKeys.BeyondMaxWinners, rank.Place, limit);
            }
            else
            {
                sharing++;
                sum += rank.Final;
            }
        }
        if (sharing == 0)
        {
            work.PoolNotes[pool].Add(new Explanation(AllocationKeys.PoolUnspent, amount));
            return;
        }

        // Entries that share come first in the pool's listing order (place, number), which is the order
        // equal remainders are served in.
        var members = new int[sharing];
        var weights = new decimal[sharing];
        var k = 0;
        for (var i = range.Start; i < end; i++)
        {
            var rank = work.Entries[i].Rank;
            if (rank.Approved && rank.Place <= limit)
            {
                members[k] = i;
                weights[k] = sum == 0 ? 1m : rank.Final;
                k++;
            }
        }
        var shares = new decimal[sharing];
        var rounding = new decimal[sharing];
        Apportionment.LargestRemainder(amount, weights, shares, rounding);
        for (k = 0; k < sharing; k++)
        {
            var i = members[k];
            work.Computed[i] = shares[k];
            work.Note(i, AllocationKeys.Proportional, new Number(work.Entries[i].Rank.Final), new Number(sum), amount, shares[k]);
            if (rounding[k] > 0)
            {
                // As tiers do: a share that got a céntimo more than its exact part says so, and why it was this one.
                work.Note(i, AllocationKeys.ProportionalRounding, rounding[k]);
            }
        }
    }
}
