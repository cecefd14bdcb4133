using System.Globalization;
using System.Security.Cryptography;
using Contests.Core.Payouts;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Contests.Web.Features.Payouts;

/// <summary><c>Payouts:*</c>: the account prizes are paid from, and how failed executions are retried.</summary>
public sealed class PayoutOptions
{
    public const string Section = "Payouts";

    /// <summary>The payer's name in bank files (the project, or the programme's executing agency).</summary>
    public string DebtorName { get; set; } = "Proyecto Pacha Mama Raymi";

    /// <summary>The payer's account (CCI or account number) the bank debits.</summary>
    public string DebtorAccount { get; set; } = "00000000000000000000";

    /// <summary>The payer bank's BIC, when the bank asks for it.</summary>
    public string? DebtorBic { get; set; }

    /// <summary>The first retry of a failed execution waits this long; each next one twice as long.</summary>
    public TimeSpan RetryFirstDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Test-only, off (zero) by default: a pause per payout while a batch executes, inside its transaction, so that a test
    /// (<c>deploy/smoke.sh</c>) can kill the instance running it mid-way, deterministically. Never set in production.
    /// </summary>
    public TimeSpan TestDelayPerPayout { get; set; } = TimeSpan.Zero;

    public Debtor Debtor => new(DebtorName, DebtorAccount, string.IsNullOrWhiteSpace(DebtorBic) ? null : DebtorBic);
}

/// <summary>
/// Where batches' bank files live: in the <see cref="FileStore"/> under <c>bank-files/lote-000042.xml</c> (and <c>.csv</c>),
/// on disk or in the database (<c>Storage:Kind</c>). A file is stored whole; writing it again (an execution repeated
/// after a crash) replaces it with the same bytes.
/// </summary>
public sealed class BankFileStore(FileStore files)
{
    public string Directory => Path.Combine(files.Root, "bank-files");

    public static string KeyOf(PayoutBatch batch, string extension)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return "bank-files/" + batch.FileName(extension);
    }

    /// <summary>Where the file lives on disk (with <c>Storage:Kind=Disk</c>).</summary>
    public string PathOf(PayoutBatch batch, string extension) => files.PathOfKey(KeyOf(batch, extension));

    public Task WriteAsync(PayoutBatch batch, string extension, ReadOnlyMemory<byte> content, CancellationToken ct) =>
        files.WriteByKeyAsync(KeyOf(batch, extension), content, ct);

    /// <summary>The stored file if it still matches the checksum recorded at execution; null when missing or changed.</summary>
    public Task<byte[]?> ReadAsync(PayoutBatch batch, string extension, string? sha256, CancellationToken ct) =>
        files.ReadCheckedByKeyAsync(KeyOf(batch, extension), sha256, ct);
}

/// <summary>What an execution did.</summary>
public enum BatchRun
{
    Executed,

    /// <summary>Already executed (a second firing, a second instance, a restart after the commit): nothing done.</summary>
    AlreadyExecuted,

    /// <summary>Cancelled or waiting for a person: nothing done.</summary>
    NotDue,
}

