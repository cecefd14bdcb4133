using Contests.Core.Common;

namespace Contests.Core.Documents;

/// <summary>What an addendum (<i>adenda</i>) to a donation contract changes.</summary>
public enum AddendumKind
{
    /// <summary>A longer execution term: the plan ends later.</summary>
    TermExtension,

    /// <summary>Another project share and counterpart for one component, as the LRAC decided.</summary>
    AmountChange,
}

/// <summary>An approved acta of the round's LRAC that an amount change may cite as its decision.</summary>
/// <param name="ActaId">The acta.</param>
/// <param name="Code">Its number as printed ("007-2026").</param>
/// <param name="HeldOn">The session's date (Lima).</param>
public sealed record LracDecision(int ActaId, string Code, DateOnly HeldOn);

/// <summary>An addendum as typed: every value may be missing (the form keeps it as it was).</summary>
/// <param name="Kind">Term extension or amount change.</param>
/// <param name="TermMonths">A term extension's new whole term, in months from the signature.</param>
/// <param name="Component">An amount change's component (one of the contract's).</param>
/// <param name="Project">The component's new project share.</param>
/// <param name="Counterpart">The component's new counterpart.</param>
/// <param name="ActaId">The LRAC acta that decided an amount change.</param>
/// <param name="Reason">Why the contract changes (printed).</param>
public sealed record AddendumInput(AddendumKind? Kind, int? TermMonths, string? Component, decimal? Project, decimal? Counterpart, int? ActaId,
    string? Reason);

/// <summary>A checked addendum, ready to be printed and recorded.</summary>
public sealed record AddendumChange(AddendumKind Kind, int Number, int? TermMonths, ContractComponent? Component, LracDecision? Decision, string Reason);

/// <summary>
/// A contract as its addenda leave it: the term (from the signature, in months) and the components with their amounts.
/// The one place the term and amounts in force are computed: accounting, reports' due dates and the receipts' term read it.
/// </summary>
public sealed record EffectiveContract(DateOnly Start, int TermMonths, IReadOnlyList<ContractComponent> Components)
{
    public decimal Project => Components.Sum(c => c.Project);

    public decimal Counterpart => Components.Sum(c => c.Counterpart);

    /// <summary>The last day of the term.</summary>
    public DateOnly End => EndOf(Start, TermMonths);

    public static DateOnly EndOf(DateOnly start, int months) => start.AddMonths(months).AddDays(-1);

    /// <summary>The contract after one more change: a new term, or one component's new amounts.</summary>
    public EffectiveContract With(AddendumKind kind, int? termMonths, string? component, decimal? project, decimal? counterpart) => kind switch
    {
        AddendumKind.TermExtension when termMonths is { } m => this with { TermMonths = m },
        AddendumKind.AmountChange => this with
        {
            Components = [.. Components.Select(c => c.Name == component ? new ContractComponent(c.Name, project ?? 0, counterpart ?? 0) : c)],
        },
        _ => this,
    };

    /// <summary>The contract after <paramref name="change"/>.</summary>
    public EffectiveContract With(AddendumChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return With(change.Kind, change.TermMonths, change.Component?.Name, change.Component?.Project, change.Component?.Counterpart);
    }
}

/// <summary>
/// An addendum to a donation contract: numbered 1, 2… within its contract, issued as its own verifiable document (the
/// contract stays valid and unchanged), extending the term or changing one component's amounts. An amount change cites
/// the approved acta of the round's LRAC that decided it, held on or after the contract's signature. Never edited: a
/// mistaken addendum's document is voided and no longer counts.
/// </summary>
public sealed class ContractAddendum
{
    public const int ReasonMaxLength = 500;

    private ContractAddendum()
    {
        Reason = string.Empty;
    }

    public int Id { get; private set; }

    public int ContractId { get; private set; }

    public int DocumentId { get; private set; }

    public int RoundId { get; private set; }

    public int EntryId { get; private set; }

    /// <summary>1, 2… within the contract (voided ones keep theirs).</summary>
    public int Number { get; private set; }

    public AddendumKind Kind { get; private set; }

    /// <summary>A term extension's new whole term, in months from the signature.</summary>
    public int? TermMonths { get; private set; }

    /// <summary>An amount change's component and its new amounts.</summary>
    public string? Component { get; private set; }

    public decimal? ProjectAmount { get; private set; }

    public decimal? CounterpartAmount { get; private set; }

    /// <summary>The LRAC acta that decided an amount change.</summary>
    public int? ActaId { get; private set; }

    public string Reason { get; private set; }

    public int CreatedByUserId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    /// <summary>The document, for saving both in one transaction (its id is known after).</summary>
    public IssuedDocument? Document { get; private set; }

    /// <summary>The number the next addendum of a contract takes.</summary>
    public static int NextNumber(IEnumerable<ContractAddendum> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        return all.Select(a => a.Number).DefaultIfEmpty(0).Max() + 1;
    }

