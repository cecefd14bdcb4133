using Contests.Core.Judging;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Judging;

public sealed class RankingTests
{
    private static ScoredEntry Entry(int id, decimal field, decimal @public, string pool = "C:1", decimal bonus = 0m) =>
        new(id, id, pool, [field, @public], bonus);

    private static (int Id, int Place, int TiedWith)[] Places(IEnumerable<RankedEntry> ranked) => [.. ranked.Select(r => (r.EntryId, r.Place, r.TiedWith))];

    [Fact]
    public void HighestFinalFirst_TiesShareThePlace_AndTheNextPlaceSkips()
    {
        // Finals: A 88, B 85, C 85, D 70, E 55 (the allocation's first worked example).
        var ranked = Ranking.Rank([Entry(1, 44, 44), Entry(2, 40, 45), Entry(3, 45, 40), Entry(4, 35, 35), Entry(5, 30, 25)], TieRule.Share, 60m);

        Assert.Equal([(1, 1, 0), (2, 2, 1), (3, 2, 1), (4, 4, 0), (5, 5, 0)], Places(ranked));
        Assert.Equal([true, true, true, true, false], ranked.Select(r => r.Approved));
    }

    [Fact]
    public void FirstPartHigher_SeparatesEqualFinals_ByTheFieldScore()
    {
        var ranked = Ranking.Rank([Entry(2, 40, 45), Entry(3, 45, 40)], TieRule.FirstPartHigher, 60m);

        Assert.Equal([(3, 1, 0), (2, 2, 0)], Places(ranked));
        Assert.All(ranked, r => Assert.True(r.DecidedBy));
    }

    [Fact]
    public void LastPartHigher_SeparatesEqualFinals_ByThePublicScore()
    {
        var ranked = Ranking.Rank([Entry(3, 45, 40), Entry(2, 40, 45)], TieRule.LastPartHigher, 60m);

        Assert.Equal([(2, 1, 0), (3, 2, 0)], Places(ranked));
    }

    [Fact]
    public void TieRuleThatCannotSeparate_LeavesTheEntriesSharingThePlace_ListedByNumber()
    {
        var ranked = Ranking.Rank([Entry(9, 42, 43), Entry(4, 42, 43), Entry(6, 50, 40)], TieRule.FirstPartHigher, 60m);

        Assert.Equal([(6, 1, 0), (4, 2, 1), (9, 2, 1)], Places(ranked));
        Assert.All(ranked.Where(r => r.Place == 2), r => Assert.False(r.DecidedBy));
    }

    [Fact]
    public void TheResult_DoesNotDependOnTheOrderTheEntriesCameIn()
    {
        ScoredEntry[] entries = [Entry(1, 44, 44), Entry(2, 40, 45), Entry(3, 45, 40), Entry(4, 35, 35), Entry(5, 42.5m, 42.5m)];

        var forward = Places(Ranking.Rank(entries, TieRule.Share, 60m));
        var backward = Places(Ranking.Rank([.. entries.Reverse()], TieRule.Share, 60m));

        Assert.Equal(forward, backward);
    }

    [Fact]
    public void EachPool_IsRankedOnItsOwn()
    {
        var ranked = Ranking.Rank([Entry(1, 40, 40, "C:1"), Entry(2, 30, 30, "C:2"), Entry(3, 35, 35, "C:1"), Entry(4, 45, 45, "C:2")], TieRule.Share, 60m);

        Assert.Equal([(1, 1), (3, 2)], ranked.Where(r => r.PoolKey == "C:1").Select(r => (r.EntryId, r.Place)));
        Assert.Equal([(4, 1), (2, 2)], ranked.Where(r => r.PoolKey == "C:2").Select(r => (r.EntryId, r.Place)));
    }

    [Fact]
    public void WomensBonus_CountsInTheFinal_ForRankAndApproval()
    {
        var ranked = Ranking.Rank([Entry(1, 30, 35), Entry(2, 30, 32, bonus: 5m)], TieRule.Share, 66m);

        Assert.Equal([(2, 1, 0), (1, 2, 0)], Places(ranked));
        Assert.Equal(67m, ranked[0].Final);
        Assert.Equal([true, false], ranked.Select(r => r.Approved));
    }

    [Fact]
    public void QualifyingScore_IsInclusive()
    {
        var ranked = Ranking.Rank([Entry(1, 35, 35)], TieRule.Share, 70m);

        Assert.True(Assert.Single(ranked).Approved);
    }
}
