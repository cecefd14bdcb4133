using Contests.Core.Payouts;
using static Contests.Core.Tests.Payouts.PayoutBuilders;

namespace Contests.Core.Tests.Payouts;

/// <summary>The payout's life: Pending → Approved → Scheduled → Sent → Paid | Failed → Reissued, and cash paid against a receipt.</summary>
public sealed class PayoutTests
{
    [Fact]
    public void Create_FromADraft_IsPendingVersionOne_WithItsEndToEndIdAmountAndShares()
    {
        var payout = PayoutPlan.Create(Draft(1_000m), CreatorId, Now);

        Assert.Equal(PayoutState.Pending, payout.State);
        Assert.Equal((RoundId, 107, 207, EntryNumber, "María Quispe Ñaupari"),
            (payout.RoundId, payout.AwardId, payout.EntryId, payout.EntryNumber, payout.BeneficiaryName));
        Assert.Equal((1, 1, 1), (payout.Tranche, payout.TrancheCount, payout.Version));
        Assert.Equal("R12E7T1V1", payout.EndToEndId);
        Assert.Equal(1_000m, payout.Amount);
        Assert.Equal([(1, 600m), (2, 400m)], payout.Shares.Select(s => (s.FundingSourceId, s.Amount)));
        Assert.Equal((CreatorId, Now), (payout.CreatedByUserId, payout.CreatedUtc));
        Assert.Null(payout.ReissueOfId);
        Assert.True(payout.IsOutstanding);
    }

    [Fact]
    public void BankTransfer_GoesApprovedScheduledSentPaid_RecordingEachStep()
    {
        var payout = Pending();

        Succeeds(payout.Approve(OfficerId, Account(), null, Now));
        Assert.Equal((PayoutState.Approved, OfficerId, Now), (payout.State, payout.ApprovedByUserId, payout.ApprovedUtc));

        Succeeds(payout.Schedule(BatchId));
        Assert.Equal((PayoutState.Scheduled, BatchId), (payout.State, payout.BatchId));

        payout.MarkSent(BatchId, Now.AddHours(2));
        Assert.Equal((PayoutState.Sent, Now.AddHours(2)), (payout.State, payout.SentUtc));
        Assert.True(payout.IsOutstanding);

        Succeeds(payout.MarkPaid(Today.AddDays(1), "  OP  778 ", OfficerId, Now.AddDays(1)));
        Assert.Equal(PayoutState.Paid, payout.State);
        Assert.Equal(Today.AddDays(1), payout.PaidOn);
        Assert.Equal("OP 778", payout.Reference);
        Assert.Equal((OfficerId, Now.AddDays(1)), (payout.PaidRecordedByUserId, payout.PaidRecordedUtc));
        Assert.False(payout.IsOutstanding);
        Assert.Equal(4, payout.Revision);
    }

    [Fact]
    public void MarkPaid_ByTheBankFile_MayHaveNoUser_AndClipsALongReference()
    {
        var payout = Sent();

        Succeeds(payout.MarkPaid(Today, new string('9', 80), null, Now));

        Assert.Null(payout.PaidRecordedByUserId);
        Assert.Equal(new string('9', Payout.ReferenceMaxLength), payout.Reference);
    }

    [Fact]
    public void Approve_Twice_IsRefused_NotPending()
    {
        var payout = Approved();

        var result = payout.Approve(OfficerId + 1, Account(), null, Now.AddHours(1));

        Assert.Equal(["Payout.NotPending"], Codes(result));
        Assert.Equal((OfficerId, Now), (payout.ApprovedByUserId, payout.ApprovedUtc));
    }

    [Fact]
    public void Schedule_WhilePending_IsRefused_NotApproved()
    {
        var payout = Pending();

        Assert.Equal(["Payout.NotApproved"], Codes(payout.Schedule(BatchId)));
        Assert.Equal(PayoutState.Pending, payout.State);
        Assert.Null(payout.BatchId);
    }

