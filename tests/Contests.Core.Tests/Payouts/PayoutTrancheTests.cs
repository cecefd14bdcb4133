using Contests.Core.Common;
using Contests.Core.Payouts;
using static Contests.Core.Tests.Payouts.PayoutBuilders;

namespace Contests.Core.Tests.Payouts;

/// <summary>
/// A plan's second tranche: approved only once the first is paid and its three conditions are recorded
/// (the counterpart deposited, the progress approved, at least 70 % of the first tranche accounted for).
/// </summary>
public sealed class PayoutTrancheTests
{
    private const decimal FirstAmount = 700.01m;
    private const decimal SecondAmount = 300.00m;

    /// <summary>70 % of 700.01 is 490.007, which rounds up to the céntimo.</summary>
    private const decimal Needed = 490.01m;

    private static readonly TrancheConditionKind[] AllKinds = Enum.GetValues<TrancheConditionKind>();

    private static Payout First() =>
        PayoutPlan.Create(Draft(FirstAmount, tranche: 1, trancheCount: 2, shares: [(1, 420.01m), (2, 280.00m)]), CreatorId, Now);

    private static Payout Second() =>
        PayoutPlan.Create(Draft(SecondAmount, tranche: 2, trancheCount: 2, shares: [(1, 180.00m), (2, 120.00m)]), CreatorId, Now);

    private static Payout PaidFirst()
    {
        var first = First();
        Succeeds(first.Approve(OfficerId, Account(), null, Now));
        Succeeds(first.Schedule(BatchId));
        first.MarkSent(BatchId, Now);
        Succeeds(first.MarkPaid(Today, "OP-1", null, Now));
        return first;
    }

    private static Result Record(Payout second, TrancheConditionKind kind, Payout previous, decimal? accounted = null, string? note = "Acta de avance") =>
        second.RecordCondition(kind, note, kind == TrancheConditionKind.PreviousAccounted ? accounted ?? Needed : accounted, previous, OfficerId, Now);

    private static Payout WithConditions(Payout previous, params TrancheConditionKind[] kinds)
    {
        var second = Second();
        foreach (var kind in kinds)
        {
            Succeeds(Record(second, kind, previous));
        }
        return second;
    }

    [Fact]
    public void Approve_SecondTranche_WithFirstPaidAndEveryCondition_Succeeds()
    {
        var first = PaidFirst();
        var second = WithConditions(first, AllKinds);

        Succeeds(second.Approve(OfficerId, Account(), first, Now));

        Assert.Equal(PayoutState.Approved, second.State);
    }

