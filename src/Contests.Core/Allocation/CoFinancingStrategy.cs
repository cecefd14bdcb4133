using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Core.Allocation;

/// <summary>
/// Plan co-financing (docs/architecture.md#rules-allocation). Approved plans are taken across the whole round (all pools) by
/// final score, highest first, then place, then entry number. Each plan's grant is its cost minus its
/// counterpart — a counterpart below <see cref="PrizeRules.CounterpartMinPercent"/> of the cost is not
/// funded — capped at <see cref="PrizeRules.MaxGrantPerPlan"/> and at what the competitor may still get
/// this year; a plan whose counterpart covers its cost asks for nothing and is not a winner. A plan is funded if its grant fits what is left of the budget in sources allowed to pay
/// for its theme and district (earlier plans may move between sources to make room, never lose money);
/// otherwise it is skipped, listed as not funded with the reason, and the next plan is considered. At
/// most <see cref="PrizeRules.MaxWinnersPerPool"/> plans are funded per pool. The overflow rule never
/// applies: plans are chosen within the budget.
/// </summary>
internal sealed class CoFinancingStrategy : IAllocationStrategy
{
    public AllocationMethod Method => AllocationMethod.CoFinancing;

    public void Allocate(AllocationWork work)
    {
        var rules = work.Rules;
        var entries = work.Entries;
        var poolOf = new int[entries.Length];
        for (var p = 0; p < work.Pools.Length; p++)
        {
            Array.Fill(poolOf, p, work.Pools[p].Start, work.Pools[p].Count);
        }
        var order = Enumerable.Range(0, entries.Length).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var x = entries[a].Rank;
            var y = entries[b].Rank;
            var c = y.Final.CompareTo(x.Final);
            c = c != 0 ? c : x.Place.CompareTo(y.Place);
            c = c != 0 ? c : x.Number.CompareTo(y.Number);
            return c != 0 ? c : x.EntryId.CompareTo(y.EntryId);
        });
        var approved = entries.Count(e => e.Rank.Approved);
        var winners = new int[work.Pools.Length];
        var limit = rules.MaxWinnersPerPool ?? int.MaxValue;
        var network = new FundingNetwork(rules.BudgetLines, work.Sources);
        var left = rules.Budget;
        var position = 0;

        foreach (var i in order)
        {
            var entry = entries[i];
            var rank = entry.Rank;
            if (!rank.Approved)
            {
                work.Note(i, AllocationKeys.NotQualified, new Number(rank.Final));
                continue;
            }
            position++;
            work.Note(i, AllocationKeys.PlanOrder, position, approved, new Number(rank.Final));
            if (entry.Plan is not { } plan)
            {
                var reason = new Explanation(AllocationKeys.NoPlan);
                work.Notes[i].Add(reason);
                work.NotFundedBecause(i, 0m, 0m, reason);
                continue;
            }

            var percent = new Number(decimal.Round(plan.Counterpart / plan.Cost * 100m, 2, MidpointRounding.AwayFromZero));
            if (plan.Counterpart * 100m < plan.Cost * rules.CounterpartMinPercent)
            {
                var minimum = decimal.Ceiling(plan.Cost * rules.CounterpartMinPercent) / 100m;
                NotFunded(work, i, plan.Cost - plan.Counterpart,
                    new Explanation(AllocationKeys.CounterpartBelowMinimum, plan.Counterpart, percent, new Number(rules.CounterpartMinPercent), minimum));
                continue;
            }
            var grant = plan.Cost - plan.Counterpart;
            if (grant <= 0)
            {
                // A plan whose counterpart pays for all of it asks for nothing: a zero grant is not a win, so it
                // takes no winner's place from the plans after it.
                work.Note(i, AllocationKeys.PlanAsksNothing, plan.Cost, plan.Counterpart);
                continue;
            }
            work.Note(i, AllocationKeys.Grant, plan.Cost, plan.Counterpart, percent, grant);
            if (rules.MaxGrantPerPlan is { } max && grant > max)
            {
                work.Note(i, AllocationKeys.GrantCapped, grant, max);
                grant = max;
            }
            work.Computed[i] = grant;

            var pool = poolOf[i];
            if (winners[pool] >= limit)
            {
                NotFunded(work, i, grant, new Explanation(AllocationKeys.MaxWinnersReached, limit));
                continue;
            }
            var room = work.CapRoom(entry.CompetitorId);
            var amount = grant;
            Explanation? capped = null;
            if (amount > room)
            {
                capped = new Explanation(AllocationKeys.CappedPerYear, rules.CapPerCompetitorYear!.Value, work.ReceivedBefore(entry.CompetitorId), amount, room);
                if (room == 0)
                {
                    NotFunded(work, i, grant, capped);
                    continue;
                }
                work.Notes[i].Add(capped);
                amount = room;
            }
            if (amount > left)
            {
                NotFunded(work, i, amount, new Explanation(AllocationKeys.NoMoneyLeft, amount, left));
                continue;
            }
            var signature = network.SignatureOf(entry.Theme, entry.District);
            if (!network.TryReserve(signature, FundingNetwork.Centimos(amount)))
            {
                NotFunded(work, i, amount, new Explanation(AllocationKeys.NoEligibleMoneyLeft, amount, entry.Theme, entry.District));
                work.Notes[i].AddRange(Allocator.Barred(network, network.BarredFor(signature)));
                continue;
            }
            if (capped is not null)
            {
                work.NotFundedBecause(i, grant, amount, capped);
            }
            work.Amounts[i] = amount;
            work.Receive(entry.CompetitorId, amount);
            winners[pool]++;
            left -= amount;
        }
    }

    private static void NotFunded(AllocationWork work, int entry, decimal requested, Explanation reason)
    {
        work.Notes[entry].Add(reason);
        work.NotFundedBecause(entry, requested, 0m, reason);
    }
}
