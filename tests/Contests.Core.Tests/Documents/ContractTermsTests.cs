using Contests.Core.Common;
using Contests.Core.Documents;

namespace Contests.Core.Tests.Documents;

/// <summary>
/// A contract's terms: components that add up to the céntimo to the award the acta approved and to the committed
/// counterpart, each row checked against its field, a term in months within range, a place, and a signature date
/// not before the acta; the form's suggestion reuses the last contract's terms only while its amounts still hold.
/// </summary>
public sealed class ContractTermsTests
{
    private static readonly DateOnly ActaDate = new(2026, 11, 18);
    private static readonly ContractAmounts Amounts = new(24_000m, 6_000m, ActaDate);

    private static ContractTermsInput Input(params ContractComponentInput[] components) =>
        new(components, 12, "Abancay", new DateOnly(2026, 11, 24));

    private static ContractTerms? Create(ContractTermsInput input, out List<DomainError> errors)
    {
        errors = [];
        return ContractTerms.Create(input, Amounts, errors);
    }

    [Fact]
    public void Components_ThatAddUp_MakeTheTerms_WithTotals()
    {
        var terms = Create(Input(new("Galpón de cuyes", 15_000.50m, 4_000m), new("Capacitación", 8_999.50m, 2_000m)), out var errors);

        Assert.Empty(errors);
        Assert.NotNull(terms);
        Assert.Equal((24_000m, 6_000m, 30_000m), (terms.Project, terms.Counterpart, terms.Total));
        Assert.Equal(["Galpón de cuyes", "Capacitación"], terms.Components.Select(c => c.Name));
        Assert.Equal(19_000.50m, terms.Components[0].Total);
        Assert.Equal((12, "Abancay", new DateOnly(2026, 11, 24)), (terms.TermMonths, terms.Place, terms.SignedOn));
    }

    [Theory]
    [InlineData(23_999.99, 6_000, "Contract.ProjectSum")]
    [InlineData(24_000.01, 6_000, "Contract.ProjectSum")]
    [InlineData(24_000, 5_999.99, "Contract.CounterpartSum")]
    [InlineData(24_000, 6_000.01, "Contract.CounterpartSum")]
    public void Sums_OffByOneCentimo_AreRefused_WithBothAmounts(double project, double counterpart, string code)
    {
        var terms = Create(Input(new ContractComponentInput("Plan", (decimal)project, (decimal)counterpart)), out var errors);

        Assert.Null(terms);
        var error = Assert.Single(errors);
        Assert.Equal((code, "Components"), (error.Code, error.Field));
        var expected = code == "Contract.ProjectSum" ? new object[] { (decimal)project, 24_000m } : [(decimal)counterpart, 6_000m];
        Assert.Equal(expected, error.Arguments);
    }

    [Fact]
    public void EachRow_IsCheckedAgainstItsOwnFields()
    {
        var terms = Create(Input(
            new("Plan", 24_000m, 6_000m),
            new(" ", 0m, 0m),
            new("Herramientas", -5m, null),
            new("Semillas", 10.005m, 0m)), out var errors);

        Assert.Null(terms);
        Assert.Equal(
        [
            ("Validation.Required", "Components[1].Name"), ("Contract.EmptyComponent", "Components[1].Project"),
            ("Contract.NegativeAmount", "Components[2].Project"), ("Validation.Required", "Components[2].Counterpart"),
            ("Money.TwoDecimals", "Components[3].Project"),
        ], errors.Select(e => (e.Code, e.Field)));
        Assert.Contains(errors, e => e.Arguments.SequenceEqual([new FieldLabel("ComponentName")]));
        Assert.Contains(errors, e => e.Arguments.SequenceEqual([new FieldLabel("ComponentCounterpart")]));
    }

    [Fact]
    public void NoComponents_OrTooMany_AreRefused()
    {
        Assert.Null(Create(Input(), out var none));
        Assert.Contains(none, e => e.Code == "Contract.NoComponents");

        var many = Enumerable.Range(0, ContractTerms.MaxComponents + 1).Select(i => new ContractComponentInput($"C{i}", 1m, 0m)).ToArray();
        Assert.Null(Create(Input(many), out var errors));
        Assert.Equal(("Contract.TooManyComponents", "Components"), (errors[0].Code, errors[0].Field));
        Assert.Equal([ContractTerms.MaxComponents], errors[0].Arguments);
    }

