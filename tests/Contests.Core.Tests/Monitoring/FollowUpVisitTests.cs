using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Core.Programmes;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Monitoring;

public sealed class FollowUpVisitTests
{
    private const int OfficerId = 5;

    // Registered on 7 April 2025 at 09:30 in Lima; the visit is recorded on 20 November 2025.
    private static readonly DateTime Entered = new(2025, 4, 7, 14, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2025, 11, 20, 15, 0, 0, DateTimeKind.Utc);

    private static Entry EntryWithBaseline()
    {
        var setup = new RoundSetup
        {
            Name = "Concurso 2025", LocalOfficeId = 1, Level = RoundLevel.Households, Themes = new HashSet<Theme> { Theme.CorralsAndPastures },
            Scope = RoundScope.Everywhere, PoolBy = PoolBy.Community, Categories = [],
        };
        var round = ContestRound.Create(1, setup, OfficerId, Entered).Round!;
        var errors = new List<DomainError>();
        var rubric = Rubric.Create([new RubricPart("Campo", [new Criterion("Avance", null, 100, 1)], 3, 3, Aggregation.Mean)], 70, errors)!;
        Assert.True(round.SetRules(new RoundRules(rubric, new PrizeRules { Tiers = [600m], BudgetLines = [new BudgetLine(1, 600m)] }), null, OfficerId, Entered).Succeeded);
        Assert.True(round.MoveTo(RoundPhase.Open, new PhaseFacts { HasRubric = true, HasBudget = true }, false, OfficerId, Entered).Succeeded);
        var entry = Entry.Register(round, new Entry.Competitor(12, "Familia Quispe Huamán", 3, "030101", Women: true),
            new PoolAssignment("C:3", "Huayllabamba"), null, null, new EligibilityResult([], []), 1, OfficerId, Entered).Entry!;
        var cuyes = BaselineItem.Create("Crianza de cuyes", 12, "cabezas", 360m, null, "Items[0]", errors)!;
        var pastos = BaselineItem.Create("Pastos cultivados", 0.5m, "ha", null, null, "Items[1]", errors)!;
        Assert.Empty(errors);
        Assert.True(entry.SetBaseline(RoundPhase.Open, [cuyes, pastos]).Succeeded);
        return entry;
    }

    private static FollowUpInput Valid() => new()
    {
        VisitedOn = new DateOnly(2025, 11, 18),
        VisitedBy = Visitor.Lrac,
        VisitorName = "Juana Mamani Ccori",
        Items = [new FollowUpItemInput(0, 30, 900m), new FollowUpItemInput(1, 1.5m, 2_400m)],
        Spending = new Dictionary<SpendingCategory, decimal?> { [SpendingCategory.Animals] = 250m, [SpendingCategory.Tools] = 50.50m },
        OwnInvestment = 120m,
        InvestmentKept = true,
    };

    [Fact]
    public void Record_Valid_KeepsEveryActivityAndTheSpending()
    {
        var (result, visit) = FollowUpVisit.Record(EntryWithBaseline(), Valid(), OfficerId, Now);

        Assert.True(result.Succeeded);
        Assert.Equal([new FollowUpItem(0, 30, 900m), new FollowUpItem(1, 1.5m, 2_400m)], visit!.Items);
        Assert.Equal([new FollowUpSpending(SpendingCategory.Tools, 50.50m), new FollowUpSpending(SpendingCategory.Animals, 250m)], visit.Spending);
        Assert.Equal((300.50m, 120m, true, Visitor.Lrac), (visit.SpentTotal, visit.OwnInvestment, visit.InvestmentKept, visit.VisitedBy));
        Assert.Equal((Now, OfficerId), (visit.RecordedUtc, visit.RecordedByUserId));
    }

    [Fact]
    public void Record_BlankRowsAndZeroSpending_AreSkipped()
    {
        var input = Valid() with
        {
            Items = [new FollowUpItemInput(0, 30, null), new FollowUpItemInput(1, null, null)],
            Spending = new Dictionary<SpendingCategory, decimal?> { [SpendingCategory.Health] = 0m, [SpendingCategory.Savings] = null },
        };

        var (_, visit) = FollowUpVisit.Record(EntryWithBaseline(), input, OfficerId, Now);

        Assert.Equal([new FollowUpItem(0, 30, null)], visit!.Items);
        Assert.Empty(visit.Spending);
    }

