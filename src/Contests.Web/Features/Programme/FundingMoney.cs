using Contests.Core.Payouts;
using Contests.Core.Programmes;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Programme;

/// <summary>
/// The one query behind every page that shows a funding source's money (the programme page, the source's
/// page, the payouts board): Core's <see cref="SourceMoney"/> per source, from five grouped sums — no page
/// computes "allocated" or "paid" on its own.
/// </summary>
public sealed class FundingMoney(ContestsDbContext db)
{
    private static readonly PayoutState[] InProcessStates = [PayoutState.Approved, PayoutState.Scheduled, PayoutState.Sent];

    /// <summary>The money of the given sources (all of them when null), by source id.</summary>
    public async Task<IReadOnlyDictionary<int, SourceMoney>> OfAsync(IReadOnlyCollection<int>? sourceIds, CancellationToken ct)
    {
        var sources = db.FundingSources.AsNoTracking().IgnoreAutoIncludes();
        if (sourceIds is not null)
        {
            sources = sources.Where(f => sourceIds.Contains(f.Id));
        }
        var committed = await sources.Select(f => new { f.Id, f.Committed }).ToListAsync(ct);
        var ids = committed.Select(c => c.Id).ToList();
        var movements = await db.FundingSources.AsNoTracking().IgnoreAutoIncludes().Where(f => ids.Contains(f.Id)).SelectMany(f => f.Movements)
            .GroupBy(m => new { m.FundingSourceId, m.Kind }).Select(g => new { g.Key.FundingSourceId, g.Key.Kind, Amount = g.Sum(m => m.Amount) })
            .ToListAsync(ct);
        var awarded = await db.Awards.AsNoTracking().Where(a => a.Current).SelectMany(a => a.Funding).Where(f => ids.Contains(f.FundingSourceId))
            .GroupBy(f => f.FundingSourceId).Select(g => new { g.Key, Amount = g.Sum(f => f.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Amount, ct);
        // Two plain joins (SQLite has no APPLY for a projection that mixes the payout and its shares).
        var paidOut = await SharesAsync(db.Payouts.Where(p => p.State == PayoutState.Paid), ids, ct);
        var inProcess = await SharesAsync(db.Payouts.Where(p => InProcessStates.Contains(p.State)), ids, ct);
        decimal Moved(int id, FundingMovementKind kind) => movements.Where(m => m.FundingSourceId == id && m.Kind == kind).Sum(m => m.Amount);
        return committed.ToDictionary(c => c.Id, c => new SourceMoney(c.Committed, awarded.GetValueOrDefault(c.Id),
            Moved(c.Id, FundingMovementKind.Allocated), Moved(c.Id, FundingMovementKind.Paid), paidOut.GetValueOrDefault(c.Id), inProcess.GetValueOrDefault(c.Id)));
    }

    private static Task<Dictionary<int, decimal>> SharesAsync(IQueryable<Payout> payouts, List<int> ids, CancellationToken ct) =>
        payouts.AsNoTracking().SelectMany(p => p.Shares).Where(s => ids.Contains(s.FundingSourceId)).GroupBy(s => s.FundingSourceId)
            .Select(g => new { g.Key, Amount = g.Sum(s => s.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Amount, ct);
}
