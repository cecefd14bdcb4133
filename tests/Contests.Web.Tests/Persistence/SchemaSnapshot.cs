using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Contests.Web.Tests.Persistence;

/// <summary>
/// A database's schema as sorted lines (columns with type, nullability, default and identity; keys,
/// foreign keys, indexes), so two databases can be compared and a difference reads as a diff.
/// The runner's own schema_migrations table is left out; so are triggers (they exist only in db/ scripts).
/// </summary>
public static class SchemaSnapshot
{
    public static async Task<List<string>> OfSqliteAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        var tables = await RowsAsync(connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'");
        foreach (var table in tables)
        {
            var name = (string)table[0]!;
            if (((string)table[1]!).Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase))
            {
                lines.Add($"{name} AUTOINCREMENT");
            }
            foreach (var c in await RowsAsync(connection, $"PRAGMA table_info('{name}')"))
            {
                lines.Add($"{name}.{c[1]} type={c[2]} notnull={c[3]} default={c[4]} pk={c[5]}");
            }
            foreach (var fk in await RowsAsync(connection, $"PRAGMA foreign_key_list('{name}')"))
            {
                lines.Add($"{name} fk {fk[3]} -> {fk[2]}.{fk[4]} update={fk[5]} delete={fk[6]}");
            }
            foreach (var index in await RowsAsync(connection, $"PRAGMA index_list('{name}')"))
            {
                var columns = (await RowsAsync(connection, $"PRAGMA index_info('{index[1]}')")).Select(r => (string)r[2]!);
                var label = (string)index[3]! == "c" ? (string)index[1]! : $"({index[3]})";
                lines.Add($"{name} index {label} unique={index[2]} on ({string.Join(",", columns)})");
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public static async Task<List<string>> OfPostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        foreach (var c in await RowsAsync(connection,
            "SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable, " +
            "column_default, is_identity, identity_generation FROM information_schema.columns " +
            "WHERE table_schema = 'public' AND table_name <> 'schema_migrations'"))
        {
            lines.Add($"{c[0]}.{c[1]} type={c[2]}({c[3]},{c[4]},{c[5]}) nullable={c[6]} default={c[7]} identity={c[8]}/{c[9]}");
        }
        foreach (var i in await RowsAsync(connection,
            "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'"))
        {
            lines.Add($"{i[0]} {i[1]}");
        }
        foreach (var k in await RowsAsync(connection,
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint " +
            "WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'schema_migrations'"))
        {
            lines.Add($"{k[0]} constraint {k[1]} {k[2]}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<object?[]>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }
            rows.Add(row);
        }
        return rows;
    }
}
