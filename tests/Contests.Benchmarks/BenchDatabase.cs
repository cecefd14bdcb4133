using Contests.Web.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Contests.Benchmarks;

/// <summary>
/// A throwaway database for one benchmark run: a SQLite file in a new temp folder, or a new database on the
/// PostgreSQL server named by <see cref="ImportBenchmark.PostgresVariable"/>. Disposing deletes it.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _serverConnectionString;
    private readonly string? _databaseName;

    private BenchDatabase(DatabaseProvider provider, string connectionString, string? folder, string? serverConnectionString, string? databaseName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        _serverConnectionString = serverConnectionString;
        _databaseName = databaseName;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("contests-bench-").FullName;
            return new BenchDatabase(provider, "Data Source=" + Path.Combine(folder, "bench.db"), folder, null, null);
        }
        var server = Environment.GetEnvironmentVariable(ImportBenchmark.PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new BenchmarkCheckException(
                $"--provider postgres needs {ImportBenchmark.PostgresVariable}, e.g. \"Host=127.0.0.1;Port=55433;Username=postgres\".");
        var name = "contests_bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new BenchDatabase(provider, connectionString, null, server, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            if (_folder is not null && Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_serverConnectionString!, $"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
