using Contests.Core.Judging;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Judging;

public sealed class AssignmentTests
{
    private static RubricPart Part(int min, int max) => new("Campo", [new Criterion("Andenes", null, 20m, 1m)], min, max, Aggregation.Mean);

    private static AssignmentJuror Juror(int id, int? household = null, int[]? communities = null, int[]? organizations = null, Dictionary<int, string>? declared = null) =>
        new(id, new JurorTies(household, (communities ?? []).ToHashSet(), (organizations ?? []).ToHashSet(), declared ?? []));

    private static EntryTies Entry(int id, int? household = null, int? community = null, int? organization = null) => new(id, household, community, organization);

    private static AssignmentJuror[] Jurors(int count) => [.. Enumerable.Range(1, count).Select(i => Juror(i))];

    private static EntryTies[] Entries(int count) => [.. Enumerable.Range(101, count).Select(i => Entry(i))];

    /// <summary>One row per excluded pair and reason, in the plan's order.</summary>
    private static (int Entry, int Juror, ConflictReason Reason)[] Reasons(AssignmentPlan plan) =>
        [.. plan.Exclusions.SelectMany(x => x.Reasons.Select(r => (x.EntryId, x.JurorId, r.Reason)))];

    [Theory]
    [InlineData(7, 5, 2, 2)]
    [InlineData(24, 10, 3, 3)]
    [InlineData(10, 4, 2, 3)]
    [InlineData(5, 10, 1, 1)]
    public void EveryJurorEligible_EachEntryGetsTheMaximum_AndLoadsDifferByAtMostOne(int entryCount, int jurorCount, int min, int max)
    {
        var jurors = Jurors(jurorCount);

        var plan = Assignment.Plan(Part(min, max), jurors, Entries(entryCount), []);

        Assert.All(Entries(entryCount), e => Assert.Equal(max, plan.JurorsOf(e.EntryId).Count));
        var loads = jurors.Select(j => plan.Load(j.JurorId)).ToList();
        Assert.InRange(loads.Max() - loads.Min(), 0, 1);
        Assert.Equal(entryCount * max, plan.Added.Count);
        Assert.Empty(plan.Kept);
        Assert.Empty(plan.Exclusions);
        Assert.Empty(plan.Shortfalls);
    }

    [Fact]
    public void Added_IsOrderedByEntryThenJuror()
    {
        var plan = Assignment.Plan(Part(2, 2), Jurors(3), Entries(3), []);

        Assert.Equal([new(101, 1), new(101, 2), new(102, 1), new(102, 3), new(103, 2), new(103, 3)], plan.Added);
    }

    [Fact]
    public void FewerJurorsThanTheMinimum_EveryoneScores_AndTheEntryIsAShortfall()
    {
        var plan = Assignment.Plan(Part(3, 4), Jurors(2), Entries(2), []);

        Assert.Equal([1, 2], plan.JurorsOf(101));
        Assert.Equal([new Shortfall(101, 2, 3), new Shortfall(102, 2, 3)], plan.Shortfalls);
    }

    [Fact]
    public void NoJurors_EveryEntryIsAShortfallOfTheWholeMinimum()
    {
        var plan = Assignment.Plan(Part(2, 3), [], Entries(3), []);

        Assert.Empty(plan.Added);
        Assert.Equal([new Shortfall(101, 0, 2), new Shortfall(102, 0, 2), new Shortfall(103, 0, 2)], plan.Shortfalls);
    }

    [Fact]
    public void ConflictedPairs_AreNeverMade_AndListedWithEveryReason()
    {
        AssignmentJuror[] jurors =
        [
            Juror(1, household: 10, communities: [1]),
            Juror(2, organizations: [7]),
            Juror(3, declared: new Dictionary<int, string> { [102] = "Es mi compadre" }),
            Juror(4),
        ];
        EntryTies[] entries = [Entry(101, household: 10, community: 1), Entry(102, household: 20, community: 2, organization: 7), Entry(103, household: 30, community: 1)];

        var plan = Assignment.Plan(Part(2, 2), jurors, entries, []);

        Assert.Equal(
            [(101, 1, ConflictReason.OwnHousehold), (101, 1, ConflictReason.OwnCommunity), (102, 2, ConflictReason.OwnOrganization), (102, 3, ConflictReason.Declared), (103, 1, ConflictReason.OwnCommunity)],
            Reasons(plan));
        Assert.Equal("Es mi compadre", plan.Exclusions.Single(x => x.JurorId == 3).Reasons.Single().Detail);
        Assert.Equal([2, 3], plan.JurorsOf(101));
        Assert.Equal([1, 4], plan.JurorsOf(102));
        Assert.Equal([2, 3], plan.JurorsOf(103));
        Assert.DoesNotContain(plan.Added, p => plan.Exclusions.Any(x => x.EntryId == p.EntryId && x.JurorId == p.JurorId));
        Assert.Empty(plan.Shortfalls);
    }

