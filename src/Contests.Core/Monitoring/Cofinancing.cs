using Contests.Core.Programmes;

namespace Contests.Core.Monitoring;

/// <summary>
/// A funded organization's entry (a prize with money in an approved acta): what the project gives and the counterpart the
/// organization committed — its donation contract in force says it, per component; before a contract is signed, the
/// counterpart registered with its plan.
/// </summary>
/// <param name="EntryId">The entry.</param>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Project">The project's donation (the award).</param>
/// <param name="PlanCounterpart">The counterpart registered with the plan (null when none was).</param>
/// <param name="ContractCounterpart">The counterpart of the contract in force (null without one).</param>
public sealed record CounterpartRow(int EntryId, int OrganizationId, decimal Project, decimal? PlanCounterpart, decimal? ContractCounterpart)
{
    /// <summary>What the organization committed: the contract's counterpart, else the plan's, else nothing.</summary>
    public decimal Committed => ContractCounterpart ?? PlanCounterpart ?? 0m;
}

/// <summary>The counterpart mobilised by funded organizations.</summary>
/// <param name="Organizations">Distinct organizations funded.</param>
/// <param name="WithContract">Funded entries whose counterpart comes from a contract in force.</param>
/// <param name="Project">Σ the project's donations to them.</param>
/// <param name="Counterpart">Σ the counterpart they committed.</param>
/// <param name="CounterpartPerSol">Counterpart per sol of the project's donation (2 decimals); null without donations.</param>
public sealed record CounterpartSummary(int Organizations, int WithContract, decimal Project, decimal Counterpart, decimal? CounterpartPerSol);

/// <summary>A funding source as the co-financing indicator reads it.</summary>
public sealed record FundingSourceFacts(int SourceId, FundingSourceKind Kind, decimal Committed);

/// <summary>One budget line of a round's rules in force: how much of a source the round may award.</summary>
public sealed record BudgetRow(int RoundId, int SourceId, decimal Amount);

/// <summary>A funding source's share of the prizes with money of one round (one award's share, or their sum).</summary>
public sealed record RoundSourceAmount(int RoundId, int SourceId, decimal Amount);

/// <summary>What one co-financer put in: its agreement (committed), the rounds' budgets it funds and the prizes paid from its money.</summary>
/// <param name="SourceId">The funding source.</param>
/// <param name="Kind">Municipality, company, government, other.</param>
/// <param name="Committed">What its agreement commits, over the whole programme.</param>
/// <param name="Budgeted">Σ its budget lines on the rounds counted.</param>
/// <param name="Awarded">Σ its share of the prizes awarded in those rounds.</param>
/// <param name="Rounds">Rounds counted that it funds (a budget line or a share of a prize).</param>
public sealed record CoFinancer(int SourceId, FundingSourceKind Kind, decimal Committed, decimal Budgeted, decimal Awarded, int Rounds);

/// <summary>
/// Money the programme mobilises besides its own: the organizations' counterpart and the co-financers (municipalities,
/// companies, other public bodies) — every funding source but the project's own loan or grant.
/// </summary>
public static class Cofinancing
{
    /// <summary>A co-financer is any funding source but the project's own loan or grant.</summary>
    public static bool IsCoFinancer(FundingSourceKind kind) => kind != FundingSourceKind.ProjectLoanOrGrant;

    public static CounterpartSummary Counterpart(IEnumerable<CounterpartRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var funded = rows.Where(r => r.Project > 0).ToList();
        var project = funded.Sum(r => r.Project);
        var counterpart = funded.Sum(r => r.Committed);
        return new CounterpartSummary(
            Organizations: funded.Select(r => r.OrganizationId).Distinct().Count(),
            WithContract: funded.Count(r => r.ContractCounterpart is not null),
            Project: project,
            Counterpart: counterpart,
            CounterpartPerSol: project == 0 ? null : decimal.Round(counterpart / project, 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// The co-financers involved in the rounds counted (a budget line on one of them, or a share of one of their prizes),
    /// with what each put in; largest awarded first, then largest budgeted, ties by source id.
    /// </summary>
    public static IReadOnlyList<CoFinancer> CoFinancers(IEnumerable<FundingSourceFacts> sources, IEnumerable<BudgetRow> budgets, IEnumerable<AwardRow> awards)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(awards);
        return CoFinancersFromShares(sources, budgets,
            awards.Where(a => a.Amount > 0).SelectMany(a => a.Sources.Select(s => new RoundSourceAmount(a.RoundId, s.SourceId, s.Amount))));
    }

    /// <summary>
    /// As <see cref="CoFinancers"/>, from the shares of the prizes with money already summed per round and source (by the
    /// database): a round counts for a source when its share there is above zero.
    /// </summary>
    public static IReadOnlyList<CoFinancer> CoFinancersFromShares(IEnumerable<FundingSourceFacts> sources, IEnumerable<BudgetRow> budgets,
        IEnumerable<RoundSourceAmount> shares)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(shares);
        var budgetList = budgets.Where(b => b.Amount > 0).ToList();
        var shareList = shares.ToList();
        return sources.Where(s => IsCoFinancer(s.Kind))
            .Select(s => new CoFinancer(s.SourceId, s.Kind, s.Committed,
                Budgeted: budgetList.Where(b => b.SourceId == s.SourceId).Sum(b => b.Amount),
                Awarded: shareList.Where(x => x.SourceId == s.SourceId).Sum(x => x.Amount),
                Rounds: budgetList.Where(b => b.SourceId == s.SourceId).Select(b => b.RoundId)
                    .Concat(shareList.Where(x => x.SourceId == s.SourceId && x.Amount > 0).Select(x => x.RoundId)).Distinct().Count()))
            .Where(c => c.Rounds > 0)
            .OrderByDescending(c => c.Awarded).ThenByDescending(c => c.Budgeted).ThenBy(c => c.SourceId)
            .ToList();
    }
}
