using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using Contests.Core.Payouts;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Payouts;

/// <summary>One batch made by <see cref="BulkPayouts"/>: its id, its payouts' end-to-end ids and their sum.</summary>
public sealed record BulkBatch(int Id, IReadOnlyList<string> EndToEndIds, decimal Total)
{
    public int Count => EndToEndIds.Count;

    public string XmlName => string.Create(CultureInfo.InvariantCulture, $"lote-{Id:D6}.xml");

    public string CsvName => string.Create(CultureInfo.InvariantCulture, $"lote-{Id:D6}.csv");
}

/// <summary>
/// A Scheduled batch of thousands of approved bank payouts, fast (<see cref="ScheduledBatchRows"/>). Every payout is a
/// new version of Juana's tranche 1 (versions 1…N keep (award, tranche, version) and the end-to-end id unique), with
/// amounts that vary; the batch's count and total are its payouts'. Works on SQLite and PostgreSQL.
/// </summary>
public static class BulkPayouts
{
    /// <summary>The amount of the payout of version <paramref name="version"/>: 10.00 to 2,009.99, cents that vary.</summary>
    public static decimal AmountOf(int version) => ScheduledBatchRows.AmountOf(version);

    /// <param name="app">The app whose database gets the batch.</param>
    /// <param name="round">A final round from <c>new PayoutData(app).FinalAsync(pedroVerified: true)</c>.</param>
    /// <param name="count">How many payouts.</param>
    /// <param name="firstVersion">The first payout's version: a second batch of the same round starts after the first's last.</param>
    public static async Task<BulkBatch> ScheduleAsync(ContestsApp app, JudgingRound round, int count, int firstVersion = 1)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var financeId = await db.Users.Where(u => u.UserName == TestUsers.Finance).Select(u => u.Id).SingleAsync();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var (awardId, entryId, entryNumber) = await JuanasAwardAsync(connection, transaction, round.Id);
            var versions = Enumerable.Range(firstVersion, count).ToList();
            var ids = versions.Select(v => Payout.EndToEndIdOf(round.Id, entryNumber, 1, v)).ToList();
            var award = new BulkAward(round.Id, awardId, entryId, entryNumber, "Juana Quispe Mamani", PayoutData.JuanasCci.ToString());
            var batchId = await ScheduledBatchRows.InsertAsync(connection, transaction, award, versions, ids, round.OfficerId, financeId, now);
            await transaction.CommitAsync();
            return new BulkBatch(batchId, ids, versions.Sum(AmountOf));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Juana's current award (N.° 1, S/ 600.00): its id, entry and entry number.</summary>
    private static async Task<(int AwardId, int EntryId, int EntryNumber)> JuanasAwardAsync(DbConnection connection, DbTransaction transaction, int roundId)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, entry_id, number, amount FROM awards WHERE round_id = @round AND \"current\" AND number = 1";
        ScheduledBatchRows.Add(command, "round", roundId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "Juana's current award (N.° 1) is missing.");
        var award = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
        Assert.Equal(600m, reader.GetDecimal(3));
        Assert.False(await reader.ReadAsync(), "Two current awards for N.° 1.");
        return award;
    }
}

/// <summary>What an executed batch must look like, however many executors ran it and however often they crashed.</summary>
public static class BatchAssert
{
    /// <summary>The batch and its payouts in the database: (batch state, payouts by state).</summary>
    public static async Task<(BatchState Batch, Dictionary<PayoutState, int> Payouts)> StateAsync(ContestsApp app, int batchId)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var state = await db.PayoutBatches.AsNoTracking().Where(b => b.Id == batchId).Select(b => b.State).SingleAsync();
        var payouts = await db.Payouts.AsNoTracking().Where(p => p.BatchId == batchId).GroupBy(p => p.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return (state, payouts);
    }

