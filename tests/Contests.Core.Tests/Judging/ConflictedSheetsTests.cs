using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Judging;

/// <summary>A conflict found after assignment: the sheet is blocked, a submitted one stops counting, the move to review waits.</summary>
public sealed class ConflictedSheetsTests
{
    private static readonly RubricPart Field = new("Campo", [new Criterion("Avance", null, 50m, 2m)], 2, 3, Aggregation.Mean);

    private static Rubric OnePart()
    {
        var errors = new List<DomainError>();
        var rubric = Rubric.Create([Field with { MinJurors = 1 }], 60m, errors);
        Assert.Empty(errors);
        return rubric!;
    }

    [Fact]
    public void MayScore_NoConflict_Succeeds() => Assert.True(ConflictedSheets.MayScore([]).Succeeded);

    [Fact]
    public void MayScore_RegistryConflictAndDeclaredOne_RefusedWithEveryReason()
    {
        var result = ConflictedSheets.MayScore([new Conflict(ConflictReason.OwnHousehold, null), new Conflict(ConflictReason.Declared, "Es mi compadre")]);

        Assert.False(result.Succeeded);
        Assert.Equal([("Sheet.Conflicted", (object)ConflictReason.OwnHousehold), ("Sheet.ConflictedDeclared", "Es mi compadre")],
            result.Errors.Select(e => (e.Code, e.Arguments[0])));
    }

    [Fact]
    public void MayScore_FromTheCurrentRegistry_APartnerWithTheJurorsDni_MakesTheEntryTheJurorsHousehold()
    {
        // Assigned when the juror had no household in the registry; the entry's household then registered a partner with the juror's DNI.
        var entry = new EntryTies(100, HouseholdId: 40, CommunityId: 7, OrganizationId: null);
        var atAssignment = new JurorTies(null, new HashSet<int>(), new HashSet<int>(), new Dictionary<int, string>());
        var now = atAssignment with { HouseholdId = 40, CommunityIds = new HashSet<int> { 7 } };

        Assert.True(ConflictedSheets.MayScore(Conflicts.Between(atAssignment, entry)).Succeeded);
        var refused = ConflictedSheets.MayScore(Conflicts.Between(now, entry));

        Assert.Equal([ConflictReason.OwnHousehold, ConflictReason.OwnCommunity], refused.Errors.Select(e => (ConflictReason)e.Arguments[0]));
    }

    [Fact]
    public void Results_AConflictedSubmittedSheet_DoesNotCount_AndIsListedAsExcluded()
    {
        SubmittedTotal[] totals = [new(1, 10, 0, 90m, Conflicted: true), new(1, 11, 0, 50m), new(2, 10, 0, 70m)];

        var results = Results.Compute(OnePart(), TieRule.Share, [new EntryToScore(1, 1, "A", 0m), new EntryToScore(2, 2, "A", 0m)], totals);

        var first = results.Single(r => r.Entry.EntryId == 1);
        Assert.Equal(50m, first.Parts[0]!.Score.Score);
        Assert.Equal([11], first.Parts[0]!.Submitted.Select(j => j.JurorId));
        Assert.Equal((10, 0), (Assert.Single(first.Excluded).JurorId, first.Excluded[0].PartIndex));
        Assert.Equal(2, first.Rank!.Place);
        Assert.Empty(results.Single(r => r.Entry.EntryId == 2).Excluded);
    }

    [Fact]
    public void Results_TheOnlySheetConflicted_EntryIsNotRanked()
    {
        var results = Results.Compute(OnePart(), TieRule.Share, [new EntryToScore(1, 1, "A", 0m)], [new SubmittedTotal(1, 10, 0, 90m, Conflicted: true)]);

        var only = Assert.Single(results);
        Assert.False(only.Complete);
        Assert.Null(only.Rank);
        Assert.Single(only.Excluded);
    }

    [Fact]
    public void Coverage_TheOnlySubmittedSheetConflicted_IsShortByConflict()
    {
        var coverage = ConflictedSheets.Coverage([Field], [1], [new SheetStanding(1, 0, Submitted: true, Conflicted: true), new SheetStanding(1, 0, true, false)]);

        Assert.Equal(new JudgingCoverage(Missing: 1, ShortByConflict: 1), coverage);
    }

    [Fact]
    public void Coverage_EnoughJurorsFreeOfConflictSubmitted_TheExcludedSheetIsNotMissed()
    {
        SheetStanding[] sheets = [new(1, 0, true, Conflicted: true), new(1, 0, true, false), new(1, 0, true, false)];

        Assert.Equal(new JudgingCoverage(0, 0), ConflictedSheets.Coverage([Field], [1], sheets));
    }

    [Fact]
    public void Coverage_AConflictedDraft_IsNotExpected_ButTheMinimumStillIs()
    {
        SheetStanding[] sheets = [new(1, 0, false, Conflicted: true), new(1, 0, true, false)];

        Assert.Equal(new JudgingCoverage(1, 0), ConflictedSheets.Coverage([Field], [1], sheets));
    }

    [Fact]
    public void MoveToReview_ShortByConflict_IsRefused_EvenConfirmed()
    {
        var facts = new PhaseFacts { HasRubric = true, HasBudget = true, Entries = 3, ShortByConflict = 1 };

        var result = RoundPhases.CanMove(RoundPhase.Judging, RoundPhase.Review, facts, confirmed: true);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Phase.ShortByConflict", 1), (error.Code, (int)error.Arguments[0]));
    }
}
