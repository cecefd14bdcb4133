using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Core.Allocation;

/// <summary>
/// Fixed tiers (docs/architecture.md#rules-allocation): place → amount per pool, for qualifying entries. The first
/// min(tiers, <see cref="PrizeRules.MaxWinnersPerPool"/>) places are paid; every later place is worth
/// the participation prize (nothing without one). Entries tied at a place occupy as many places as they
/// are and share those places' worth equally — 600/400/200 with two tied 2nd gives each (400 + 200) / 2
/// — and a tie that starts within the paid places shares in them even when it runs past them (the limit
/// caps the places paid, not the people tied: they can't be told apart). The céntimos a share can't
/// split go one each to the tied entries in entry-number order. Entries below the qualifying score get
/// nothing, and the places they hold are not passed on (ranking puts them after every qualifying
/// entry, so they only ever hold the last places).
/// </summary>
/// <remarks>
/// Prizes reserved for women (<see cref="PrizeRules.WomenReservedCount"/> of <see cref="PrizeRules.WomenReservedPrize"/>
/// per pool) go, after the places, to the best qualifying women-led entries that won no place, in place order,
/// instead of the participation prize; women tied for the last reserved prize share what their slots are worth (a
/// slot past the reserved ones is worth the participation prize). They are the one deliberate exception to "a
/// better score never gets less": the round publishes them in its bases.
/// Because tiers never increase and the participation prize is at most the last tier (both checked by
/// <see cref="PrizeRules.Check"/>), a better final score never gets less: a tie's share is an average of
/// places no worse than the next group's.
/// </remarks>
internal sealed class FixedTiersStrategy : PoolStrategy
{
    public override AllocationMethod Method => AllocationMethod.FixedTiers;

    protected override void AllocatePool(AllocationWork work, int pool)
    {
        var rules = work.Rules;
        var range = work.Pools[pool];
        var tiers = rules.Tiers;
        var limit = rules.MaxWinnersPerPool ?? int.MaxValue;
        var paid = Math.Min(tiers.Count, limit);
        var participation = rules.ParticipationPrize ?? 0m;
        var end = range.Start + range.Count;
        for (var i = range.Start; i < end;)
        {
            var place = work.Entries[i].Rank.Place;
            var next = i + 1;
            while (next < end && work.Entries[next].Rank.Place == place)
            {
                next++;
            }
            var size = next - i;
            decimal[] worth = [];
            decimal[] shares = [];
            var sum = 0m;
            if (place <= paid)
            {
                worth = new decimal[size];
                for (var k = 0; k < size; k++)
                {
                    worth[k] = place + k <= paid ? tiers[place + k - 1] : participation;
                    sum += worth[k];
                }
                shares = size == 1 ? worth : Apportionment.Equally(sum, size);
            }
            for (var j = i; j < next; j++)
            {
                var rank = work.Entries[j].Rank;
                if (!rank.Approved)
                {
                    work.Note(j, AllocationKeys.NotQualified, new Number(rank.Final));
                }
                else if (place <= paid && size == 1)
                {
                    work.Computed[j] = worth[0];
                    work.Note(j, AllocationKeys.Place, place, range.Count, worth[0]);
                }
                else if (place <= paid)
                {
                    var share = shares[j - i];
                    work.Computed[j] = share;
                    work.Note(j, AllocationKeys.TiedShare, place, range.Count, size, size - 1, worth, sum, share);
                    if (share > shares[^1])
                    {
                        work.Note(j, AllocationKeys.Rounding, share - shares[^1]);
                    }
                }
                else
                {
                    if (place > limit && place <= tiers.Count)
                    {
                        work.Note(j, AllocationKeys.BeyondMaxWinners, place, limit);
                    }
                    if (participation > 0)
                    {
                        work.Computed[j] = participation;
                        work.Note(j, AllocationKeys.Participation, participation);
                    }
                    else if (place > tiers.Count)
                    {
                        work.Note(j, AllocationKeys.NoPlace, place, paid);
                    }
                }
            }
            i = next;
        }
        if (rules.WomenReservedCount is { } reserved && rules.WomenReservedPrize is { } prize)
        {
            Reserve(work, range, paid, reserved, prize, participation);
        }
    }

    /// <summary>The prizes reserved for women in one pool (see the remarks).</summary>
    private static void Reserve(AllocationWork work, PoolRange range, int paid, int reserved, decimal prize, decimal participation)
    {
        var candidates = new List<int>();
        for (var i = range.Start; i < range.Start + range.Count; i++)
        {
            var entry = work.Entries[i];
            if (entry.WomenLed && entry.Rank.Approved && entry.Rank.Place > paid)
            {
                candidates.Add(i);
            }
        }
        for (var c = 0; c < candidates.Count && c < reserved;)
        {
            var place = work.Entries[candidates[c]].Rank.Place;
            var next = c + 1;
            while (next < candidates.Count && work.Entries[candidates[next]].Rank.Place == place)
            {
                next++;
            }
            var size = next - c;
            var worth = new decimal[size];
            var sum = 0m;
            for (var k = 0; k < size; k++)
            {
                worth[k] = c + k < reserved ? prize : participation;
                sum += worth[k];
            }
            var shares = size == 1 ? worth : Apportionment.Equally(sum, size);
            for (var k = 0; k < size; k++)
            {
                var j = candidates[c + k];
                work.Computed[j] = shares[k];
                work.Notes[j].RemoveAll(n => n.Key is AllocationKeys.Participation or AllocationKeys.NoPlace);
                if (size == 1)
                {
                    work.Note(j, AllocationKeys.WomenReserved, c + 1, reserved, prize);
                }
                else
                {
                    work.Note(j, AllocationKeys.WomenReservedShared, c + 1, reserved, size, worth, sum, shares[k]);
                }
            }
            c = next;
        }
    }
}
