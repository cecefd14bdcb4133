using System.Diagnostics;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Contests.Web.Tests.Persistence;

public abstract class MigrationTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    /// <summary>A second, empty database of the same provider, created by the model (EnsureCreated), not by db/.</summary>
    protected abstract Task<(string ConnectionString, Func<Task> Drop)> CreateDatabaseByModelAsync();

    protected abstract Task<List<string>> SnapshotAsync(string connectionString);

    protected static async Task EnsureCreatedAsync(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<ContestsDbContext>();
        PersistenceSetup.UseProvider(options, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        await using var db = new ContestsDbContext(options.Options);
        await db.Database.EnsureCreatedAsync();
    }

    private async Task<MigrationReport> MigrateAgainAsync()
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MigrationRunner>().MigrateAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ContestsDbContext>().Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task MigratedSchema_EqualsTheModel()
    {
        var (byModel, drop) = await CreateDatabaseByModelAsync();
        try
        {
            var expected = await SnapshotAsync(byModel);
            var actual = await SnapshotAsync(App.ConnectionString);

            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
        }
        finally
        {
            await drop();
        }
    }

    [Fact]
    public async Task SchemaComparison_NoticesADifference()
    {
        var (byModel, drop) = await CreateDatabaseByModelAsync();
        try
        {
            var before = await SnapshotAsync(App.ConnectionString);
            await ExecuteAsync("DROP INDEX ix_audit_records_entity_type_entity_id");

            Assert.NotEqual(before, await SnapshotAsync(App.ConnectionString));
            Assert.NotEqual(await SnapshotAsync(byModel), await SnapshotAsync(App.ConnectionString));
        }
        finally
        {
            await drop();
        }
    }

    [Fact]
    public async Task Migrate_Twice_IsANoOp()
    {
        var schema = await SnapshotAsync(App.ConnectionString);

        var report = await MigrateAgainAsync();

        Assert.Empty(report.Applied);
        Assert.Equal(MigrationRunner.Scripts(App.Provider)[^1].Version, report.CurrentVersion);
        Assert.Equal(schema, await SnapshotAsync(App.ConnectionString));
        using var scope = App.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<ContestsDbContext>().Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM schema_migrations").SingleAsync();
        Assert.Equal(MigrationRunner.Scripts(App.Provider).Count, rows);
    }

    [Fact]
    public async Task Migrate_AfterAnAppliedScriptWasEdited_StopsWithAClearMessage()
    {
        await ExecuteAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(MigrateAgainAsync);

        Assert.Contains("V001", error.Message);
        Assert.Contains("was changed after it was applied", error.Message);
    }

    [Fact]
    public async Task Migrate_ADatabaseThatRanQuartz_DropsItsTables_AndKeepsTheSchema()
    {
        var schema = await SnapshotAsync(App.ConnectionString);
        // What Quartz.NET left behind in a database that ran it before V019 (a parent, a dependant with rows, a lock table).
        await ExecuteAsync("CREATE TABLE qrtz_job_details (sched_name VARCHAR(120) NOT NULL, job_name VARCHAR(200) NOT NULL, PRIMARY KEY (sched_name, job_name))");
        await ExecuteAsync("CREATE TABLE qrtz_triggers (sched_name VARCHAR(120) NOT NULL, trigger_name VARCHAR(200) NOT NULL, job_name VARCHAR(200) NOT NULL, " +
            "PRIMARY KEY (sched_name, trigger_name), FOREIGN KEY (sched_name, job_name) REFERENCES qrtz_job_details (sched_name, job_name))");
        await ExecuteAsync("CREATE TABLE qrtz_locks (sched_name VARCHAR(120) NOT NULL, lock_name VARCHAR(40) NOT NULL, PRIMARY KEY (sched_name, lock_name))");
        await ExecuteAsync("INSERT INTO qrtz_job_details VALUES ('contests', 'batch-7')");
        await ExecuteAsync("INSERT INTO qrtz_triggers VALUES ('contests', 'batch-7-now', 'batch-7')");
        await ExecuteAsync("DELETE FROM schema_migrations WHERE version = 19");

        var report = await MigrateAgainAsync();

        Assert.Equal([19], report.Applied);
        Assert.Equal(schema, await SnapshotAsync(App.ConnectionString));
    }

    [Fact]
    public void Scripts_ExistForBothProviders_WithTheSameVersions()
    {
        var sqlite = MigrationRunner.Scripts(DatabaseProvider.Sqlite).Select(s => s.Version);
        var postgres = MigrationRunner.Scripts(DatabaseProvider.Postgres).Select(s => s.Version);

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, postgres);
    }
}

public sealed class MigrationTestsOnSqlite(SqliteApp app) : MigrationTests<SqliteApp>(app)
{
    protected override async Task<(string, Func<Task>)> CreateDatabaseByModelAsync()
    {
        var folder = Directory.CreateTempSubdirectory("contests-model-").FullName;
        var connectionString = $"Data Source={Path.Combine(folder, "model.db")};Pooling=false";
        await EnsureCreatedAsync(DatabaseProvider.Sqlite, connectionString);
        return (connectionString, () =>
        {
            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        });
    }

    protected override Task<List<string>> SnapshotAsync(string connectionString) => SchemaSnapshot.OfSqliteAsync(connectionString);
}

public sealed class MigrationTestsOnPostgres(RecreatedPostgresApp app) : MigrationTests<RecreatedPostgresApp>(app)
{
    protected override async Task<(string, Func<Task>)> CreateDatabaseByModelAsync()
    {
        var name = "contests_model_" + Guid.NewGuid().ToString("N")[..12];
        await Postgres.CreateDatabaseAsync(name);
        await EnsureCreatedAsync(DatabaseProvider.Postgres, Postgres.ConnectionString(name));
        return (Postgres.ConnectionString(name), () =>
        {
            NpgsqlConnection.ClearAllPools();
            return Postgres.DropDatabaseAsync(name);
        });
    }

    protected override Task<List<string>> SnapshotAsync(string connectionString) => SchemaSnapshot.OfPostgresAsync(connectionString);

    [Fact]
    public async Task TwoProcessesMigratingAtOnce_BothSucceed_AndTheSchemaIsAppliedOnce()
    {
        var name = "contests_race_" + Guid.NewGuid().ToString("N")[..12];
        await Postgres.CreateDatabaseAsync(name);
        try
        {
            var first = StartMigrate(Postgres.ConnectionString(name));
            var second = StartMigrate(Postgres.ConnectionString(name));

            var results = await Task.WhenAll(first, second);

            Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Output));
            Assert.Single(results, r => r.Output.Contains("Applied V001", StringComparison.Ordinal));
            Assert.Single(results, r => r.Output.Contains("Schema up to date", StringComparison.Ordinal));
            await using var connection = new NpgsqlConnection(Postgres.ConnectionString(name));
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM schema_migrations WHERE version = 1", connection);
            Assert.Equal(1L, await count.ExecuteScalarAsync());
            Assert.Equal(await SchemaSnapshot.OfPostgresAsync(App.ConnectionString), await SchemaSnapshot.OfPostgresAsync(Postgres.ConnectionString(name)));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Postgres.DropDatabaseAsync(name);
        }
    }

    /// <summary>Runs <c>Contests.Web migrate</c> in its own process, as an operator or a second instance would.</summary>
    private static async Task<(int ExitCode, string Output)> StartMigrate(string connectionString)
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "migrate"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["ConnectionStrings__Contests"] = connectionString;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
