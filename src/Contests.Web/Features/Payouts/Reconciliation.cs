using System.Text;
using Contests.Core.Common;
using Contests.Core.Payouts;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Payouts;

/// <summary>What an import of the bank's answer did: lines applied (paid, failed) and lines reported, not applied.</summary>
public sealed record ReconcileResult(string FileName, int Paid, int Failed, IReadOnlyList<ReconcileReport> Reports);

/// <summary>
/// Imports the bank's answer (<see cref="BankAnswer"/>): a file that can't be read changes nothing and says what
/// is wrong on which line; a readable one marks sent payouts Paid (with the bank's date and reference) or Failed
/// (with its reason) in one save, records what each funding source paid, and reports — without applying — unknown
/// ids, amounts that don't match, payouts not waiting for the bank and repeated lines.
/// </summary>
public sealed class Reconciliation(ContestsDbContext db, Payouts payouts, TimeProvider clock)
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    public async Task<(Result Result, ReconcileResult? Outcome)> ImportAsync(Stream file, string fileName, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var errors = new List<DomainError>();
        IReadOnlyList<BankAnswerLine> lines;
        using (var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            lines = BankAnswer.Parse(reader, errors);
        }
        if (errors.Count > 0)
        {
            return (Result.Fail(errors), null);
        }
        var ids = lines.Select(l => l.EndToEndId).Distinct(StringComparer.Ordinal).ToList();
        var found = new List<Payout>();
        foreach (var chunk in ids.Chunk(1000))
        {
            found.AddRange(await db.Payouts.Where(p => chunk.Contains(p.EndToEndId)).ToListAsync(ct));
        }
        var byId = found.ToDictionary(p => p.EndToEndId, StringComparer.Ordinal);
        var (apply, reports) = BankAnswer.Match(lines, byId.ToDictionary(p => p.Key, p => new PayoutToReconcile(p.Key, p.Value.Amount, p.Value.State), StringComparer.Ordinal));
        var now = clock.GetUtcNow().UtcDateTime;
        var paid = new List<Payout>();
        var failed = 0;
        foreach (var line in apply)
        {
            var payout = byId[line.EndToEndId];
            if (line.Outcome == BankOutcome.Paid)
            {
                payout.MarkPaid(line.Date, line.Reference, userId, now);
                paid.Add(payout);
            }
            else
            {
                payout.MarkFailed(line.Reason, line.Reference, now);
                failed++;
            }
        }
        if (paid.Count > 0)
        {
            await payouts.RecordPaidAsync(paid, $"Pagos conciliados con el banco: {paid.Count} ({Path.GetFileName(fileName)})", userId, now, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (Result.Fail(new DomainError("Payout.ChangedMeanwhile")), null);
        }
        return (Result.Success(), new ReconcileResult(Path.GetFileName(fileName), paid.Count, failed, reports));
    }
}