    [Fact]
    public void Schedule_WhenAlreadyScheduled_IsRefused_NotApproved()
    {
        var payout = Approved();
        Succeeds(payout.Schedule(BatchId));

        Assert.Equal(["Payout.NotApproved"], Codes(payout.Schedule(BatchId + 1)));
        Assert.Equal(BatchId, payout.BatchId);
    }

    [Fact]
    public void MarkSent_WhenNotScheduled_Throws()
    {
        var payout = Approved();

        Assert.Throws<InvalidOperationException>(() => payout.MarkSent(BatchId, Now));
        Assert.Equal(PayoutState.Approved, payout.State);
    }

    [Fact]
    public void MarkSent_ForAnotherBatch_Throws()
    {
        var payout = Approved();
        Succeeds(payout.Schedule(BatchId));

        Assert.Throws<InvalidOperationException>(() => payout.MarkSent(BatchId + 1, Now));
        Assert.Equal(PayoutState.Scheduled, payout.State);
    }

    [Fact]
    public void MarkSent_ASecondTime_Throws_AndKeepsTheFirstTime()
    {
        var payout = Sent();
        var sentAt = payout.SentUtc;

        Assert.Throws<InvalidOperationException>(() => payout.MarkSent(BatchId, Now.AddDays(3)));
        Assert.Equal(sentAt, payout.SentUtc);
    }

    [Fact]
    public void Unschedule_FromScheduled_GoesBackToApproved_OutOfTheBatch()
    {
        var payout = Approved();
        Succeeds(payout.Schedule(BatchId));

        payout.Unschedule();

        Assert.Equal(PayoutState.Approved, payout.State);
        Assert.Null(payout.BatchId);
        Succeeds(payout.Schedule(BatchId + 1));
    }

    [Fact]
    public void Unschedule_WhenNotScheduled_Throws()
    {
        var approved = Approved();
        var sent = Sent();

        Assert.Throws<InvalidOperationException>(approved.Unschedule);
        Assert.Throws<InvalidOperationException>(sent.Unschedule);
        Assert.Equal(PayoutState.Sent, sent.State);
    }

    [Fact]
    public void MarkPaid_WhenNotSent_IsRefused_NotSent()
    {
        var approved = Approved();
        var paid = Paid();

        Assert.Equal(["Payout.NotSent"], Codes(approved.MarkPaid(Today, null, null, Now)));
        Assert.Equal(["Payout.NotSent"], Codes(paid.MarkPaid(Today.AddDays(1), "OP-2", null, Now)));
        Assert.Equal(PayoutState.Approved, approved.State);
        Assert.Equal(("OP-1", Today), (paid.Reference, paid.PaidOn));
    }

    [Fact]
    public void MarkFailed_WhenNotSent_IsRefused_NotSent()
    {
        var scheduled = Approved();
        Succeeds(scheduled.Schedule(BatchId));
        var paid = Paid();

        Assert.Equal(["Payout.NotSent"], Codes(scheduled.MarkFailed("x", null, Now)));
        Assert.Equal(["Payout.NotSent"], Codes(paid.MarkFailed("x", null, Now)));
        Assert.Equal(PayoutState.Paid, paid.State);
    }

    [Fact]
    public void MarkFailed_FromSent_KeepsTheCleanedReasonAndReference()
    {
        var payout = Sent();

        Succeeds(payout.MarkFailed("  Cuenta   cerrada ", " RJ-9 ", Now.AddDays(1)));

        Assert.Equal(PayoutState.Failed, payout.State);
        Assert.Equal(("Cuenta cerrada", "RJ-9", Now.AddDays(1)), (payout.FailureReason, payout.Reference, payout.FailedUtc));
        Assert.True(payout.IsOutstanding);
    }

    [Fact]
    public void MarkFailed_WithoutAReason_SaysDash_AndALongReasonIsClipped()
    {
        var silent = Sent();
        var verbose = Sent();

        Succeeds(silent.MarkFailed("   ", null, Now));
        Succeeds(verbose.MarkFailed(new string('x', 500), null, Now));

        Assert.Equal("—", silent.FailureReason);
        Assert.Equal(Payout.ReasonMaxLength, verbose.FailureReason!.Length);
    }

