using Contests.Web.Infrastructure.Persistence;

namespace Contests.Web.Infrastructure.Scheduling;

/// <summary><c>Scheduling:*</c>: whether this instance runs jobs, and how soon it notices them.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>
    /// Run jobs in this process (they are stored either way; another instance may run them).
    /// On SQLite exactly one process may run jobs.
    /// </summary>
    public bool RunJobs { get; set; } = true;

    /// <summary>
    /// How often an idle worker looks for an enqueued job. On SQLite it is the latency of a job enqueued by a request
    /// (each worker polls the file); on PostgreSQL a NOTIFY wakes the workers at once and this is only the fallback.
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the server moves due delayed jobs (dated phase changes, batch retries) to the queue.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Workers per instance: few, because jobs are few and each SQLite worker polls the file.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>
    /// How long a job fetched by a process that died stays invisible before another worker takes it again
    /// (PostgreSQL keeps it sliding while the job runs, so only a dead process's jobs wait this long).
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// PostgreSQL: how long a lock in Hangfire's storage left by a process that died (SIGKILL, power cut) blocks the
    /// others before it counts as abandoned. Locks are held for milliseconds, and the storage does not refresh them while
    /// held, so this must stay well above the longest hold; a restart after a crash may wait this long for a job.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long the app waits for one of its own locks in the storage: longer than <see cref="LockTimeout"/>, so a lock
    /// a dead process left is always cleared within one wait instead of failing the start-up that waits for it.
    /// </summary>
    public TimeSpan LockWait => LockTimeout + TimeSpan.FromSeconds(15) > TimeSpan.FromSeconds(30)
        ? LockTimeout + TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often one instance puts every pending dated change, batch and pack back in the scheduler (a date saved
    /// while the storage could not be reached, or a job that ran out of retries, comes back this way).
    /// </summary>
    public TimeSpan ReconcileEvery { get; set; } = TimeSpan.FromMinutes(15);

}

/// <summary>Background jobs: dated phase changes, payout batches, certificate packs. Jobs are thin: they call a handler.</summary>
public static class SchedulingSetup
{
    public static IServiceCollection AddContestsScheduling(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var database = PersistenceSetup.Resolve(configuration, environment);
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.Section));
        return services.AddHangfireScheduling(options, database);
    }
}

/// <summary>
/// At start-up of an instance that runs jobs, puts every pending dated change, batch and pack back into the
/// scheduler: a crash between saving a date and scheduling it (or a job that ran out of retries) loses nothing.
/// Runs in <see cref="StartAsync"/>, so a failure stops the start rather than hiding.
/// </summary>
internal sealed class PhaseScheduleReconciler(IServiceScopeFactory scopes, ILogger<PhaseScheduleReconciler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (count, batches, packs) = await ReconcileAsync(scope.ServiceProvider, cancellationToken);
        logger.LogInformation("Reconciled {Count} pending dated phase change(s) and {Batches} payout batch(es) and {Packs} document pack(s) with the scheduler.", count, batches, packs);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static async Task<(int Phases, int Batches, int Packs)> ReconcileAsync(IServiceProvider services, CancellationToken ct) => (
        await services.GetRequiredService<Features.Rounds.PhaseMoves>().ReconcileAsync(ct),
        await services.GetRequiredService<Features.Payouts.BatchReconciler>().ReconcileAsync(ct),
        await services.GetRequiredService<Features.Documents.PackReconciler>().ReconcileAsync(ct));
}
