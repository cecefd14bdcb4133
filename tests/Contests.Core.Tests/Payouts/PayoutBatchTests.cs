using Contests.Core.Common;
using Contests.Core.Payouts;
using static Contests.Core.Tests.Payouts.PayoutBuilders;

namespace Contests.Core.Tests.Payouts;

/// <summary>Approved bank payouts grouped for one bank file: Scheduled → Executed, retried with back-off, then a person decides.</summary>
public sealed class PayoutBatchTests
{
    private static readonly Debtor Debtor = new("Programa Sierra Productiva", "00-000-123456", "BANCPEPL");
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static (Result Result, PayoutBatch? Batch) Create(IReadOnlyCollection<Payout> payouts, DateTime? executeAt = null) =>
        PayoutBatch.Create(payouts, executeAt ?? Now.AddHours(1), Debtor, OfficerId, Now);

    private static PayoutBatch Scheduled()
    {
        var (result, batch) = Create([Approved(1_200.50m, entryNumber: 1), Approved(700.01m, entryNumber: 2)]);
        Succeeds(result);
        return batch!;
    }

    private static PayoutBatch NeedingAttention()
    {
        var batch = Scheduled();
        for (var i = 0; i < PayoutBatch.MaxAttempts; i++)
        {
            batch.RecordFailure("Banco no responde", Minute, Now);
        }
        Assert.Equal(BatchState.NeedsAttention, batch.State);
        return batch;
    }

    [Fact]
    public void Create_ApprovedBankPayouts_IsScheduled_WithTheirCountAndTotal()
    {
        var executeAt = Now.AddHours(6);

        var (result, batch) = Create([Approved(1_200.50m, entryNumber: 1), Approved(700.01m, PayoutMethod.SavingsDeposit, entryNumber: 2)], executeAt);

        Succeeds(result);
        Assert.Equal(BatchState.Scheduled, batch!.State);
        Assert.True(batch.IsDue);
        Assert.Equal((2, 1_900.51m), (batch.PayoutCount, batch.Total));
        Assert.Equal(executeAt, batch.ExecuteAtUtc);
        Assert.Equal(("Programa Sierra Productiva", "00-000-123456", "BANCPEPL"), (batch.DebtorName, batch.DebtorAccount, batch.DebtorBic));
        Assert.Equal((OfficerId, Now), (batch.CreatedByUserId, batch.CreatedUtc));
        Assert.Equal(0, batch.Attempts);
    }

    [Fact]
    public void Create_WithoutPayouts_IsRefused_Empty()
    {
        var (result, batch) = Create([]);

        Assert.Equal(["Batch.Empty"], Codes(result));
        Assert.Null(batch);
    }

    [Fact]
    public void Create_WithAPayoutNotApproved_IsRefused_NamingIt()
    {
        var pending = Pending(entryNumber: 3);
        var sent = Sent(entryNumber: 4);

        var (result, batch) = Create([Approved(entryNumber: 1), pending, sent]);

        Assert.Null(batch);
        Assert.Equal(["Payout.NotApproved", "Payout.NotApproved"], Codes(result));
        Assert.Equal([pending.EndToEndId, sent.EndToEndId], result.Errors.Select(e => (string)Assert.Single(e.Arguments)));
    }

