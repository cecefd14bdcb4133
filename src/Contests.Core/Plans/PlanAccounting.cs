using Contests.Core.Documents;
using Contests.Core.Payouts;

namespace Contests.Core.Plans;

/// <summary>One component's budget (from the contract) and what the receipts in the term account for, by who paid.</summary>
public sealed record ComponentAccount(string Component, decimal ProjectBudget, decimal CounterpartBudget, decimal Project, decimal Counterpart)
{
    public decimal Total => Project + Counterpart;

    /// <summary>Share of the component's budget accounted for (truncated to 2 decimals).</summary>
    public decimal Percent => PlanAccounting.Percent(Total, ProjectBudget + CounterpartBudget);
}

/// <summary>
/// One paid tranche and how much of it the project's receipts account for. It is accounted for once at least
/// <see cref="Payout.AccountedMinPercent"/> % of it (rounded to the céntimo, see <see cref="Payout.AccountedNeeded"/>) is.
/// </summary>
public sealed record TrancheAccount(int Tranche, decimal Amount, decimal Accounted)
{
    public decimal Needed => Payout.AccountedNeeded(Amount);

    public bool Met => Accounted >= Needed;

    public decimal Percent => PlanAccounting.Percent(Accounted, Amount);
}

/// <summary>
/// The accounting of a funded plan, computed from its receipts, never typed: totals by who paid and by component, and
/// each paid tranche's share accounted for. Receipts dated outside the contract's term are flagged and not counted.
/// The project's receipts account for the tranches in order: the first tranche is filled before the second.
/// </summary>
public sealed class PlanAccounting
{
    private PlanAccounting(IReadOnlyList<ComponentAccount> components, IReadOnlyList<TrancheAccount> tranches, IReadOnlyList<PlanReceipt> outsideTerm,
        decimal project, decimal counterpart)
    {
        Components = components;
        Tranches = tranches;
        OutsideTerm = outsideTerm;
        Project = project;
        Counterpart = counterpart;
    }

    public IReadOnlyList<ComponentAccount> Components { get; }

    public IReadOnlyList<TrancheAccount> Tranches { get; }

    /// <summary>Receipts dated outside the contract's term: shown to the officer, not counted.</summary>
    public IReadOnlyList<PlanReceipt> OutsideTerm { get; }

    /// <summary>Accounted for with the project's money (receipts in the term).</summary>
    public decimal Project { get; }

    /// <summary>Accounted for with the organization's counterpart (receipts in the term).</summary>
    public decimal Counterpart { get; }

    public decimal Total => Project + Counterpart;

    /// <summary>The tranche's accounting, or null when that tranche hasn't been paid.</summary>
    public TrancheAccount? Tranche(int tranche) => Tranches.FirstOrDefault(t => t.Tranche == tranche);

    /// <param name="term">The contract's term.</param>
    /// <param name="components">The contract's components (budget by who pays).</param>
    /// <param name="paidTranches">The amounts of the tranches paid so far, first tranche first.</param>
    /// <param name="receipts">The plan's receipts.</param>
    public static PlanAccounting Compute(PlanTerm term, IReadOnlyList<ContractComponent> components, IReadOnlyList<decimal> paidTranches,
        IEnumerable<PlanReceipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(paidTranches);
        ArgumentNullException.ThrowIfNull(receipts);
        var all = receipts.ToList();
        var inTerm = all.Where(r => term.Contains(r.IssuedOn)).ToList();
        var outside = all.Where(r => !term.Contains(r.IssuedOn)).OrderBy(r => r.IssuedOn).ToList();
        decimal Sum(string component, ReceiptPayer payer) =>
            inTerm.Where(r => r.PaidBy == payer && r.Component == component).Sum(r => r.Amount);
        var byComponent = components
            .Select(c => new ComponentAccount(c.Name, c.Project, c.Counterpart, Sum(c.Name, ReceiptPayer.Project), Sum(c.Name, ReceiptPayer.Counterpart)))
            .ToList();
        var project = inTerm.Where(r => r.PaidBy == ReceiptPayer.Project).Sum(r => r.Amount);
        var counterpart = inTerm.Where(r => r.PaidBy == ReceiptPayer.Counterpart).Sum(r => r.Amount);
        var tranches = new List<TrancheAccount>();
        var left = project;
        for (var i = 0; i < paidTranches.Count; i++)
        {
            var accounted = Math.Min(paidTranches[i], left);
            left -= accounted;
            tranches.Add(new TrancheAccount(i + 1, paidTranches[i], accounted));
        }
        return new PlanAccounting(byComponent, tranches, outside, project, counterpart);
    }

    /// <summary>
    /// <paramref name="part"/> as a percentage of <paramref name="whole"/>, cut (not rounded) to 2 decimals: 69.999 % shows
    /// as 69.99 %, never as a 70 % the rule refuses. Zero of nothing is 0 %.
    /// </summary>
    public static decimal Percent(decimal part, decimal whole) =>
        whole <= 0 ? 0m : decimal.Truncate(part * 10_000m / whole) / 100m;
}
