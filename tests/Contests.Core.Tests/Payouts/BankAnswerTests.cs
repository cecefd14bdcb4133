using Contests.Core.Common;
using Contests.Core.Payouts;
using static Contests.Core.Tests.Payouts.PayoutBuilders;

namespace Contests.Core.Tests.Payouts;

/// <summary>The bank's answer: read whole or refused whole, then matched line by line against the sent payouts.</summary>
public sealed class BankAnswerTests
{
    private const string Header = "end_to_end_id,status,date,reference,amount,reason";

    private static (IReadOnlyList<BankAnswerLine> Lines, List<DomainError> Errors) Parse(string text)
    {
        var errors = new List<DomainError>();
        using var reader = new StringReader(text);
        return (BankAnswer.Parse(reader, errors), errors);
    }

    private static BankAnswerLine Answer(int line, string id, decimal amount, BankOutcome outcome = BankOutcome.Paid) =>
        new(line, id, outcome, Today, "OP-" + id, amount, null);

    private static PayoutToReconcile P(string endToEndId, decimal amount, PayoutState state) => new(endToEndId, amount, state);

    private static Dictionary<string, PayoutToReconcile> Payouts(params PayoutToReconcile[] payouts) =>
        payouts.ToDictionary(p => p.EndToEndId, StringComparer.Ordinal);

    [Fact]
    public void Parse_AGoodFile_ReadsEveryLine()
    {
        var text = string.Join("\r\n",
            "\uFEFF" + Header,
            "R12E1T1V1,PAID,2026-03-11,OP-001,1200.50,",
            "R12E2T1V1,ACSC,11/03/2026,OP-002,700.01,",
            "R12E3T1V1,RJCT,2026-03-12,RJ-003,0.10,\"Cuenta cerrada, devolver\"",
            "R12E4T1V1,pagado,12/03/2026,,50,",
            "\"R12E5T1V1\",Rechazado,2026-03-12,\"RJ \"\"5\"\"\",80.5,Nombre no coincide");

        var (lines, errors) = Parse(text);

        Assert.Empty(errors);
        Assert.Equal(
        [
            new BankAnswerLine(2, "R12E1T1V1", BankOutcome.Paid, new DateOnly(2026, 3, 11), "OP-001", 1_200.50m, null),
            new BankAnswerLine(3, "R12E2T1V1", BankOutcome.Paid, new DateOnly(2026, 3, 11), "OP-002", 700.01m, null),
            new BankAnswerLine(4, "R12E3T1V1", BankOutcome.Failed, new DateOnly(2026, 3, 12), "RJ-003", 0.10m, "Cuenta cerrada, devolver"),
            new BankAnswerLine(5, "R12E4T1V1", BankOutcome.Paid, new DateOnly(2026, 3, 12), null, 50m, null),
            new BankAnswerLine(6, "R12E5T1V1", BankOutcome.Failed, new DateOnly(2026, 3, 12), "RJ \"5\"", 80.50m, "Nombre no coincide"),
        ], lines);
    }

    [Fact]
    public void Parse_SemicolonsAndColumnsInAnyOrder_AreRead()
    {
        var text = "Amount;End_To_End_Id;Date;Status\n 1200.50 ; R12E1T1V1 ;2026-03-11;FAILED\n";

        var (lines, errors) = Parse(text);

        Assert.Empty(errors);
        var line = Assert.Single(lines);
        Assert.Equal(new BankAnswerLine(2, "R12E1T1V1", BankOutcome.Failed, new DateOnly(2026, 3, 11), null, 1_200.50m, null), line);
    }

    [Fact]
    public void Parse_BlankLines_AreSkipped_ButCounted()
    {
        var (lines, errors) = Parse(Header + "\n\nR12E1T1V1,PAID,2026-03-11,OP-1,10.00,\n   \nR12E2T1V1,PAID,2026-03-11,OP-2,20.00,\n");

        Assert.Empty(errors);
        Assert.Equal([3, 5], lines.Select(l => l.Line));
    }

    [Fact]
    public void Parse_WithoutRequiredColumns_IsRefused_NamingThem()
    {
        var (lines, errors) = Parse("end_to_end_id,status,monto\nR12E1T1V1,PAID,10.00");

        Assert.Empty(lines);
        var error = Assert.Single(errors);
        Assert.Equal(("Reconcile.Columns", "File"), (error.Code, error.Field));
        Assert.Equal(["date, amount", Header], error.Arguments);
    }

