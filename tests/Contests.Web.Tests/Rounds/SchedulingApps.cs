using System.Collections.Concurrent;
using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using Contests.Web.Features.Programme;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Infrastructure.Scheduling;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;

namespace Contests.Web.Tests.Rounds;

/// <summary>A [Fact] that runs only when CONTESTS_TEST_POSTGRES names a server, and is skipped (not failed) otherwise.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Postgres.Variable)))
        {
            Skip = $"{Postgres.Variable} is not set (tests/run.sh starts a throwaway PostgreSQL and sets it).";
        }
    }
}

/// <summary>
/// One database that several app instances share, one after the other (a restart) or at once (a
/// cluster); it outlives them and is removed at the end of the test.
/// </summary>
public sealed class SharedDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _name;

    private SharedDatabase(DatabaseProvider provider, string? folder, string? name)
    {
        Provider = provider;
        _folder = folder;
        _name = name;
        ConnectionString = provider == DatabaseProvider.Postgres
            ? Postgres.ConnectionString(name!)
            : $"Data Source={Path.Combine(folder!, "contests.db")}";
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The files folder every instance on this database writes (bank files, documents).</summary>
    public string FilesPath { get; } = Directory.CreateTempSubdirectory("contests-sched-files-").FullName;

    public static async Task<SharedDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return new SharedDatabase(provider, Directory.CreateTempSubdirectory("contests-sched-").FullName, null);
        }
        var name = "contests_sched_" + Guid.NewGuid().ToString("N")[..12];
        await Postgres.CreateDatabaseAsync(name);
        return new SharedDatabase(provider, null, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(FilesPath))
        {
            Directory.Delete(FilesPath, recursive: true);
        }
        if (_name is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await Postgres.DropDatabaseAsync(_name);
        }
        else
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder!, recursive: true);
        }
    }
}

/// <summary>
/// The real app with Hangfire running (its storage beside the app's database: the <c>hangfire</c> schema on PostgreSQL, a
/// file of its own on SQLite), the real clock (Hangfire runs on real time, so the app's "now" must be the same), short
/// polling, and every log entry kept for the assertions. Several instances on one <see cref="SharedDatabase"/> share the
/// jobs and the files folder.
/// </summary>
public sealed class SchedulingApp : ContestsApp
{
    private readonly SharedDatabase _database;
    private readonly JobCounter _counter;

    private readonly bool _realClock;

    private SchedulingApp(SharedDatabase database, JobCounter counter, bool realClock)
    {
        _database = database;
        _counter = counter;
        _realClock = realClock;
        FilesPath = database.FilesPath;
    }

    public override DatabaseProvider Provider => _database.Provider;

    public override string ConnectionString => _database.ConnectionString;

    public LogSink Logs { get; } = new();

    protected override bool RunsScheduler => true;

    /// <summary>
    /// Starts an instance: migrates, reconciles, starts the Hangfire server; the first one also adds the test users. Without
    /// the real clock the app's "now" is its test clock (jobs enqueued for now don't need real time).
    /// </summary>
    public static async Task<SchedulingApp> StartAsync(SharedDatabase database, JobCounter counter, bool first = true, bool realClock = true)
    {
        var app = new SchedulingApp(database, counter, realClock);
        _ = app.Services;
        if (first)
        {
            await TestUsers.SeedAsync(app.Services, app.Clock);
        }
        return app;
    }

    /// <summary>The state Hangfire holds for the job stored under <paramref name="key"/> (<see cref="JobRegistry"/>), or null.</summary>
    public (string? JobId, string? State) JobOf(string key)
    {
        using var scope = Services.CreateScope();
        var id = scope.ServiceProvider.GetRequiredService<JobRegistry>().JobOf(key);
        if (id is null)
        {
            return (null, null);
        }
        using var connection = Services.GetRequiredService<JobStorage>().GetConnection();
        return (id, connection.GetStateData(id)?.Name);
    }

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override Task DropDatabaseAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scheduling:SchedulePollingInterval", "00:00:00.5");
        builder.ConfigureTestServices(services =>
        {
            if (_realClock)
            {
                services.AddSingleton(TimeProvider.System);
            }
            services.AddSingleton<ILoggerProvider>(Logs);
            // Hangfire's filters plus the counter, for this host's server only.
            services.AddSingleton<IJobFilterProvider>(new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { _counter }));
        });
    }
}