    [Fact]
    public void Reissue_AFailedPayout_MakesTheNextVersionPending_SameMoney_NewEndToEndId()
    {
        var failed = Failed();

        var (result, reissue) = failed.Reissue(PayoutMethod.SavingsDeposit, OfficerId, Now.AddDays(2));

        Succeeds(result);
        Assert.NotNull(reissue);
        Assert.Equal(PayoutState.Reissued, failed.State);
        Assert.False(failed.IsOutstanding);
        Assert.Equal(PayoutState.Pending, reissue.State);
        Assert.True(reissue.IsOutstanding);
        Assert.Equal(2, reissue.Version);
        Assert.Equal("R12E7T1V2", reissue.EndToEndId);
        Assert.NotEqual(failed.EndToEndId, reissue.EndToEndId);
        Assert.Equal(failed.Id, reissue.ReissueOfId);
        Assert.Equal(failed.Amount, reissue.Amount);
        Assert.Equal(failed.Shares.Select(s => (s.FundingSourceId, s.Amount)), reissue.Shares.Select(s => (s.FundingSourceId, s.Amount)));
        Assert.Equal((failed.RoundId, failed.AwardId, failed.EntryId, failed.EntryNumber, failed.BeneficiaryName, failed.Tranche, failed.TrancheCount),
            (reissue.RoundId, reissue.AwardId, reissue.EntryId, reissue.EntryNumber, reissue.BeneficiaryName, reissue.Tranche, reissue.TrancheCount));
        Assert.Equal(PayoutMethod.SavingsDeposit, reissue.Method);
        Assert.Equal((OfficerId, Now.AddDays(2)), (reissue.CreatedByUserId, reissue.CreatedUtc));
        // A fresh payout: nothing of the failed one's approval, batch or bank answer.
        Assert.Null(reissue.ApprovedByUserId);
        Assert.Null(reissue.BatchId);
        Assert.Null(reissue.Cci);
        Assert.Null(reissue.FailureReason);
    }

    [Fact]
    public void Reissue_NeedsItsOwnApproval_BySomeoneOtherThanWhoReissuedIt()
    {
        var (_, reissue) = Failed().Reissue(PayoutMethod.BankTransfer, OfficerId, Now);

        Assert.Equal(["Payout.FourEyes"], Codes(reissue!.Approve(OfficerId, Account(), null, Now)));
        Succeeds(reissue.Approve(CreatorId, Account(), null, Now));
    }

    [Fact]
    public void Reissue_OfAReissueThatFailedToo_IsVersionThree()
    {
        var (_, second) = Failed().Reissue(PayoutMethod.BankTransfer, OfficerId, Now);
        Succeeds(second!.Approve(CreatorId, Account(), null, Now));
        Succeeds(second.Schedule(BatchId + 1));
        second.MarkSent(BatchId + 1, Now);
        Succeeds(second.MarkFailed("Nombre no coincide", null, Now));

        var (result, third) = second.Reissue(PayoutMethod.Cash, OfficerId, Now);

        Succeeds(result);
        Assert.Equal((3, "R12E7T1V3", PayoutMethod.Cash), (third!.Version, third.EndToEndId, third.Method));
    }

    [Fact]
    public void Reissue_WhenNotFailed_IsRefused_NotFailed()
    {
        Payout[] payouts = [Pending(), Approved(), Sent(), Paid()];

        foreach (var payout in payouts)
        {
            var state = payout.State;
            var (result, reissue) = payout.Reissue(PayoutMethod.BankTransfer, OfficerId, Now);

            Assert.Equal(["Payout.NotFailed"], Codes(result));
            Assert.Null(reissue);
            Assert.Equal(state, payout.State);
        }
    }

    [Fact]
    public void Reissue_ASecondTime_IsRefused_NotFailed()
    {
        var failed = Failed();
        failed.Reissue(PayoutMethod.BankTransfer, OfficerId, Now);

        var (result, reissue) = failed.Reissue(PayoutMethod.BankTransfer, OfficerId, Now);

        Assert.Equal(["Payout.NotFailed"], Codes(result));
        Assert.Null(reissue);
    }