    /// <summary>The contract's term and amounts after <paramref name="inForce"/> (its addenda whose document is valid), applied in number order.</summary>
    public static EffectiveContract Effective(DonationContract contract, IEnumerable<ContractAddendum> inForce)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(inForce);
        return inForce.Where(a => a.ContractId == contract.Id).OrderBy(a => a.Number)
            .Aggregate(new EffectiveContract(contract.SignedOn, contract.TermMonths, contract.Components),
                (effective, a) => effective.With(a.Kind, a.TermMonths, a.Component, a.ProjectAmount, a.CounterpartAmount));
    }

    /// <summary>
    /// The addendum <paramref name="input"/> asks for, checked against the contract in force, or null with every reason in
    /// <paramref name="errors"/> (fields <c>Kind</c>, <c>TermMonths</c>, <c>Component</c>, <c>Project</c>, <c>Counterpart</c>,
    /// <c>ActaId</c>, <c>Reason</c>).
    /// </summary>
    /// <param name="contract">The contract in force.</param>
    /// <param name="current">Its term and amounts after the addenda in force.</param>
    /// <param name="number">The addendum's number (<see cref="NextNumber"/>).</param>
    /// <param name="input">What the officer typed.</param>
    /// <param name="decisions">The round's approved LRAC actas.</param>
    /// <param name="errors">Where the refusals go.</param>
    public static AddendumChange? Draft(DonationContract contract, EffectiveContract current, int number, AddendumInput input,
        IReadOnlyCollection<LracDecision> decisions, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var reason = Text.Required(input.Reason, ReasonMaxLength, "Reason", errors);
        int? months = null;
        ContractComponent? component = null;
        LracDecision? decision = null;
        switch (input.Kind)
        {
            case null:
                errors.Add(new DomainError("Validation.Required", "Kind", new FieldLabel("AddendumKind")));
                break;
            case AddendumKind.TermExtension:
                months = TermExtension(current, input.TermMonths, errors);
                break;
            case AddendumKind.AmountChange:
                component = AmountChange(current, input, errors);
                decision = Decision(contract, input.ActaId, decisions, errors);
                break;
        }
        return errors.Count > before ? null : new AddendumChange(input.Kind!.Value, number, months, component, decision, reason!);
    }

    /// <param name="document">The addendum's issued document (saved in the same transaction).</param>
    /// <param name="contract">The contract it amends.</param>
    /// <param name="change">What <see cref="Draft"/> accepted.</param>
    /// <param name="userId">Who issued it.</param>
    /// <param name="nowUtc">When.</param>
    public static ContractAddendum Record(IssuedDocument document, DonationContract contract, AddendumChange change, int userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(change);
        if (document.Kind != DocumentKind.Addendum || document.EntryId != contract.EntryId)
        {
            throw new ArgumentException("An addendum's document is an addendum of the contract's entry.", nameof(document));
        }
        return new ContractAddendum
        {
            Document = document, ContractId = contract.Id, RoundId = contract.RoundId, EntryId = contract.EntryId, Number = change.Number,
            Kind = change.Kind, TermMonths = change.TermMonths, Component = change.Component?.Name, ProjectAmount = change.Component?.Project,
            CounterpartAmount = change.Component?.Counterpart, ActaId = change.Decision?.ActaId, Reason = change.Reason, CreatedByUserId = userId,
            CreatedUtc = nowUtc,
        };
    }

    private static int? TermExtension(EffectiveContract current, int? months, ICollection<DomainError> errors)
    {
        if (months is null)
        {
            errors.Add(new DomainError("Validation.Required", "TermMonths", new FieldLabel("TermMonths")));
            return null;
        }
        if (months is < ContractTerms.MinTermMonths or > ContractTerms.MaxTermMonths)
        {
            errors.Add(new DomainError("Contract.TermRange", "TermMonths", ContractTerms.MinTermMonths, ContractTerms.MaxTermMonths));
            return null;
        }
        if (EffectiveContract.EndOf(current.Start, months.Value) <= current.End)
        {
            errors.Add(new DomainError("Addendum.TermNotLonger", "TermMonths", current.End, current.TermMonths));
            return null;
        }
        return months;
    }

    private static ContractComponent? AmountChange(EffectiveContract current, AddendumInput input, ICollection<DomainError> errors)
    {
        var name = Text.Clean(input.Component);
        var now = name is null ? null : current.Components.FirstOrDefault(c => c.Name == name);
        if (now is null)
        {
            errors.Add(name is null
                ? new DomainError("Validation.Required", "Component", new FieldLabel("Component"))
                : new DomainError("Addendum.UnknownComponent", "Component", name));
        }
        var project = Amount(input.Project, "Project", errors);
        var counterpart = Amount(input.Counterpart, "Counterpart", errors);
        if (now is null || project is null || counterpart is null)
        {
            return null;
        }
        if (project == now.Project && counterpart == now.Counterpart)
        {
            errors.Add(new DomainError("Addendum.NothingChanged", "Project", now.Project, now.Counterpart));
            return null;
        }
        if (project + counterpart == 0)
        {
            errors.Add(new DomainError("Contract.EmptyComponent", "Project"));
            return null;
        }
        return new ContractComponent(now.Name, project.Value, counterpart.Value);
    }

    /// <summary>An amount change follows an LRAC decision: an approved acta of the round, held on or after the signature.</summary>
    private static LracDecision? Decision(DonationContract contract, int? actaId, IReadOnlyCollection<LracDecision> decisions, ICollection<DomainError> errors)
    {
        var decision = actaId is null ? null : decisions.FirstOrDefault(d => d.ActaId == actaId);
        if (decision is null)
        {
            errors.Add(new DomainError("Addendum.NoLracDecision", "ActaId"));
            return null;
        }
        if (decision.HeldOn < contract.SignedOn)
        {
            errors.Add(new DomainError("Addendum.DecisionBeforeContract", "ActaId", decision.Code, contract.SignedOn));
            return null;
        }
        return decision;
    }

    private static decimal? Amount(decimal? value, string field, ICollection<DomainError> errors)
    {
        if (value is null)
        {
            errors.Add(new DomainError("Validation.Required", field, new FieldLabel(field == "Project" ? "ComponentProject" : "ComponentCounterpart")));
            return null;
        }
        if (value < 0)
        {
            errors.Add(new DomainError("Contract.NegativeAmount", field));
            return null;
        }
        if (decimal.Round(value.Value, 2) != value.Value)
        {
            errors.Add(new DomainError("Money.TwoDecimals", field));
            return null;
        }
        return value;
    }
}