/// <summary>How many times a Hangfire server began each job (by its type and first two arguments), over every instance it is added to.</summary>
public sealed class JobCounter : IServerFilter
{
    private readonly ConcurrentDictionary<string, int> _runs = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _where = new();

    public int RunsOf(int scheduleId) => _runs.GetValueOrDefault(PhaseKey(scheduleId));

    public int RunsOfBatch(int batchId) => _runs.GetValueOrDefault("PayoutBatchJob:" + batchId.ToString(CultureInfo.InvariantCulture));

    public IReadOnlyCollection<string> InstancesOf(int scheduleId) =>
        _where.TryGetValue(PhaseKey(scheduleId), out var bag) ? [.. bag] : [];

    public IReadOnlyCollection<string> InstancesOfBatch(int batchId) =>
        _where.TryGetValue("PayoutBatchJob:" + batchId.ToString(CultureInfo.InvariantCulture), out var bag) ? [.. bag] : [];

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var args = context.BackgroundJob.Job.Args;
        // A phase move is counted by its schedule row (second argument); anything else by its first argument.
        var key = context.BackgroundJob.Job.Type.Name + ":" + Convert.ToString(args.Count > 1 && context.BackgroundJob.Job.Type == typeof(PhaseMoveJob) ? args[1] : args.Count > 0 ? args[0] : null, CultureInfo.InvariantCulture);
        _runs.AddOrUpdate(key, 1, (_, n) => n + 1);
        _where.GetOrAdd(key, _ => []).Add(context.ServerId);
    }

    public void OnPerformed(PerformedContext context)
    {
    }

    private static string PhaseKey(int scheduleId) => "PhaseMoveJob:" + scheduleId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Every log entry an app wrote, so a test can look for Hangfire's errors (and show them when it fails).</summary>
public sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    /// <summary>
    /// The app's own errors. Hangfire's are left out: Hangfire logs through one static provider per process, so with
    /// several hosts at once (test classes run in parallel) its lines land in whichever host set it last; the tests read
    /// a job's outcome from its state instead.
    /// </summary>
    public IReadOnlyList<LogLine> Errors => [.. _lines.Where(l => l.Level >= LogLevel.Error && !l.Category.StartsWith("Hangfire", StringComparison.Ordinal))];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    public override string ToString() => string.Join('\n', _lines.Where(l => l.Level >= LogLevel.Warning));

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}

public sealed record LogLine(string Category, LogLevel Level, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message} {Exception}";
}

/// <summary>A programme with an office and a funding source, and rounds ready to open (rubric and budget), written through the domain.</summary>
public sealed class RoundsData(ContestsApp app)
{
    private readonly RegistryData _registry = new(app);

    public int OfficerId { get; private set; }

    public int OfficeId { get; private set; }

    public int ProgrammeId { get; private set; }

    public int SourceId { get; private set; }

