using Contests.Core.Common;

namespace Contests.Core.Documents;

/// <summary>One row of a contract's components table: what the plan spends on one component and who pays it.</summary>
/// <param name="Name">The component ("Mejoramiento de cobertizos …").</param>
/// <param name="Project">The project's share, in soles.</param>
/// <param name="Counterpart">The organization's counterpart, in soles.</param>
public sealed record ContractComponent(string Name, decimal Project, decimal Counterpart)
{
    public decimal Total => Project + Counterpart;
}

/// <summary>A component as typed: every value may be missing or wrong (the form keeps it as it was).</summary>
/// <param name="Name">The component's name.</param>
/// <param name="Project">The project's share, already read as a number (null when blank or unreadable).</param>
/// <param name="Counterpart">The organization's counterpart, already read as a number.</param>
public sealed record ContractComponentInput(string? Name, decimal? Project, decimal? Counterpart);

/// <summary>What the officer sets when preparing one organization's contract.</summary>
/// <param name="Components">The plan's components (blank rows are dropped before).</param>
/// <param name="TermMonths">The plan's execution term, in months.</param>
/// <param name="Place">Where the contract is signed.</param>
/// <param name="SignedOn">When it is signed (Lima date).</param>
public sealed record ContractTermsInput(IReadOnlyList<ContractComponentInput> Components, int? TermMonths, string? Place, DateOnly? SignedOn);

/// <summary>What one contract is issued from, for the amounts the acta approved.</summary>
/// <param name="ProjectShare">The award the acta approved (the project's donation).</param>
/// <param name="Counterpart">The organization's counterpart, as registered with its plan.</param>
/// <param name="ActaDate">The acta's session date (Lima): a contract is not signed before it.</param>
public sealed record ContractAmounts(decimal ProjectShare, decimal Counterpart, DateOnly ActaDate);

/// <summary>
/// The terms of one <i>contrato de donación con cargo</i> (docs/architecture.md#how-the-programmes-do-it): the plan's components with the project's
/// share and the counterpart of each, which must add up, to the céntimo, to the award the CLAR's acta approved and to
/// the counterpart the organization committed; the term in months; the place and date of signature (not before the
/// acta). Percentages per component are computed, never typed.
/// </summary>
public sealed record ContractTerms(IReadOnlyList<ContractComponent> Components, int TermMonths, string Place, DateOnly SignedOn)
{
    public const int MaxComponents = 30;
    public const int ComponentNameMaxLength = 300;
    public const int PlaceMaxLength = 120;
    public const int MinTermMonths = 1;
    public const int MaxTermMonths = 60;

    public decimal Project => Components.Sum(c => c.Project);

    public decimal Counterpart => Components.Sum(c => c.Counterpart);

    public decimal Total => Project + Counterpart;

    /// <summary>
    /// The terms, or null with every reason in <paramref name="errors"/> (fields <c>Components[i].Name</c>,
    /// <c>Components[i].Project</c>, <c>Components[i].Counterpart</c>, <c>Components</c>, <c>TermMonths</c>,
    /// <c>Place</c>, <c>SignedOn</c>).
    /// </summary>
    public static ContractTerms? Create(ContractTermsInput input, ContractAmounts amounts, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(amounts);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var components = new List<ContractComponent>();
        if (input.Components.Count == 0)
        {
            errors.Add(new DomainError("Contract.NoComponents", "Components"));
        }
        else if (input.Components.Count > MaxComponents)
        {
            errors.Add(new DomainError("Contract.TooManyComponents", "Components", MaxComponents));
        }
        var sumsReadable = true;
        for (var i = 0; i < input.Components.Count && i < MaxComponents; i++)
        {
            var c = input.Components[i];
            var field = $"Components[{i}]";
            var texts = new List<DomainError>();
            var name = Text.Required(c.Name, ComponentNameMaxLength, field + ".Name", texts);
            foreach (var error in texts)
            {
                errors.Add(error with { Arguments = [.. error.Arguments.Select(a => a is FieldLabel ? new FieldLabel("ComponentName") : a)] });
            }
            var project = Amount(c.Project, field + ".Project", "ComponentProject", errors);
            var counterpart = Amount(c.Counterpart, field + ".Counterpart", "ComponentCounterpart", errors);
            if (project is null || counterpart is null)
            {
                sumsReadable = false;
                continue;
            }
            if (project + counterpart == 0)
            {
                errors.Add(new DomainError("Contract.EmptyComponent", field + ".Project"));
            }
            if (name is not null)
            {
                components.Add(new ContractComponent(name, project.Value, counterpart.Value));
            }
        }
        if (sumsReadable && input.Components.Count is > 0 and <= MaxComponents)
        {
            var project = input.Components.Sum(c => c.Project ?? 0);
            var counterpart = input.Components.Sum(c => c.Counterpart ?? 0);
            if (project != amounts.ProjectShare)
            {
                errors.Add(new DomainError("Contract.ProjectSum", "Components", project, amounts.ProjectShare));
            }
            if (counterpart != amounts.Counterpart)
            {
                errors.Add(new DomainError("Contract.CounterpartSum", "Components", counterpart, amounts.Counterpart));
            }
        }
        if (input.TermMonths is null)
        {
            errors.Add(new DomainError("Validation.Required", "TermMonths", new FieldLabel("TermMonths")));
        }
        else if (input.TermMonths is < MinTermMonths or > MaxTermMonths)
        {
            errors.Add(new DomainError("Contract.TermRange", "TermMonths", MinTermMonths, MaxTermMonths));
        }
        var placeErrors = new List<DomainError>();
        var place = Text.Name(input.Place, PlaceMaxLength, "Place", required: true, placeErrors);
        foreach (var error in placeErrors)
        {
            errors.Add(error with { Arguments = [.. error.Arguments.Select(a => a is FieldLabel ? new FieldLabel("SignedAt") : a)] });
        }
        if (input.SignedOn is null)
        {
            errors.Add(new DomainError("Validation.Required", "SignedOn", new FieldLabel("SignedOn")));
        }
        else if (input.SignedOn < amounts.ActaDate)
        {
            errors.Add(new DomainError("Contract.SignedBeforeActa", "SignedOn", amounts.ActaDate));
        }
        else if (DateWindow.YearFrom(amounts.ActaDate).Check(input.SignedOn.Value, "SignedOn") is { } late)
        {
            // Printed on the contract: a date years after the acta (9999-12-31) is a typing slip, not a plan.
            errors.Add(late);
        }
        return errors.Count > before ? null : new ContractTerms(components, input.TermMonths!.Value, place!, input.SignedOn!.Value);
    }

