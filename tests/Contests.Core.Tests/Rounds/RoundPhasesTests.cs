using Contests.Core.Rounds;

namespace Contests.Core.Tests.Rounds;

public sealed class RoundPhasesTests
{
    /// <summary>Facts under which every guard is satisfied.</summary>
    private static readonly PhaseFacts Ready = new()
    {
        HasRubric = true, HasBudget = true, Entries = 14, MissingBaselines = 0, MissingScoreSheets = 0,
        ActaApprovedWithQuorum = true, AppealsWindowOver = true, PayoutsOutstanding = 0,
    };

    private static readonly (RoundPhase From, RoundPhase To)[] Allowed =
    [
        (RoundPhase.Draft, RoundPhase.Open),
        (RoundPhase.Open, RoundPhase.RegistrationClosed),
        (RoundPhase.RegistrationClosed, RoundPhase.Judging),
        (RoundPhase.Judging, RoundPhase.Review),
        (RoundPhase.Review, RoundPhase.Published),
        (RoundPhase.Published, RoundPhase.Final),
        (RoundPhase.Final, RoundPhase.Paying),
        (RoundPhase.Paying, RoundPhase.Closed),
    ];

    public static TheoryData<RoundPhase, RoundPhase> AllowedMoves()
    {
        var data = new TheoryData<RoundPhase, RoundPhase>();
        foreach (var (from, to) in Allowed)
        {
            data.Add(from, to);
        }
        return data;
    }

    public static TheoryData<RoundPhase, RoundPhase> ForbiddenMoves()
    {
        var data = new TheoryData<RoundPhase, RoundPhase>();
        foreach (var from in Enum.GetValues<RoundPhase>())
        {
            foreach (var to in Enum.GetValues<RoundPhase>().Where(to => !Allowed.Contains((from, to))))
            {
                data.Add(from, to);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void CanMove_EachForwardStep_WithItsGuardsMet_IsAllowed(RoundPhase from, RoundPhase to) =>
        Assert.True(RoundPhases.CanMove(from, to, Ready).Succeeded);

    [Theory]
    [MemberData(nameof(ForbiddenMoves))]
    public void CanMove_AnyOtherPair_IsNotAllowed_EvenConfirmed(RoundPhase from, RoundPhase to)
    {
        var result = RoundPhases.CanMove(from, to, Ready, confirmed: true);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Phase.NotAllowed", error.Code);
        Assert.Equal([from, to], error.Arguments);
    }

    [Fact]
    public void ForbiddenMoves_CoverEveryPairButTheEightSteps() =>
        Assert.Equal((9 * 9) - 8, ForbiddenMoves().Count);

    [Fact]
    public void Next_WalksTheWholeCycle_AndEndsAtClosed()
    {
        var walked = new List<RoundPhase> { RoundPhase.Draft };
        while (RoundPhases.Next(walked[^1]) is { } next)
        {
            walked.Add(next);
        }

        Assert.Equal(Enum.GetValues<RoundPhase>(), walked);
    }

    [Fact]
    public void Open_WithoutRubricOrBudget_SaysBoth()
    {
        var result = RoundPhases.CanMove(RoundPhase.Draft, RoundPhase.Open, Ready with { HasRubric = false, HasBudget = false }, confirmed: true);

        Assert.Equal(["Phase.NoRubric", "Phase.NoBudget"], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public void CloseRegistration_WithNoEntries_NeedsConfirming()
    {
        var empty = Ready with { Entries = 0 };

        Assert.Equal("Phase.NoEntries", Assert.Single(RoundPhases.CanMove(RoundPhase.Open, RoundPhase.RegistrationClosed, empty).Errors).Code);
        Assert.True(RoundPhases.CanMove(RoundPhase.Open, RoundPhase.RegistrationClosed, empty, confirmed: true).Succeeded);
    }

    [Fact]
    public void StartJudging_WithBaselinesMissing_SaysHowManyAndNeedsConfirming()
    {
        var missing = Ready with { MissingBaselines = 3 };

        var error = Assert.Single(RoundPhases.CanMove(RoundPhase.RegistrationClosed, RoundPhase.Judging, missing).Errors);
        Assert.Equal(("Phase.MissingBaselines", 3), (error.Code, (int)error.Arguments[0]));
        Assert.True(RoundPhases.CanMove(RoundPhase.RegistrationClosed, RoundPhase.Judging, missing, confirmed: true).Succeeded);
    }

    [Theory]
    [InlineData(RoundPhase.Judging, RoundPhase.Review, "Phase.MissingScoreSheets")]
    [InlineData(RoundPhase.Review, RoundPhase.Published, "Phase.NoApprovedActa")]
    [InlineData(RoundPhase.Published, RoundPhase.Final, "Phase.AppealsWindowOpen")]
    [InlineData(RoundPhase.Paying, RoundPhase.Closed, "Phase.PayoutsOutstanding")]
    public void GuardsThatProtectResults_CannotBeConfirmedAway(RoundPhase from, RoundPhase to, string code)
    {
        var facts = Ready with
        {
            MissingScoreSheets = 2, ActaApprovedWithQuorum = false, AppealsWindowOver = false, PayoutsOutstanding = 5,
        };

        var result = RoundPhases.CanMove(from, to, facts, confirmed: true);

        Assert.Equal(code, Assert.Single(result.Errors).Code);
    }
}