    [Fact]
    public void Approve_SecondTranche_WhileTheFirstIsOnlyApproved_IsRefused_PreviousTrancheNotPaid()
    {
        var first = First();
        Succeeds(first.Approve(OfficerId, Account(), null, Now));
        var second = WithConditions(first, AllKinds);

        var result = second.Approve(OfficerId, Account(), first, Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Payout.PreviousTrancheNotPaid", error.Code);
        Assert.Equal(["María Quispe Ñaupari", 1], error.Arguments);
        Assert.Equal(PayoutState.Pending, second.State);
    }

    [Theory]
    [InlineData(PayoutState.Pending)]
    [InlineData(PayoutState.Sent)]
    [InlineData(PayoutState.Failed)]
    public void Approve_SecondTranche_WhileTheFirstIsNotPaid_IsRefused(PayoutState firstState)
    {
        var first = firstState == PayoutState.Pending ? First() : firstState == PayoutState.Sent ? Sent(FirstAmount) : Failed(FirstAmount);
        Assert.Equal(firstState, first.State);
        var second = WithConditions(PaidFirst(), AllKinds);

        Assert.Equal(["Payout.PreviousTrancheNotPaid"], Codes(second.Approve(OfficerId, Account(), first, Now)));
    }

    [Fact]
    public void Approve_SecondTranche_WithoutTheFirst_IsRefused_PreviousTrancheNotPaid()
    {
        var second = WithConditions(PaidFirst(), AllKinds);

        Assert.Equal(["Payout.PreviousTrancheNotPaid"], Codes(second.Approve(OfficerId, Account(), null, Now)));
    }

    [Fact]
    public void Approve_SecondTranche_WithNoConditions_ListsTheThreeMissing()
    {
        var first = PaidFirst();
        var second = Second();

        var result = second.Approve(OfficerId, Account(), first, Now);

        Assert.Equal(["Payout.ConditionMissing", "Payout.ConditionMissing", "Payout.ConditionMissing"], Codes(result));
        Assert.Equal(AllKinds, result.Errors.Select(e => Assert.Single(e.Arguments.OfType<TrancheConditionKind>())));
        Assert.Equal(PayoutState.Pending, second.State);
    }

    [Theory]
    [InlineData(TrancheConditionKind.CounterpartDeposited)]
    [InlineData(TrancheConditionKind.ProgressApproved)]
    [InlineData(TrancheConditionKind.PreviousAccounted)]
    public void Approve_SecondTranche_WithOneConditionMissing_NamesIt(TrancheConditionKind missing)
    {
        var first = PaidFirst();
        var second = WithConditions(first, [.. AllKinds.Where(k => k != missing)]);

        var result = second.Approve(OfficerId, Account(), first, Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Payout.ConditionMissing", error.Code);
        Assert.Equal([missing], error.Arguments.OfType<TrancheConditionKind>());
        Assert.Equal(PayoutState.Pending, second.State);
    }

    [Fact]
    public void Approve_SecondTranche_EveryReasonAtOnce()
    {
        var first = First();
        var second = WithConditions(first, TrancheConditionKind.ProgressApproved);

        var result = second.Approve(CreatorId, Account(verified: false), first, Now);

        Assert.Equal(["Payout.FourEyes", "Payout.AccountNotVerified", "Payout.PreviousTrancheNotPaid", "Payout.ConditionMissing", "Payout.ConditionMissing"],
            Codes(result));
    }

    [Fact]
    public void RecordCondition_OnAFirstTranche_IsRefused_NoConditions()
    {
        var first = First();

        var result = first.RecordCondition(TrancheConditionKind.ProgressApproved, "x", null, null, OfficerId, Now);

        Assert.Equal(["Payout.NoConditions"], Codes(result));
        Assert.Empty(first.Conditions);
    }

    [Fact]
    public void RecordCondition_KeepsWhoWhenAndTheCleanedNote()
    {
        var second = Second();

        Succeeds(second.RecordCondition(TrancheConditionKind.CounterpartDeposited, "  Voucher   0045 ", 500m, PaidFirst(), OfficerId, Now.AddHours(1)));

        var condition = Assert.Single(second.Conditions);
        Assert.Equal((TrancheConditionKind.CounterpartDeposited, "Voucher 0045", OfficerId, Now.AddHours(1)),
            (condition.Kind, condition.Note, condition.RecordedByUserId, condition.RecordedUtc));
        // Only an accounting keeps an amount.
        Assert.Null(condition.Accounted);
    }

    [Fact]
    public void RecordCondition_NoteTooLong_IsRefused()
    {
        var second = Second();

        var result = second.RecordCondition(TrancheConditionKind.ProgressApproved, new string('a', Payout.ReasonMaxLength + 1), null, null, OfficerId, Now);

        Assert.Equal([("Validation.MaxLength", "Note")], result.Errors.Select(e => (e.Code, e.Field)));
        Assert.Empty(second.Conditions);
    }

    [Fact]
    public void RecordCondition_TheSameKindTwice_IsRefused_ConditionRecorded()
    {
        var first = PaidFirst();
        var second = WithConditions(first, TrancheConditionKind.ProgressApproved);

        var result = Record(second, TrancheConditionKind.ProgressApproved, first, note: "otra vez");

        Assert.Equal(["Payout.ConditionRecorded"], Codes(result));
        Assert.Equal("Acta de avance", Assert.Single(second.Conditions).Note);
    }

    [Fact]
    public void RecordCondition_OnceApproved_IsRefused_NotPending()
    {
        var first = PaidFirst();
        var second = WithConditions(first, AllKinds);
        Succeeds(second.Approve(OfficerId, Account(), first, Now));

        var result = second.RecordCondition(TrancheConditionKind.ProgressApproved, "x", null, first, OfficerId, Now);

        Assert.Equal(["Payout.NotPending"], Codes(result));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-5)]
    public void RecordCondition_AccountingWithoutAnAmount_IsRefused_AccountedRequired(int? accounted)
    {
        var first = PaidFirst();
        var second = Second();

        var result = second.RecordCondition(TrancheConditionKind.PreviousAccounted, null, accounted, first, OfficerId, Now);

        Assert.Equal([("Payout.AccountedRequired", "Accounted")], result.Errors.Select(e => (e.Code, e.Field)));
        Assert.Empty(second.Conditions);
    }

    [Fact]
    public void RecordCondition_AccountingBelowSeventyPercent_IsRefused_AccountedTooLow_WithTheAmountNeeded()
    {
        var first = PaidFirst();
        var second = Second();

        var result = second.RecordCondition(TrancheConditionKind.PreviousAccounted, null, Needed - 0.01m, first, OfficerId, Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("Payout.AccountedTooLow", "Accounted"), (error.Code, error.Field));
        Assert.Equal([Needed, 70, FirstAmount], error.Arguments);
        Assert.Empty(second.Conditions);
    }

    [Fact]
    public void RecordCondition_AccountingOfExactlySeventyPercent_IsRecordedWithTheAmount()
    {
        var first = PaidFirst();
        var second = Second();

        Succeeds(second.RecordCondition(TrancheConditionKind.PreviousAccounted, "Rendición 1", Needed, first, OfficerId, Now));

        Assert.Equal(Needed, Assert.Single(second.Conditions).Accounted);
    }

    [Fact]
    public void Reissue_OfAFailedSecondTranche_KeepsItsConditions()
    {
        var first = PaidFirst();
        var second = WithConditions(first, AllKinds);
        Succeeds(second.Approve(OfficerId, Account(), first, Now));
        Succeeds(second.Schedule(BatchId));
        second.MarkSent(BatchId, Now);
        Succeeds(second.MarkFailed("Cuenta cerrada", null, Now));

        var (_, reissue) = second.Reissue(PayoutMethod.BankTransfer, OfficerId, Now);

        Assert.Equal(AllKinds, reissue!.Conditions.Select(c => c.Kind));
        Assert.Equal(Needed, reissue.Conditions.Single(c => c.Kind == TrancheConditionKind.PreviousAccounted).Accounted);
        Assert.Equal("R12E7T2V2", reissue.EndToEndId);
        Succeeds(reissue.Approve(CreatorId, Account(), first, Now));
    }
}
