using System.Globalization;
using Contests.Core.Rounds;
using Contests.Web.Features.Documents;
using Contests.Web.Features.Payouts;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Hangfire;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Contests.Web.Infrastructure.Scheduling;

/// <summary>
/// Which Hangfire job stands for which thing of ours (a schedule row, a batch, a pack), kept in Hangfire's own storage as
/// one hash per thing (<c>contests:phase:42</c> → job id and due time). Checking and storing happen under a distributed
/// lock, so two instances reconciling at once store one job. The mapping only saves duplicate jobs: the handlers make a
/// second run harmless anyway.
/// </summary>
public sealed class JobRegistry(JobStorage storage, IBackgroundJobClient jobs, IOptions<SchedulingOptions> options)
{
    private const string JobField = "job";
    private const string DueField = "due";

    private static readonly HashSet<string> Waiting = [ScheduledState.StateName, EnqueuedState.StateName, ProcessingState.StateName];

    /// <summary>
    /// The job stored for <paramref name="key"/> if it is still to run at <paramref name="dueUtc"/> (scheduled, enqueued
    /// or running); otherwise the one <paramref name="create"/> makes, stored in its place.
    /// </summary>
    public string Keep(string key, DateTime? dueUtc, Func<IBackgroundJobClient, string> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        using var connection = storage.GetConnection();
        using (connection.AcquireDistributedLock("contests:lock:" + key, options.Value.LockWait))
        {
            var stored = connection.GetAllEntriesFromHash(key);
            var due = dueUtc?.Ticks.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
            if (stored is not null && stored.TryGetValue(JobField, out var existing) && stored.GetValueOrDefault(DueField) == due
                && connection.GetStateData(existing)?.Name is { } state && Waiting.Contains(state))
            {
                return existing;
            }
            // Hangfire's PostgreSQL storage writes in serializable transactions: two instances storing at once may get a
            // serialization failure, which only means "write it again" (the job itself is created once).
            var id = create(jobs);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    connection.SetRangeInHash(key, [new(JobField, id), new(DueField, due)]);
                    return id;
                }
                catch (Exception e) when (attempt < 5 && IsSerializationFailure(e))
                {
                    Thread.Sleep(20 * attempt);
                }
            }
        }
    }

    /// <summary>Deletes the job stored for <paramref name="key"/> (if it has not run yet, it never will) and forgets it.</summary>
    public void Forget(string key)
    {
        using var connection = storage.GetConnection();
        using (connection.AcquireDistributedLock("contests:lock:" + key, options.Value.LockWait))
        {
            if (connection.GetAllEntriesFromHash(key)?.GetValueOrDefault(JobField) is { } id)
            {
                jobs.Delete(id);
            }
            using var transaction = connection.CreateWriteTransaction();
            transaction.RemoveHash(key);
            transaction.Commit();
        }
    }

    /// <summary>The job id stored for <paramref name="key"/>, if any.</summary>
    public string? JobOf(string key)
    {
        using var connection = storage.GetConnection();
        return connection.GetAllEntriesFromHash(key)?.GetValueOrDefault(JobField);
    }

    private static bool IsSerializationFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }
        return false;
    }

    public static string PhaseKey(int scheduleId) => "contests:phase:" + scheduleId.ToString(CultureInfo.InvariantCulture);

    public static string BatchKey(int batchId) => "contests:batch:" + batchId.ToString(CultureInfo.InvariantCulture);

    public static string PackKey(int packId) => "contests:pack:" + packId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One delayed Hangfire job per dated phase change (schedule row); a new date is a new row, so a new job, and the old one is deleted.</summary>
public sealed class HangfirePhaseScheduler(JobRegistry registry, ContestsDbContext db) : IPhaseScheduler
{
    public async Task ScheduleAsync(int roundId, int scheduleId, DateTime dueUtc, CancellationToken ct)
    {
        var phase = await db.Rounds.AsNoTracking().IgnoreAutoIncludes().SelectMany(r => r.Schedule)
            .Where(s => s.Id == scheduleId).Select(s => (RoundPhase?)s.ToPhase).FirstOrDefaultAsync(ct);
        var title = JobTitles.PhaseMove(roundId, phase);
        var due = new DateTimeOffset(DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc));
        registry.Keep(JobRegistry.PhaseKey(scheduleId), dueUtc,
            jobs => jobs.Schedule<PhaseMoveJob>(j => j.RunAsync(roundId, scheduleId, title, null, CancellationToken.None), due));
    }

    public Task UnscheduleAsync(int scheduleId, CancellationToken ct)
    {
        registry.Forget(JobRegistry.PhaseKey(scheduleId));
        return Task.CompletedTask;
    }
}

