using Contests.Web.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Contests.Web.Tests.Infrastructure;

/// <summary>
/// One database per provider, migrated once per test run by the app's own <see cref="MigrationRunner"/> from
/// the db/ scripts; each test's clean database is a copy of it (PostgreSQL: <c>CREATE DATABASE … TEMPLATE</c>;
/// SQLite: the file). Running the scripts for every test was most of the suite's time on PostgreSQL. The
/// app still runs its migrator at start-up and on reset, which finds nothing left to do.
/// </summary>
public static class MigratedTemplates
{
    private static readonly Lazy<Task<string>> Postgres = new(CreatePostgresAsync);
    private static readonly Lazy<Task<string>> Sqlite = new(CreateSqliteAsync);

    public static Task<string> PostgresDatabaseAsync() => Postgres.Value;

    public static Task<string> SqliteFileAsync() => Sqlite.Value;

    private static async Task<string> CreatePostgresAsync()
    {
        var name = $"contests_template_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
        await Infrastructure.Postgres.CreateDatabaseAsync(name);
        var connectionString = Infrastructure.Postgres.ConnectionString(name);
        await MigrateAsync(DatabaseProvider.Postgres, connectionString);
        // A template can be copied only while nobody is connected to it.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Infrastructure.Postgres.DropDatabaseAsync(name).GetAwaiter().GetResult();
        return name;
    }

    private static async Task<string> CreateSqliteAsync()
    {
        var folder = Directory.CreateTempSubdirectory("contests-template-").FullName;
        var file = Path.Combine(folder, "template.db");
        var connectionString = $"Data Source={file};Pooling=false";
        await MigrateAsync(DatabaseProvider.Sqlite, connectionString);
        // Everything into the main file, so that copying it alone copies the database.
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return file;
    }

    private static async Task MigrateAsync(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<ContestsDbContext>();
        PersistenceSetup.UseProvider(options, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        await using var db = new ContestsDbContext(options.Options);
        await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).MigrateAsync();
    }
}
