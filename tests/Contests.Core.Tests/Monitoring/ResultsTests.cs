using Contests.Core.Monitoring;
using Contests.Core.Programmes;

namespace Contests.Core.Tests.Monitoring;

public sealed class ResultsTests
{
    private static readonly DateOnly June = new(2025, 6, 1);
    private static readonly DateOnly November = new(2025, 11, 1);

    private static VisitFacts Visit(int id, DateOnly on, decimal investment, bool kept, params FollowUpItem[] items) =>
        new(id, on, items, investment, kept);

    [Fact]
    public void AssetChange_AfterMinusBefore_OverActivitiesWithBothValues_FromTheLatestVisit()
    {
        var entry = new EntryResult(1, Theme.CorralsAndPastures, 600m,
            [new BaselineValue(0, 360m), new BaselineValue(1, null), new BaselineValue(2, 1_000m)],
            [
                Visit(8, November, 200m, true, new FollowUpItem(0, 30, 900m), new FollowUpItem(1, 1.5m, 2_400m), new FollowUpItem(2, 1, 800m)),
                Visit(9, June, 50m, true, new FollowUpItem(0, 20, 500m)), // recorded later, but an earlier visit
            ]);

        // (900 − 360) + (800 − 1,000) = 340; activity 1 had no value before.
        Assert.Equal(8, entry.Latest!.VisitId);
        Assert.Equal(340m, entry.AssetChange);
    }

    [Fact]
    public void AssetChange_WithoutAVisitOrAnythingToCompare_IsUnknown()
    {
        Assert.Null(new EntryResult(1, null, 0m, [new BaselineValue(0, 100m)], []).AssetChange);
        Assert.Null(new EntryResult(1, null, 0m, [new BaselineValue(0, null)], [Visit(1, June, 0m, false, new FollowUpItem(0, 3, 90m))]).AssetChange);
    }

    [Fact]
    public void Summarize_ChangeAndInvestmentPerSol_AndTheShareOfWinnersWhoKeptIt()
    {
        var entries = new[]
        {
            // a winner: +540 on a 600 prize, invested 300 and kept it
            new EntryResult(1, Theme.HealthyHome, 600m, [new BaselineValue(0, 360m)], [Visit(1, June, 300m, true, new FollowUpItem(0, 30, 900m))]),
            // a winner: −100 on a 400 prize, invested 0 and did not keep it
            new EntryResult(2, Theme.HealthyHome, 400m, [new BaselineValue(0, 500m)], [Visit(2, June, 0m, false, new FollowUpItem(0, 10, 400m))]),
            // a winner visited with nothing comparable: counts for investment and keeping, not for change
            new EntryResult(3, Theme.HealthyHome, 200m, [new BaselineValue(0, null)], [Visit(3, June, 100m, true, new FollowUpItem(0, 2, 50m))]),
            // no prize: its change counts in the sum, not per sol
            new EntryResult(4, Theme.HealthyHome, 0m, [new BaselineValue(0, 100m)], [Visit(4, June, 20m, true, new FollowUpItem(0, 5, 150m))]),
            // a winner never visited
            new EntryResult(5, Theme.HealthyHome, 500m, [new BaselineValue(0, 100m)], []),
        };

        var s = Results.Summarize(entries);

        Assert.Equal((5, 4, 3), (s.Entries, s.Visited, s.Compared));
        Assert.Equal((490m, 1_000m), (s.AssetChange, s.PrizeOfCompared)); // 540 − 100 + 50
        Assert.Equal(0.44m, s.ChangePerSol); // (540 − 100) / (600 + 400)
        Assert.Equal(0.33m, s.InvestmentPerSol); // (300 + 0 + 100) / (600 + 400 + 200) = 0.333…
        Assert.Equal((3, 2, 0.6667m), (s.WinnersVisited, s.WinnersKept, s.KeptShare));
    }

    [Fact]
    public void ByTheme_GroupsEachTheme_RoundsWithoutThemeLast()
    {
        var entries = new[]
        {
            new EntryResult(1, null, 100m, [], []),
            new EntryResult(2, Theme.Irrigation, 100m, [], []),
            new EntryResult(3, Theme.SoilAndWater, 100m, [], []),
            new EntryResult(4, Theme.Irrigation, 100m, [], []),
        };

        Assert.Equal([(Theme.SoilAndWater, 1), (Theme.Irrigation, 2), ((Theme?)null, 1)],
            Results.ByTheme(entries).Select(t => (t.Theme, t.Summary.Entries)));
    }

    [Fact]
    public void Summarize_NoWinners_HasNoRatios()
    {
        var s = Results.Summarize([new EntryResult(1, null, 0m, [new BaselineValue(0, 1m)], [Visit(1, June, 5m, true, new FollowUpItem(0, 1, 2m))])]);

        Assert.Equal(((decimal?)null, (decimal?)null, 0m), (s.ChangePerSol, s.InvestmentPerSol, s.KeptShare));
    }
}
