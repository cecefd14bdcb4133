using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Quartz;

namespace Contests.Web.Infrastructure.Scheduling;

/// <summary><c>Scheduling:*</c>: whether this instance runs jobs, and how often it looks for due ones.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Run the scheduler in this process (jobs are stored either way; another instance may run them).</summary>
    public bool RunJobs { get; set; } = true;

    public TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(5);

    public string InstanceName { get; set; } = "contests";
}

/// <summary>
/// Quartz.NET with its persistent job store in the application's own database (its <c>qrtz_</c>
/// tables are created at start-up when missing), clustered on PostgreSQL so several instances share
/// the jobs and each fires once. Jobs are thin: they call a handler.
/// </summary>
public static class SchedulingSetup
{
    public static IServiceCollection AddContestsScheduling(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var database = PersistenceSetup.Resolve(configuration, environment);
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.Section));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = options.InstanceName;
                o.InstanceId = "AUTO";
                o.IdleWaitTime = options.IdleWait;
            });
            q.UsePersistentStore(s =>
            {
                s.UseSystemTextJsonSerializer();
                s.ProvisionSchema();
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    s.UsePostgres(database.ConnectionString);
                    s.UseClustering();
                }
                else
                {
                    s.UseSqlite(database.ConnectionString);
                }
            });
        });
        if (options.RunJobs)
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }
        services.AddScoped<IPhaseScheduler, QuartzPhaseScheduler>();
        return services;
    }
}

/// <summary>One Quartz job per dated phase change, keyed by the schedule row: scheduling again replaces it.</summary>
public sealed class QuartzPhaseScheduler(ISchedulerFactory factory) : IPhaseScheduler
{
    public async Task ScheduleAsync(int roundId, int scheduleId, DateTime dueUtc, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        var job = JobBuilder.Create<PhaseTransitionJob>()
            .WithIdentity(PhaseTransitionJob.KeyOf(scheduleId))
            .UsingJobData(PhaseTransitionJob.RoundIdKey, roundId)
            .UsingJobData(PhaseTransitionJob.ScheduleIdKey, scheduleId)
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity("phase-" + scheduleId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .StartAt(new DateTimeOffset(DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc)))
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, ct);
    }

    public async Task UnscheduleAsync(int scheduleId, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.DeleteJob(PhaseTransitionJob.KeyOf(scheduleId), ct);
    }
}

/// <summary>Runs a dated phase change through <see cref="PhaseMoves"/>; the handler makes a second firing harmless.</summary>
[DisallowConcurrentExecution]
public sealed class PhaseTransitionJob(IServiceScopeFactory scopes) : IJob
{
    public const string RoundIdKey = "roundId";
    public const string ScheduleIdKey = "scheduleId";

    public static JobKey KeyOf(int scheduleId) => new("phase-" + scheduleId.ToString(System.Globalization.CultureInfo.InvariantCulture), "rounds");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("scheduler:" + context.Scheduler.SchedulerInstanceId);
        await scope.ServiceProvider.GetRequiredService<PhaseMoves>().RunScheduledAsync(data.GetInt(RoundIdKey), data.GetInt(ScheduleIdKey), cancellationToken);
    }
}
