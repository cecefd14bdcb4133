using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Judging;

public sealed class ScoreSheetAchievedTests
{
    private static readonly DateTime Now = new(2026, 5, 10, 15, 0, 0, DateTimeKind.Utc);

    private static readonly RubricPart Field = new("Campo",
        [new Criterion("Andenes", null, 20m, 1m), new Criterion("Manejo del agua", null, 15m, 2m)], 3, 3, Aggregation.Mean);

    private static ScoreSheet Sheet() => ScoreSheet.Start(entryId: 100, jurorId: 7, partIndex: 0, Field);

    [Fact]
    public void NewSheet_HasNothingAchieved_AndIsUntouched()
    {
        var sheet = Sheet();

        Assert.Empty(sheet.Achieved);
        Assert.True(sheet.Untouched);
        Assert.Null(sheet.ReopenReason);
    }

    [Fact]
    public void Save_WithAchieved_StoresThem_OneSlotPerActivity()
    {
        var sheet = Sheet();

        var result = sheet.Save(Field, [10m, null], null, Guid.NewGuid(), 0, achieved: [12.5m, null, 0m, 3.25m]);

        Assert.True(result.Succeeded);
        Assert.Equal([12.5m, null, 0m, 3.25m], sheet.Achieved);
        Assert.Equal([10m, null], sheet.Points);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-0.01)]
    [InlineData(1.125)]
    [InlineData(0.001)]
    public void Save_NegativeOrThreeDecimalAchieved_IsRefusedNextToItsSlot_AndNothingIsSaved(double quantity)
    {
        var sheet = Sheet();

        var result = sheet.Save(Field, [10m, 5m], "Visita", Guid.NewGuid(), 0, achieved: [4m, (decimal)quantity]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Sheet.AchievedInvalid", "Achieved[1]"), (error.Code, error.Field));
        Assert.Empty(sheet.Achieved);
        Assert.Equal([null, null], sheet.Points);
        Assert.Null(sheet.Comments);
        Assert.Equal(0, sheet.Revision);
        Assert.True(sheet.Untouched);
    }

    [Fact]
    public void Save_EveryBadAchievedAtOnce_WithThePointErrors()
    {
        var result = Sheet().Save(Field, [21m, 5m], null, Guid.NewGuid(), 0, achieved: [-2m, 3m, 7.005m]);

        Assert.Equal(
        [
            ("Sheet.PointsRange", "Points[0]"),
            ("Sheet.AchievedInvalid", "Achieved[0]"),
            ("Sheet.AchievedInvalid", "Achieved[2]"),
        ], result.Errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Save_WithoutAchieved_KeepsWhatWasThere()
    {
        var sheet = Sheet();
        sheet.Save(Field, [10m, 5m], null, Guid.NewGuid(), 0, achieved: [4m, 2.5m]);

        var result = sheet.Save(Field, [12m, 6m], null, Guid.NewGuid(), 1, achieved: null);

        Assert.True(result.Succeeded);
        Assert.Equal([4m, 2.5m], sheet.Achieved);
        Assert.Equal([12m, 6m], sheet.Points);
        Assert.Equal(2, sheet.Revision);
    }

    [Fact]
    public void Save_WithNewAchieved_ReplacesThem_AndAnEmptyListClearsThem()
    {
        var sheet = Sheet();
        sheet.Save(Field, [10m, 5m], null, Guid.NewGuid(), 0, achieved: [4m, 2.5m]);

        sheet.Save(Field, [10m, 5m], null, Guid.NewGuid(), 1, achieved: [6m]);
        var replaced = sheet.Achieved.ToList();
        sheet.Save(Field, [10m, 5m], null, Guid.NewGuid(), 2, achieved: []);

        Assert.Equal([6m], replaced);
        Assert.Empty(sheet.Achieved);
    }

    [Fact]
    public void Submit_WithAchieved_StoresThem_AndABadOneKeepsTheSheetOpen()
    {
        var sheet = Sheet();

        var refused = sheet.Submit(Field, [18m, 14m], null, Guid.NewGuid(), 0, Now, achieved: [-5m]);
        var refusedState = (sheet.State, sheet.SubmittedUtc, sheet.Achieved.Count);
        var submitted = sheet.Submit(Field, [18m, 14m], null, Guid.NewGuid(), 0, Now, achieved: [8m, 1.75m]);

        Assert.Equal(("Sheet.AchievedInvalid", "Achieved[0]"), (Assert.Single(refused.Errors).Code, refused.Errors[0].Field));
        Assert.Equal((SheetState.Draft, (DateTime?)null, 0), refusedState);
        Assert.True(submitted.Succeeded);
        Assert.Equal((SheetState.Submitted, (DateTime?)Now), (sheet.State, sheet.SubmittedUtc));
        Assert.Equal([8m, 1.75m], sheet.Achieved);
    }

    [Fact]
    public void Reopen_StoresTheCleanedReason()
    {
        var sheet = Sheet();
        sheet.Submit(Field, [18m, 14m], null, Guid.NewGuid(), 0, Now, achieved: [8m]);

        var result = sheet.Reopen("  El jurado   anotó mal   las andenes ", byPresidentOrOfficer: true);

        Assert.True(result.Succeeded);
        Assert.Equal("El jurado anotó mal las andenes", sheet.ReopenReason);
        Assert.Equal((SheetState.Draft, (DateTime?)null, 1, 2), (sheet.State, sheet.SubmittedUtc, sheet.Reopened, sheet.Revision));
        Assert.Equal([8m], sheet.Achieved);
    }

    [Fact]
    public void Reopen_Refused_LeavesNoReason()
    {
        var sheet = Sheet();
        sheet.Submit(Field, [18m, 14m], null, Guid.NewGuid(), 0, Now);

        var byJuror = sheet.Reopen("Me equivoqué", byPresidentOrOfficer: false);

        Assert.Equal("Sheet.ReopenNotAllowed", Assert.Single(byJuror.Errors).Code);
        Assert.Null(sheet.ReopenReason);
        Assert.Equal(SheetState.Submitted, sheet.State);
    }

    [Fact]
    public void Reopen_ReasonOverTheLimit_IsRefused()
    {
        var sheet = Sheet();
        sheet.Submit(Field, [18m, 14m], null, Guid.NewGuid(), 0, Now);

        var result = sheet.Reopen(new string('x', ScoreSheet.ReasonMaxLength + 1), byPresidentOrOfficer: true);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Validation.MaxLength", "Reason"), (error.Code, error.Field));
        Assert.Equal<object>([new FieldLabel("Reason"), 500], error.Arguments);
        Assert.Null(sheet.ReopenReason);
    }

    [Fact]
    public void Reopen_Twice_KeepsTheLatestReason()
    {
        var sheet = Sheet();
        sheet.Submit(Field, [18m, 14m], null, Guid.NewGuid(), 0, Now);
        sheet.Reopen("Primera corrección", byPresidentOrOfficer: true);
        sheet.Submit(Field, [17m, 14m], null, Guid.NewGuid(), sheet.Revision, Now);

        sheet.Reopen("Segunda corrección", byPresidentOrOfficer: true);

        Assert.Equal(("Segunda corrección", 2), (sheet.ReopenReason, sheet.Reopened));
    }

    [Fact]
    public void Untouched_OnlyUntilTheFirstSaveReachesTheSheet()
    {
        var saved = Sheet();
        var submitted = Sheet();
        var reopened = Sheet();

        saved.Save(Field, [null, null], null, Guid.NewGuid(), 0);
        submitted.Submit(Field, [18m, 14m], null, Guid.NewGuid(), 0, Now);
        reopened.Submit(Field, [18m, 14m], null, Guid.NewGuid(), 0, Now);
        reopened.Reopen("Corrección", byPresidentOrOfficer: true);

        Assert.True(Sheet().Untouched);
        Assert.False(saved.Untouched);
        Assert.False(submitted.Untouched);
        Assert.False(reopened.Untouched);
    }
}
