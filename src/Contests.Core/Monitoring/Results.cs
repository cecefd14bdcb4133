using Contests.Core.Programmes;

namespace Contests.Core.Monitoring;

/// <summary>An activity's value before (the entry's baseline; null when it was not estimated).</summary>
public sealed record BaselineValue(int Position, decimal? Value);

/// <summary>What the indicators read of one follow-up visit.</summary>
public sealed record VisitFacts(int VisitId, DateOnly VisitedOn, IReadOnlyList<FollowUpItem> Items, decimal OwnInvestment, bool InvestmentKept);

/// <summary>An entry with its prize (approved acta), its baseline values and its follow-up visits.</summary>
public sealed record EntryResult(int EntryId, Theme? Theme, decimal Prize, IReadOnlyList<BaselineValue> Before, IReadOnlyList<VisitFacts> Visits)
{
    /// <summary>The visit the indicators read: the latest by date, then by the order it was recorded.</summary>
    public VisitFacts? Latest => Visits.OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.VisitId).FirstOrDefault();

    /// <summary>
    /// Asset change = value after − value before, summed over the activities with both values (an activity
    /// whose value was not estimated before, or not now, can't be compared and is left out); null when
    /// there is no visit or nothing to compare.
    /// </summary>
    public decimal? AssetChange
    {
        get
        {
            if (Latest is not { } latest)
            {
                return null;
            }
            var pairs = latest.Items
                .Join(Before, a => a.Position, b => b.Position, (a, b) => (After: a.Value, Before: b.Value))
                .Where(p => p.After is not null && p.Before is not null)
                .ToList();
            return pairs.Count == 0 ? null : pairs.Sum(p => p.After!.Value - p.Before!.Value);
        }
    }
}

/// <summary>The results of a group of entries (a theme, a round, the programme).</summary>
/// <param name="Entries">Entries in the group.</param>
/// <param name="Visited">Entries with at least one follow-up visit.</param>
/// <param name="Compared">Visited entries whose asset change could be computed.</param>
/// <param name="AssetChange">Sum of the asset changes of the compared entries.</param>
/// <param name="PrizeOfCompared">Sum of the prizes of the compared entries that won money.</param>
/// <param name="ChangePerSol">Asset change per sol of prize, over compared winners (a ratio of sums); null without prizes.</param>
/// <param name="InvestmentPerSol">The families' own investment (latest visit) per sol of prize, over visited winners.</param>
/// <param name="WinnersVisited">Winners (prize &gt; 0) with a visit.</param>
/// <param name="WinnersKept">Visited winners whose latest visit saw the investment kept.</param>
/// <param name="KeptShare">WinnersKept / WinnersVisited (0–1, 4 decimals).</param>
public sealed record ResultSummary(int Entries, int Visited, int Compared, decimal AssetChange, decimal PrizeOfCompared,
    decimal? ChangePerSol, decimal? InvestmentPerSol, int WinnersVisited, int WinnersKept, decimal KeptShare);

public static class Results
{
    public static ResultSummary Summarize(IEnumerable<EntryResult> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        var visited = list.Where(e => e.Latest is not null).ToList();
        var compared = visited.Where(e => e.AssetChange is not null).ToList();
        var comparedWinners = compared.Where(e => e.Prize > 0).ToList();
        var visitedWinners = visited.Where(e => e.Prize > 0).ToList();
        var prizeOfCompared = comparedWinners.Sum(e => e.Prize);
        var prizeOfVisited = visitedWinners.Sum(e => e.Prize);
        var kept = visitedWinners.Count(e => e.Latest!.InvestmentKept);
        return new ResultSummary(
            Entries: list.Count,
            Visited: visited.Count,
            Compared: compared.Count,
            AssetChange: compared.Sum(e => e.AssetChange!.Value),
            PrizeOfCompared: prizeOfCompared,
            ChangePerSol: prizeOfCompared == 0 ? null : Ratio(comparedWinners.Sum(e => e.AssetChange!.Value), prizeOfCompared),
            InvestmentPerSol: prizeOfVisited == 0 ? null : Ratio(visitedWinners.Sum(e => e.Latest!.OwnInvestment), prizeOfVisited),
            WinnersVisited: visitedWinners.Count,
            WinnersKept: kept,
            KeptShare: Indicators.Share(kept, visitedWinners.Count));
    }

    /// <summary>The summary per theme (entries of rounds without a theme under null), themes in their order.</summary>
    public static IReadOnlyList<(Theme? Theme, ResultSummary Summary)> ByTheme(IEnumerable<EntryResult> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.GroupBy(e => e.Theme).OrderBy(g => g.Key is null).ThenBy(g => g.Key).Select(g => (g.Key, Summarize(g))).ToList();
    }

    private static decimal Ratio(decimal part, decimal whole) => decimal.Round(part / whole, 2, MidpointRounding.AwayFromZero);
}
