using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Infrastructure.Persistence;

/// <summary>One versioned schema script from <c>db/&lt;provider&gt;/V###__name.sql</c>.</summary>
public sealed record SchemaScript(int Version, string Description, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

/// <summary>What a migration run did.</summary>
public sealed record MigrationReport(IReadOnlyList<int> Applied, int CurrentVersion);

/// <summary>
/// Applies the SQL scripts in <c>db/</c> (embedded in this assembly) in version order, each in its own
/// transaction with its row in <c>schema_migrations</c>. Several instances may start at once: on
/// PostgreSQL they queue on an advisory lock, on SQLite on the database's write lock, and whoever comes
/// second finds nothing left to do. An applied script whose text changed stops the run: published
/// migrations are never edited, a new one is added.
/// </summary>
public sealed partial class MigrationRunner(ContestsDbContext db, ILogger<MigrationRunner> logger)
{
    private const long MigrationLockKey = 0x436F6E746D696772; // "Contmigr"

    public static IReadOnlyList<SchemaScript> Scripts(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        var assembly = Assembly.GetExecutingAssembly();
        var scripts = new List<SchemaScript>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith($"db/{folder}/", StringComparison.Ordinal)))
        {
            var match = ScriptName().Match(name[(folder.Length + 4)..]);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Schema script '{name}' is not named V###__description.sql.");
            }
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            scripts.Add(new SchemaScript(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                match.Groups[2].Value.Replace('_', ' '), reader.ReadToEnd()));
        }
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two schema scripts have version {duplicate.Key} for {provider}.");
        }
        return scripts.OrderBy(s => s.Version).ToList();
    }

    public async Task<MigrationReport> MigrateAsync(CancellationToken ct = default)
    {
        var provider = db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var scripts = Scripts(provider);
        var connection = db.Database.GetDbConnection();
        if (provider == DatabaseProvider.Sqlite && connection.DataSource is { Length: > 0 } file && file != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (provider == DatabaseProvider.Postgres)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLockKey})", ct);
            }
            else
            {
                // WAL lets readers go on while a writer works; it is a property of the file, set once.
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", ct);
            }
            try
            {
                return await ApplyPendingAsync(connection, provider, scripts, ct);
            }
            finally
            {
                if (provider == DatabaseProvider.Postgres)
                {
                    await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<MigrationReport> ApplyPendingAsync(DbConnection connection, DatabaseProvider provider,
        IReadOnlyList<SchemaScript> scripts, CancellationToken ct)
    {
        var appliedAtType = provider == DatabaseProvider.Postgres ? "timestamp with time zone" : "TEXT";
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, " +
            $"checksum TEXT NOT NULL, applied_utc {appliedAtType} NOT NULL)", ct);
        var appliedVersions = new List<int>();
        foreach (var script in scripts)
        {
            // SQLite: BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) takes the write lock, so a second
            // process waits here and then sees the version as applied.
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var existing = await ScalarAsync(connection, transaction,
                $"SELECT checksum FROM schema_migrations WHERE version = {script.Version}", ct);
            if (existing is string checksum)
            {
                if (!string.Equals(checksum, script.Checksum, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Schema script V{script.Version:000} ({script.Description}) was changed after it was applied. " +
                        "Add a new script instead of editing a published one.");
                }
                await transaction.RollbackAsync(ct);
                continue;
            }
            logger.LogInformation("Applying schema script V{Version:000} {Description}", script.Version, script.Description);
            await ExecuteAsync(connection, transaction, script.Sql, ct);
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO schema_migrations (version, description, checksum, applied_utc) VALUES (@v, @d, @c, @t)";
                AddParameter(insert, "@v", script.Version);
                AddParameter(insert, "@d", script.Description);
                AddParameter(insert, "@c", script.Checksum);
                AddParameter(insert, "@t", provider == DatabaseProvider.Postgres
                    ? DateTime.UtcNow
                    : DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
                await insert.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
            appliedVersions.Add(script.Version);
        }
        var current = scripts.Count == 0 ? 0 : scripts[^1].Version;
        if (appliedVersions.Count == 0)
        {
            logger.LogInformation("Database schema is up to date at V{Version:000}", current);
        }
        return new MigrationReport(appliedVersions, current);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [GeneratedRegex(@"^V(\d{3,})__([A-Za-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptName();
}