/// <summary>A batch's execution at a time (the first one, each retry): enqueued when due now, else delayed.</summary>
public sealed class HangfireBatchScheduler(JobRegistry registry, TimeProvider clock) : IBatchScheduler
{
    public Task ScheduleAsync(int batchId, DateTime dueUtc, CancellationToken ct)
    {
        var title = JobTitles.Batch(batchId);
        var due = new DateTimeOffset(DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc));
        registry.Keep(JobRegistry.BatchKey(batchId), dueUtc, jobs => due <= clock.GetUtcNow()
            ? jobs.Enqueue<PayoutBatchJob>(j => j.RunAsync(batchId, title, null, CancellationToken.None))
            : jobs.Schedule<PayoutBatchJob>(j => j.RunAsync(batchId, title, null, CancellationToken.None), due));
        return Task.CompletedTask;
    }

    public Task UnscheduleAsync(int batchId, CancellationToken ct)
    {
        registry.Forget(JobRegistry.BatchKey(batchId));
        return Task.CompletedTask;
    }
}

/// <summary>A pack's build, enqueued now (a resume enqueues it again once the last job is over).</summary>
public sealed class HangfirePackScheduler(JobRegistry registry, ContestsDbContext db) : IPackScheduler
{
    public async Task EnqueueAsync(int packId, CancellationToken ct)
    {
        var pack = await db.DocumentPacks.AsNoTracking().Where(p => p.Id == packId)
            .Select(p => new { p.RoundId, p.CommunityId }).SingleAsync(ct);
        var name = pack.CommunityId is { } community
            ? await db.Communities.AsNoTracking().Where(c => c.Id == community).Select(c => c.Name).SingleAsync(ct)
            : await db.Rounds.AsNoTracking().IgnoreAutoIncludes().Where(r => r.Id == pack.RoundId).Select(r => r.Name).SingleAsync(ct);
        var title = JobTitles.Pack(name);
        registry.Keep(JobRegistry.PackKey(packId), null, jobs => jobs.Enqueue<DocumentPackJob>(j => j.RunAsync(packId, title, null, CancellationToken.None)));
    }
}

/// <summary>What the dashboard calls a job (Spanish, like the app): stored with the job when it is created.</summary>
public static class JobTitles
{
    public static string PhaseMove(int roundId, RoundPhase? to) => string.Create(CultureInfo.InvariantCulture, $"Concurso {roundId}: ") + to switch
    {
        RoundPhase.Open => "abrir inscripción",
        RoundPhase.RegistrationClosed => "cerrar inscripción",
        RoundPhase.Judging => "pasar a calificación",
        RoundPhase.Review => "pasar a revisión del CLAR",
        _ => "cambio de fase programado",
    };

    public static string Batch(int batchId) => string.Create(CultureInfo.InvariantCulture, $"Lote de pagos {batchId:D6}");

    public static string Pack(string name) => "Paquete de certificados — " + name;

    /// <summary>The audit actor of work a job does: <c>scheduler:&lt;Hangfire server id&gt;</c>.</summary>
    public static string ActorOf(PerformContext? context) => "scheduler:" + (context?.ServerId ?? Environment.MachineName);
}

/// <summary>
/// Runs a dated phase change through <see cref="PhaseMoves"/>; the handler settles the schedule row once, so a second run
/// is harmless. A failed guard is an outcome recorded on the row, not an exception: the job succeeds and nothing retries.
/// An exception is thrown on: Hangfire logs it and retries with back-off (30 s doubling, 5 times); after that the row stays
/// pending until the next reconciliation.
/// </summary>
public sealed class PhaseMoveJob(PhaseMoves moves, AuditActor actor)
{
    [JobDisplayName("{2}")]
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [30, 60, 120, 240, 480])]
    public async Task RunAsync(int roundId, int scheduleId, string title, PerformContext? context, CancellationToken cancellationToken)
    {
        actor.ActAs(JobTitles.ActorOf(context));
        await moves.RunScheduledAsync(roundId, scheduleId, cancellationToken);
    }
}

/// <summary>
/// Executes a payout batch through <see cref="BatchRunner"/>. Hangfire does not retry it: the runner records the failure
/// on the batch and schedules the next attempt with the project's back-off (1, 2, 4, 8 minutes, then a person) — one
/// place decides, and the batch page shows it. A second run finds the batch executed and does nothing.
/// </summary>
public sealed class PayoutBatchJob(BatchRunner runner, AuditActor actor, ILogger<PayoutBatchJob> logger)
{
    [JobDisplayName("{1}")]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(int batchId, string title, PerformContext? context, CancellationToken cancellationToken)
    {
        var who = JobTitles.ActorOf(context);
        actor.ActAs(who);
        // Each stage (executing, written, committed) in the log: what an operator reads after a crash, and what the crash
        // test waits for before it kills the process.
        await runner.RunAsync(batchId, who, new StageLog(logger, batchId), cancellationToken);
    }

    private sealed class StageLog(ILogger logger, int batchId) : IProgress<string>
    {
        public void Report(string value) => logger.LogInformation("Batch {BatchId} stage: {Stage}", batchId, value);
    }
}

/// <summary>Builds a certificate pack through <see cref="PackBuilder"/>; a failure is recorded on the pack (it waits for a person to resume it), so no retry.</summary>
public sealed class DocumentPackJob(PackBuilder builder, AuditActor actor)
{
    [JobDisplayName("{1}")]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(int packId, string title, PerformContext? context, CancellationToken cancellationToken)
    {
        actor.ActAs(JobTitles.ActorOf(context));
        await builder.RunAsync(packId, null, cancellationToken);
    }
}
