using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Contests.Web.Infrastructure.Persistence;

/// <summary>
/// SQLite has one write lock per database file. Without a busy timeout, a writer that finds it taken gets
/// <c>SQLITE_BUSY</c> at once and Microsoft.Data.Sqlite retries after sleeping 150 ms — a whole step of latency
/// for a collision that usually clears in a millisecond. With <c>busy_timeout</c> SQLite's own handler waits
/// in steps of 1–100 ms instead. It is a setting of the connection, so every connection gets it when opened.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    /// <summary>Longer than any write transaction of the app should hold the lock; a writer gives up after it.</summary>
    public const int Milliseconds = 10_000;

    public static SqliteBusyTimeout Instance { get; } = new();

    private SqliteBusyTimeout()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {Milliseconds};";
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {Milliseconds};";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>
/// One SQLite file is written by one app process (several instances need PostgreSQL), so the app's own
/// audited writes queue here, asynchronously, before they ask SQLite for its write lock: requests wait
/// their turn without holding a thread and without SQLite's busy handler polling. Writes from elsewhere
/// (another process, an explicit transaction) still meet the lock, and <see cref="SqliteBusyTimeout"/>.
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Enter() => _gate.Wait();

    public Task EnterAsync(CancellationToken cancellationToken) => _gate.WaitAsync(cancellationToken);

    public void Exit() => _gate.Release();

    public void Dispose() => _gate.Dispose();
}
