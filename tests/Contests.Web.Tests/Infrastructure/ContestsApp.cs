using Contests.Web.Features.Payouts;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Infrastructure.Scheduling;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Contests.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real database of one provider. <see cref="ResetAsync"/> gives each test a clean,
/// freshly migrated database with <see cref="TestUsers"/> in it.
/// </summary>
public abstract class ContestsApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestClock Clock { get; } = new();

    /// <summary>Where this app keeps uploaded files (photos): a temporary folder of its own.</summary>
    public string FilesPath { get; protected init; } = Path.Combine(Path.GetTempPath(), "contests-files-" + Guid.NewGuid().ToString("N"));

    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>Sign-in posts allowed per minute; high so tests don't trip over the limit by accident.</summary>
    protected virtual int LoginAttemptsPerMinute => 10_000;

    public virtual async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        _ = Services; // starts the host: migrates on start-up
        await TestUsers.SeedAsync(Services, Clock);
    }

    /// <summary>Gives the next test a clean database (see <see cref="ResetDatabaseAsync"/>) with the test users in it.</summary>
    public async Task ResetAsync()
    {
        Clock.Reset();
        // A new database numbers its batches from 1 again: what an earlier test asked of the scheduler is forgotten.
        Batches.Clear();
        Packs.Clear();
        await ResetDatabaseAsync();
        await TestUsers.SeedAsync(Services, Clock);
    }

    /// <summary>
    /// Gives the next test the demo programme and the test users: a copy of the run's seeded demo
    /// (<see cref="DemoTemplates"/>), its database and its files.
    /// </summary>
    public async Task ResetToDemoAsync()
    {
        Clock.Reset();
        Batches.Clear();
        Packs.Clear();
        var demo = await DemoTemplates.ForAsync(Provider);
        await RecreateDatabaseAsync(() => CopyDatabaseAsync(demo.Database));
        DemoTemplates.CopyFolder(demo.Files, FilesPath);
    }

    /// <summary>A copy of this app's database as it is now, for others to start from (see <see cref="CopyDatabaseAsync"/>).</summary>
    public virtual Task<string> SnapshotAsync() => throw new NotSupportedException($"{GetType().Name} keeps no copies of its database.");

    /// <summary>Makes this app's database a copy of <paramref name="snapshot"/> (what <see cref="SnapshotAsync"/> returned).</summary>
    protected virtual Task CopyDatabaseAsync(string snapshot) => throw new NotSupportedException($"{GetType().Name} can't start from a copy.");

    /// <summary>Drops and recreates the database (a copy of the migrated template) and migrates it, which finds nothing to do.</summary>
    protected virtual async Task ResetDatabaseAsync()
    {
        await RecreateDatabaseAsync(CreateDatabaseAsync);
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<MigrationRunner>().MigrateAsync();
    }

    private async Task RecreateDatabaseAsync(Func<Task> create)
    {
        var jobs = await HasJobStorageAsync();
        await DropDatabaseAsync();
        await create();
        if (jobs)
        {
            // Hangfire made its schema once, when an earlier test opened the dashboard: the new database gets it again.
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(connection, "hangfire");
        }
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await DropDatabaseAsync();
        if (Directory.Exists(FilesPath))
        {
            Directory.Delete(FilesPath, recursive: true);
        }
    }

    public AppClient NewClient() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<AppClient> SignedInClientAsync(string userName, string password = TestUsers.Password)
    {
        var client = NewClient();
        await client.SignInAsync(userName, password);
        return client;
    }

    protected abstract Task CreateDatabaseAsync();

    /// <summary>Whether Hangfire's schema is in this PostgreSQL database (SQLite keeps Hangfire's file across resets).</summary>
    private async Task<bool> HasJobStorageAsync()
    {
        if (Provider != DatabaseProvider.Postgres)
        {
            return false;
        }
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'hangfire')", connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    protected abstract Task DropDatabaseAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Contests", ConnectionString);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Security:LoginAttemptsPerMinute", LoginAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Storage:Path", FilesPath);
        builder.UseSetting("Scheduling:RunJobs", RunsScheduler ? "true" : "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestUsers.HashIterations);
            if (!RunsScheduler)
            {
                // Screens are tested against what they ask the scheduler; Hangfire itself is tested by the
                // scheduling tests, which run it for real.
                services.AddSingleton(Scheduled);
                services.AddScoped<IPhaseScheduler>(sp => sp.GetRequiredService<RecordingPhaseScheduler>());
                services.AddSingleton(Batches);
                services.AddScoped<IBatchScheduler>(sp => sp.GetRequiredService<RecordingBatchScheduler>());
                services.AddSingleton(Packs);
                services.AddScoped<Contests.Web.Features.Documents.IPackScheduler>(sp => sp.GetRequiredService<RecordingPackScheduler>());
            }
        });
    }

    /// <summary>Whether this app runs Hangfire for real (scheduling tests) or records what it was asked to schedule.</summary>
    protected virtual bool RunsScheduler => false;

    public RecordingPhaseScheduler Scheduled { get; } = new();

    public RecordingBatchScheduler Batches { get; } = new();

    public RecordingPackScheduler Packs { get; } = new();
}