    [Fact]
    public void Parse_BadLines_RefuseTheWholeFile_OneErrorPerBadLine()
    {
        var text = string.Join("\n",
            Header,
            "R12E1T1V1,PAID,2026-03-11,OP-1,10.00,",
            "R12E2T1V1,PROCESANDO,2026-03-11,OP-2,20.00,",
            "R12E3T1V1,PAID,2026-02-30,OP-3,30.00,",
            "R12E4T1V1,PAID,2026-03-11,OP-4,S/ 40,",
            "R12E5T1V1,PAID,2026-03-11,OP-5,50.00,");

        var (lines, errors) = Parse(text);

        Assert.Empty(lines);
        Assert.Equal(
            [("Reconcile.BadStatus", 3, "PROCESANDO"), ("Reconcile.BadDate", 4, "2026-02-30"), ("Reconcile.BadAmount", 5, "S/ 40")],
            errors.Select(e => (e.Code, (int)e.Arguments[0], (string)e.Arguments[1])));
        Assert.All(errors, e => Assert.Equal("File", e.Field));
    }

    [Fact]
    public void Parse_ALineWithSeveralProblems_ReportsEach()
    {
        var (_, errors) = Parse(Header + "\nR12E1T1V1,OK,31-12-2026,OP-1,-5,");

        Assert.Equal(["Reconcile.BadStatus", "Reconcile.BadDate", "Reconcile.BadAmount"], Codes(errors));
        Assert.All(errors, e => Assert.Equal(2, e.Arguments[0]));
    }

    [Theory]
    [InlineData("10.001")]
    [InlineData("-10.00")]
    [InlineData("1,000.00")]
    [InlineData("")]
    [InlineData("1e3")]
    public void Parse_AnAmountThatIsNotSoles_IsRefused(string amount)
    {
        var (lines, errors) = Parse($"{Header}\nR12E1T1V1,PAID,2026-03-11,OP-1,\"{amount}\",");

        Assert.Empty(lines);
        Assert.Equal(["Reconcile.BadAmount"], Codes(errors));
    }

    [Theory]
    [InlineData("11-03-2026")]
    [InlineData("2026/03/11")]
    [InlineData("3/11/2026")]
    [InlineData("")]
    public void Parse_ADateInAnotherFormat_IsRefused(string date)
    {
        var (_, errors) = Parse($"{Header}\nR12E1T1V1,PAID,{date},OP-1,10.00,");

        Assert.Equal(["Reconcile.BadDate"], Codes(errors));
    }

    [Fact]
    public void Parse_AMissingOrOverlongId_IsRefused()
    {
        var (lines, errors) = Parse($"{Header}\n,PAID,2026-03-11,OP-1,10.00,\n{new string('R', 36)},PAID,2026-03-11,OP-2,10.00,");

        Assert.Empty(lines);
        Assert.Equal([("Reconcile.BadId", 2), ("Reconcile.BadId", 3)], errors.Select(e => (e.Code, (int)e.Arguments[0])));
    }

    [Fact]
    public void Parse_AShortLine_ReportsItsMissingCells()
    {
        var (_, errors) = Parse($"{Header}\nR12E1T1V1,PAID");

        Assert.Equal(["Reconcile.BadDate", "Reconcile.BadAmount"], Codes(errors));
    }

