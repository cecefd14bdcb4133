using Contests.Core.Programmes;

namespace Contests.Core.Tests.Programmes;

/// <summary>The one definition of a source's money that the programme page and the payouts board both show.</summary>
public sealed class SourceMoneyTests
{
    [Fact]
    public void Allocated_IsTheAwardsPlusWhatWasAllocatedByHand_PaidIsEverythingThatLeft()
    {
        // Awarded 65,400 by the system, of which 10,000 paid and 20,000 on its way; 12,400 paid by hand before the system.
        var money = new SourceMoney(Committed: 100_000m, Awarded: 65_400m, AllocatedByHand: 0m, PaidRecorded: 22_400m, PaidOut: 10_000m, InProcess: 20_000m);

        Assert.Equal(65_400m, money.Allocated);
        Assert.Equal(22_400m, money.Paid);
        Assert.Equal(12_400m, money.PaidByHand);
        Assert.Equal(35_400m, money.ToPay);
        Assert.Equal(22_200m, money.Balance);
        Assert.Equal(money.Committed, money.Allocated + money.PaidByHand + money.Balance);
    }

    [Fact]
    public void WithoutAwards_TheBalanceIsTheLedgers()
    {
        var money = new SourceMoney(10_000m, 0m, 2_500.50m, 1_000m, 0m, 0m);

        Assert.Equal((2_500.50m, 1_000m, 6_499.50m), (money.Allocated, money.Paid, money.Balance));
    }
}