/// <summary>The packs the screens asked the background worker to build, in order (tests run the builder themselves).</summary>
public sealed class RecordingPackScheduler : Contests.Web.Features.Documents.IPackScheduler
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<int> _packs = new();

    public IReadOnlyCollection<int> Packs => _packs;

    public Task EnqueueAsync(int packId, CancellationToken ct)
    {
        _packs.Enqueue(packId);
        return Task.CompletedTask;
    }

    public void Clear() => _packs.Clear();
}

/// <summary>What the screens asked the scheduler to do with payout batches: batch id → due times, in order.</summary>
public sealed class RecordingBatchScheduler : IBatchScheduler
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, List<DateTime>> _jobs = new();

    public IReadOnlyDictionary<int, List<DateTime>> Jobs => _jobs;

    public Task ScheduleAsync(int batchId, DateTime dueUtc, CancellationToken ct)
    {
        var times = _jobs.GetOrAdd(batchId, _ => []);
        lock (times)
        {
            times.Add(dueUtc);
        }
        return Task.CompletedTask;
    }

    public void Clear() => _jobs.Clear();

    public Task UnscheduleAsync(int batchId, CancellationToken ct)
    {
        _jobs.TryRemove(batchId, out _);
        return Task.CompletedTask;
    }
}

/// <summary>What the screens asked the scheduler to do, by schedule id.</summary>
public sealed class RecordingPhaseScheduler : IPhaseScheduler
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (int RoundId, DateTime DueUtc)> _jobs = new();

    public IReadOnlyDictionary<int, (int RoundId, DateTime DueUtc)> Jobs => _jobs;

    public Task ScheduleAsync(int roundId, int scheduleId, DateTime dueUtc, CancellationToken ct)
    {
        _jobs[scheduleId] = (roundId, dueUtc);
        return Task.CompletedTask;
    }

    public Task UnscheduleAsync(int scheduleId, CancellationToken ct)
    {
        _jobs.TryRemove(scheduleId, out _);
        return Task.CompletedTask;
    }
}

/// <summary>A fresh SQLite file per app.</summary>
public class SqliteApp : ContestsApp
{
    private readonly string _folder = Directory.CreateTempSubdirectory("contests-test-").FullName;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={Path.Combine(_folder, "contests.db")}";

    /// <summary>A copy of this run's migrated template file (migrating each test's database took most of its set-up).</summary>
    protected override async Task CreateDatabaseAsync() =>
        File.Copy(await MigratedTemplates.SqliteFileAsync(), Path.Combine(_folder, "contests.db"), overwrite: true);

