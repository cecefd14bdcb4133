using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Core.Plans;

namespace Contests.Core.Tests.Documents;

/// <summary>
/// Addenda to a donation contract: numbered 1, 2… per contract; the term and amounts in force computed in one place
/// (and read by the plan's term and accounting); a term that doesn't end later, or an amount change without an approved
/// LRAC acta of the round held since the signature, refused.
/// </summary>
public sealed class ContractAddendumTests
{
    private const string Sheds = "Galpones mejorados";
    private const string Training = "Capacitación";
    private static readonly DateOnly Signed = new(2026, 3, 2);
    private static readonly LracDecision Session = new(41, "009-2026", new DateOnly(2026, 6, 10));
    private static readonly DonationContract Contract = NewContract();

    [Fact]
    public void NextNumber_IsOneForTheFirst_ThenAfterTheHighest()
    {
        Assert.Equal(1, ContractAddendum.NextNumber([]));
        Assert.Equal(3, ContractAddendum.NextNumber([Addendum(1, Term(18)), Addendum(2, Amount(Sheds, 4_000m, 1_500m))]));
    }

    [Fact]
    public void Effective_WithoutAddenda_IsTheContractAsSigned()
    {
        var effective = ContractAddendum.Effective(Contract, []);

        Assert.Equal((12, new DateOnly(2027, 3, 1), 7_500m, 2_500m), (effective.TermMonths, effective.End, effective.Project, effective.Counterpart));
    }

    [Fact]
    public void Effective_AppliesTheAddendaInNumberOrder_TheLastTermAndEachComponentsAmounts()
    {
        var addenda = new[] { Addendum(3, Term(20)), Addendum(1, Term(18)), Addendum(2, Amount(Sheds, 4_000m, 1_600m)) };

        var effective = ContractAddendum.Effective(Contract, addenda);

        Assert.Equal(20, effective.TermMonths);
        Assert.Equal(new DateOnly(2027, 11, 1), effective.End);
        Assert.Equal([new ContractComponent(Sheds, 4_000m, 1_600m), new ContractComponent(Training, 2_500m, 1_000m)], effective.Components);
        Assert.Equal((6_500m, 2_600m), (effective.Project, effective.Counterpart));
    }

    [Fact]
    public void PlanTerm_AfterAnExtension_CountsAReceiptPastTheSignedTerm()
    {
        var receipt = PlanReceiptOn(new DateOnly(2027, 5, 10));
        var signed = PlanAccounting.Compute(PlanTerm.Of(Contract), Contract.Components, [5_250m], [receipt]);
        var extended = PlanAccounting.Compute(PlanTerm.Of(Contract, [Addendum(1, Term(18))]), Contract.Components, [5_250m], [receipt]);

        Assert.Single(signed.OutsideTerm);
        Assert.Empty(extended.OutsideTerm);
        Assert.Equal(200m, extended.Tranche(1)!.Accounted);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(10)]
    public void Draft_ATermThatDoesNotEndLater_IsRefused(int months)
    {
        var errors = new List<DomainError>();

        Assert.Null(Draft(Input(AddendumKind.TermExtension, months: months), errors));

        Assert.Equal(("Addendum.TermNotLonger", "TermMonths"), (Assert.Single(errors).Code, errors[0].Field));
    }

    [Fact]
    public void Draft_ATermPastTheLimit_IsRefused()
    {
        var errors = new List<DomainError>();

        Assert.Null(Draft(Input(AddendumKind.TermExtension, months: ContractTerms.MaxTermMonths + 1), errors));

        Assert.Equal("Contract.TermRange", Assert.Single(errors).Code);
    }

    [Fact]
    public void Draft_ALongerTerm_IsAccepted_WithItsNumber()
    {
        var errors = new List<DomainError>();

        var change = Draft(Input(AddendumKind.TermExtension, months: 18), errors, number: 2);

        Assert.Empty(errors);
        Assert.Equal((AddendumKind.TermExtension, 2, (int?)18), (change!.Kind, change.Number, change.TermMonths));
        Assert.Null(change.Decision);
    }

    [Fact]
    public void Draft_AnAmountChangeWithoutAnLracDecision_IsRefused()
    {
        var none = new List<DomainError>();
        var unknown = new List<DomainError>();

        Assert.Null(Draft(Input(AddendumKind.AmountChange, actaId: null), none));
        Assert.Null(Draft(Input(AddendumKind.AmountChange, actaId: 99), unknown));

        Assert.Equal(("Addendum.NoLracDecision", "ActaId"), (Assert.Single(none).Code, none[0].Field));
        Assert.Equal("Addendum.NoLracDecision", Assert.Single(unknown).Code);
    }

    [Fact]
    public void Draft_AnAmountChangeCitingAnActaBeforeTheSignature_IsRefused()
    {
        var errors = new List<DomainError>();
        var before = new LracDecision(40, "007-2026", Signed.AddDays(-1));

        Assert.Null(ContractAddendum.Draft(Contract, ContractAddendum.Effective(Contract, []), 1, Input(AddendumKind.AmountChange, actaId: 40), [before], errors));

        Assert.Equal("Addendum.DecisionBeforeContract", Assert.Single(errors).Code);
    }

