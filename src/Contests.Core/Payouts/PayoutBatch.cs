using System.Globalization;
using Contests.Core.Common;

namespace Contests.Core.Payouts;

/// <summary>
/// <c>Scheduled → Executed</c>; a failing execution retries with back-off and after
/// <see cref="PayoutBatch.MaxAttempts"/> waits for a person (<c>NeedsAttention</c>), who retries it or cancels it.
/// </summary>
public enum BatchState
{
    Scheduled,
    Executed,
    NeedsAttention,
    Cancelled,
}

/// <summary>The account prizes are paid from, as written in the batch's bank file.</summary>
public sealed record Debtor(string Name, string Account, string? Bic);

/// <summary>
/// Approved bank payouts grouped for one bank file, with the time it is executed. Executing writes the file
/// (ISO 20022 pain.001.001.03 and a CSV) and moves every payout to Sent, once: the execution checks the state
/// and changes it in one transaction, and the file's content depends only on what is stored, so a repeated
/// execution after a crash writes the same bytes.
/// </summary>
public sealed class PayoutBatch
{
    /// <summary>Executions that may fail before the batch waits for a person.</summary>
    public const int MaxAttempts = 5;

    public const int ErrorMaxLength = 2000;

    private PayoutBatch()
    {
        DebtorName = DebtorAccount = string.Empty;
    }

    public int Id { get; private set; }

    public BatchState State { get; private set; }

    public DateTime ExecuteAtUtc { get; private set; }

    public string DebtorName { get; private set; }

    public string DebtorAccount { get; private set; }

    public string? DebtorBic { get; private set; }

    public int PayoutCount { get; private set; }

    public decimal Total { get; private set; }

    public int CreatedByUserId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    /// <summary>Failed executions since the last success or the last retry a person asked for.</summary>
    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public DateTime? LastAttemptUtc { get; private set; }

    public DateTime? NextAttemptUtc { get; private set; }

    public DateTime? ExecutedUtc { get; private set; }

    /// <summary>Which scheduler or operator executed it.</summary>
    public string? ExecutedBy { get; private set; }

    public string? XmlSha256 { get; private set; }

    public string? CsvSha256 { get; private set; }

    public int Revision { get; private set; }

    /// <summary>The pain.001 message id: unique per batch, the same on every execution.</summary>
    public string MessageId => MessageIdOf(Id);

    public static string MessageIdOf(int batchId) => string.Create(CultureInfo.InvariantCulture, $"CONTESTS-B{batchId:D6}");

    /// <summary>The file name of the batch's bank file (".xml" or ".csv").</summary>
    public string FileName(string extension) => string.Create(CultureInfo.InvariantCulture, $"lote-{Id:D6}{extension}");

    /// <summary>
    /// A batch of approved bank payouts for a time not in the past (a minute's grace for "now"). The payouts
    /// join it with <see cref="Payout.Schedule"/> once it has its id.
    /// </summary>
    public static (Result Result, PayoutBatch? Batch) Create(IReadOnlyCollection<Payout> payouts, DateTime executeAtUtc, Debtor debtor, int userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(payouts);
        ArgumentNullException.ThrowIfNull(debtor);
        if (payouts.Distinct().Count() != payouts.Count)
        {
            throw new ArgumentException("A payout is listed twice.", nameof(payouts));
        }
        var errors = new List<DomainError>();
        if (payouts.Count == 0)
        {
            errors.Add(new DomainError("Batch.Empty"));
        }
        errors.AddRange(payouts.Where(p => p.State != PayoutState.Approved).Select(p => new DomainError("Payout.NotApproved", null, p.EndToEndId)));
        errors.AddRange(payouts.Where(p => p.State == PayoutState.Approved && !p.NeedsAccount)
            .Select(p => new DomainError("Payout.CashNotInBatch", null, p.EndToEndId)));
        if (executeAtUtc < nowUtc.AddMinutes(-1))
        {
            errors.Add(new DomainError("Batch.InThePast", "ExecuteAt"));
        }
        if (errors.Count > 0)
        {
            return (Result.Fail(errors), null);
        }
        return (Result.Success(), new PayoutBatch
        {
            State = BatchState.Scheduled,
            ExecuteAtUtc = executeAtUtc < nowUtc ? nowUtc : executeAtUtc,
            DebtorName = debtor.Name,
            DebtorAccount = debtor.Account,
            DebtorBic = debtor.Bic,
            PayoutCount = payouts.Count,
            Total = payouts.Sum(p => p.Amount),
            CreatedByUserId = userId,
            CreatedUtc = nowUtc,
        });
    }

    /// <summary>Whether an execution has anything to do (a second or late firing finds it done and leaves it).</summary>
    public bool IsDue => State == BatchState.Scheduled;

    /// <summary>The file is written and every payout is Sent: recorded in the same transaction as the payouts.</summary>
    public void MarkExecuted(string xmlSha256, string csvSha256, string executedBy, DateTime nowUtc)
    {
        if (State != BatchState.Scheduled)
        {
            throw new InvalidOperationException($"Batch {Id} is {State}.");
        }
        State = BatchState.Executed;
        Revision++;
        XmlSha256 = xmlSha256;
        CsvSha256 = csvSha256;
        ExecutedBy = executedBy;
        ExecutedUtc = nowUtc;
        LastError = null;
        NextAttemptUtc = null;
    }

    /// <summary>
    /// An execution failed: counted, the error kept; the next try after a back-off that doubles (1, 2, 4, 8
    /// minutes from <paramref name="firstDelay"/>), or after <see cref="MaxAttempts"/> none: a person decides.
    /// Returns when to try again (null: waiting for a person).
    /// </summary>
    public DateTime? RecordFailure(string error, TimeSpan firstDelay, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (State != BatchState.Scheduled)
        {
            return null;
        }
        Attempts++;
        Revision++;
        LastError = error.Length <= ErrorMaxLength ? error : error[..ErrorMaxLength];
        LastAttemptUtc = nowUtc;
        if (Attempts >= MaxAttempts)
        {
            State = BatchState.NeedsAttention;
            Revision++;
            NextAttemptUtc = null;
            return null;
        }
        NextAttemptUtc = nowUtc + firstDelay * Math.Pow(2, Attempts - 1);
        return NextAttemptUtc;
    }

    /// <summary>A person retries a batch that ran out of attempts (after fixing the cause), at once.</summary>
    public Result Retry(DateTime nowUtc)
    {
        if (State != BatchState.NeedsAttention)
        {
            return Result.Fail(new DomainError("Batch.NotWaiting", null, Id));
        }
        State = BatchState.Scheduled;
        Revision++;
        Attempts = 0;
        ExecuteAtUtc = nowUtc;
        NextAttemptUtc = null;
        return Result.Success();
    }

    /// <summary>A batch that has not run may be cancelled: its payouts go back to Approved.</summary>
    public Result Cancel()
    {
        if (State is not (BatchState.Scheduled or BatchState.NeedsAttention))
        {
            return Result.Fail(new DomainError("Batch.NotCancellable", null, Id));
        }
        State = BatchState.Cancelled;
        Revision++;
        NextAttemptUtc = null;
        return Result.Success();
    }
}
