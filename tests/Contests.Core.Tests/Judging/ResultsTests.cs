using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Judging;

public sealed class ResultsTests
{
    /// <summary>Field visits (50, mean of the jurors) plus the public presentation (50, trimmed mean); approved from 70.</summary>
    private static Rubric TwoParts(bool normalize = false)
    {
        var errors = new List<DomainError>();
        var rubric = Rubric.Create(
        [
            new RubricPart("Campo", [new Criterion("Avance", null, 25m, 2m)], 1, 10, Aggregation.Mean, PartVenue.Field),
            new RubricPart("Público", [new Criterion("Exposición", null, 50m, 1m)], 1, 10, Aggregation.TrimmedMean, PartVenue.Public),
        ], 70m, errors, normalize);
        Assert.Empty(errors);
        return rubric!;
    }

    private static EntryToScore Entry(int id, string pool = "A", int? number = null, decimal bonus = 0m) => new(id, number ?? id, pool, bonus);

    private static SubmittedTotal Field(int entry, int juror, decimal total) => new(entry, juror, 0, total);

    private static SubmittedTotal Public(int entry, int juror, decimal total) => new(entry, juror, 1, total);

    private static EntryResult Of(IEnumerable<EntryResult> results, int entryId) => results.Single(r => r.Entry.EntryId == entryId);

    private static decimal[] Scores(EntryResult result) => [.. result.Parts.Select(p => p!.Score.Score)];

    [Fact]
    public void FinalIsTheSumOfTheParts_RankedPerPool_ApprovedFromTheQualifyingScore()
    {
        EntryToScore[] entries = [Entry(3, "B"), Entry(1, "A"), Entry(4, "B"), Entry(2, "A")];
        SubmittedTotal[] totals =
        [
            Field(1, 10, 40m), Field(1, 11, 44m), Public(1, 20, 40m), Public(1, 21, 41m), Public(1, 22, 42m),
            Field(2, 10, 30m), Field(2, 11, 31m), Public(2, 20, 30m), Public(2, 21, 30m), Public(2, 22, 33m),
            Field(3, 10, 35m), Field(3, 11, 36m), Public(3, 20, 20m), Public(3, 21, 25m), Public(3, 22, 30m),
            Field(4, 10, 45m), Field(4, 11, 46m), Public(4, 20, 40m), Public(4, 21, 40m), Public(4, 22, 40m),
        ];

        var results = Results.Compute(TwoParts(), TieRule.Share, entries, totals);

        // Pool A first (1 then 2), then pool B (4 then 3).
        Assert.Equal([1, 2, 4, 3], results.Select(r => r.Entry.EntryId));
        Assert.Equal(
        [
            (42m, 41m, 83m, "A", 1, true),
            (30.5m, 31m, 61.5m, "A", 2, false),
            (45.5m, 40m, 85.5m, "B", 1, true),
            (35.5m, 25m, 60.5m, "B", 2, false),
        ], results.Select(r => (r.Parts[0]!.Score.Score, r.Parts[1]!.Score.Score, r.Rank!.Final, r.Rank.PoolKey, r.Rank.Place, r.Rank.Approved)));
        Assert.All(results, r => Assert.True(r.Complete));
        Assert.Equal([0, 1], results[0].Parts.Select(p => p!.PartIndex));
    }

    [Fact]
    public void EntryMissingAPartsSheets_IsNotRanked_AndIsListedAfterTheRankedOnes_ByNumber()
    {
        EntryToScore[] entries = [Entry(1, number: 3), Entry(2, number: 4), Entry(3, number: 1), Entry(4, "B", number: 2), Entry(5, number: 9)];
        SubmittedTotal[] totals =
        [
            Field(1, 10, 40m), Public(1, 20, 40m),
            Field(2, 10, 30m), Public(2, 20, 30m),
            Field(3, 10, 50m),
            Public(4, 20, 45m), Public(4, 21, 47m),
        ];

        var results = Results.Compute(TwoParts(), TieRule.Share, entries, totals);

        Assert.Equal([1, 2, 3, 4, 5], results.Select(r => r.Entry.EntryId));
        Assert.Equal([1, 2], results.Take(2).Select(r => r.Rank!.Place));
        var fieldOnly = Of(results, 3);
        Assert.Equal((false, (RankedEntry?)null), (fieldOnly.Complete, fieldOnly.Rank));
        Assert.Equal(50m, fieldOnly.Parts[0]!.Score.Score);
        Assert.Null(fieldOnly.Parts[1]);
        var publicOnly = Of(results, 4);
        Assert.Equal((false, (RankedEntry?)null), (publicOnly.Complete, publicOnly.Rank));
        Assert.Null(publicOnly.Parts[0]);
        Assert.Equal(46m, publicOnly.Parts[1]!.Score.Score);
        var nothing = Of(results, 5);
        Assert.Equal((false, (RankedEntry?)null), (nothing.Complete, nothing.Rank));
        Assert.Equal([null, null], nothing.Parts);
    }