    [Theory]
    [InlineData(null, "Validation.Required")]
    [InlineData(0, "Contract.TermRange")]
    [InlineData(61, "Contract.TermRange")]
    public void Term_OutsideOneToSixtyMonths_IsRefused(int? months, string code)
    {
        var input = Input(new ContractComponentInput("Plan", 24_000m, 6_000m)) with { TermMonths = months };

        Assert.Null(Create(input, out var errors));
        Assert.Equal([(code, "TermMonths")], errors.Select(e => (e.Code, e.Field)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    public void Term_AtTheLimits_IsAccepted(int months)
    {
        var input = Input(new ContractComponentInput("Plan", 24_000m, 6_000m)) with { TermMonths = months };

        Assert.Equal(months, Create(input, out _)!.TermMonths);
    }

    [Fact]
    public void Signing_BeforeTheActa_IsRefused_OnTheActaDayAccepted()
    {
        var plan = new ContractComponentInput("Plan", 24_000m, 6_000m);

        Assert.Null(Create(Input(plan) with { SignedOn = ActaDate.AddDays(-1) }, out var errors));
        var error = Assert.Single(errors);
        Assert.Equal(("Contract.SignedBeforeActa", "SignedOn"), (error.Code, error.Field));
        Assert.Equal([ActaDate], error.Arguments);
        Assert.NotNull(Create(Input(plan) with { SignedOn = ActaDate }, out _));
    }

    [Theory]
    [InlineData(366)]
    [InlineData(2_000_000)]
    public void Signing_MoreThanAYearAfterTheActa_IsRefused_AYearAfterAccepted(int days)
    {
        var plan = new ContractComponentInput("Plan", 24_000m, 6_000m);
        var late = DateOnly.FromDayNumber(Math.Min(ActaDate.DayNumber + days, DateOnly.MaxValue.DayNumber));

        Assert.Null(Create(Input(plan) with { SignedOn = late }, out var errors));
        var error = Assert.Single(errors);
        Assert.Equal(("Date.OutOfRange", "SignedOn"), (error.Code, error.Field));
        Assert.NotNull(Create(Input(plan) with { SignedOn = ActaDate.AddYears(1) }, out _));
    }

    [Fact]
    public void MissingPlaceAndDate_AreEachReported()
    {
        var input = Input(new ContractComponentInput("Plan", 24_000m, 6_000m)) with { Place = "  ", SignedOn = null };

        Assert.Null(Create(input, out var errors));
        Assert.Equal([("Validation.Required", "Place"), ("Validation.Required", "SignedOn")], errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void ComponentName_IsCleaned_AndLimited()
    {
        var terms = Create(Input(new ContractComponentInput("  Galpón   de cuyes ", 24_000m, 6_000m)), out _);
        Assert.Equal("Galpón de cuyes", terms!.Components[0].Name);

        Assert.Null(Create(Input(new ContractComponentInput(new string('a', ContractTerms.ComponentNameMaxLength + 1), 24_000m, 6_000m)), out var errors));
        Assert.Equal([("Validation.MaxLength", "Components[0].Name")], errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Suggestion_WithoutAPreviousContract_IsThePlanAsOneComponent_SignedToday()
    {
        var today = new DateOnly(2026, 11, 24);

        var input = ContractTerms.Suggested("Crianza de cuyes", Amounts, null, today);

        Assert.Equal([new ContractComponentInput("Crianza de cuyes", 24_000m, 6_000m)], input.Components);
        Assert.Equal((null, null, today), (input.TermMonths, input.Place, input.SignedOn));
        Assert.NotNull(ContractTerms.Create(input with { TermMonths = 12, Place = "Abancay" }, Amounts, new List<DomainError>()));
    }

    [Fact]
    public void Suggestion_ReusesThePreviousTerms_OnlyWhileTheAmountsHold()
    {
        var previous = new ContractTerms([new("Galpón", 20_000m, 5_000m), new("Capacitación", 4_000m, 1_000m)], 10, "Tamburco", ActaDate);

        var same = ContractTerms.Suggested("Plan", Amounts, previous, new DateOnly(2026, 11, 30));
        Assert.Equal(["Galpón", "Capacitación"], same.Components.Select(c => c.Name));
        Assert.Equal((10, "Tamburco", new DateOnly(2026, 11, 30)), (same.TermMonths, same.Place, same.SignedOn));

        var changed = ContractTerms.Suggested("Plan", Amounts with { ProjectShare = 22_000m }, previous, new DateOnly(2026, 11, 30));
        Assert.Equal([new ContractComponentInput("Plan", 22_000m, 6_000m)], changed.Components);
        Assert.Equal(10, changed.TermMonths);
    }

    [Fact]
    public void Suggestion_IsNeverDatedBeforeTheActa()
    {
        var input = ContractTerms.Suggested("Plan", Amounts, null, ActaDate.AddDays(-3));

        Assert.Equal(ActaDate, input.SignedOn);
    }
}