    [Fact]
    public void EntryWhoseJurorsAreAllConflicted_IsAShortfall_TheOthersStillFill()
    {
        AssignmentJuror[] jurors = [Juror(1, communities: [1]), Juror(2, communities: [1, 3]), Juror(3, communities: [1])];

        var plan = Assignment.Plan(Part(2, 3), jurors, [Entry(101, community: 1), Entry(102, community: 2)], []);

        Assert.Empty(plan.JurorsOf(101));
        Assert.Equal([1, 2, 3], plan.JurorsOf(102));
        Assert.Equal([new Shortfall(101, 0, 2)], plan.Shortfalls);
        Assert.Equal(3, plan.Exclusions.Count);
    }

    [Fact]
    public void MostConstrainedEntryGoesFirst_ThenTheFlexibleOnesBalanceAroundIt()
    {
        // Entry 103 can only have juror 1, so it goes first; 101 then takes the idle juror 2 and 102 the tie by id.
        // In entry order it would be 101 → 1, 102 → 2, 103 → 1.
        var plan = Assignment.Plan(Part(1, 1), [Juror(1), Juror(2, communities: [3])], [Entry(101, community: 1), Entry(102, community: 2), Entry(103, community: 3)], []);

        Assert.Equal([new(101, 2), new(102, 1), new(103, 1)], plan.Added);
    }

    [Fact]
    public void ExistingSheets_AreKept_AndCountTowardTheEntryAndTheLoad()
    {
        JurorPair[] existing = [new(101, 1), new(101, 2), new(102, 1)];

        var plan = Assignment.Plan(Part(2, 2), Jurors(4), Entries(4), existing);

        Assert.Equal(existing, plan.Kept);
        Assert.DoesNotContain(plan.Added, p => p.EntryId == 101);
        Assert.DoesNotContain(plan.Added, existing.Contains);
        Assert.Single(plan.Added, p => p.EntryId == 102);
        Assert.All(Entries(4), e => Assert.Equal(2, plan.JurorsOf(e.EntryId).Count));
        Assert.All(Jurors(4), j => Assert.Equal(2, plan.Load(j.JurorId)));
    }

    [Fact]
    public void ExistingSheet_ConflictedSinceAssignment_IsDropped_NotReAdded_AndExcluded()
    {
        var jurors = new[] { Juror(1, declared: new Dictionary<int, string> { [101] = "Es mi cuñado" }), Juror(2), Juror(3) };

        var plan = Assignment.Plan(Part(2, 2), jurors, Entries(1), [new(101, 1), new(101, 2)]);

        Assert.Equal([new JurorPair(101, 2)], plan.Kept);
        Assert.Equal([new JurorPair(101, 3)], plan.Added);
        Assert.Equal([(101, 1, ConflictReason.Declared)], Reasons(plan));
    }

    [Fact]
    public void ExistingSheets_OfJurorsOrEntriesNotGiven_AreIgnored()
    {
        var plan = Assignment.Plan(Part(1, 1), Jurors(2), Entries(2), [new(101, 9), new(999, 1)]);

        Assert.Empty(plan.Kept);
        Assert.Equal([new(101, 1), new(102, 2)], plan.Added);
    }

    [Fact]
    public void EntryAlreadyAboveTheMaximum_KeepsEverySheet_AndGetsNoMore()
    {
        JurorPair[] existing = [new(101, 1), new(101, 2), new(101, 3)];

        var plan = Assignment.Plan(Part(1, 2), Jurors(4), Entries(2), existing);

        Assert.Equal(existing, plan.Kept);
        Assert.Equal([1, 2, 3], plan.JurorsOf(101));
        Assert.Equal([new(102, 1), new(102, 4)], plan.Added);
    }

    [Fact]
    public void RepeatedExistingSheet_IsKeptOnce()
    {
        var plan = Assignment.Plan(Part(1, 1), Jurors(2), Entries(1), [new(101, 2), new(101, 2)]);

        Assert.Equal([new JurorPair(101, 2)], plan.Kept);
        Assert.Empty(plan.Added);
    }

    [Fact]
    public void TheSameInputInAnyOrder_GivesTheSamePlan()
    {
        var (part, jurors, entries, existing) = RandomCase(new Random(42));
        var first = Assignment.Plan(part, jurors, entries, existing);
        var random = new Random(7);

        for (var i = 0; i < 20; i++)
        {
            var again = Assignment.Plan(part, [.. jurors.OrderBy(_ => random.Next())], [.. entries.OrderBy(_ => random.Next())], [.. existing.OrderBy(_ => random.Next())]);

            Assert.Equal(first.Added, again.Added);
            Assert.Equal(first.Kept, again.Kept);
            Assert.Equal(first.Shortfalls, again.Shortfalls);
            Assert.Equal(Reasons(first), Reasons(again));
        }
    }

