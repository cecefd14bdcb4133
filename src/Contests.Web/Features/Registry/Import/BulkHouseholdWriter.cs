using Contests.Core.Registry;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Contests.Web.Features.Registry.Import;

/// <summary>A checked household and the community it joins.</summary>
public sealed record HouseholdRow(HouseholdDetails Details, int CommunityId);

/// <summary>
/// Writes many households and their first membership inside the caller's transaction without a round
/// trip per row: PostgreSQL gets binary COPY (ids reserved from the identity sequence in one query);
/// SQLite gets one prepared statement run per row in-process (ids continue the table's sequence under the
/// write lock the transaction holds). The rows written are exactly what <see cref="Household.Register"/>
/// would make; a test compares the two.
/// </summary>
public sealed class BulkHouseholdWriter(ContestsDbContext db)
{
    private static readonly string[] HouseholdColumns =
    [
        "id", "community_id", "head_first_names", "head_last_names", "head_dni", "head_sex", "head_birth_year", "partner_first_names",
        "partner_last_names", "partner_dni", "partner_sex", "members", "women_headed", "phone", "name_key", "registered_utc", "import_id",
        "mother_tongue", "education",
    ];

    /// <summary>Each imported household's first membership, set-based (what <see cref="Household.Register"/> adds one by one).</summary>
    private const string MembershipsSql =
        "INSERT INTO household_memberships (household_id, community_id, from_utc) " +
        "SELECT id, community_id, registered_utc FROM households WHERE import_id = @import";

    /// <summary>
    /// Writes <paramref name="count"/> rows, taken from <paramref name="rows"/> as they are written (the importer parses them
    /// on the fly: they are never all in memory). Fewer or more rows than announced throw, and the transaction is not committed.
    /// </summary>
    public async Task WriteAsync(IEnumerable<HouseholdRow> rows, int count, int importId, DateTime nowUtc, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk write runs inside the import's transaction.");
        if (db.Database.IsNpgsql())
        {
            await WritePostgresAsync((NpgsqlConnection)transaction.Connection!, rows, count, importId, nowUtc, progress, ct);
        }
        else
        {
            await WriteSqliteAsync((SqliteConnection)transaction.Connection!, (SqliteTransaction)transaction, rows, count, importId, nowUtc, progress, ct);
        }
    }

    private static object?[] Values(long id, HouseholdRow row, int importId, DateTime nowUtc)
    {
        var d = row.Details;
        return
        [
            id, row.CommunityId, d.Head.FirstNames, d.Head.LastNames, d.Head.Dni!.Value, d.Head.Sex!.Value.ToString(), d.Head.BirthYear!.Value,
            d.Partner?.FirstNames, d.Partner?.LastNames, d.Partner?.Dni?.Value, d.Partner?.Sex?.ToString(), d.Members, d.WomenHeaded, d.Phone,
            Household.SearchKey(d), nowUtc, importId, d.MotherTongue?.ToString(), d.Education?.ToString(),
        ];
    }

    private static async Task WritePostgresAsync(NpgsqlConnection connection, IEnumerable<HouseholdRow> rows, int count, int importId, DateTime nowUtc,
        IProgress<int>? progress, CancellationToken ct)
    {
        var ids = new long[count];
        await using (var reserve = new NpgsqlCommand(
            "SELECT nextval(pg_get_serial_sequence('households', 'id')) FROM generate_series(1, @n)", connection))
        {
            reserve.Parameters.AddWithValue("n", count);
            await using var reader = await reserve.ExecuteReaderAsync(ct);
            for (var i = 0; await reader.ReadAsync(ct); i++)
            {
                ids[i] = reader.GetInt64(0);
            }
        }
        NpgsqlDbType[] types =
        [
            NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
            NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Integer,
            NpgsqlDbType.Boolean, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.TimestampTz, NpgsqlDbType.Integer,
            NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
        ];
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY households ({string.Join(", ", HouseholdColumns)}) FROM STDIN (FORMAT BINARY)", ct))
        {
            var i = 0;
            foreach (var row in rows)
            {
                if (i == count)
                {
                    throw MoreRows(count);
                }
                await copy.StartRowAsync(ct);
                var values = Values(ids[i], row, importId, nowUtc);
                for (var c = 0; c < values.Length; c++)
                {
                    if (values[c] is null)
                    {
                        await copy.WriteNullAsync(ct);
                    }
                    else if (types[c] == NpgsqlDbType.Integer)
                    {
                        await copy.WriteAsync(Convert.ToInt32(values[c], System.Globalization.CultureInfo.InvariantCulture), types[c], ct);
                    }
                    else
                    {
                        await copy.WriteAsync(values[c]!, types[c], ct);
                    }
                }
                if (i % 10_000 == 9_999)
                {
                    progress?.Report(i + 1);
                }
                i++;
            }
            CheckCount(i, count);
            await copy.CompleteAsync(ct);
        }
        await using (var memberships = new NpgsqlCommand(MembershipsSql, connection))
        {
            memberships.Parameters.AddWithValue("import", importId);
            await memberships.ExecuteNonQueryAsync(ct);
        }
        progress?.Report(count);
    }

    private static async Task WriteSqliteAsync(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<HouseholdRow> rows,
        int count, int importId, DateTime nowUtc, IProgress<int>? progress, CancellationToken ct)
    {
        long nextId;
        await using (var max = connection.CreateCommand())
        {
            // AUTOINCREMENT never reuses an id, even a deleted one: continue after both the table and its sequence.
            max.Transaction = transaction;
            max.CommandText = "SELECT MAX(COALESCE((SELECT MAX(id) FROM households), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'households'), 0))";
            nextId = Convert.ToInt64(await max.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) + 1;
        }
        await using (var cache = connection.CreateCommand())
        {
            // 64 MB of page cache for this connection while the indexes grow (the default 2 MB made the write
            // about a third slower in the benchmark).
            cache.Transaction = transaction;
            cache.CommandText = "PRAGMA cache_size = -65536";
            await cache.ExecuteNonQueryAsync(ct);
        }
        // SQLite runs in this process: a prepared statement executed per row is a function call, not a
        // network round trip, and it beats multi-row INSERTs (SQLite looks parameters up by name, which
        // grows with the square of a statement's parameter count).
        await using var household = Insert(connection, transaction, "households", HouseholdColumns);
        household.Prepare();
        var i = 0;
        foreach (var row in rows)
        {
            if (i == count)
            {
                throw MoreRows(count);
            }
            var id = nextId++;
            var values = Values(id, row, importId, nowUtc);
            for (var c = 0; c < values.Length; c++)
            {
                household.Parameters[c].Value = values[c] ?? DBNull.Value;
            }
            // Synchronous on purpose: Microsoft.Data.Sqlite's async methods run synchronously anyway,
            // and the Task per row costs more than the insert.
            household.ExecuteNonQuery();
            if (i % 10_000 == 9_999)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(i + 1);
            }
            i++;
        }
        CheckCount(i, count);
        await using (var memberships = connection.CreateCommand())
        {
            memberships.Transaction = transaction;
            memberships.CommandText = MembershipsSql.Replace("@import", "$import", StringComparison.Ordinal);
            memberships.Parameters.AddWithValue("$import", importId);
            await memberships.ExecuteNonQueryAsync(ct);
        }
        progress?.Report(count);
    }

    private static InvalidOperationException MoreRows(int count) => new($"More than the {count} rows announced to the bulk writer.");

    private static void CheckCount(int written, int count)
    {
        if (written != count)
        {
            throw new InvalidOperationException($"{written} rows instead of the {count} announced to the bulk writer.");
        }
    }

    private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
        }
        return command;
    }
}
