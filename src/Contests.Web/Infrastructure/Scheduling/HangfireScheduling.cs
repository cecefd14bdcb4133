using Contests.Core.Accounts;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Infrastructure.Security;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;

namespace Contests.Web.Infrastructure.Scheduling;

/// <summary>
/// Hangfire with its own storage: on PostgreSQL the <c>hangfire</c> schema of the app's database (created by Hangfire
/// when missing; several instances share it through Hangfire's distributed locks), on SQLite a file of its own beside
/// the app's (<c>contests-jobs.db</c>; one process runs jobs). The storage is this host's own service, never
/// Hangfire's static <c>JobStorage.Current</c>, so two hosts in one process (tests) don't share it.
/// </summary>
public static class HangfireScheduling
{
    public const string DashboardPath = "/jobs";

    public const string SqliteFileName = "contests-jobs.db";

    public static IServiceCollection AddHangfireScheduling(this IServiceCollection services, SchedulingOptions options, DatabaseOptions database)
    {
        // Registered before AddHangfire, whose own registrations (JobStorage.Current) are only added when missing.
        services.AddSingleton<JobStorage>(_ => CreateStorage(options, database));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogs(sp.GetRequiredService<ILoggerFactory>())));
        services.AddScoped<JobRegistry>();
        services.AddScoped<Features.Rounds.IPhaseScheduler, HangfirePhaseScheduler>();
        services.AddScoped<Features.Payouts.IBatchScheduler, HangfireBatchScheduler>();
        services.AddScoped<Features.Documents.IPackScheduler, HangfirePackScheduler>();
        if (options.RunJobs)
        {
            // Before the server: the pending dates, batches and packs are in the storage when it starts polling.
            services.AddHostedService<PhaseScheduleReconciler>();
            services.AddHostedService<ReconcileEveryPeriod>();
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Max(1, options.Workers);
                o.SchedulePollingInterval = options.SchedulePollingInterval;
                o.ServerCheckInterval = TimeSpan.FromSeconds(30);
                o.ServerTimeout = TimeSpan.FromMinutes(1);
                o.ShutdownTimeout = TimeSpan.FromSeconds(10);
            });
        }
        return services;
    }

    /// <summary>
    /// <c>/jobs</c>: the dashboard behind the app's cookie sign-in and its <see cref="Policies.ReadJobs"/> policy (anonymous →
    /// sign-in page, other roles → the app's 403); read-only except for administrators, who may retry and delete.
    /// </summary>
    public static void MapJobsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHangfireDashboardWithAuthorizationPolicy(Policies.ReadJobs, DashboardPath, new DashboardOptions
        {
            AppPath = "/",
            DashboardTitle = "Contests — trabajos en segundo plano",
            DisplayStorageConnectionString = false,
            IsReadOnlyFunc = IsReadOnly,
        });
    }

    public static bool IsReadOnly(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !context.GetHttpContext().User.IsInRole(nameof(Role.Admin));
    }

    /// <summary>The SQLite storage's file: beside the app's database.</summary>
    public static string SqlitePathOf(string appConnectionString)
    {
        var file = new SqliteConnectionStringBuilder(appConnectionString).DataSource;
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", SqliteFileName);
    }

    private static JobStorage CreateStorage(SchedulingOptions options, DatabaseOptions database)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var postgres = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = options.QueuePollInterval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : options.QueuePollInterval,
                // A NOTIFY on enqueue wakes every instance's workers: a job from a request starts at once.
                EnableLongPolling = true,
                InvisibilityTimeout = options.InvisibilityTimeout,
                UseSlidingInvisibilityTimeout = true,
                DistributedLockTimeout = options.LockTimeout,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, postgres), postgres);
        }
        var path = SqlitePathOf(database.ConnectionString);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SQLiteStorage(path, new SQLiteStorageOptions
        {
            QueuePollInterval = options.QueuePollInterval,
            InvisibilityTimeout = options.InvisibilityTimeout,
        });
    }
}

/// <summary>
/// Every <see cref="SchedulingOptions.ReconcileEvery"/>, on each instance that runs jobs: pending dated changes, batches and
/// packs back in the storage (the registry keeps one job per thing, so instances doing it at once add nothing twice).
/// A failed round is logged and the next period tries again.
/// </summary>
internal sealed class ReconcileEveryPeriod(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<SchedulingOptions> options,
    ILogger<ReconcileEveryPeriod> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var (phases, batches, packs) = await PhaseScheduleReconciler.ReconcileAsync(scope.ServiceProvider, stoppingToken);
                logger.LogDebug("Reconciled {Count} pending dated phase change(s) and {Batches} payout batch(es) and {Packs} document pack(s) with the scheduler.", phases, batches, packs);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Reconciling pending jobs failed; trying again in {Period}.", options.Value.ReconcileEvery);
            }
        }
    }
}

/// <summary>
/// Hangfire's logging goes through one static provider for the whole process. This one writes to the host that set it
/// last and, once that host is gone (its logger factory disposed: a test host, a CLI verb), writes nothing rather than
/// throwing inside Hangfire's workers.
/// </summary>
internal sealed class HangfireLogs(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name) => new HostLog(factory, name);

    private sealed class HostLog(ILoggerFactory factory, string name) : Hangfire.Logging.ILog
    {
        private ILogger? _logger;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                _logger ??= factory.CreateLogger(name);
                var level = logLevel switch
                {
                    Hangfire.Logging.LogLevel.Trace => LogLevel.Trace,
                    Hangfire.Logging.LogLevel.Debug => LogLevel.Debug,
                    Hangfire.Logging.LogLevel.Info => LogLevel.Information,
                    Hangfire.Logging.LogLevel.Warn => LogLevel.Warning,
                    Hangfire.Logging.LogLevel.Error => LogLevel.Error,
                    _ => LogLevel.Critical,
                };
                if (messageFunc is null)
                {
                    return _logger.IsEnabled(level);
                }
#pragma warning disable CA1848, CA2254 // Hangfire hands over finished messages
                _logger.Log(level, exception, messageFunc());
#pragma warning restore CA1848, CA2254
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
