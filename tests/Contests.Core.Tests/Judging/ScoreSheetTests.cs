using Contests.Core.Judging;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Judging;

public sealed class ScoreSheetTests
{
    private static readonly DateTime Now = new(2026, 5, 10, 15, 0, 0, DateTimeKind.Utc);

    private static readonly RubricPart Field = new("Campo",
        [new Criterion("Andenes", null, 20m, 1m), new Criterion("Manejo del agua", null, 15m, 2m)], 3, 3, Aggregation.Mean);

    private static ScoreSheet Sheet() => ScoreSheet.Start(entryId: 100, jurorId: 7, partIndex: 0, Field);

    [Fact]
    public void NewSheet_IsAnEmptyDraft_WithOneSlotPerCriterion()
    {
        var sheet = Sheet();

        Assert.Equal(SheetState.Draft, sheet.State);
        Assert.Equal([null, null], sheet.Points);
        Assert.Equal(0, sheet.Revision);
    }

    [Fact]
    public void Save_KeepsPartialPoints_AndTheTotalIsWeighted()
    {
        var sheet = Sheet();

        var result = sheet.Save(Field, [18m, 12.5m], "Buen trabajo", Guid.NewGuid(), seenRevision: 0);

        Assert.True(result.Succeeded);
        Assert.Equal(18m + (12.5m * 2), sheet.Total(Field));
        Assert.Equal(1, sheet.Revision);
        Assert.True(sheet.Save(Field, [18m, null], null, Guid.NewGuid(), seenRevision: 1).Succeeded);
    }

    [Fact]
    public void SameSaveTwice_IsAppliedOnce()
    {
        var sheet = Sheet();
        var id = Guid.NewGuid();
        sheet.Save(Field, [10m, 10m], null, id, 0);

        var again = sheet.Save(Field, [10m, 10m], null, id, 0);

        Assert.True(again.Succeeded);
        Assert.Equal(1, sheet.Revision);
    }

    [Fact]
    public void SaveFromAnOlderRevision_IsAConflict_AndChangesNothing()
    {
        var sheet = Sheet();
        sheet.Save(Field, [10m, 10m], null, Guid.NewGuid(), 0);

        var stale = sheet.Save(Field, [5m, 5m], null, Guid.NewGuid(), seenRevision: 0);

        var error = Assert.Single(stale.Errors);
        Assert.Equal("Sheet.Conflict", error.Code);
        Assert.Equal([0, (object)1], error.Arguments);
        Assert.Equal([10m, 10m], sheet.Points);
    }

    [Theory]
    [InlineData(-1, "Sheet.PointsRange")]
    [InlineData(21, "Sheet.PointsRange")]
    [InlineData(10.125, "Sheet.PointsDecimals")]
    public void PointsOutsideTheCriterion_AreRefused_NextToTheirField(double points, string code)
    {
        var result = Sheet().Save(Field, [(decimal)points, 10m], null, Guid.NewGuid(), 0);

        var error = Assert.Single(result.Errors);
        Assert.Equal((code, "Points[0]"), (error.Code, error.Field));
    }

    [Fact]
    public void Submit_NeedsEveryCriterion_ThenLocksTheSheet()
    {
        var sheet = Sheet();

        var incomplete = sheet.Submit(Field, [18m, null], null, Guid.NewGuid(), 0, Now);
        var complete = sheet.Submit(Field, [18m, 14m], null, Guid.NewGuid(), 0, Now);
        var afterwards = sheet.Save(Field, [1m, 1m], null, Guid.NewGuid(), sheet.Revision);

        Assert.Equal(("Sheet.PointsMissing", "Points[1]"), (Assert.Single(incomplete.Errors).Code, incomplete.Errors[0].Field));
        Assert.True(complete.Succeeded);
        Assert.Equal((SheetState.Submitted, (DateTime?)Now), (sheet.State, sheet.SubmittedUtc));
        Assert.Equal("Sheet.Submitted", Assert.Single(afterwards.Errors).Code);
        Assert.Equal([18m, 14m], sheet.Points);
    }

    [Fact]
    public void SubmitSentTwice_IsOneSubmission()
    {
        var sheet = Sheet();
        var id = Guid.NewGuid();
        sheet.Submit(Field, [18m, 14m], null, id, 0, Now);

        var retry = sheet.Submit(Field, [18m, 14m], null, id, 0, Now.AddSeconds(5));

        Assert.True(retry.Succeeded);
        Assert.Equal((1, (DateTime?)Now), (sheet.Revision, sheet.SubmittedUtc));
    }

    [Fact]
    public void EditRacingASubmit_IsToldTheSheetIsSubmitted()
    {
        var sheet = Sheet();
        sheet.Save(Field, [10m, 10m], null, Guid.NewGuid(), 0);
        sheet.Submit(Field, [18m, 14m], null, Guid.NewGuid(), 1, Now);

        var racing = sheet.Save(Field, [12m, 10m], null, Guid.NewGuid(), seenRevision: 1);

        Assert.Equal("Sheet.Submitted", Assert.Single(racing.Errors).Code);
    }

    [Fact]
    public void Reopen_OnlyByThePresidentOrAnOfficer_WithAReason()
    {
        var sheet = Sheet();
        sheet.Submit(Field, [18m, 14m], null, Guid.NewGuid(), 0, Now);

        var byJuror = sheet.Reopen("Me equivoqué", byPresidentOrOfficer: false);
        var noReason = sheet.Reopen("  ", byPresidentOrOfficer: true);
        var reopened = sheet.Reopen("El jurado anotó mal el puntaje de andenes", byPresidentOrOfficer: true);

        Assert.Equal("Sheet.ReopenNotAllowed", Assert.Single(byJuror.Errors).Code);
        Assert.Equal(("Sheet.ReasonRequired", "Reason"), (Assert.Single(noReason.Errors).Code, noReason.Errors[0].Field));
        Assert.True(reopened.Succeeded);
        Assert.Equal((SheetState.Draft, 1), (sheet.State, sheet.Reopened));
        Assert.True(sheet.Save(Field, [17m, 14m], null, Guid.NewGuid(), sheet.Revision).Succeeded);
    }

    [Fact]
    public void Reopen_ADraft_IsRefused()
    {
        Assert.Equal("Sheet.NotSubmitted", Assert.Single(Sheet().Reopen("x", byPresidentOrOfficer: true).Errors).Code);
    }

    [Fact]
    public void PaperSheet_TypedByAnOfficer_IsRecordedAsSuch()
    {
        var sheet = Sheet();

        sheet.Submit(Field, [18m, 14m], "Ficha en papel firmada", Guid.NewGuid(), 0, Now, officerId: 3);

        Assert.Equal(3, sheet.TypedByOfficerId);
    }

    [Fact]
    public void PointsForADifferentNumberOfCriteria_AreRefused()
    {
        Assert.Equal("Sheet.CriteriaChanged", Assert.Single(Sheet().Save(Field, [1m], null, Guid.NewGuid(), 0).Errors).Code);
    }
}