    [Fact]
    public void Create_WithCash_IsRefused_CashNotInBatch()
    {
        var cash = Approved(method: PayoutMethod.Cash, entryNumber: 2);

        var (result, batch) = Create([Approved(entryNumber: 1), cash]);

        Assert.Null(batch);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("Payout.CashNotInBatch", cash.EndToEndId), (error.Code, (string)Assert.Single(error.Arguments)));
    }

    [Fact]
    public void Create_ForAPastTime_IsRefused_InThePast()
    {
        var (result, batch) = Create([Approved()], Now.AddMinutes(-2));

        Assert.Null(batch);
        Assert.Equal([("Batch.InThePast", "ExecuteAt")], result.Errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Create_JustOverAMinuteAgo_IsRefused()
    {
        var (result, _) = Create([Approved()], Now.AddSeconds(-61));

        Assert.Equal(["Batch.InThePast"], Codes(result));
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(-30)]
    [InlineData(0)]
    public void Create_WithinTheLastMinute_IsAccepted_ForNow(int seconds)
    {
        var (result, batch) = Create([Approved()], Now.AddSeconds(seconds));

        Succeeds(result);
        Assert.Equal(Now, batch!.ExecuteAtUtc);
    }

    [Fact]
    public void Create_GivesEveryReasonAtOnce()
    {
        var (result, _) = Create([Pending(entryNumber: 1), Approved(method: PayoutMethod.Cash, entryNumber: 2)], Now.AddDays(-1));

        Assert.Equal(["Payout.NotApproved", "Payout.CashNotInBatch", "Batch.InThePast"], Codes(result));
    }

    [Fact]
    public void MessageIdOf_IsTheBatchNumberInSixDigits()
    {
        Assert.Equal("CONTESTS-B000042", PayoutBatch.MessageIdOf(42));
        Assert.Equal("CONTESTS-B1234567", PayoutBatch.MessageIdOf(1_234_567));
        Assert.True(PayoutBatch.MessageIdOf(int.MaxValue).Length <= 35);
    }

    [Fact]
    public void MessageId_AndFileName_ComeFromTheId_TheSameEveryTime()
    {
        var batch = Scheduled();

        Assert.Equal("CONTESTS-B000000", batch.MessageId);
        Assert.Equal(batch.MessageId, batch.MessageId);
        Assert.Equal(("lote-000000.xml", "lote-000000.csv"), (batch.FileName(".xml"), batch.FileName(".csv")));
    }

    [Fact]
    public void RecordFailure_BacksOffDoubling_ThenWaitsForAPerson()
    {
        var batch = Scheduled();
        var delay = TimeSpan.FromMinutes(1);
        var retries = new List<DateTime?>();

        for (var attempt = 1; attempt < PayoutBatch.MaxAttempts; attempt++)
        {
            var at = Now.AddHours(attempt);
            retries.Add(batch.RecordFailure($"Error {attempt}", delay, at));
            Assert.Equal((attempt, BatchState.Scheduled, at), (batch.Attempts, batch.State, batch.LastAttemptUtc!.Value));
            Assert.Equal(retries[^1], batch.NextAttemptUtc);
        }
        var last = batch.RecordFailure("SFTP: conexión rechazada", delay, Now.AddHours(9));

        Assert.Equal([Now.AddHours(1).AddMinutes(1), Now.AddHours(2).AddMinutes(2), Now.AddHours(3).AddMinutes(4), Now.AddHours(4).AddMinutes(8)], retries);
        Assert.Null(last);
        Assert.Equal(BatchState.NeedsAttention, batch.State);
        Assert.False(batch.IsDue);
        Assert.Equal(PayoutBatch.MaxAttempts, batch.Attempts);
        Assert.Equal("SFTP: conexión rechazada", batch.LastError);
        Assert.Null(batch.NextAttemptUtc);
    }

    [Fact]
    public void RecordFailure_BackOffStartsFromTheFirstDelayGiven()
    {
        var batch = Scheduled();

        Assert.Equal(Now.AddSeconds(30), batch.RecordFailure("x", TimeSpan.FromSeconds(30), Now));
        Assert.Equal(Now.AddSeconds(60), batch.RecordFailure("x", TimeSpan.FromSeconds(30), Now));
        Assert.Equal(Now.AddSeconds(120), batch.RecordFailure("x", TimeSpan.FromSeconds(30), Now));
    }

    [Fact]
    public void RecordFailure_KeepsAtMostTheErrorLimit()
    {
        var batch = Scheduled();

        batch.RecordFailure(new string('e', PayoutBatch.ErrorMaxLength + 500), Minute, Now);

        Assert.Equal(PayoutBatch.ErrorMaxLength, batch.LastError!.Length);
    }

    [Fact]
    public void RecordFailure_WhenNotScheduled_ChangesNothing()
    {
        var waiting = NeedingAttention();
        var executed = Scheduled();
        executed.MarkExecuted("aa", "bb", "scheduler", Now);

        Assert.Null(waiting.RecordFailure("otra", Minute, Now));
        Assert.Null(executed.RecordFailure("otra", Minute, Now));

        Assert.Equal((PayoutBatch.MaxAttempts, "Banco no responde"), (waiting.Attempts, waiting.LastError));
        Assert.Equal((BatchState.Executed, 0), (executed.State, executed.Attempts));
        Assert.Null(executed.LastError);
    }

    [Fact]
    public void Retry_AfterAttention_IsScheduledNow_WithAttemptsReset_AndBacksOffFromTheStartAgain()
    {
        var batch = NeedingAttention();
        var later = Now.AddDays(1);

        Succeeds(batch.Retry(later));

        Assert.Equal((BatchState.Scheduled, 0, later), (batch.State, batch.Attempts, batch.ExecuteAtUtc));
        Assert.True(batch.IsDue);
        Assert.Null(batch.NextAttemptUtc);
        Assert.Equal(later.AddMinutes(1), batch.RecordFailure("x", Minute, later));
    }

    [Fact]
    public void Retry_WhenNotWaiting_IsRefused_NotWaiting()
    {
        var scheduled = Scheduled();
        var executed = Scheduled();
        executed.MarkExecuted("aa", "bb", "scheduler", Now);

        Assert.Equal(["Batch.NotWaiting"], Codes(scheduled.Retry(Now.AddDays(1))));
        Assert.Equal(["Batch.NotWaiting"], Codes(executed.Retry(Now.AddDays(1))));
        Assert.Equal(Now.AddHours(1), scheduled.ExecuteAtUtc);
    }

    [Fact]
    public void Cancel_AScheduledOrWaitingBatch_CancelsIt()
    {
        var scheduled = Scheduled();
        scheduled.RecordFailure("x", Minute, Now);
        var waiting = NeedingAttention();

        Succeeds(scheduled.Cancel());
        Succeeds(waiting.Cancel());

        Assert.Equal((BatchState.Cancelled, BatchState.Cancelled), (scheduled.State, waiting.State));
        Assert.False(scheduled.IsDue);
        Assert.Null(scheduled.NextAttemptUtc);
    }

    [Fact]
    public void Cancel_WhenExecutedOrCancelled_IsRefused_NotCancellable()
    {
        var executed = Scheduled();
        executed.MarkExecuted("aa", "bb", "scheduler", Now);
        var cancelled = Scheduled();
        Succeeds(cancelled.Cancel());

        Assert.Equal(["Batch.NotCancellable"], Codes(executed.Cancel()));
        Assert.Equal(["Batch.NotCancellable"], Codes(cancelled.Cancel()));
        Assert.Equal(BatchState.Executed, executed.State);
    }

    [Fact]
    public void Cancel_ItsPayoutsGoBackToApproved()
    {
        Payout[] payouts = [Approved(entryNumber: 1), Approved(entryNumber: 2)];
        var (_, batch) = Create(payouts);
        foreach (var payout in payouts)
        {
            Succeeds(payout.Schedule(batch!.Id));
        }

        Succeeds(batch!.Cancel());
        foreach (var payout in payouts)
        {
            payout.Unschedule();
        }

        Assert.All(payouts, p => Assert.Equal((PayoutState.Approved, (int?)null), (p.State, p.BatchId)));
    }

    [Fact]
    public void MarkExecuted_FromScheduled_RecordsTheFilesAndWhoRanIt()
    {
        var batch = Scheduled();
        batch.RecordFailure("Banco no responde", Minute, Now);

        batch.MarkExecuted("xml-hash", "csv-hash", "quartz@web1", Now.AddMinutes(2));

        Assert.Equal(BatchState.Executed, batch.State);
        Assert.False(batch.IsDue);
        Assert.Equal(("xml-hash", "csv-hash", "quartz@web1", Now.AddMinutes(2)), (batch.XmlSha256, batch.CsvSha256, batch.ExecutedBy, batch.ExecutedUtc!.Value));
        Assert.Null(batch.LastError);
        Assert.Null(batch.NextAttemptUtc);
    }

    [Fact]
    public void MarkExecuted_ASecondTime_Throws_AndKeepsTheFirstRun()
    {
        var batch = Scheduled();
        batch.MarkExecuted("xml-hash", "csv-hash", "quartz@web1", Now);

        Assert.Throws<InvalidOperationException>(() => batch.MarkExecuted("other", "other", "quartz@web2", Now.AddMinutes(1)));
        Assert.Equal(("xml-hash", "quartz@web1", Now), (batch.XmlSha256, batch.ExecutedBy, batch.ExecutedUtc!.Value));
    }

    [Fact]
    public void MarkExecuted_WhenWaitingOrCancelled_Throws()
    {
        var waiting = NeedingAttention();
        var cancelled = Scheduled();
        Succeeds(cancelled.Cancel());

        Assert.Throws<InvalidOperationException>(() => waiting.MarkExecuted("a", "b", "c", Now));
        Assert.Throws<InvalidOperationException>(() => cancelled.MarkExecuted("a", "b", "c", Now));
        Assert.Null(waiting.ExecutedUtc);
        Assert.Null(cancelled.ExecutedUtc);
    }
}