    /// <summary>
    /// The batch's failure record (attempts, last error, next attempt): a SIGKILL is not a failure, so after a kill it must
    /// be empty — a recorded failure would push the next attempt minutes away (1, 2, 4, 8 minutes) and say why.
    /// </summary>
    public static async Task<string?> FailureAsync(ContestsApp app, int batchId)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var batch = await db.PayoutBatches.AsNoTracking().Where(b => b.Id == batchId)
            .Select(b => new { b.Attempts, b.LastError, b.NextAttemptUtc }).SingleAsync();
        return batch.Attempts == 0 && batch.LastError is null ? null
            : string.Create(CultureInfo.InvariantCulture, $"{batch.Attempts} attempt(s) failed, next at {batch.NextAttemptUtc:u}: {batch.LastError}");
    }

    /// <summary>All or nothing: the batch Scheduled with every payout Scheduled, or Executed with every payout Sent.</summary>
    public static async Task<BatchState> AllOrNothingAsync(ContestsApp app, BulkBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (state, payouts) = await StateAsync(app, batch.Id);
        var expected = state == BatchState.Executed ? PayoutState.Sent : PayoutState.Scheduled;
        Assert.True(state is BatchState.Scheduled or BatchState.Executed, $"Batch {batch.Id} is {state}.");
        Assert.Equal(new Dictionary<PayoutState, int> { [expected] = batch.Count }, payouts);
        return state;
    }

    /// <summary>
    /// Executed exactly once: the batch Executed, every payout Sent in it, one XML and one CSV with the batch's name
    /// (temporary <c>*.partial</c> files are ignored) whose checksums are the recorded ones, each end-to-end id exactly
    /// once in each, the control sums the total. <paramref name="otherFiles"/>: other finished files expected in the folder.
    /// </summary>
    public static async Task ExecutedOnceAsync(ContestsApp app, BulkBatch batch, params string[] otherFiles)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var stored = await db.PayoutBatches.AsNoTracking().SingleAsync(b => b.Id == batch.Id);
        Assert.Equal(BatchState.Executed, stored.State);
        var payouts = await db.Payouts.AsNoTracking().Where(p => batch.EndToEndIds.Contains(p.EndToEndId))
            .Select(p => new { p.EndToEndId, p.State, p.BatchId, p.SentUtc }).ToListAsync();
        Assert.Equal(batch.Count, payouts.Count);
        Assert.All(payouts, p =>
        {
            Assert.Equal(PayoutState.Sent, p.State);
            Assert.Equal(batch.Id, p.BatchId);
            Assert.Equal(stored.ExecutedUtc, p.SentUtc);
        });

        var folder = Path.Combine(app.FilesPath, "bank-files");
        var finished = Directory.GetFiles(folder).Select(f => Path.GetFileName(f))
            .Where(n => !n.EndsWith(".partial", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(otherFiles.Append(batch.XmlName).Append(batch.CsvName).Order(StringComparer.Ordinal), finished);

        var xml = await File.ReadAllBytesAsync(Path.Combine(folder, batch.XmlName));
        var csv = await File.ReadAllBytesAsync(Path.Combine(folder, batch.CsvName));
        Assert.Equal(stored.XmlSha256, Convert.ToHexStringLower(SHA256.HashData(xml)));
        Assert.Equal(stored.CsvSha256, Convert.ToHexStringLower(SHA256.HashData(csv)));
        var total = BankFile.Amount(batch.Total);
        var expectedIds = batch.EndToEndIds.Order(StringComparer.Ordinal).ToList();

        using (var stream = new MemoryStream(xml))
        {
            XNamespace ns = BankFile.Pain001Namespace;
            var document = XDocument.Load(stream);
            var transactions = document.Descendants(ns + "CdtTrfTxInf").ToList();
            var ids = transactions.Select(t => (string)t.Element(ns + "PmtId")!.Element(ns + "EndToEndId")!).ToList();
            Assert.Equal(expectedIds, ids.Order(StringComparer.Ordinal));
            Assert.Equal(batch.Count, ids.Distinct().Count());
            Assert.All(document.Descendants(ns + "CtrlSum"), e => Assert.Equal(total, e.Value));
            Assert.Equal(2, document.Descendants(ns + "CtrlSum").Count());
            Assert.All(document.Descendants(ns + "NbOfTxs"), e => Assert.Equal(batch.Count.ToString(CultureInfo.InvariantCulture), e.Value));
            Assert.Equal(batch.Total, transactions.Sum(t => decimal.Parse(t.Element(ns + "Amt")!.Element(ns + "InstdAmt")!.Value, CultureInfo.InvariantCulture)));
        }

        var lines = System.Text.Encoding.UTF8.GetString(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(BankFile.CsvHeader, lines[0]);
        // Ids, amounts and the test's names hold no comma or quote, so the first two fields need no CSV parser.
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(expectedIds, rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.Equal(batch.Total, rows.Sum(r => decimal.Parse(r[1], CultureInfo.InvariantCulture)));
    }
}
