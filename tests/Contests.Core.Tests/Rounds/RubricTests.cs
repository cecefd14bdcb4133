using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Rounds;

public sealed class RubricTests
{
    private static RubricPart Part(string name, decimal maxPerCriterion = 25, int criteria = 2, int min = 3, int max = 3,
        Aggregation aggregation = Aggregation.Mean) =>
        new(name, [.. Enumerable.Range(1, criteria).Select(i => new Criterion($"Criterio {i}", null, maxPerCriterion, 1))], min, max, aggregation);

    private static (Rubric? Rubric, List<DomainError> Errors) Create(IReadOnlyList<RubricPart> parts, decimal qualifying)
    {
        var errors = new List<DomainError>();
        return (Rubric.Create(parts, qualifying, errors), errors);
    }

    [Fact]
    public void Create_FieldFiftyPlusPublicFifty_MaxHundred_ApprovedFromSeventy()
    {
        var (rubric, errors) = Create([Part("Campo"), Part("Público")], 70);

        Assert.Empty(errors);
        Assert.Equal(100, rubric!.MaxScore);
        Assert.Equal([50m, 50m], rubric.Parts.Select(p => p.MaxPoints));
        Assert.Equal(70, rubric.QualifyingScore);
    }

    [Fact]
    public void Create_SingleSheetOneToTwenty_WithWeights_CountsWeightedMaximum()
    {
        var part = new RubricPart("Ficha", [new Criterion("Avance", null, 10, 1.5m), new Criterion("Sostenibilidad", null, 5, 1)], 3, 3, Aggregation.Median);

        var (rubric, errors) = Create([part], 12);

        Assert.Empty(errors);
        Assert.Equal(20, rubric!.MaxScore);
    }

    [Fact]
    public void Create_Empty_SaysItNeedsAPart() =>
        Assert.Equal("Rubric.NoParts", Assert.Single(Create([], 0).Errors).Code);

    [Fact]
    public void Create_EveryProblemAtOnce_NamesPartAndCriterion()
    {
        var bad = new RubricPart("Campo", [new Criterion("Avance", null, 0, 1), new Criterion("avance", null, 10, -1)], 0, 3, Aggregation.Mean);

        var (rubric, errors) = Create([bad, new RubricPart("campo", [], 2, 11, Aggregation.Mean)], 70);

        Assert.Null(rubric);
        Assert.Equal(
        [
            ("Rubric.Jurors", "Parts[0].MinJurors"),
            ("Rubric.MaxPoints", "Parts[0].Criteria[0].MaxPoints"),
            ("Rubric.CriterionNameRepeated", "Parts[0].Criteria[1].Name"),
            ("Rubric.Weight", "Parts[0].Criteria[1].Weight"),
            ("Rubric.PartNameRepeated", "Parts[1].Name"),
            ("Rubric.NoCriteria", "Parts[1].Criteria"),
            ("Rubric.Jurors", "Parts[1].MinJurors"),
        ], errors.Select(e => (e.Code, e.Field!)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.01)]
    public void Create_QualifyingScoreOutsideTheScale_IsRefused(decimal qualifying)
    {
        var error = Assert.Single(Create([Part("Campo"), Part("Público")], qualifying).Errors);

        Assert.Equal(("Rubric.QualifyingScore", 100m), (error.Code, ((Number)error.Arguments[0]).Value));
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(3, 10, true)]
    [InlineData(4, 3, false)]
    [InlineData(1, 11, false)]
    public void Create_JurorsPerEntry_BetweenOneAndTen_MinNotAboveMax(int min, int max, bool valid) =>
        Assert.Equal(valid, Create([Part("Campo", min: min, max: max)], 0).Errors.Count == 0);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 120)]
    [InlineData(75, 9_000)]
    [InlineData(150, 18_000)]
    [InlineData(151, 18_000)]
    [InlineData(400, 18_000)]
    public void SiirBudget_Is120PerHousehold_CappedAt150Households(int households, decimal expected) =>
        Assert.Equal(Money.Of(expected), PrizeBudget.Siir(households));

    [Fact]
    public void SiirBudget_NegativeHouseholds_IsAProgrammingError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PrizeBudget.Siir(-1));
}
