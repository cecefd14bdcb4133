using Contests.Core.Payouts;
using Contests.Core.Plans;
using static Contests.Core.Tests.Payouts.PayoutBuilders;

namespace Contests.Core.Tests.Plans;

/// <summary>A receipt's or deposit's file: kept with a record being made, changed later only until a later tranche is approved on it.</summary>
public sealed class ProofFileTests
{
    private static readonly AttachmentFile Pdf = new(@"C:\fotos\boleta B001-77.pdf", new AttachmentType("application/pdf", ".pdf"), 2_048, new string('a', 64));

    private static Payout PaidFirst()
    {
        var first = PayoutPlan.Create(Draft(3_000m, tranche: 1, trancheCount: 2), CreatorId, Now);
        Succeeds(first.Approve(OfficerId, Account(), null, Now));
        Succeeds(first.Schedule(BatchId));
        first.MarkSent(BatchId, Now);
        Succeeds(first.MarkPaid(Today, "OP-1", null, Now));
        return first;
    }

    private static Payout Second() => PayoutPlan.Create(Draft(2_000m, tranche: 2, trancheCount: 2), CreatorId, Now);

    [Fact]
    public void CheckChange_WhileTheNextTrancheIsPending_Succeeds()
    {
        Assert.True(ProofFile.CheckChange(Now, [PaidFirst(), Second()], null).Succeeded);
    }

    [Fact]
    public void CheckChange_OnceALaterTrancheWasApprovedOnTheRecord_RefusedNamingIt_ButALaterRecordMayStillChange()
    {
        var first = PaidFirst();
        var second = Second();
        var approvedAt = Now.AddDays(3);
        Succeeds(second.Approve(OfficerId, Account(), first, Enum.GetValues<TrancheConditionKind>(), approvedAt));

        var refused = ProofFile.CheckChange(Now.AddDays(1), [first, second], null);

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("Proof.Settled", "File"), (error.Code, error.Field));
        Assert.Equal(2, Assert.Single(error.Arguments));
        Assert.True(ProofFile.CheckChange(approvedAt.AddMinutes(5), [first, second], null).Succeeded);
    }

    [Fact]
    public void AttachFile_OnAReceiptBeingRecorded_KeepsTheFileWithoutItsFolders()
    {
        var receipt = PlanBuilders.Receipt();

        Assert.True(receipt.AttachFile(ProofFile.Of(Pdf, 11, Now), [PaidFirst()], null).Succeeded);

        Assert.Equal(new ProofFile("boleta B001-77.pdf", "application/pdf", 2_048, new string('a', 64), 11, Now), receipt.File);
    }

    [Fact]
    public void AttachFile_OnADeposit_KeepsTheStatement()
    {
        var deposit = PlanBuilders.Deposit();

        Assert.Null(deposit.File);
        Assert.True(deposit.AttachFile(ProofFile.Of(Pdf with { FileName = "" }, 11, Now), [], null).Succeeded);

        Assert.Equal(("adjunto.pdf", 2_048L), (deposit.File!.FileName, deposit.File.Size));
    }
}
