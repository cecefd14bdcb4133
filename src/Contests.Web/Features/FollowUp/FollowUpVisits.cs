using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.FollowUp;

/// <summary>
/// One visit as the entry page lists it, with what Core derives from it against the entry's baseline and prize:
/// the asset change (Σ value now − value before over the activities with both values; null when nothing compares),
/// the change per sol of prize (null without a prize or a change) and the family's own investment per sol of prize.
/// </summary>
public sealed record VisitRow(int Id, DateOnly VisitedOn, Visitor VisitedBy, string VisitorName, IReadOnlyList<FollowUpItem> Items,
    IReadOnlyList<FollowUpSpending> Spending, decimal OwnInvestment, bool InvestmentKept, string? Notes, bool Imported,
    decimal? AssetChange, decimal? ChangePerSol, decimal? InvestmentPerSol)
{
    public decimal SpentTotal => Spending.Sum(s => s.Amount);
}

/// <summary>An entry's follow-up: its prize (the current approved award, 0 without one) and its visits, latest first.</summary>
public sealed record EntryFollowUp(decimal Prize, bool Awarded, IReadOnlyList<VisitRow> Visits);

/// <summary>
/// The "after" record of an entry: follow-up visits typed by a project officer, corrected or deleted (each change
/// audited by the interceptor: the visit, its activities and its spending are entities). The rules are Core's
/// <see cref="FollowUpVisit"/>; the derived figures Core's <see cref="Core.Monitoring.Results"/>.
/// </summary>
public sealed class FollowUpVisits(ContestsDbContext db, TimeProvider clock)
{
    public async Task<EntryFollowUp> ForEntryAsync(Entry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var awards = await db.Awards.AsNoTracking().Where(a => a.EntryId == entry.Id && a.Current).Select(a => a.Amount).ToListAsync(ct);
        var prize = awards.Sum();
        var visits = await db.FollowUpVisits.AsNoTracking().Where(v => v.EntryId == entry.Id)
            .OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.Id).ToListAsync(ct);
        var before = entry.Baseline.Select(b => new BaselineValue(b.Position, b.EstimatedValue)).ToList();
        var rows = visits.Select(v =>
        {
            // Each visit on its own against the baseline: the figures the indicators would read if it were the latest.
            var result = new EntryResult(entry.Id, null, prize, before, [Facts(v)]);
            var summary = Core.Monitoring.Results.Summarize([result]);
            return new VisitRow(v.Id, v.VisitedOn, v.VisitedBy, v.VisitorName, [.. v.Items.OrderBy(i => i.Position)],
                [.. v.Spending.OrderBy(s => s.Category)], v.OwnInvestment, v.InvestmentKept, v.Notes, v.ImportId is not null,
                result.AssetChange, summary.ChangePerSol, summary.InvestmentPerSol);
        }).ToList();
        return new EntryFollowUp(prize, awards.Count > 0, rows);
    }

    public static VisitFacts Facts(FollowUpVisit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return new VisitFacts(visit.Id, visit.VisitedOn, [.. visit.Items], visit.OwnInvestment, visit.InvestmentKept);
    }

    public Task<FollowUpVisit?> FindAsync(Entry entry, int visitId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return db.FollowUpVisits.SingleOrDefaultAsync(v => v.EntryId == entry.Id && v.Id == visitId, ct);
    }

    /// <summary>A blank form with a row for each baseline activity.</summary>
    public static VisitForm Blank(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new VisitForm { Items = [.. Positions(entry).Select(p => new VisitItemForm { Position = p })] };
    }

    public static IReadOnlyList<int> Positions(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return [.. entry.Baseline.OrderBy(b => b.Position).Select(b => b.Position)];
    }

    public async Task<(Result Result, FollowUpVisit? Visit)> RecordAsync(Entry entry, VisitForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(form);
        var edge = new List<DomainError>();
        var input = form.ToInput(edge);
        var (result, visit) = FollowUpVisit.Record(entry, input, userId, clock.GetUtcNow().UtcDateTime);
        if (edge.Count > 0 || !result.Succeeded)
        {
            return (Result.Fail(VisitFields.Merge(edge, result.Errors)), null);
        }
        db.FollowUpVisits.Add(visit!);
        await db.SaveChangesAsync(ct);
        return (result, visit);
    }

    public async Task<Result> ReviseAsync(Entry entry, FollowUpVisit visit, VisitForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(form);
        var edge = new List<DomainError>();
        var input = form.ToInput(edge);
        if (edge.Count > 0)
        {
            // Core checks the rest too, on a copy: the tracked visit stays as stored.
            var (check, _) = FollowUpVisit.Record(entry, input, visit.RecordedByUserId, clock.GetUtcNow().UtcDateTime);
            return Result.Fail(VisitFields.Merge(edge, check.Errors));
        }
        var result = visit.Revise(entry, input, clock.GetUtcNow().UtcDateTime);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    public async Task DeleteAsync(FollowUpVisit visit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(visit);
        db.FollowUpVisits.Remove(visit);
        await db.SaveChangesAsync(ct);
    }
}