    [Theory]
    [InlineData(2025, 4, 6, "FollowUp.BeforeEntry")] // the day before the entry (Lima)
    [InlineData(2025, 11, 21, "FollowUp.InTheFuture")] // tomorrow in Lima
    public void Record_DateOutsideTheWindow_IsRefusedOnTheDate(int year, int month, int day, string code)
    {
        var (result, visit) = FollowUpVisit.Record(EntryWithBaseline(), Valid() with { VisitedOn = new DateOnly(year, month, day) }, OfficerId, Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal((code, "VisitedOn"), (error.Code, error.Field));
        Assert.Null(visit);
    }

    [Fact]
    public void Record_OnTheDayOfEntryAndToday_IsAccepted()
    {
        Assert.True(FollowUpVisit.Record(EntryWithBaseline(), Valid() with { VisitedOn = new DateOnly(2025, 4, 7) }, OfficerId, Now).Result.Succeeded);
        Assert.True(FollowUpVisit.Record(EntryWithBaseline(), Valid() with { VisitedOn = new DateOnly(2025, 11, 20) }, OfficerId, Now).Result.Succeeded);
    }

    [Fact]
    public void Record_EveryProblemAtOnce_EachOnItsField()
    {
        var input = new FollowUpInput
        {
            Items = [new FollowUpItemInput(2, 4, 10m), new FollowUpItemInput(0, -1, 10.005m), new FollowUpItemInput(1, 2, 1m), new FollowUpItemInput(1, 3, 1m)],
            Spending = new Dictionary<SpendingCategory, decimal?> { [SpendingCategory.Animals] = -5m },
            OwnInvestment = 0.001m,
        };

        var (result, _) = FollowUpVisit.Record(EntryWithBaseline(), input, OfficerId, Now);

        Assert.Equal(
            [
                ("Validation.Required", "VisitedOn"), ("Validation.Required", "VisitedBy"), ("Validation.Required", "VisitorName"),
                ("FollowUp.UnknownActivity", "Items[0].Position"), ("Baseline.QuantityNegative", "Items[1].Quantity"),
                ("FollowUp.AmountInvalid", "Items[1].Value"), ("FollowUp.ActivityTwice", "Items[3].Position"),
                ("FollowUp.AmountInvalid", "Spending[Animals]"), ("FollowUp.AmountInvalid", "OwnInvestment"),
            ],
            result.Errors.Select(e => (e.Code, e.Field)));
    }

    [Theory]
    [InlineData("Juana 😀 Mamani")]
    [InlineData("CLAR 👍🏽")]
    public void Record_VisitorNameWithEmoji_IsRefused_NamingTheCharacter_ButACommitteeNameWithADigitIsNot(string name)
    {
        var (refused, _) = FollowUpVisit.Record(EntryWithBaseline(), Valid() with { VisitorName = name }, OfficerId, Now);
        var (saved, _) = FollowUpVisit.Record(EntryWithBaseline(), Valid() with { VisitorName = "CLAR N° 2 de Mariño" }, OfficerId, Now);

        Assert.Equal([("Text.Symbol", "VisitorName")], refused.Errors.Select(e => (e.Code, e.Field)));
        Assert.True(saved.Succeeded);
    }

    [Fact]
    public void Record_NothingObserved_IsRefused()
    {
        var input = Valid() with { Items = [], Spending = new Dictionary<SpendingCategory, decimal?>(), OwnInvestment = null, InvestmentKept = false };

        Assert.Equal("FollowUp.Empty", Assert.Single(FollowUpVisit.Record(EntryWithBaseline(), input, OfficerId, Now).Result.Errors).Code);
    }

    [Fact]
    public void Record_WithdrawnEntry_IsRefused()
    {
        var entry = EntryWithBaseline();
        Assert.True(entry.Withdraw(RoundPhase.Open, "Se mudó", OfficerId, Entered).Succeeded);

        Assert.Equal("FollowUp.EntryNotActive", Assert.Single(FollowUpVisit.Record(entry, Valid(), OfficerId, Now).Result.Errors).Code);
    }
}