    public override async Task<string> SnapshotAsync()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("contests-snapshot-").FullName, "snapshot.db");
        await using (var source = new SqliteConnection(ConnectionString))
        await using (var target = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        return file;
    }

    protected override Task CopyDatabaseAsync(string snapshot)
    {
        File.Copy(snapshot, Path.Combine(_folder, "contests.db"), overwrite: true);
        return Task.CompletedTask;
    }

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        // Hangfire's file stays: its storage, made once per app, keeps its connections to it.
        foreach (var file in Directory.GetFiles(_folder).Where(f => !Path.GetFileName(f).StartsWith(HangfireScheduling.SqliteFileName, StringComparison.Ordinal)))
        {
            File.Delete(file);
        }
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>A fresh database per app on the throwaway cluster named by CONTESTS_TEST_POSTGRES.</summary>
public class PostgresApp : ContestsApp
{
    private readonly string _database = "contests_test_" + Guid.NewGuid().ToString("N")[..12];

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString => Postgres.ConnectionString(_database);

    protected override async Task CreateDatabaseAsync() =>
        await Postgres.CreateDatabaseAsync(_database, template: await MigratedTemplates.PostgresDatabaseAsync());

    /// <summary>A template database copied from this one (dropped when the run ends); nobody else may be connected to it meanwhile.</summary>
    public override async Task<string> SnapshotAsync()
    {
        var name = $"contests_snapshot_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        await Postgres.CreateDatabaseAsync(name, template: _database);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Postgres.DropDatabaseAsync(name).GetAwaiter().GetResult();
        return name;
    }

    protected override Task CopyDatabaseAsync(string snapshot) => Postgres.CreateDatabaseAsync(_database, template: snapshot);

    protected override Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return Postgres.DropDatabaseAsync(_database);
    }

    /// <summary>
    /// Whether a reset empties the tables in place instead of dropping the database and copying the template again.
    /// Copying the template took ~0.5 s a test (most of the PostgreSQL suite's time); emptying ~60 tables takes a
    /// few milliseconds. Tests that change the schema itself use <see cref="RecreatedPostgresApp"/>.
    /// </summary>
    protected virtual bool EmptiesTablesOnReset => true;

    protected override Task ResetDatabaseAsync() =>
        EmptiesTablesOnReset ? Postgres.EmptyTablesAsync(ConnectionString) : base.ResetDatabaseAsync();
}

/// <summary>A PostgreSQL app whose reset drops and recreates its database, for tests that change the schema.</summary>
public sealed class RecreatedPostgresApp : PostgresApp
{
    protected override bool EmptiesTablesOnReset => false;
}

/// <summary>The test PostgreSQL server. tests/run.sh starts a throwaway cluster and sets the variable.</summary>
public static class Postgres
{
    public const string Variable = "CONTESTS_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL tests need {Variable} (e.g. 'Host=127.0.0.1;Port=55432;Username=postgres'). Run tests/run.sh, which starts a throwaway cluster.");

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    /// <summary>An empty database, or a copy of <paramref name="template"/> (which nobody may be connected to).</summary>
    public static async Task CreateDatabaseAsync(string database, string? template = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        var sql = template is null ? $"CREATE DATABASE \"{database}\"" : $"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                // Copying a template needs it to be idle for an instant; another copy of it may be starting.
                await Task.Delay(50 * attempt);
            }
        }
    }

    /// <summary>
    /// Empties every table of the app (and of Hangfire, if it made its schema) and restarts their identities: the
    /// database is then as a copy of the migrated template would be. Triggers are off meanwhile (the audit table
    /// refuses deletes, as it must in the app), and so are foreign keys, so the order of the tables doesn't matter.
    /// What the migrations recorded (<c>schema_migrations</c>, Hangfire's <c>schema</c>) is kept, and sequences start again.
    /// </summary>
    public static async Task EmptyTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SET session_replication_role = replica;
            DO $$
            DECLARE t record;
            BEGIN
              FOR t IN SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname IN ('public', 'hangfire') AND c.relkind IN ('r', 'p')
                         AND (n.nspname, c.relname) NOT IN (('public', 'schema_migrations'), ('hangfire', 'schema'))
              LOOP
                EXECUTE format('DELETE FROM %I.%I', t.nspname, t.relname);
              END LOOP;
              -- setval rewrites the sequence in place (ALTER SEQUENCE … RESTART would make a new file per sequence).
              PERFORM setval(s.seqrelid, s.seqstart, false) FROM pg_sequence s
                JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname IN ('public', 'hangfire');
            END $$;
            RESET session_replication_role;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task DropDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
