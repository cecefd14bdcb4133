namespace Contests.Core.Allocation;

/// <summary>
/// One sentence of an allocation's explanation, as a resource key plus the values that go into it, the
/// way <see cref="Common.DomainError"/> carries a refusal: the web layer renders it in es-PE or en.
/// Argument types follow DomainError's convention: a bare <see cref="decimal"/> is an amount of soles,
/// <see cref="Common.Number"/> a plain number (points, a percentage), <see cref="int"/> a place or a
/// count, <c>decimal[]</c> a list of amounts, <c>string[]</c> a list of names. <see cref="AllocationKeys"/>
/// lists every key with its arguments.
/// </summary>
public sealed record Explanation(string Key, params object[] Arguments);

/// <summary>The keys of <see cref="Explanation"/>, with their arguments in order ({0}, {1} …).</summary>
public static class AllocationKeys
{
    // Per award

    /// <summary>A place won alone: {0} place, {1} entries in the pool, {2} the place's prize.</summary>
    public const string Place = "Alloc.Place";

    /// <summary>
    /// A place shared by a tie: {0} place, {1} entries in the pool, {2} entries tied (this one included),
    /// {3} the others tied ({2} − 1), {4} the prizes of the places they occupy (decimal[]; a place past the
    /// paid ones is worth the participation prize), {5} their sum, {6} this entry's share.
    /// "2nd place of 14, tied with 1 other: (400.00 + 200.00) / 2 = 300.00".
    /// </summary>
    public const string TiedShare = "Alloc.TiedShare";

    /// <summary>The céntimo(s) a share got from rounding: {0} the amount added. Equal remainders go to the better place, then the lower entry number.</summary>
    public const string Rounding = "Alloc.Rounding";

    /// <summary>
    /// The céntimo a proportional share got from rounding: {0} the amount added. The céntimos left over go to the largest
    /// exact remainders; equal remainders to the better place, then the lower entry number.
    /// </summary>
    public const string ProportionalRounding = "Alloc.ProportionalRounding";

    /// <summary>Participation prize for a qualifying entry without a place: {0} the prize.</summary>
    public const string Participation = "Alloc.Participation";

    /// <summary>Qualified but placed past the paid places and there is no participation prize: {0} place, {1} places paid.</summary>
    public const string NoPlace = "Alloc.NoPlace";

    /// <summary>Below the qualifying score, so no prize: {0} the final score (Number).</summary>
    public const string NotQualified = "Alloc.NotQualified";

    /// <summary>Past the round's limit of winners per pool: {0} place, {1} the limit.</summary>
    public const string BeyondMaxWinners = "Alloc.BeyondMaxWinners";

    /// <summary>A prize reserved for women, won alone: {0} which reserved prize (1-based), {1} how many the pool has, {2} its amount.</summary>
    public const string WomenReserved = "Alloc.WomenReserved";

    /// <summary>
    /// Women tied for the last reserved prize(s): {0} the first reserved prize they occupy, {1} how many the pool has, {2} women
    /// tied, {3} what their slots are worth (decimal[]; past the reserved ones, the participation prize), {4} the sum, {5} this share.
    /// </summary>
    public const string WomenReservedShared = "Alloc.WomenReservedShared";

    /// <summary>Share of a proportional pool: {0} the entry's final score (Number), {1} the sum of the qualifying scores (Number), {2} the pool's amount, {3} the share.</summary>
    public const string Proportional = "Alloc.Proportional";

    /// <summary>The final score includes the women's bonus: {0} the bonus points (Number).</summary>
    public const string WomenBonus = "Alloc.WomenBonus";

    /// <summary>
    /// Reduced by the cap per competitor and programme year: {0} the cap, {1} received earlier this year
    /// (earlier rounds and earlier awards of this round), {2} the amount before the cap, {3} the amount now.
    /// </summary>
    public const string CappedPerYear = "Alloc.CappedPerYear";

    /// <summary>Reduced with every other award because the total was above the budget: {0} before, {1} after.</summary>
    public const string ScaledDown = "Alloc.ScaledDown";

    /// <summary>Not allocated because the total was above the budget and the round refuses: {0} the computed amount.</summary>
    public const string RefusedOverBudget = "Alloc.RefusedOverBudget";

    /// <summary>Plans: {0} position in the round's order of approved plans, {1} approved plans, {2} the final score (Number).</summary>
    public const string PlanOrder = "Alloc.PlanOrder";

    /// <summary>Plans: {0} cost, {1} counterpart, {2} counterpart as a percentage of the cost (Number), {3} grant = cost − counterpart.</summary>
    public const string Grant = "Alloc.Grant";

