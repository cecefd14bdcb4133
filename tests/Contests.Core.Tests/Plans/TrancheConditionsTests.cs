using Contests.Core.Common;
using Contests.Core.Payouts;
using Contests.Core.Plans;
using Contests.Core.Tests.Payouts;
using static Contests.Core.Tests.Plans.PlanBuilders;

namespace Contests.Core.Tests.Plans;

/// <summary>A later tranche's conditions come from the plan's records, and the payout's approval reads them.</summary>
public sealed class TrancheConditionsTests
{
    private static readonly PlanAccounting Accounted = PlanAccounting.Compute(Term, Components, [1_000m], [Receipt(700m)]);

    private static readonly PlanAccounting Short = PlanAccounting.Compute(Term, Components, [1_000m], [Receipt(699.99m)]);

    private static TrancheConditionKind[] Unmet(IEnumerable<TrancheConditionStatus> statuses) =>
        [.. statuses.Where(s => !s.Met).Select(s => s.Kind)];

    [Fact]
    public void Derive_NothingRecorded_NoConditionIsMet()
    {
        var statuses = TrancheConditions.Derive(2, Short, [], [Report(approved: false)]);

        Assert.Equal([TrancheConditionKind.CounterpartDeposited, TrancheConditionKind.ProgressApproved, TrancheConditionKind.PreviousAccounted],
            Unmet(statuses));
    }

    [Fact]
    public void Derive_ReceiptsDepositAndApproval_MeetAllThree()
    {
        Assert.Empty(Unmet(TrancheConditions.Derive(2, Accounted, [Deposit()], [Report(approved: true)])));
    }

    [Fact]
    public void Derive_FirstTranche_HasNoConditions()
    {
        Assert.Empty(TrancheConditions.Derive(1, Short, [], []));
    }

    [Fact]
    public void Approve_SecondTranche_ReadsTheDerivedConditions_NotTheHandTicks()
    {
        var previous = PayoutBuilders.Paid(1_000m);
        var second = Second();
        PayoutBuilders.Succeeds(second.RecordCondition(TrancheConditionKind.PreviousAccounted, null, 800m, previous, PayoutBuilders.CreatorId, PayoutBuilders.Now));
        var notYet = TrancheConditions.Met(TrancheConditions.Derive(2, Short, [Deposit()], [Report(approved: true)]));

        var refused = second.Approve(PayoutBuilders.OfficerId, PayoutBuilders.Account(), previous, notYet, PayoutBuilders.Now);

        Assert.Equal(["Payout.ConditionMissing"], PayoutBuilders.Codes(refused));
        Assert.Equal(TrancheConditionKind.PreviousAccounted, refused.Errors[0].Arguments[1]);
        Assert.Equal(PayoutState.Pending, second.State);

        var met = TrancheConditions.Met(TrancheConditions.Derive(2, Accounted, [Deposit()], [Report(approved: true)]));
        PayoutBuilders.Succeeds(second.Approve(PayoutBuilders.OfficerId, PayoutBuilders.Account(), previous, met, PayoutBuilders.Now));
        Assert.Equal(PayoutState.Approved, second.State);
    }

    [Fact]
    public void Report_Approval_NeedsItsActaAndADateAfterReceipt_Once()
    {
        var report = Report(approved: false);

        var refused = report.Approve(" ", report.ReceivedOn.AddDays(-1), Today, 12);
        Assert.Equal(["Validation.Required", "Report.ApprovalDate"], PayoutBuilders.Codes(refused));
        Assert.False(report.Approved);

        PayoutBuilders.Succeeds(report.Approve("Acta N° 4", report.ReceivedOn, Today, 12));
        Assert.Equal(["Report.AlreadyApproved"], PayoutBuilders.Codes(report.Approve("Acta N° 5", Today, Today, 12)));
    }

    [Fact]
    public void Report_DueDates_ComeFromTheTerm_AndEveryComponentNeedsAPercent()
    {
        var errors = new List<DomainError>();

        var report = ProgressReport.Record(12, 7, Term, ReportKind.Final, Today, "Avance", ComponentNames, [100, 101], Today, 11, Now, errors);

        Assert.Null(report);
        Assert.Equal(["Report.PercentRange"], Codes(errors));
        Assert.Equal("Progress[1]", errors[0].Field);
        Assert.Equal(new DateOnly(2026, 9, 2), Term.InterimReportDue);
        Assert.Equal(new DateOnly(2027, 3, 1), Term.End);
        Assert.Equal(new DateOnly(2027, 3, 31), Term.DueOn(ReportKind.Final));
    }

    private static Payout Second() =>
        PayoutPlan.Create(PayoutBuilders.Draft(2_000m, tranche: 2, trancheCount: 2), PayoutBuilders.CreatorId, PayoutBuilders.Now);
}
