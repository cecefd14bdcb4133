using Contests.Core.Common;
using Contests.Core.Plans;
using Contests.Core.Rounds;
using static Contests.Core.Tests.Plans.PlanBuilders;

namespace Contests.Core.Tests.Plans;

/// <summary>A plan's close-out: the balance to return, the refund equal to it to the céntimo, the rating, and a closed plan refusing more.</summary>
public sealed class PlanCloseOutTests
{
    // S/ 10,000.00 paid; S/ 9,649.99 accounted with the project's money (and S/ 1,500.00 of counterpart): S/ 350.01 to return.
    private static readonly PlanAccounting Accounting = PlanAccounting.Compute(Term, Components, [7_000m, 3_000m],
        [Receipt(6_000m), Receipt(3_649.99m, component: Pastures), Receipt(1_500m, ReceiptPayer.Counterpart)]);

    private static ProgressReport Final()
    {
        var errors = new List<DomainError>();
        var report = ProgressReport.Record(12, 7, Term, ReportKind.Final, new DateOnly(2026, 8, 25), "Plan concluido.", ComponentNames, [100, 100], Today,
            11, Now, errors);
        Assert.Empty(errors);
        return report!;
    }

    private static (PlanCloseOut? CloseOut, List<DomainError> Errors) Close(CloseOutInput input, params ProgressReport[] reports)
    {
        var errors = new List<DomainError>();
        return (PlanCloseOut.Close(12, 7, Accounting, reports, input, Today, 11, Now, errors), errors);
    }

    [Fact]
    public void Close_RefundEqualToTheBalance_RecordsTotalsRefundAndRating()
    {
        var (closeOut, errors) = Close(new CloseOutInput(350.01m, Today, "OP-1234", 4), Report(approved: true), Final());

        Assert.Empty(errors);
        Assert.Equal((10_000m, 9_649.99m, 1_500m, 350.01m, 4), (closeOut!.Paid, closeOut.AccountedProject, closeOut.AccountedCounterpart, closeOut.Refund,
            closeOut.Rating));
        Assert.Equal(0m, PlanBalance.Of(Accounting, [closeOut.Refund]).ToReturn);
    }

    [Theory]
    [InlineData(350.00)]
    [InlineData(350.02)]
    public void Close_RefundACentimoOff_IsRefusedAtTheAmount(double refund)
    {
        var (closeOut, errors) = Close(new CloseOutInput((decimal)refund, Today, "OP-1234", 4), Final());

        Assert.Null(closeOut);
        var error = Assert.Single(errors);
        Assert.Equal(("CloseOut.RefundMismatch", "RefundAmount"), (error.Code, error.Field));
    }

    [Fact]
    public void Close_NoFinalReport_NoRefundDetails_RatingOutOfScale_EveryReason()
    {
        var (closeOut, errors) = Close(new CloseOutInput(null, null, " ", 6), Report(approved: true));

        Assert.Null(closeOut);
        Assert.Equal(["CloseOut.NoFinalReport", "Validation.Required", "Validation.Required", "Validation.Required", "CloseOut.RatingRange"], Codes(errors));
        Assert.Equal(new string?[] { null, "RefundAmount", "RefundedOn", "RefundReference", "Rating" }, errors.Select(e => e.Field));
    }

    [Fact]
    public void Close_EverythingAccounted_NoRefundNeeded_AndAnyRefundIsAMismatch()
    {
        var accounted = PlanAccounting.Compute(Term, Components, [1_000m], [Receipt(1_200m)]);
        var errors = new List<DomainError>();

        var closeOut = PlanCloseOut.Close(12, 7, accounted, [Final()], new CloseOutInput(null, null, null, 5), Today, 11, Now, errors);
        var refused = PlanCloseOut.Close(12, 7, accounted, [Final()], new CloseOutInput(0.01m, Today, "OP-1", 5), Today, 11, Now, errors);

        Assert.Equal(0m, closeOut!.Refund);
        Assert.Null(closeOut.RefundedOn);
        Assert.Null(closeOut.RefundReference);
        Assert.Null(refused);
        Assert.Equal(["CloseOut.RefundMismatch"], Codes(errors));
    }

    [Fact]
    public void Refuses_AClosedPlan_TakesNothingMore()
    {
        var (closeOut, _) = Close(new CloseOutInput(350.01m, Today, "OP-1234", 3), Final());

        Assert.True(PlanCloseOut.Refuses(null).Succeeded);
        Assert.Equal(["Plan.Closed"], Codes(PlanCloseOut.Refuses(closeOut).Errors));
    }

    [Fact]
    public void RoundCloses_OnlyOnceEveryPlanIsClosedOut_AndEveryPayoutPaid()
    {
        var open = RoundPhases.CanMove(RoundPhase.Paying, RoundPhase.Closed, new PhaseFacts { PlansOpen = 1, PayoutsOutstanding = 2 });

        Assert.Equal(["Phase.PayoutsOutstanding", "Phase.PlansOpen"], Codes(open.Errors));
        Assert.True(RoundPhases.CanMove(RoundPhase.Paying, RoundPhase.Closed, new PhaseFacts()).Succeeded);
    }
}
