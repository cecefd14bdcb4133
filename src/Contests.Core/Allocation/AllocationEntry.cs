using Contests.Core.Judging;
using Contests.Core.Programmes;

namespace Contests.Core.Allocation;

/// <summary>
/// What allocation needs of one ranked entry: its rank from judging (<see cref="Ranking"/>), who it
/// belongs to (the yearly cap counts per competitor), what the funding sources' restrictions look at
/// (theme and district), and, for plans, what the plan costs and what the organization puts in.
/// </summary>
/// <param name="Rank">The entry's place in its pool; <see cref="RankedEntry.Approved"/> says it reached the qualifying score.</param>
/// <param name="CompetitorId">The household or organization, for <see cref="Rounds.PrizeRules.CapPerCompetitorYear"/>.</param>
/// <param name="Theme">The round's theme for this entry (a source may be limited to some themes).</param>
/// <param name="District">The entry's district UBIGEO (a source may be limited to some districts).</param>
/// <param name="WomenLed">A women-headed household or a women's organization (its final score already includes the bonus, if the round gives one).</param>
/// <param name="Plan">Plan co-financing: the plan's cost and counterpart; null for other rounds.</param>
public sealed record AllocationEntry(RankedEntry Rank, int CompetitorId, Theme Theme, string District, bool WomenLed = false, PlanCosts? Plan = null);

/// <summary>A plan's cost and the counterpart its organization offers (money or valued in kind), in soles.</summary>
public sealed record PlanCosts(decimal Cost, decimal Counterpart);
