using Contests.Core.Allocation;

namespace Contests.Core.Review;

/// <summary>An entry whose place or amount changes between the approved awards and a recomputed allocation (null: not listed on that side).</summary>
public sealed record AwardChange(int EntryId, int Number, int? PlaceBefore, int? PlaceAfter, decimal? AmountBefore, decimal? AmountAfter)
{
    public decimal Difference => (AmountAfter ?? 0m) - (AmountBefore ?? 0m);
}

/// <summary>
/// What an appeal's re-scoring changes (docs/architecture.md#rules-review-publication-and-appeals): every entry whose place or amount differs between the round's
/// current awards and the recomputed allocation — and only those — by entry number. The committee approves the new
/// version in an addendum acta with this list in front of it.
/// </summary>
public static class AwardDiff
{
    public static IReadOnlyList<AwardChange> Between(IEnumerable<PrizeAward> current, IEnumerable<Award> recomputed)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(recomputed);
        return Compare(current.Select(a => new Line(a.EntryId, a.Number, a.Place, a.Amount)), recomputed.Select(a => new Line(a.EntryId, a.Number, a.Place, a.Amount)));
    }

    /// <summary>Between two approved versions (an acta and its addendum).</summary>
    public static IReadOnlyList<AwardChange> Between(IEnumerable<PrizeAward> before, IEnumerable<PrizeAward> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return Compare(before.Select(a => new Line(a.EntryId, a.Number, a.Place, a.Amount)), after.Select(a => new Line(a.EntryId, a.Number, a.Place, a.Amount)));
    }

    private static List<AwardChange> Compare(IEnumerable<Line> current, IEnumerable<Line> recomputed)
    {
        var before = current.ToDictionary(a => a.EntryId);
        var after = recomputed.ToDictionary(a => a.EntryId);
        var changes = new List<AwardChange>();
        foreach (var id in before.Keys.Union(after.Keys))
        {
            var b = before.GetValueOrDefault(id);
            var a = after.GetValueOrDefault(id);
            if (b is not null && a is not null && b.Place == a.Place && b.Amount == a.Amount)
            {
                continue;
            }
            changes.Add(new AwardChange(id, a?.Number ?? b!.Number, b?.Place, a?.Place, b?.Amount, a?.Amount));
        }
        return [.. changes.OrderBy(c => c.Number).ThenBy(c => c.EntryId)];
    }

    private sealed record Line(int EntryId, int Number, int Place, decimal Amount);
}