    [Fact]
    public void ChangeMethod_WhilePending_ChangesIt_AfterApprovalIsRefused()
    {
        var pending = Pending();
        var approved = Approved();

        Succeeds(pending.ChangeMethod(PayoutMethod.Cash));

        Assert.Equal(PayoutMethod.Cash, pending.Method);
        Assert.False(pending.NeedsAccount);
        Assert.Equal(["Payout.NotPending"], Codes(approved.ChangeMethod(PayoutMethod.Cash)));
        Assert.Equal(PayoutMethod.BankTransfer, approved.Method);
    }

    [Fact]
    public void Cash_ApprovedThenReceiptRecorded_IsPaid_WithWhoSignedAndTheDay()
    {
        var payout = Approved(method: PayoutMethod.Cash);

        var result = payout.RecordCashReceipt("  R-0042 ", " Juana  Huamán ", thumbPrinted: true, Today, Today, OfficerId, Now.AddHours(3));

        Succeeds(result);
        Assert.Equal(PayoutState.Paid, payout.State);
        Assert.Equal(("R-0042", "Juana Huamán", (bool?)true), (payout.Reference, payout.ReceivedBy, payout.ThumbPrinted));
        Assert.Equal(Today, payout.PaidOn);
        Assert.Equal((OfficerId, Now.AddHours(3)), (payout.PaidRecordedByUserId, payout.PaidRecordedUtc));
        Assert.False(payout.IsOutstanding);
        Assert.Null(payout.BatchId);
    }

    [Fact]
    public void Cash_ReceiptWithoutNumberOrReceiver_IsRefused_BothFields()
    {
        var payout = Approved(method: PayoutMethod.Cash);

        var result = payout.RecordCashReceipt(" ", null, false, Today, Today, OfficerId, Now);

        Assert.Equal([("Validation.Required", "ReceiptNumber"), ("Validation.Required", "ReceivedBy")], result.Errors.Select(e => (e.Code, e.Field)));
        Assert.Equal(PayoutState.Approved, payout.State);
        Assert.Null(payout.Reference);
    }

    [Fact]
    public void Cash_ReceiverWithEmoji_IsRefused_OnTheField_AndNothingIsPaid()
    {
        var payout = Approved(method: PayoutMethod.Cash);

        var result = payout.RecordCashReceipt("R-0042", "Juana 🙂 Huamán", false, Today, Today, OfficerId, Now);

        Assert.Equal([("Text.Symbol", "ReceivedBy")], result.Errors.Select(e => (e.Code, e.Field)));
        Assert.Equal(PayoutState.Approved, payout.State);
    }