    [Fact]
    public void TrimmedMean_WithFiveJurors_DropsTheHighestAndTheLowest_WithFourDropsNothing()
    {
        SubmittedTotal[] totals =
        [
            Field(1, 10, 40m), Public(1, 20, 50m), Public(1, 21, 30m), Public(1, 22, 40m), Public(1, 23, 45m), Public(1, 24, 35m),
            Field(2, 10, 40m), Public(2, 20, 50m), Public(2, 21, 30m), Public(2, 22, 40m), Public(2, 23, 45m),
        ];

        var results = Results.Compute(TwoParts(), TieRule.Share, [Entry(1), Entry(2)], totals);

        var five = Of(results, 1).Parts[1]!.Score;
        Assert.Equal(40m, five.Score);
        Assert.Equal([new JurorTotal(21, 30m), new JurorTotal(20, 50m)], five.Dropped);
        Assert.Equal([new JurorTotal(24, 35m), new JurorTotal(22, 40m), new JurorTotal(23, 45m)], five.Used);
        var four = Of(results, 2).Parts[1]!.Score;
        Assert.Equal(41.25m, four.Score);
        Assert.Empty(four.Dropped);
        Assert.Equal([new JurorTotal(21, 30m), new JurorTotal(22, 40m), new JurorTotal(23, 45m), new JurorTotal(20, 50m)], four.Used);
    }

    // Field part: juror 1 (strict) gave 23 and 31, juror 2 (generous) 29 and 37. Part mean 30, population SD
    // sqrt((49 + 1 + 1 + 49) / 4) = 5; each juror's mean is 27 / 33 with SD 4, so z = -1 / +1 for both:
    // 30 - 5 = 25 and 30 + 5 = 35. Public part: one juror, 30 and 40 (mean 35, SD 5, z = -1 / +1): unchanged.
    private static readonly SubmittedTotal[] StrictAndGenerous =
    [
        Field(2, 2, 37m), Field(1, 2, 29m), Field(2, 1, 31m), Field(1, 1, 23m),
        Public(1, 20, 30m), Public(2, 20, 40m),
    ];

    [Fact]
    public void Normalization_PutsEachJurorOnThePartsScale()
    {
        var results = Results.Compute(TwoParts(normalize: true), TieRule.Share, [Entry(1), Entry(2)], StrictAndGenerous);

        Assert.Equal([25m, 30m], Scores(Of(results, 1)));
        Assert.Equal([35m, 40m], Scores(Of(results, 2)));
        Assert.Equal([new JurorTotal(1, 25m), new JurorTotal(2, 25m)], Of(results, 1).Parts[0]!.Score.Used);
        Assert.Equal([new JurorTotal(1, 35m), new JurorTotal(2, 35m)], Of(results, 2).Parts[0]!.Score.Used);
        Assert.Equal([(2, 75m, true), (1, 55m, false)], results.Select(r => (r.Entry.EntryId, r.Rank!.Final, r.Rank.Approved)));
    }