    public async Task AddProgrammeAsync()
    {
        ProgrammeId = await _registry.AddProgrammeAsync();
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs(RegistryData.SetupActor);
            var setup = scope.ServiceProvider.GetRequiredService<ProgrammeSetup>();
            var programme = await setup.FindAsync(CancellationToken.None);
            Assert.True((await setup.AddOfficeAsync(programme!, "Oficina Local Abancay", "Abancay", "Julio Céspedes Rojas", CancellationToken.None)).Succeeded);
        }
        SourceId = await _registry.AddFundingSourceAsync(ProgrammeId, "Fondo concursable FIDA", 1_000_000m);
        (OfficeId, OfficerId) = await _registry.ReadAsync(async db => (
            await db.LocalOffices.Select(o => o.Id).SingleAsync(),
            await db.Users.Where(u => u.UserName == TestUsers.Officer).Select(u => u.Id).SingleAsync()));
    }

    /// <summary>A draft round with a rubric and a budget line: the guards of Draft → Open pass.</summary>
    public async Task<int> AddRoundAsync(string name, RoundPhase phase = RoundPhase.Draft)
    {
        var now = DateTime.UtcNow;
        var (created, round) = ContestRound.Create(ProgrammeId, new RoundSetup
        {
            Name = name, LocalOfficeId = OfficeId, Level = RoundLevel.Households, Themes = new HashSet<Theme> { Theme.Irrigation },
            Scope = RoundScope.Everywhere, PoolBy = PoolBy.OnePool,
        }, OfficerId, now);
        Assert.True(created.Succeeded);
        var errors = new List<DomainError>();
        var rubric = Rubric.Create([new RubricPart("Manejo del agua", [new Criterion("Riego tecnificado", null, 10m, 1m)], 1, 3, Aggregation.Mean)], 5m, errors);
        Assert.Empty(errors);
        var prizes = new PrizeRules { Tiers = [500m, 300m], BudgetLines = [new BudgetLine(SourceId, 800m)] };
        Assert.True(round!.SetRules(new RoundRules(rubric!, prizes), null, OfficerId, now).Succeeded);
        if (phase == RoundPhase.Open)
        {
            Assert.True(round.MoveTo(RoundPhase.Open, new PhaseFacts { HasRubric = true, HasBudget = true }, false, OfficerId, now).Succeeded);
        }
        await _registry.WriteAsync(db => db.Rounds.Add(round));
        return round.Id;
    }

    /// <summary>Saves the round's calendar through <see cref="PhaseMoves"/> (which puts the date in Hangfire); returns the schedule row's id.</summary>
    public async Task<int> ScheduleAsync(ContestsApp on, int roundId, RoundPhase to, DateTime dueUtc)
    {
        using var scope = on.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs(TestUsers.Officer, OfficerId);
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var round = await db.Rounds.SingleAsync(r => r.Id == roundId);
        var form = new CalendarForm { Due = { [to] = LimaTime.FromUtc(dueUtc).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) } };
        var saved = await scope.ServiceProvider.GetRequiredService<PhaseMoves>().SaveCalendarAsync(round, form, CancellationToken.None);
        Assert.True(saved.Succeeded, string.Join(", ", saved.Errors.Select(e => e.Code)));
        return round.Schedule.Single(s => s.ToPhase == to && s.State == ScheduleState.Pending).Id;
    }

    /// <summary>A dated change saved but never handed to the scheduler, as after a crash between the two.</summary>
    public async Task<int> ScheduleWithoutSchedulerAsync(int roundId, RoundPhase to, DateTime dueUtc)
    {
        var item = await _registry.WriteAsync(db =>
        {
            var round = db.Rounds.Single(r => r.Id == roundId);
            var (result, added, _) = round.ScheduleMove(to, dueUtc, DateTime.UtcNow);
            Assert.True(result.Succeeded);
            return added!;
        });
        return item.Id;
    }

    public Task<T> ReadAsync<T>(Func<ContestsDbContext, Task<T>> query) => _registry.ReadAsync(query);

    public Task<ContestRound> RoundAsync(int roundId) => ReadAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId));

    /// <summary>A due date whole seconds from now (the calendar is typed to the second), at least <paramref name="ahead"/> away.</summary>
    public static DateTime DueIn(TimeSpan ahead)
    {
        var due = DateTime.UtcNow + ahead;
        return new DateTime(due.Ticks - (due.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).AddSeconds(1);
    }
}

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(what);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not within {timeout.TotalSeconds} s: {what()}");
            }
            await Task.Delay(200);
        }
    }
}