    /// <summary>
    /// The terms the form starts with: the components of the previous contract when it had the same amounts, or one
    /// component (the plan) with the whole award and counterpart; the term and place of the previous one or none.
    /// </summary>
    public static ContractTermsInput Suggested(string planTitle, ContractAmounts amounts, ContractTerms? previous, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var sameAmounts = previous is not null && previous.Project == amounts.ProjectShare && previous.Counterpart == amounts.Counterpart;
        IReadOnlyList<ContractComponentInput> components = sameAmounts
            ? [.. previous!.Components.Select(c => new ContractComponentInput(c.Name, c.Project, c.Counterpart))]
            : [new ContractComponentInput(planTitle, amounts.ProjectShare, amounts.Counterpart)];
        var signed = today < amounts.ActaDate ? amounts.ActaDate : today;
        return new ContractTermsInput(components, previous?.TermMonths, previous?.Place, signed);
    }

    private static decimal? Amount(decimal? value, string field, string label, ICollection<DomainError> errors)
    {
        if (value is null)
        {
            errors.Add(new DomainError("Validation.Required", field, new FieldLabel(label)));
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

/// <summary>
/// The record of one issued contract: which document, for which entry and award, under which acta and template
/// version, with the terms the officer set. Never edited: a corrected contract is a new document and a new record
/// (the old document voided); the form of the next one starts from the last terms.
/// </summary>
public sealed class DonationContract
{
    private DonationContract()
    {
        Components = [];
        Place = string.Empty;
    }

    public int Id { get; private set; }

    public int DocumentId { get; private set; }

    public int RoundId { get; private set; }

    public int EntryId { get; private set; }

    public int OrganizationId { get; private set; }

    public int AwardId { get; private set; }

    public int ActaId { get; private set; }

    /// <summary>The template version whose clauses were printed.</summary>
    public int TemplateVersion { get; private set; }

    public decimal ProjectAmount { get; private set; }

    public decimal CounterpartAmount { get; private set; }

    public IReadOnlyList<ContractComponent> Components { get; private set; }

    public int TermMonths { get; private set; }

    public string Place { get; private set; }

    public DateOnly SignedOn { get; private set; }

    public int CreatedByUserId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public ContractTerms Terms => new(Components, TermMonths, Place, SignedOn);

    /// <param name="document">The contract's issued document (saved in the same transaction).</param>
    /// <param name="organizationId">The organization that signs.</param>
    /// <param name="awardId">The award the acta approved.</param>
    /// <param name="templateVersion">The version of the clauses printed.</param>
    /// <param name="terms">The terms set by the officer.</param>
    /// <param name="userId">Who issued it.</param>
    /// <param name="nowUtc">When.</param>
    public static DonationContract Record(IssuedDocument document, int organizationId, int awardId, int templateVersion, ContractTerms terms,
        int userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(terms);
        if (document.Kind != DocumentKind.Contract || document.EntryId is null || document.ActaId is null)
        {
            throw new ArgumentException("A contract's document names its entry and acta.", nameof(document));
        }
        return new DonationContract
        {
            Document = document, RoundId = document.RoundId, EntryId = document.EntryId.Value, ActaId = document.ActaId.Value,
            OrganizationId = organizationId, AwardId = awardId, TemplateVersion = templateVersion, ProjectAmount = terms.Project,
            CounterpartAmount = terms.Counterpart, Components = terms.Components, TermMonths = terms.TermMonths, Place = terms.Place,
            SignedOn = terms.SignedOn, CreatedByUserId = userId, CreatedUtc = nowUtc,
        };
    }

    /// <summary>The document, for saving both in one transaction (its id is known after).</summary>
    public IssuedDocument? Document { get; private set; }
}