    [Fact]
    public void WithoutNormalization_TheSubmittedTotalsAreUsedAsTheyAre()
    {
        var results = Results.Compute(TwoParts(normalize: false), TieRule.Share, [Entry(1), Entry(2)], StrictAndGenerous);

        Assert.Equal([26m, 30m], Scores(Of(results, 1)));
        Assert.Equal([34m, 40m], Scores(Of(results, 2)));
        Assert.Equal([new JurorTotal(1, 23m), new JurorTotal(2, 29m)], Of(results, 1).Parts[0]!.Score.Used);
        Assert.Equal([(2, 74m, true), (1, 56m, false)], results.Select(r => (r.Entry.EntryId, r.Rank!.Final, r.Rank.Approved)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Submitted_HoldsTheRawTotals_ByJuror(bool normalize)
    {
        var results = Results.Compute(TwoParts(normalize), TieRule.Share, [Entry(1), Entry(2)], StrictAndGenerous);

        Assert.Equal([new JurorTotal(1, 23m), new JurorTotal(2, 29m)], Of(results, 1).Parts[0]!.Submitted);
        Assert.Equal([new JurorTotal(1, 31m), new JurorTotal(2, 37m)], Of(results, 2).Parts[0]!.Submitted);
        Assert.Equal([new JurorTotal(20, 30m)], Of(results, 1).Parts[1]!.Submitted);
    }

    [Fact]
    public void Normalization_ClampsToThePartsMaximum_AndAJurorWhoDoesNotVaryGetsThePartsMean()
    {
        // Field: juror 1 gave 0 and 50, juror 2 gave 50 to both. Part mean 37.5, SD sqrt(468.75) = 21.6506…
        // Juror 1: z = -1 / +1 → 15.849… → 15.85 and 59.15… → clamped to 50. Juror 2: z = 0 → 37.5.
        SubmittedTotal[] totals =
        [
            Field(1, 1, 0m), Field(2, 1, 50m), Field(1, 2, 50m), Field(2, 2, 50m),
            Public(1, 20, 30m), Public(2, 20, 40m),
        ];

        var results = Results.Compute(TwoParts(normalize: true), TieRule.Share, [Entry(1), Entry(2)], totals);

        var first = Of(results, 1).Parts[0]!.Score;
        var second = Of(results, 2).Parts[0]!.Score;
        Assert.Equal([new JurorTotal(1, 15.85m), new JurorTotal(2, 37.5m)], first.Used);
        Assert.Equal(26.68m, first.Score); // (15.85 + 37.5) / 2 = 26.675, half away from zero
        Assert.Equal([new JurorTotal(2, 37.5m), new JurorTotal(1, 50m)], second.Used);
        Assert.Equal(43.75m, second.Score);
        Assert.Equal([new JurorTotal(1, 0m), new JurorTotal(2, 50m)], Of(results, 1).Parts[0]!.Submitted);
    }

    [Fact]
    public void TotalsForUnknownEntries_AreIgnored_EvenByNormalization()
    {
        // Were entry 99's totals counted, juror 2's mean and SD (and the part's) would change.
        SubmittedTotal[] totals = [.. StrictAndGenerous, Field(99, 2, 0m), Public(99, 20, 0m)];

        var results = Results.Compute(TwoParts(normalize: true), TieRule.Share, [Entry(1), Entry(2)], totals);

        Assert.Equal([2, 1], results.Select(r => r.Entry.EntryId));
        Assert.Equal([25m, 30m], Scores(Of(results, 1)));
        Assert.Equal([35m, 40m], Scores(Of(results, 2)));
    }

    // Finals 90, 80, 80, 70: entries 2 and 3 tie; 2 has the higher field score, 3 the higher public one.
    private static readonly SubmittedTotal[] Tied =
    [
        Field(1, 10, 45m), Public(1, 20, 45m),
        Field(2, 10, 45m), Public(2, 20, 35m),
        Field(3, 10, 40m), Public(3, 20, 40m),
        Field(4, 10, 35m), Public(4, 20, 35m),
    ];

    private static readonly EntryToScore[] FourEntries = [Entry(4), Entry(3), Entry(2), Entry(1)];

    [Fact]
    public void EqualFinals_ShareThePlace_AndTheNextPlaceSkips()
    {
        var results = Results.Compute(TwoParts(), TieRule.Share, FourEntries, Tied);

        Assert.Equal([(1, 90m, 1, 0), (2, 80m, 2, 1), (3, 80m, 2, 1), (4, 70m, 4, 0)],
            results.Select(r => (r.Entry.EntryId, r.Rank!.Final, r.Rank.Place, r.Rank.TiedWith)));
        Assert.Equal([true, true, true, true], results.Select(r => r.Rank!.Approved));
    }

    [Fact]
    public void FirstPartHigher_SeparatesEqualFinals_ByTheFieldScore()
    {
        var results = Results.Compute(TwoParts(), TieRule.FirstPartHigher, FourEntries, Tied);

        Assert.Equal([(1, 1, false), (2, 2, true), (3, 3, true), (4, 4, false)],
            results.Select(r => (r.Entry.EntryId, r.Rank!.Place, r.Rank.DecidedBy)));
    }

    [Fact]
    public void LastPartHigher_SeparatesEqualFinals_ByThePublicScore()
    {
        var results = Results.Compute(TwoParts(), TieRule.LastPartHigher, FourEntries, Tied);

        Assert.Equal([(1, 1), (3, 2), (2, 3), (4, 4)], results.Select(r => (r.Entry.EntryId, r.Rank!.Place)));
    }

    [Fact]
    public void Bonus_IsAddedToTheFinal_ForRankAndApproval()
    {
        SubmittedTotal[] totals =
        [
            Field(1, 10, 35m), Public(1, 20, 34m),
            Field(2, 10, 33m), Public(2, 20, 34m),
        ];

        var results = Results.Compute(TwoParts(), TieRule.Share, [Entry(1), Entry(2, bonus: 5m)], totals);

        Assert.Equal([(2, 72m, 1, true), (1, 69m, 2, false)],
            results.Select(r => (r.Entry.EntryId, r.Rank!.Final, r.Rank.Place, r.Rank.Approved)));
        Assert.Equal([33m, 34m], Scores(Of(results, 2)));
    }
}
