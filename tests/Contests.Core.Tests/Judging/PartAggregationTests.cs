using Contests.Core.Judging;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Judging;

public sealed class PartAggregationTests
{
    private static JurorTotal[] Totals(params decimal[] totals) => [.. totals.Select((t, i) => new JurorTotal(i + 1, t))];

    [Fact]
    public void Mean_OfThreeJurors_RoundedToTheCentimeOfAPoint()
    {
        var score = PartAggregation.Aggregate(Aggregation.Mean, Totals(40m, 42m, 45m));

        Assert.Equal(42.33m, score.Score);
        Assert.Equal(3, score.Used.Count);
        Assert.Empty(score.Dropped);
    }

    [Fact]
    public void Mean_HalfwayRoundsAwayFromZero()
    {
        Assert.Equal(40.01m, PartAggregation.Aggregate(Aggregation.Mean, Totals(40m, 40.02m, 40m, 40.00m, 40.005m, 40.005m, 40.005m, 40.005m)).Score);
        Assert.Equal(10.13m, PartAggregation.Aggregate(Aggregation.Mean, Totals(10.125m)).Score);
    }

    [Theory]
    [InlineData(new[] { 30.0, 45.0, 40.0 }, 40.0)]
    [InlineData(new[] { 30.0, 45.0, 40.0, 50.0 }, 42.5)]
    [InlineData(new[] { 12.0 }, 12.0)]
    [InlineData(new[] { 10.0, 10.0, 50.0 }, 10.0)]
    public void Median_OddTakesTheMiddle_EvenTheMeanOfTheTwoMiddle(double[] totals, double expected)
    {
        var score = PartAggregation.Aggregate(Aggregation.Median, Totals([.. totals.Select(t => (decimal)t)]));

        Assert.Equal((decimal)expected, score.Score);
    }

    [Fact]
    public void TrimmedMean_WithFourJurors_DropsNothing_ItIsTheMean()
    {
        var score = PartAggregation.Aggregate(Aggregation.TrimmedMean, Totals(10m, 40m, 42m, 50m));

        Assert.Equal(35.5m, score.Score);
        Assert.Empty(score.Dropped);
        Assert.Equal(4, score.Used.Count);
    }

    [Fact]
    public void TrimmedMean_WithFiveJurors_DropsTheHighestAndTheLowest()
    {
        var score = PartAggregation.Aggregate(Aggregation.TrimmedMean, Totals(10m, 40m, 42m, 44m, 50m));

        Assert.Equal(42m, score.Score);
        Assert.Equal([10m, 50m], score.Dropped.Select(d => d.Total));
        Assert.Equal([40m, 42m, 44m], score.Used.Select(u => u.Total));
    }

    [Fact]
    public void TrimmedMean_EqualExtremes_DropsOneOfEach_ChosenByJurorNotByOrder()
    {
        JurorTotal[] first = [new(7, 30m), new(3, 30m), new(5, 40m), new(9, 45m), new(2, 45m)];
        JurorTotal[] shuffled = [new(2, 45m), new(5, 40m), new(9, 45m), new(3, 30m), new(7, 30m)];

        var a = PartAggregation.Aggregate(Aggregation.TrimmedMean, first);
        var b = PartAggregation.Aggregate(Aggregation.TrimmedMean, shuffled);

        Assert.Equal(38.33m, a.Score);
        Assert.Equal([3, 9], a.Dropped.Select(d => d.JurorId));
        Assert.Equal(a.Dropped, b.Dropped);
        Assert.Equal(a.Score, b.Score);
    }

    [Fact]
    public void NoJurors_IsAProgrammingError()
    {
        Assert.Throws<ArgumentException>(() => PartAggregation.Aggregate(Aggregation.Mean, []));
    }
}