    [Fact]
    public void Cash_ReceiptNumberTooLong_IsRefused()
    {
        var payout = Approved(method: PayoutMethod.Cash);

        var result = payout.RecordCashReceipt(new string('1', Payout.ReferenceMaxLength + 1), "Juana", false, Today, Today, OfficerId, Now);

        Assert.Equal([("Validation.MaxLength", "ReceiptNumber")], result.Errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Cash_PaidTomorrow_IsRefused_PaidInFuture()
    {
        var payout = Approved(method: PayoutMethod.Cash);

        var result = payout.RecordCashReceipt("R-1", "Juana", false, Today.AddDays(1), Today, OfficerId, Now);

        Assert.Equal([("Payout.PaidInFuture", "PaidOn")], result.Errors.Select(e => (e.Code, e.Field)));
        Assert.Equal(PayoutState.Approved, payout.State);
    }

    [Fact]
    public void Cash_PaidBeforeTheDayItWasApproved_IsRefused()
    {
        var payout = Approved(method: PayoutMethod.Cash);

        var result = payout.RecordCashReceipt("R-1", "Juana", false, Today.AddDays(-1), Today, OfficerId, Now);

        Assert.Equal([("Payout.PaidBeforeApproval", "PaidOn")], result.Errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Cash_ApprovedLateInTheEveningInLima_MayBePaidThatLimaDay()
    {
        // 21:00 in Lima on the 10th is already the 11th in UTC: the receipt's day is a Lima day.
        var evening = new DateTime(2026, 3, 11, 2, 0, 0, DateTimeKind.Utc);
        var payout = Pending(method: PayoutMethod.Cash);
        Succeeds(payout.Approve(OfficerId, null, null, evening));

        Succeeds(payout.RecordCashReceipt("R-1", "Juana", false, Today, Today, OfficerId, evening));
    }

    [Fact]
    public void Cash_ReceiptBeforeApproval_IsRefused_NotApproved()
    {
        var payout = Pending(method: PayoutMethod.Cash);

        var result = payout.RecordCashReceipt("R-1", "Juana", false, Today, Today, OfficerId, Now);

        Assert.Equal(["Payout.NotApproved"], Codes(result));
        Assert.Equal(PayoutState.Pending, payout.State);
    }

    [Fact]
    public void Cash_ReceiptTwice_IsRefused_NotApproved()
    {
        var payout = Approved(method: PayoutMethod.Cash);
        Succeeds(payout.RecordCashReceipt("R-1", "Juana", false, Today, Today, OfficerId, Now));

        var result = payout.RecordCashReceipt("R-2", "Pedro", false, Today, Today, OfficerId, Now);

        Assert.Equal(["Payout.NotApproved"], Codes(result));
        Assert.Equal(("R-1", "Juana"), (payout.Reference, payout.ReceivedBy));
    }

    [Fact]
    public void Cash_CannotBeScheduled_CashNotInBatch()
    {
        var payout = Approved(method: PayoutMethod.Cash);

        Assert.Equal(["Payout.CashNotInBatch"], Codes(payout.Schedule(BatchId)));
        Assert.Equal(PayoutState.Approved, payout.State);
        Assert.Null(payout.BatchId);
    }

    [Theory]
    [InlineData(PayoutMethod.BankTransfer)]
    [InlineData(PayoutMethod.SavingsDeposit)]
    public void BankPayout_CannotTakeACashReceipt_NotCash(PayoutMethod method)
    {
        var payout = Approved(method: method);

        var result = payout.RecordCashReceipt("R-1", "Juana", false, Today, Today, OfficerId, Now);

        Assert.Equal(["Payout.NotCash"], Codes(result));
        Assert.Equal(PayoutState.Approved, payout.State);
    }

    [Fact]
    public void EndToEndIdOf_IsRoundEntryTrancheVersion()
    {
        Assert.Equal("R12E7T1V1", Payout.EndToEndIdOf(12, 7, 1, 1));
        Assert.Equal("R3E140T2V4", Payout.EndToEndIdOf(3, 140, 2, 4));
    }

    [Fact]
    public void EndToEndIdOf_TheLargestRoundAndEntry_FitsInThirtyFiveCharacters()
    {
        var id = Payout.EndToEndIdOf(int.MaxValue, int.MaxValue, 2, 9);

        Assert.Equal("R2147483647E2147483647T2V9", id);
        Assert.True(id.Length <= Payout.EndToEndIdMaxLength);
        Assert.True(Payout.EndToEndIdOf(int.MaxValue, int.MaxValue, 9, 999_999).Length <= Payout.EndToEndIdMaxLength);
    }

    [Fact]
    public void EndToEndIdOf_TooLongForTheBank_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Payout.EndToEndIdOf(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue));
    }

    [Fact]
    public void EndToEndIdOf_IsStable_AndDiffersByEveryPart()
    {
        Assert.Equal(Payout.EndToEndIdOf(12, 7, 1, 1), Payout.EndToEndIdOf(12, 7, 1, 1));
        Assert.Equal(Pending().EndToEndId, Pending().EndToEndId);
        string[] ids = [Payout.EndToEndIdOf(12, 7, 1, 1), Payout.EndToEndIdOf(1, 27, 1, 1), Payout.EndToEndIdOf(127, 1, 1, 1),
            Payout.EndToEndIdOf(12, 71, 1, 1), Payout.EndToEndIdOf(12, 7, 2, 1), Payout.EndToEndIdOf(12, 7, 1, 2), Payout.EndToEndIdOf(12, 7, 11, 1)];
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