/// <summary>
/// Executes a batch exactly once, whatever fires it and however often: the scheduler (at least once), the CLI, a
/// second instance, a restart after a crash. In one transaction it takes the batch row's write lock (a second
/// executor waits there until the first commits, then finds it executed), checks the batch is still due, writes
/// the bank files — their bytes depend only on what is stored, so a repeat after a crash before the commit
/// writes the same files — and moves every payout from Scheduled to Sent with the batch to Executed. A crash
/// before the commit leaves the state untouched; after it, there is nothing left to do.
/// </summary>
public sealed class BatchExecution(ContestsDbContext db, BankFileStore files, SqliteWriteGate sqliteWrites, TimeProvider clock, IOptions<PayoutOptions> options)
{
    public async Task<BatchRun> ExecuteAsync(int batchId, string executedBy, IProgress<string>? stages, CancellationToken ct)
    {
        var gated = db.Database.IsSqlite();
        if (gated)
        {
            await sqliteWrites.EnterAsync(ct);
        }
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The lock: an update of the batch's row, held to the commit. Two executors can't both pass here.
            var locked = await db.PayoutBatches.Where(b => b.Id == batchId)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Revision, b => b.Revision), ct);
            if (locked == 0)
            {
                throw new InvalidOperationException($"Batch {batchId} does not exist.");
            }
            var batch = await db.PayoutBatches.SingleAsync(b => b.Id == batchId, ct);
            if (batch.State == BatchState.Executed)
            {
                stages?.Report("already-executed");
                return BatchRun.AlreadyExecuted;
            }
            if (!batch.IsDue)
            {
                stages?.Report("not-due");
                return BatchRun.NotDue;
            }
            stages?.Report("executing");
            var payouts = await db.Payouts.Where(p => p.BatchId == batchId && p.State == PayoutState.Scheduled)
                .OrderBy(p => p.Id).ToListAsync(ct);
            var total = payouts.Sum(p => p.Amount);
            if (payouts.Count != batch.PayoutCount || total != batch.Total)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Batch {batchId} should hold {batch.PayoutCount} scheduled payouts for {batch.Total:0.00}; found {payouts.Count} for {total:0.00}."));
            }
            var lines = payouts.Select(LineOf).ToList();
            using var xml = new MemoryStream();
            BankFile.WritePain001(xml, batch, lines);
            using var csv = new MemoryStream();
            BankFile.WriteCsv(csv, lines);
            await files.WriteAsync(batch, ".xml", xml.GetBuffer().AsMemory(0, (int)xml.Length), ct);
            await files.WriteAsync(batch, ".csv", csv.GetBuffer().AsMemory(0, (int)csv.Length), ct);
            stages?.Report("written");
            var now = clock.GetUtcNow().UtcDateTime;
            var delay = options.Value.TestDelayPerPayout;
            foreach (var payout in payouts)
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, ct);
                }
                payout.MarkSent(batchId, now);
            }
            batch.MarkExecuted(Sha(xml), Sha(csv), executedBy, now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            stages?.Report("committed");
            return BatchRun.Executed;
        }
        finally
        {
            if (gated)
            {
                sqliteWrites.Exit();
            }
        }
    }

    /// <summary>What the winner's bank statement says (deterministic: no dates of execution).</summary>
    public static string RemittanceOf(Payout payout)
    {
        ArgumentNullException.ThrowIfNull(payout);
        return string.Create(CultureInfo.InvariantCulture,
            $"Premio concurso {payout.RoundId} N.{payout.EntryNumber} tramo {payout.Tranche}/{payout.TrancheCount} {payout.EndToEndId}");
    }

    private static BankLine LineOf(Payout p) =>
        new(p.EndToEndId, p.Amount, p.CreditorName ?? p.BeneficiaryName, p.BankName ?? string.Empty, p.AccountNumber ?? string.Empty, p.Cci ?? string.Empty, RemittanceOf(p));

    private static string Sha(MemoryStream stream) => Convert.ToHexStringLower(SHA256.HashData(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
}

/// <summary>
/// Runs an execution for the scheduler or an operator: a failure is recorded on the batch (attempts, the error,
/// when it is tried again) in its own save, the next try is put in the scheduler with back-off — or, after the
/// last attempt, the batch waits for a person — and the exception is thrown on, never swallowed.
/// </summary>
public sealed class BatchRunner(IServiceScopeFactory scopes, IOptions<PayoutOptions> options, TimeProvider clock, ILogger<BatchRunner> logger,
    Infrastructure.Observability.ContestsMetrics metrics)
{
    public async Task<BatchRun> RunAsync(int batchId, string executedBy, IProgress<string>? stages, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var run = await scope.ServiceProvider.GetRequiredService<BatchExecution>().ExecuteAsync(batchId, executedBy, stages, ct);
            metrics.BatchRan(System.Diagnostics.Stopwatch.GetElapsedTime(started), run.ToString());
            return run;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.BatchRan(System.Diagnostics.Stopwatch.GetElapsedTime(started), "Failed");
            await RecordFailureAsync(batchId, e, ct);
            throw;
        }
    }

    private async Task RecordFailureAsync(int batchId, Exception error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var batch = await db.PayoutBatches.SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null)
        {
            return;
        }
        var next = batch.RecordFailure(error.GetType().Name + ": " + error.Message, options.Value.RetryFirstDelay, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        if (next is { } due)
        {
            logger.LogWarning(error, "Batch {BatchId} failed (attempt {Attempt} of {Max}); next attempt at {Due:u}.", batchId, batch.Attempts, PayoutBatch.MaxAttempts, due);
            await scope.ServiceProvider.GetRequiredService<IBatchScheduler>().ScheduleAsync(batchId, due, ct);
        }
        else
        {
            logger.LogError(error, "Batch {BatchId} failed {Attempts} times and waits for a person.", batchId, batch.Attempts);
        }
    }
}

/// <summary>Puts a batch's execution in the scheduler at a time.</summary>
public interface IBatchScheduler
{
    Task ScheduleAsync(int batchId, DateTime dueUtc, CancellationToken ct);

    Task UnscheduleAsync(int batchId, CancellationToken ct);
}

/// <summary>Batches waiting to run, back in the scheduler (start-up and every reconcile period).</summary>
public sealed class BatchReconciler(ContestsDbContext db, IBatchScheduler scheduler)
{
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var due = await db.PayoutBatches.AsNoTracking().Where(b => b.State == BatchState.Scheduled)
            .Select(b => new { b.Id, Due = b.NextAttemptUtc ?? b.ExecuteAtUtc }).ToListAsync(ct);
        foreach (var batch in due)
        {
            await scheduler.ScheduleAsync(batch.Id, batch.Due, ct);
        }
        return due.Count;
    }
}