    [Fact]
    public void RandomCases_KeepEveryRule()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var (part, jurors, entries, existing) = RandomCase(new Random(seed));

            var plan = Assignment.Plan(part, jurors, entries, existing);

            CheckRules(part, jurors, entries, existing, plan);
        }
    }

    /// <summary>Every rule of the plan, checked against a brute-force reading of the input.</summary>
    private static void CheckRules(RubricPart part, AssignmentJuror[] jurors, EntryTies[] entries, JurorPair[] existing, AssignmentPlan plan)
    {
        var conflicted = (from e in entries from j in jurors where Conflicts.Between(j.Ties, e).Count > 0 select new JurorPair(e.EntryId, j.JurorId)).ToHashSet();
        bool Allowed(JurorPair p) => entries.Any(e => e.EntryId == p.EntryId) && jurors.Any(j => j.JurorId == p.JurorId) && !conflicted.Contains(p);

        Assert.Equal(conflicted.OrderBy(p => p.EntryId).ThenBy(p => p.JurorId), plan.Exclusions.Select(x => new JurorPair(x.EntryId, x.JurorId)));
        Assert.Equal(existing.Where(Allowed).Distinct().OrderBy(p => p.EntryId).ThenBy(p => p.JurorId), plan.Kept);
        Assert.All(plan.Added, p => Assert.True(Allowed(p)));
        Assert.Equal(plan.Added.OrderBy(p => p.EntryId).ThenBy(p => p.JurorId), plan.Added);
        var all = plan.Kept.Concat(plan.Added).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());

        foreach (var entry in entries)
        {
            var kept = plan.Kept.Count(p => p.EntryId == entry.EntryId);
            var eligible = jurors.Count(j => !conflicted.Contains(new(entry.EntryId, j.JurorId)));
            var count = plan.JurorsOf(entry.EntryId).Count;
            // Filled up to the maximum when enough jurors may score it; above it only with sheets already made.
            Assert.Equal(Math.Max(kept, Math.Min(part.MaxJurors, eligible)), count);
            Assert.Equal(count < part.MinJurors, plan.Shortfalls.Contains(new Shortfall(entry.EntryId, count, part.MinJurors)));
        }
        Assert.Equal(plan.Shortfalls.Count, entries.Count(e => plan.JurorsOf(e.EntryId).Count < part.MinJurors));

        // Locally balanced: no added sheet could go to an eligible juror with a load two or more lower.
        foreach (var (entryId, jurorId) in plan.Added)
        {
            var onEntry = plan.JurorsOf(entryId);
            var lighter = jurors.Where(j => !onEntry.Contains(j.JurorId) && !conflicted.Contains(new(entryId, j.JurorId)) && plan.Load(j.JurorId) <= plan.Load(jurorId) - 2);
            Assert.Empty(lighter);
        }
    }

    /// <summary>
    /// Up to 8 jurors living in or representing 1–2 of 4 communities, sometimes with a household, an
    /// organization or a declared conflict; up to 20 entries across the same communities; existing sheets
    /// that may be conflicted, repeated or of jurors and entries not given.
    /// </summary>
    private static (RubricPart Part, AssignmentJuror[] Jurors, EntryTies[] Entries, JurorPair[] Existing) RandomCase(Random random)
    {
        var min = random.Next(1, 4);
        var part = Part(min, random.Next(min, min + 3));
        var entries = Enumerable.Range(101, random.Next(1, 21))
            .Select(id => Entry(id, household: id, community: random.Next(1, 5), organization: random.Next(4) == 0 ? random.Next(1, 3) : null))
            .ToArray();
        var jurors = Enumerable.Range(1, random.Next(0, 9))
            .Select(id => Juror(id,
                household: random.Next(5) == 0 ? random.Next(101, 121) : null,
                communities: [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => random.Next(1, 5)).Distinct()],
                organizations: random.Next(4) == 0 ? [random.Next(1, 3)] : [],
                declared: random.Next(5) == 0 ? new Dictionary<int, string> { [random.Next(101, 121)] = "Declarado" } : null))
            .ToArray();
        var existing = Enumerable.Range(0, random.Next(0, 10))
            .Select(_ => new JurorPair(random.Next(100, 122), random.Next(0, 10)))
            .ToArray();
        return (part, jurors, entries, existing);
    }
}
