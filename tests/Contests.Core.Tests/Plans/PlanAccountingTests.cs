using Contests.Core.Payouts;
using Contests.Core.Plans;
using static Contests.Core.Tests.Plans.PlanBuilders;

namespace Contests.Core.Tests.Plans;

/// <summary>The accounting computed from receipts: by who paid, by component, tranche by tranche, to the céntimo.</summary>
public sealed class PlanAccountingTests
{
    [Fact]
    public void Compute_SplitsByWhoPaidAndByComponent()
    {
        var accounting = PlanAccounting.Compute(Term, Components, [7_500m],
        [
            Receipt(1_000.10m), Receipt(499.95m, component: Pastures), Receipt(800m, ReceiptPayer.Counterpart),
            Receipt(300.33m, ReceiptPayer.Counterpart, Pastures),
        ]);

        Assert.Equal(1_500.05m, accounting.Project);
        Assert.Equal(1_100.33m, accounting.Counterpart);
        Assert.Equal(2_600.38m, accounting.Total);
        var sheds = accounting.Components[0];
        Assert.Equal((1_000.10m, 800m), (sheds.Project, sheds.Counterpart));
        Assert.Equal(15.00m, sheds.Percent);
        Assert.Equal((499.95m, 300.33m), (accounting.Components[1].Project, accounting.Components[1].Counterpart));
    }

    [Fact]
    public void Compute_AReceiptOutsideTheTerm_IsFlaggedAndNotCounted()
    {
        var before = Receipt(200m, on: Term.Start.AddDays(-1));
        var after = Receipt(300m, on: Term.End.AddDays(1));
        var lastDay = Receipt(50m, on: Term.End);

        var accounting = PlanAccounting.Compute(Term, Components, [1_000m], [Receipt(100m, on: Term.Start), before, after, lastDay]);

        Assert.Equal([before, after], accounting.OutsideTerm);
        Assert.Equal(150m, accounting.Project);
    }

    [Fact]
    public void Tranche_SeventyPercentToTheCentimo_IsMet_ACentimoLessIsNot()
    {
        // 70 % of S/ 7,777.77 is 5,444.439 → S/ 5,444.44 to the céntimo.
        var short1 = PlanAccounting.Compute(Term, Components, [7_777.77m], [Receipt(5_000m), Receipt(444.43m)]).Tranche(1)!;
        var enough = PlanAccounting.Compute(Term, Components, [7_777.77m], [Receipt(5_000m), Receipt(444.44m)]).Tranche(1)!;

        Assert.Equal(5_444.44m, short1.Needed);
        Assert.Equal(Payout.AccountedNeeded(7_777.77m), short1.Needed);
        Assert.False(short1.Met);
        Assert.Equal(69.99m, short1.Percent);
        Assert.True(enough.Met);
        Assert.Equal(70.00m, enough.Percent);
    }

    [Fact]
    public void Tranche_CounterpartReceipts_DoNotAccountForTheProjectsMoney()
    {
        var tranche = PlanAccounting.Compute(Term, Components, [1_000m], [Receipt(650m), Receipt(5_000m, ReceiptPayer.Counterpart)]).Tranche(1)!;

        Assert.Equal(650m, tranche.Accounted);
        Assert.False(tranche.Met);
    }

    [Fact]
    public void Tranches_AreFilledInOrder()
    {
        var accounting = PlanAccounting.Compute(Term, Components, [1_000m, 2_000m], [Receipt(1_600m)]);

        Assert.Equal([1_000m, 600m], accounting.Tranches.Select(t => t.Accounted));
        Assert.Equal(30.00m, accounting.Tranche(2)!.Percent);
        Assert.Null(accounting.Tranche(3));
    }

    [Fact]
    public void Balance_WhatIsNotAccountedFor_IsReturned_LessTheRefunds()
    {
        var accounting = PlanAccounting.Compute(Term, Components, [6_000m, 9_000m], [Receipt(14_000.01m), Receipt(900m, ReceiptPayer.Counterpart)]);

        var open = PlanBalance.Of(accounting, []);
        var refunded = PlanBalance.Of(accounting, [999.99m]);
        var over = PlanBalance.Of(PlanAccounting.Compute(Term, Components, [1_000m], [Receipt(1_200m)]), []);

        Assert.Equal((15_000m, 14_000.01m, 999.99m), (open.Paid, open.AccountedProject, open.ToReturn));
        Assert.False(open.Settled);
        Assert.Equal(0m, refunded.ToReturn);
        Assert.True(refunded.Settled);
        Assert.Equal(0m, over.ToReturn);
    }
}
