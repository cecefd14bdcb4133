using Contests.Core.Payouts;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using Contests.Web.Features.Programme;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Payouts;

/// <summary>Payouts of one state: how many and how much.</summary>
public sealed record StateTotal(PayoutState State, int Count, decimal Amount);

public sealed record RoundPayouts(int RoundId, string RoundName, RoundPhase Phase, IReadOnlyList<StateTotal> States)
{
    public int Count(PayoutState state) => States.FirstOrDefault(s => s.State == state)?.Count ?? 0;

    public decimal Amount(PayoutState state) => States.FirstOrDefault(s => s.State == state)?.Amount ?? 0m;
}

/// <summary>A funding source on the board, its money as <see cref="FundingMoney"/> defines it for every page.</summary>
public sealed record SourcePayouts(int Id, string Name, SourceMoney Money);

public sealed record BoardPage(IReadOnlyList<StateTotal> Totals, IReadOnlyList<RoundPayouts> Rounds, IReadOnlyList<SourcePayouts> Sources,
    IReadOnlyList<PayoutBatch> Batches, IReadOnlyList<Payout> Failed);

/// <summary>
/// The payouts board: totals by state; per round; per funding source (allocated, awarded, in process, paid,
/// balance — the definitions of <see cref="Core.Programmes.SourceMoney"/>, the same as the programme page); the batches with their attempts, errors and next try; the
/// failed payouts waiting for a reissue.
/// </summary>
public sealed class PayoutBoard(ContestsDbContext db)
{
    public async Task<BoardPage> PageAsync(CancellationToken ct)
    {
        var byRound = await db.Payouts.AsNoTracking().GroupBy(p => new { p.RoundId, p.State })
            .Select(g => new { g.Key.RoundId, g.Key.State, Count = g.Count(), Amount = g.Sum(p => p.Amount) }).ToListAsync(ct);
        var roundIds = byRound.Select(r => r.RoundId).Distinct().ToList();
        var rounds = await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).Select(r => new { r.Id, r.Name, r.Phase }).ToListAsync(ct);
        var totals = byRound.GroupBy(r => r.State).Select(g => new StateTotal(g.Key, g.Sum(x => x.Count), g.Sum(x => x.Amount))).OrderBy(t => t.State).ToList();
        var roundRows = rounds.OrderByDescending(r => r.Id).Select(r => new RoundPayouts(r.Id, r.Name, r.Phase,
            [.. byRound.Where(x => x.RoundId == r.Id).Select(x => new StateTotal(x.State, x.Count, x.Amount))])).ToList();

        var sources = await db.FundingSources.AsNoTracking().IgnoreAutoIncludes().OrderBy(f => f.Name).Select(f => new { f.Id, f.Name }).ToListAsync(ct);
        var money = await new FundingMoney(db).OfAsync(null, ct);
        var sourceRows = sources.Select(s => new SourcePayouts(s.Id, s.Name, money[s.Id])).ToList();

        var batches = await db.PayoutBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(50).ToListAsync(ct);
        var failed = await db.Payouts.AsNoTracking().Where(p => p.State == PayoutState.Failed).OrderBy(p => p.FailedUtc).Take(200).ToListAsync(ct);
        return new BoardPage(totals, roundRows, sourceRows, batches, failed);
    }

    public async Task<(PayoutBatch Batch, IReadOnlyList<Payout> Payouts)?> BatchAsync(int batchId, CancellationToken ct)
    {
        var batch = await db.PayoutBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null)
        {
            return null;
        }
        var payouts = await db.Payouts.AsNoTracking().Where(p => p.BatchId == batchId).OrderBy(p => p.Id).ToListAsync(ct);
        return (batch, payouts);
    }
}
