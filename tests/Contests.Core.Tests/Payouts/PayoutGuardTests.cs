using Contests.Core.Payouts;
using static Contests.Core.Tests.Payouts.PayoutBuilders;

namespace Contests.Core.Tests.Payouts;

/// <summary>What a caller can get wrong: another award's tranche as "the previous one", a payout listed twice, a separator.</summary>
public sealed class PayoutGuardTests
{
    [Fact]
    public void PreviousTranche_OfAnotherAward_IsACallersMistake()
    {
        var second = Pending(700m, tranche: 2, trancheCount: 2);
        var otherAwards = Pending(1_000m, entryNumber: EntryNumber + 1);

        Assert.Throws<ArgumentException>(() => second.Approve(OfficerId, Account(), otherAwards, Now));
        Assert.Throws<ArgumentException>(() => second.RecordCondition(TrancheConditionKind.PreviousAccounted, null, 700m, otherAwards, OfficerId, Now));
        Assert.Equal(PayoutState.Pending, second.State);
        Assert.Empty(second.Conditions);
    }

    [Fact]
    public void Accounting_WithoutAPaidPreviousTranche_IsRefused()
    {
        var second = Pending(300m, tranche: 2, trancheCount: 2);

        var result = second.RecordCondition(TrancheConditionKind.PreviousAccounted, null, 0.01m, null, OfficerId, Now);

        Assert.Equal(["Payout.PreviousTrancheNotPaid"], Codes(result));
        Assert.Empty(second.Conditions);
    }

    [Fact]
    public void Batch_WithAPayoutListedTwice_IsACallersMistake()
    {
        var payout = Approved(100m);

        Assert.Throws<ArgumentException>(() => PayoutBatch.Create([payout, payout], Now, new Debtor("Proyecto", "00000000000000000000", null), OfficerId, Now));
    }

    [Fact]
    public void BankAnswer_CommaFile_SemicolonInsideAField_StaysInItsColumn()
    {
        var errors = new List<Contests.Core.Common.DomainError>();
        using var reader = new StringReader("end_to_end_id,status,date,reference,amount,reason\nR1E1T1V1,PAID,2026-12-03,OP;77,600.00,pagado; sin novedad\n");

        var line = Assert.Single(BankAnswer.Parse(reader, errors));

        Assert.Empty(errors);
        Assert.Equal(("OP;77", 600m, "pagado; sin novedad"), (line.Reference!, line.Amount, line.Reason!));
    }
}
