using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Contests.Web.Tests.Payouts;

/// <summary>The award a bulk batch pays again and again: one payout per version of its first tranche.</summary>
public sealed record BulkAward(int RoundId, int AwardId, int EntryId, int EntryNumber, string Beneficiary, string Cci);

/// <summary>
/// A Scheduled batch of thousands of approved bank payouts written straight into the tables with multi-row INSERTs
/// (<c>Payout.Create</c> is internal to Core, and thousands of round trips would take minutes), for the tests and the
/// benchmarks alike (the benchmarks link this file). Values are bound as parameters, so each provider stores dates and
/// decimals as EF Core does.
/// </summary>
public static class ScheduledBatchRows
{
    /// <summary>Rows per INSERT: 3 parameters a row stays far below SQLite's and PostgreSQL's parameter limits.</summary>
    private const int Chunk = 1000;

    /// <summary>The amount of the payout of version <paramref name="version"/>: 10.00 to 2,009.99, cents that vary.</summary>
    public static decimal AmountOf(int version) => 10m + (version * 7919 % 2000) + (version * 37 % 100) / 100m;

    /// <summary>
    /// The batch (count and total are its payouts') and one payout of <paramref name="award"/>'s tranche 1 per version, with
    /// the end-to-end id at the same index of <paramref name="ids"/>. Returns the batch's id.
    /// </summary>
    public static async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, BulkAward award,
        IReadOnlyList<int> versions, IReadOnlyList<string> ids, int createdBy, int approvedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(award);
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(ids);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO payout_batches (state, execute_at_utc, debtor_name, debtor_account, debtor_bic, payout_count, total,
                    created_by_user_id, created_utc, attempts, revision)
                VALUES ('Scheduled', @now, 'Proyecto Pacha Mama Raymi', '00219300123456789012', NULL, @count, @total, @createdBy, @now, 0, 0)
                """;
            Add(insert, "now", now);
            Add(insert, "count", versions.Count);
            Add(insert, "total", versions.Sum(AmountOf));
            Add(insert, "createdBy", createdBy);
            await insert.ExecuteNonQueryAsync();
        }
        int batchId;
        await using (var last = connection.CreateCommand())
        {
            last.Transaction = transaction;
            last.CommandText = "SELECT MAX(id) FROM payout_batches";
            batchId = Convert.ToInt32(await last.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        for (var first = 0; first < versions.Count; first += Chunk)
        {
            var rows = Math.Min(Chunk, versions.Count - first);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder("""
                INSERT INTO payouts (round_id, award_id, entry_id, entry_number, beneficiary_name, tranche, tranche_count, version,
                    end_to_end_id, amount, method, state, created_by_user_id, created_utc, approved_by_user_id, approved_utc,
                    bank_name, account_number, cci, creditor_name, batch_id, revision)
                VALUES
                """);
            for (var i = 0; i < rows; i++)
            {
                var s = i.ToString(CultureInfo.InvariantCulture);
                sql.Append(CultureInfo.InvariantCulture,
                    $"{(i == 0 ? "" : ",")}\n(@round, @award, @entry, @number, @name, 1, 1, @v{s}, @e{s}, @a{s}, 'BankTransfer', 'Scheduled', @createdBy, @now, @approvedBy, @now, 'BCP', '25100440123456', @cci, @name, @batch, 0)");
                Add(command, "v" + s, versions[first + i]);
                Add(command, "e" + s, ids[first + i]);
                Add(command, "a" + s, AmountOf(versions[first + i]));
            }
            command.CommandText = sql.ToString();
            Add(command, "round", award.RoundId);
            Add(command, "award", award.AwardId);
            Add(command, "entry", award.EntryId);
            Add(command, "number", award.EntryNumber);
            Add(command, "name", award.Beneficiary);
            Add(command, "cci", award.Cci);
            Add(command, "createdBy", createdBy);
            Add(command, "approvedBy", approvedBy);
            Add(command, "now", now);
            Add(command, "batch", batchId);
            await command.ExecuteNonQueryAsync();
        }
        return batchId;
    }

    public static void Add(DbCommand command, string name, object value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
