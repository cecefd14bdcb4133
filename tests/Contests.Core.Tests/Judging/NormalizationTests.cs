using Contests.Core.Judging;

namespace Contests.Core.Tests.Judging;

public sealed class NormalizationTests
{
    [Fact]
    public void StrictAndGenerousJurors_WithTheSameOrder_EndUpWithTheSameTotals()
    {
        // Juror 1 scores everyone 20 points lower than juror 2, in the same order and spread.
        RawTotal[] totals =
        [
            new(1, 101, 20m), new(1, 102, 25m), new(1, 103, 30m),
            new(2, 101, 40m), new(2, 102, 45m), new(2, 103, 50m),
        ];

        var normalized = Normalization.Normalize(totals, 50m);

        foreach (var entry in new[] { 101, 102, 103 })
        {
            var pair = normalized.Where(t => t.EntryId == entry).Select(t => t.Total).ToList();
            Assert.Equal(pair[0], pair[1]);
        }
        Assert.True(normalized.Single(t => t.JurorId == 1 && t.EntryId == 101).Total < normalized.Single(t => t.JurorId == 1 && t.EntryId == 103).Total);
    }

    [Fact]
    public void Results_KeepThePartsMean_AndStayWithinItsScale()
    {
        RawTotal[] totals = [new(1, 1, 0m), new(1, 2, 50m), new(2, 1, 49m), new(2, 2, 50m), new(3, 1, 10m), new(3, 2, 12m)];

        var normalized = Normalization.Normalize(totals, 50m);

        Assert.Equal(Math.Round(totals.Average(t => t.Total), 1), Math.Round(normalized.Average(t => t.Total), 1));
        Assert.All(normalized, t => Assert.InRange(t.Total, 0m, 50m));
    }

    [Fact]
    public void AJurorWhoseTotalsDontVary_GetsThePartsMean()
    {
        RawTotal[] totals = [new(1, 1, 30m), new(1, 2, 30m), new(2, 1, 20m), new(2, 2, 40m)];

        var normalized = Normalization.Normalize(totals, 50m);

        Assert.All(normalized.Where(t => t.JurorId == 1), t => Assert.Equal(30m, t.Total));
    }

    [Fact]
    public void Nothing_GivesNothing()
    {
        Assert.Empty(Normalization.Normalize([], 50m));
    }
}