    [Fact]
    public void Draft_AnAmountChangeWithItsDecision_IsAccepted()
    {
        var errors = new List<DomainError>();

        var change = Draft(Input(AddendumKind.AmountChange), errors);

        Assert.Empty(errors);
        Assert.Equal(new ContractComponent(Sheds, 4_000m, 1_600m), change!.Component);
        Assert.Equal(Session, change.Decision);
    }

    [Fact]
    public void Draft_AnUnknownComponent_OrTheSameAmounts_OrThreeDecimals_AreRefused()
    {
        var unknown = new List<DomainError>();
        var same = new List<DomainError>();
        var decimals = new List<DomainError>();

        Draft(Input(AddendumKind.AmountChange, component: "Otro"), unknown);
        Draft(Input(AddendumKind.AmountChange, project: 5_000m, counterpart: 1_500m), same);
        Draft(Input(AddendumKind.AmountChange, project: 4_000.005m), decimals);

        Assert.Equal("Addendum.UnknownComponent", Assert.Single(unknown).Code);
        Assert.Equal("Addendum.NothingChanged", Assert.Single(same).Code);
        Assert.Equal(("Money.TwoDecimals", "Project"), (Assert.Single(decimals).Code, decimals[0].Field));
    }

    [Fact]
    public void Draft_WithoutAKindOrAReason_IsRefusedAtBothFields()
    {
        var errors = new List<DomainError>();

        Assert.Null(Draft(new AddendumInput(null, null, null, null, null, null, " "), errors));

        Assert.Equal(["Kind", "Reason"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Record_KeepsTheChange_ForTheContractsEntry()
    {
        var change = Draft(Input(AddendumKind.AmountChange), [])!;
        var document = DocumentBuilders.Issue(DocumentKind.Addendum, subject: new DocumentSubject(5, "addendum:1:1", EntryId: Contract.EntryId));

        var addendum = ContractAddendum.Record(document, Contract, change, 11, DocumentBuilders.Now);

        Assert.Equal((1, AddendumKind.AmountChange, (string?)Sheds, (decimal?)4_000m, (decimal?)1_600m, (int?)41), (addendum.Number, addendum.Kind,
            addendum.Component, addendum.ProjectAmount, addendum.CounterpartAmount, addendum.ActaId));
        Assert.Throws<ArgumentException>(() => ContractAddendum.Record(DocumentBuilders.Issue(), Contract, change, 11, DocumentBuilders.Now));
    }

    private static AddendumInput Input(AddendumKind kind, int? months = null, string component = Sheds, decimal? project = 4_000m, decimal? counterpart = 1_600m,
        int? actaId = 41) =>
        new(kind, months, component, project, counterpart, actaId, "Acordado por el CLAR ante la helada de junio.");

    private static AddendumChange? Draft(AddendumInput input, List<DomainError> errors, int number = 1) =>
        ContractAddendum.Draft(Contract, ContractAddendum.Effective(Contract, []), number, input, [Session], errors);

    private static AddendumChange Term(int months) => new(AddendumKind.TermExtension, 0, months, null, null, "Plazo");

    private static AddendumChange Amount(string component, decimal project, decimal counterpart) =>
        new(AddendumKind.AmountChange, 0, null, new ContractComponent(component, project, counterpart), Session, "Montos");

    private static ContractAddendum Addendum(int number, AddendumChange change) =>
        ContractAddendum.Record(DocumentBuilders.Issue(DocumentKind.Addendum, subject: new DocumentSubject(5, $"addendum:1:{number}", EntryId: Contract.EntryId)),
            Contract, change with { Number = number }, 11, DocumentBuilders.Now);

    private static PlanReceipt PlanReceiptOn(DateOnly day)
    {
        var errors = new List<DomainError>();
        var receipt = PlanReceipt.Record(5, Contract.EntryId, new ReceiptInput(day, "20100070970", ReceiptDocumentType.Invoice, "F001-9", 200m,
            ReceiptPayer.Project, Sheds), [Sheds, Training], [], new DateOnly(2028, 1, 1), 11, DocumentBuilders.Now, errors);
        Assert.Empty(errors);
        return receipt!;
    }

    private static DonationContract NewContract()
    {
        var document = DocumentBuilders.Issue(DocumentKind.Contract, subject: new DocumentSubject(5, "contract:107", AwardId: 7, EntryId: 107, ActaId: 3));
        var terms = new ContractTerms([new ContractComponent(Sheds, 5_000m, 1_500m), new ContractComponent(Training, 2_500m, 1_000m)], 12, "Tamburco", Signed);
        return DonationContract.Record(document, 12, 7, 1, terms, 11, DocumentBuilders.Now);
    }
}