    [Theory]
    [InlineData("")]
    [InlineData(Header)]
    [InlineData(Header + "\n\n  \n")]
    public void Parse_NoLines_IsRefused_Empty(string text)
    {
        var (lines, errors) = Parse(text);

        Assert.Empty(lines);
        Assert.Equal([("Reconcile.Empty", "File")], errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Match_ALineForASentPayoutWithTheSameAmount_IsApplied()
    {
        var line = Answer(2, "R12E1T1V1", 1_200.50m);

        var (apply, reports) = BankAnswer.Match([line], Payouts(P("R12E1T1V1", 1_200.50m, PayoutState.Sent)));

        Assert.Equal([line], apply);
        Assert.Empty(reports);
    }

    [Fact]
    public void Match_AnUnknownId_IsReported_NotApplied()
    {
        var (apply, reports) = BankAnswer.Match([Answer(2, "R99E1T1V1", 10m)], Payouts(P("R12E1T1V1", 10m, PayoutState.Sent)));

        Assert.Empty(apply);
        Assert.Equal([new ReconcileReport(2, "R99E1T1V1", ReconcileProblem.UnknownId, null, 10m, null)], reports);
    }

    [Fact]
    public void Match_ADifferentAmount_IsReported_WithTheAmountExpected()
    {
        var (apply, reports) = BankAnswer.Match([Answer(3, "R12E1T1V1", 1_200.00m)], Payouts(P("R12E1T1V1", 1_200.50m, PayoutState.Sent)));

        Assert.Empty(apply);
        Assert.Equal([new ReconcileReport(3, "R12E1T1V1", ReconcileProblem.AmountMismatch, 1_200.50m, 1_200.00m, PayoutState.Sent)], reports);
    }

    [Theory]
    [InlineData(PayoutState.Approved)]
    [InlineData(PayoutState.Scheduled)]
    [InlineData(PayoutState.Paid)]
    [InlineData(PayoutState.Failed)]
    [InlineData(PayoutState.Reissued)]
    public void Match_APayoutNotWaitingForTheBank_IsReported_NotSent(PayoutState state)
    {
        var (apply, reports) = BankAnswer.Match([Answer(2, "R12E1T1V1", 10m)], Payouts(P("R12E1T1V1", 10m, state)));

        Assert.Empty(apply);
        Assert.Equal([new ReconcileReport(2, "R12E1T1V1", ReconcileProblem.NotSent, 10m, 10m, state)], reports);
    }

    [Fact]
    public void Match_ASecondLineForTheSameId_IsReported_Duplicate_AndTheFirstApplies()
    {
        var first = Answer(2, "R12E1T1V1", 10m);
        var second = Answer(3, "R12E1T1V1", 10m, BankOutcome.Failed);

        var (apply, reports) = BankAnswer.Match([first, second], Payouts(P("R12E1T1V1", 10m, PayoutState.Sent)));

        Assert.Equal([first], apply);
        Assert.Equal([new ReconcileReport(3, "R12E1T1V1", ReconcileProblem.Duplicate, null, 10m, null)], reports);
    }

    [Fact]
    public void Match_EveryLineIsAppliedOrReported_ExactlyOnce_InFileOrder()
    {
        BankAnswerLine[] lines =
        [
            Answer(2, "R12E1T1V1", 10m), Answer(3, "R12E2T1V1", 20m), Answer(4, "R12E3T1V1", 31m), Answer(5, "R12E4T1V1", 40m),
            Answer(6, "R12E1T1V1", 10m), Answer(7, "R12E9T1V1", 90m), Answer(8, "R12E5T1V1", 50m, BankOutcome.Failed),
        ];
        var payouts = Payouts(P("R12E1T1V1", 10m, PayoutState.Sent), P("R12E2T1V1", 20m, PayoutState.Sent), P("R12E3T1V1", 30m, PayoutState.Sent),
            P("R12E4T1V1", 40m, PayoutState.Paid), P("R12E5T1V1", 50m, PayoutState.Sent));

        var (apply, reports) = BankAnswer.Match(lines, payouts);

        Assert.Equal([2, 3, 8], apply.Select(l => l.Line));
        Assert.Equal([(4, ReconcileProblem.AmountMismatch), (5, ReconcileProblem.NotSent), (6, ReconcileProblem.Duplicate), (7, ReconcileProblem.UnknownId)],
            reports.Select(r => (r.Line, r.Problem)));
        Assert.Equal(lines.Select(l => l.Line).Order(), apply.Select(l => l.Line).Concat(reports.Select(r => r.Line)).Order());
    }

    [Fact]
    public void ParseMatchApply_MovesSentPayoutsToPaidOrFailed()
    {
        Payout[] payouts = [Sent(1_200.50m, entryNumber: 1), Sent(700.01m, entryNumber: 2), Sent(0.10m, entryNumber: 3)];
        var text = string.Join("\n",
            Header,
            "R12E1T1V1,ACSC,2026-03-11,OP-001,1200.50,",
            "R12E2T1V1,RJCT,2026-03-11,RJ-002,700.01,Cuenta cerrada",
            "R12E3T1V1,PAID,2026-03-11,OP-003,0.11,");
        var (lines, errors) = Parse(text);
        Assert.Empty(errors);
        var byId = payouts.ToDictionary(p => p.EndToEndId, StringComparer.Ordinal);

        var (apply, reports) = BankAnswer.Match(lines, byId.ToDictionary(p => p.Key, p => new PayoutToReconcile(p.Key, p.Value.Amount, p.Value.State), StringComparer.Ordinal));
        foreach (var line in apply)
        {
            var payout = byId[line.EndToEndId];
            Succeeds(line.Outcome == BankOutcome.Paid
                ? payout.MarkPaid(line.Date, line.Reference, OfficerId, Now)
                : payout.MarkFailed(line.Reason, line.Reference, Now));
        }

        Assert.Equal([PayoutState.Paid, PayoutState.Failed, PayoutState.Sent], payouts.Select(p => p.State));
        Assert.Equal(("OP-001", new DateOnly(2026, 3, 11)), (payouts[0].Reference, payouts[0].PaidOn!.Value));
        Assert.Equal("Cuenta cerrada", payouts[1].FailureReason);
        Assert.Equal((4, ReconcileProblem.AmountMismatch, (decimal?)0.10m), (Assert.Single(reports).Line, reports[0].Problem, reports[0].Expected));
    }
}
