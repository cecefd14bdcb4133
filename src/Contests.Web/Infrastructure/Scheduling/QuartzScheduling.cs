using System.Globalization;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;
using Quartz;

namespace Contests.Web.Infrastructure.Scheduling;

/// <summary>
/// Quartz.NET with its persistent job store in the application's own database (its <c>qrtz_</c>
/// tables are created at start-up when missing), clustered on PostgreSQL so several instances share
/// the jobs and each fires once. Jobs are thin: they call a handler.
/// </summary>
public static class QuartzScheduling
{
    public static IServiceCollection AddQuartzScheduling(this IServiceCollection services, SchedulingOptions options, DatabaseOptions database)
    {
        services.AddQuartz(q =>
        {
            q.ScheduleJob<PhaseReconcileJob>(
                t => t.WithIdentity("reconcile", QuartzPhaseScheduler.Group).StartAt(DateTimeOffset.UtcNow.Add(options.ReconcileEvery))
                    .WithSimpleSchedule(s => s.WithInterval(options.ReconcileEvery).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                j => j.WithIdentity("reconcile", QuartzPhaseScheduler.Group));
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = options.InstanceName;
                o.IdleWaitTime = options.IdleWait;
                // A cluster needs one id per node: generated at start-up (host name and time), so two
                // processes on one machine differ too. Alone on SQLite the id stays Quartz's NON_CLUSTERED.
                o.GenerateInstanceId = database.Provider == DatabaseProvider.Postgres;
            });
            q.UsePersistentStore(s =>
            {
                s.UseSystemTextJsonSerializer();
                s.ProvisionSchema();
                s.ConfigureStore(o => o.MisfireThreshold = options.MisfireThreshold);
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    s.UsePostgres(NpgsqlFactory.Instance, database.ConnectionString);
                    s.UseClustering();
                }
                else
                {
                    // The same file as EF. Both sides begin their write transactions IMMEDIATE and
                    // Microsoft.Data.Sqlite waits out a busy database for the command timeout (30 s),
                    // so they queue instead of failing with "database is locked" (see the scheduling tests).
                    s.UseSqlite(SqliteFactory.Instance, database.ConnectionString);
                }
            });
        });
        services.AddScoped<IPhaseScheduler, QuartzPhaseScheduler>();
        services.AddScoped<Features.Payouts.IBatchScheduler, QuartzBatchScheduler>();
        services.AddScoped<Features.Documents.IPackScheduler, QuartzPackScheduler>();
        if (options.RunJobs)
        {
            // Registered before Quartz's hosted service, so the pending dates are back in the store when
            // the scheduler starts. Program migrates before the host starts, so the tables are there.
            services.AddHostedService<PhaseScheduleReconciler>();
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }
        return services;
    }
}

/// <summary>One Quartz job per dated phase change, keyed by the schedule row.</summary>
public sealed class QuartzPhaseScheduler(ISchedulerFactory factory) : IPhaseScheduler
{
    public const string Group = "rounds";

    public static TriggerKey TriggerOf(int scheduleId) => new(Name(scheduleId), Group);

    /// <summary>
    /// Stores the job and its one-shot trigger. A trigger already stored for the same date is left
    /// alone (start-up reconciliation on every node would otherwise rewrite triggers a peer may be
    /// firing); any other is replaced. A date already past fires at once: a misfire fires now.
    /// </summary>
    public async Task ScheduleAsync(int roundId, int scheduleId, DateTime dueUtc, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        var due = new DateTimeOffset(DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc));
        var key = TriggerOf(scheduleId);
        var stored = await scheduler.GetTrigger(key, ct);
        if (stored is not null && stored.StartTimeUtc == due
            && await scheduler.GetTriggerState(key, ct) is not (TriggerState.Error or TriggerState.None))
        {
            return;
        }
        var job = JobBuilder.Create<PhaseTransitionJob>()
            .WithIdentity(PhaseTransitionJob.KeyOf(scheduleId))
            .UsingJobData(PhaseTransitionJob.RoundIdKey, roundId)
            .UsingJobData(PhaseTransitionJob.ScheduleIdKey, scheduleId)
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            .StartAt(due)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, ct);
    }

    public async Task UnscheduleAsync(int scheduleId, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.DeleteJob(PhaseTransitionJob.KeyOf(scheduleId), ct);
    }

    internal static string Name(int scheduleId) => "phase-" + scheduleId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Runs a dated phase change through <see cref="PhaseMoves"/>; the handler makes a second firing
/// harmless. A failed guard is an outcome, not an exception (it is recorded on the schedule row). An
/// exception is a failure Quartz logs and retries with back-off — safe, because the handler settles
/// the row once — and after the last attempt the row stays pending until the next start-up reconciles it.
/// </summary>
[DisallowConcurrentExecution]
[RetryPolicy(5, "00:00:30", 2, MaxDelay = "00:10:00")]
public sealed class PhaseTransitionJob(IServiceScopeFactory scopes) : IJob
{
    public const string RoundIdKey = "roundId";
    public const string ScheduleIdKey = "scheduleId";