    /// <summary>Plans: grant reduced to the most one plan may get: {0} the grant before, {1} the maximum per plan.</summary>
    public const string GrantCapped = "Alloc.GrantCapped";

    /// <summary>
    /// Plans, not funded: the counterpart is below the round's minimum: {0} counterpart, {1} its percentage
    /// of the cost (Number), {2} the minimum percentage (Number), {3} the minimum counterpart for this cost.
    /// </summary>
    public const string CounterpartBelowMinimum = "Alloc.CounterpartBelowMinimum";

    /// <summary>Plans, not funded: the grant does not fit in what is left of the budget: {0} the grant, {1} money left when its turn came.</summary>
    public const string NoMoneyLeft = "Alloc.NoMoneyLeft";

    /// <summary>
    /// Plans, not funded: money is left, but not in sources allowed to pay for this theme and district:
    /// {0} the grant, {1} theme (<see cref="Programmes.Theme"/>), {2} district UBIGEO.
    /// </summary>
    public const string NoEligibleMoneyLeft = "Alloc.NoEligibleMoneyLeft";

    /// <summary>Plans, not funded: the pool already has the most winners the round allows: {0} the limit.</summary>
    public const string MaxWinnersReached = "Alloc.MaxWinnersReached";

    /// <summary>Plans: the counterpart covers the whole cost, so the plan asks for nothing and is no winner (a zero grant is not a win): {0} cost, {1} counterpart.</summary>
    public const string PlanAsksNothing = "Alloc.PlanAsksNothing";

    /// <summary>Plans, not funded: the entry has no plan cost recorded.</summary>
    public const string NoPlan = "Alloc.NoPlan";

    /// <summary>The LRAC gave another amount: {0} the amount the rule gave, {1} the committee's amount, {2} its reason (string).</summary>
    public const string Overridden = "Alloc.Overridden";

    // Per pool

    /// <summary>{0} pool key, {1} entries, {2} qualifying entries, {3} entries awarded money, {4} the pool's total.</summary>
    public const string Pool = "Alloc.Pool";

    /// <summary>Proportional pool without a qualifying entry: {0} the pool's amount, not spent.</summary>
    public const string PoolUnspent = "Alloc.PoolUnspent";

    // Per round

    /// <summary>{0} total allocated, {1} budget, {2} left. Only when the allocation succeeded (<see cref="AllocationStatus.Allocated"/>).</summary>
    public const string Round = "Alloc.Round";

    /// <summary>
    /// The round's first sentence when the allocation did not succeed (over budget, sources short): nothing is
    /// allocated until the problems that follow are solved: {0} budget.
    /// </summary>
    public const string RoundNotAllocated = "Alloc.RoundNotAllocated";

    /// <summary>Problem: the awards add up to more than the budget and the round refuses: {0} the computed total, {1} budget, {2} the shortfall.</summary>
    public const string OverBudget = "Alloc.OverBudget";

    /// <summary>Every award scaled down: {0} the computed total, {1} budget, {2} what each award keeps, in percent (Number, 2 decimals).</summary>
    public const string ScaledDownRound = "Alloc.ScaledDownRound";

    /// <summary>Problem: the LRAC's overrides take the total above the budget: {0} the total, {1} budget, {2} the excess.</summary>
    public const string OverriddenOverBudget = "Alloc.OverriddenOverBudget";

    /// <summary>Problem: {0} the source's name is short by {1} for the awards only it may pay.</summary>
    public const string SourceShort = "Alloc.SourceShort";

    /// <summary>Problem: {0} the sources' names (string[]) together are short by {1} for the awards only they may pay.</summary>
    public const string SourcesShort = "Alloc.SourcesShort";

    /// <summary>Problem: no budget line may pay for {0} theme in {1} district: {2} the awards that are left unpaid.</summary>
    public const string NoEligibleSource = "Alloc.NoEligibleSource";

    /// <summary>
    /// Why money is left while awards go unpaid — the restriction that bites: {0} the source's name still has {1} on its
    /// line, but is restricted to themes that leave out {2} (<see cref="Programmes.Theme"/>) of awards unpaid in district {3}.
    /// </summary>
    public const string RestrictedByTheme = "Alloc.RestrictedByTheme";

    /// <summary>The same for a source restricted to districts: {0} the source's name, {1} left on its line, {2} theme, {3} the district it may not pay in.</summary>
    public const string RestrictedByDistrict = "Alloc.RestrictedByDistrict";
}