    public static JobKey KeyOf(int scheduleId) => new(QuartzPhaseScheduler.Name(scheduleId), QuartzPhaseScheduler.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("scheduler:" + context.Scheduler.SchedulerInstanceId);
        await scope.ServiceProvider.GetRequiredService<PhaseMoves>().RunScheduledAsync(data.GetInt(RoundIdKey), data.GetInt(ScheduleIdKey), cancellationToken);
    }
}

/// <summary>Every <see cref="SchedulingOptions.ReconcileEvery"/>, on one instance of the cluster: pending dated changes back in the scheduler.</summary>
[DisallowConcurrentExecution]
public sealed class PhaseReconcileJob(IServiceScopeFactory scopes, ILogger<PhaseReconcileJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var count = await scope.ServiceProvider.GetRequiredService<PhaseMoves>().ReconcileAsync(cancellationToken);
        var batches = await scope.ServiceProvider.GetRequiredService<Features.Payouts.BatchReconciler>().ReconcileAsync(cancellationToken);
        var packs = await scope.ServiceProvider.GetRequiredService<Features.Documents.PackReconciler>().ReconcileAsync(cancellationToken);
        logger.LogDebug("Reconciled {Count} pending dated phase change(s) and {Batches} payout batch(es) and {Packs} document pack(s) with the scheduler.", count, batches, packs);
    }
}

/// <summary>
/// One durable Quartz job per payout batch (<c>payouts.batch-&lt;id&gt;</c>) and one one-shot trigger per due
/// time (the first execution, each retry), so a retry scheduled while the job runs never collides with the
/// trigger that is firing. A trigger already stored for the same time is left alone.
/// </summary>
public sealed class QuartzBatchScheduler(ISchedulerFactory factory) : Features.Payouts.IBatchScheduler
{
    public const string Group = "payouts";

    public static JobKey KeyOf(int batchId) => new("batch-" + batchId.ToString(CultureInfo.InvariantCulture), Group);

    public async Task ScheduleAsync(int batchId, DateTime dueUtc, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        var due = new DateTimeOffset(DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc));
        var key = new TriggerKey(KeyOf(batchId).Name + "-" + due.UtcTicks.ToString(CultureInfo.InvariantCulture), Group);
        if (await scheduler.Exists(key, ct))
        {
            return;
        }
        var job = JobBuilder.Create<QuartzPayoutBatchJob>()
            .WithIdentity(KeyOf(batchId))
            .UsingJobData(QuartzPayoutBatchJob.BatchIdKey, batchId)
            .StoreDurably()
            .RequestRecovery()
            .Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, ct);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            .StartAt(due)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        try
        {
            await scheduler.ScheduleJob(trigger, default, ct);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another instance stored the same trigger a moment ago: it is there, which is all we wanted.
        }
    }

    public async Task UnscheduleAsync(int batchId, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.DeleteJob(KeyOf(batchId), ct);
    }
}

/// <summary>
/// Executes a payout batch through <see cref="Features.Payouts.BatchRunner"/>, audited as
/// <c>scheduler:&lt;instance&gt;</c>. A failure is recorded and retried by the runner with back-off and thrown on
/// for Quartz to log; a second firing finds the batch executed and does nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class QuartzPayoutBatchJob(IServiceScopeFactory scopes) : IJob
{
    public const string BatchIdKey = "batchId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var who = "scheduler:" + context.Scheduler.SchedulerInstanceId;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs(who);
        await scope.ServiceProvider.GetRequiredService<Features.Payouts.BatchRunner>()
            .RunAsync(context.MergedJobDataMap.GetInt(BatchIdKey), who, null, cancellationToken);
    }
}

/// <summary>One durable Quartz job per document pack (<c>documents.pack-&lt;id&gt;</c>), fired now; recovered if its node dies.</summary>
public sealed class QuartzPackScheduler(ISchedulerFactory factory) : Features.Documents.IPackScheduler
{
    public const string Group = "documents";

    public static JobKey KeyOf(int packId) => new("pack-" + packId.ToString(CultureInfo.InvariantCulture), Group);

    public async Task EnqueueAsync(int packId, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        var job = JobBuilder.Create<QuartzDocumentPackJob>()
            .WithIdentity(KeyOf(packId))
            .UsingJobData(QuartzDocumentPackJob.PackIdKey, packId)
            .StoreDurably()
            .RequestRecovery()
            .Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, ct);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(KeyOf(packId).Name + "-" + Guid.NewGuid().ToString("N"), Group)
            .ForJob(job)
            .StartNow()
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, default, ct);
    }
}

/// <summary>
/// Builds a document pack through <see cref="Features.Documents.PackBuilder"/>. One at a time per pack; a failure is
/// recorded on the pack by the builder (it waits for a person to resume it) and thrown on for Quartz to log.
/// </summary>
[DisallowConcurrentExecution]
public sealed class QuartzDocumentPackJob(IServiceScopeFactory scopes) : IJob
{
    public const string PackIdKey = "packId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("scheduler:" + context.Scheduler.SchedulerInstanceId);
        await scope.ServiceProvider.GetRequiredService<Features.Documents.PackBuilder>()
            .RunAsync(context.MergedJobDataMap.GetInt(PackIdKey), null, cancellationToken);
    }
}
