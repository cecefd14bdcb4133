using Contests.Core.Common;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Rounds;

public sealed record PoolRow(string Name, int Entries, int Women, int MissingBaselines, int Left);

/// <summary>A funding source of the round: what the rules budget from it, what the current awards take from it, what of that is paid.</summary>
public sealed record BudgetRow(int SourceId, string Source, decimal Amount, decimal Awarded = 0m, decimal Paid = 0m);

/// <summary>What an officer checks at a glance: where the round is, what's due, entries per pool, baselines, money.</summary>
public sealed record RoundDashboard(
    ContestRound Round,
    string Office,
    RoundPhase? Next,
    Result NextCheck,
    PhaseFacts Facts,
    IReadOnlyList<PoolRow> Pools,
    IReadOnlyList<BudgetRow> Budget,
    decimal? MaxCost,
    IReadOnlyList<ScheduledTransition> Schedule,
    IReadOnlyList<(PhaseChange Change, string? User)> History,
    IReadOnlyList<(RoundRulesVersion Version, string User)> Versions)
{
    public decimal BudgetTotal => Budget.Sum(b => b.Amount);

    public decimal AwardedTotal => Budget.Sum(b => b.Awarded);

    public int Entries => Pools.Sum(p => p.Entries);
}

public sealed class Dashboard(ContestsDbContext db, PhaseMoves phases)
{
    public async Task<RoundDashboard> ForAsync(ContestRound round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var facts = await phases.FactsAsync(round, ct);
        var next = RoundPhases.Next(round.Phase);
        var check = next is { } to ? RoundPhases.CanMove(round.Phase, to, facts) : Result.Success();
        var entries = await db.Entries.AsNoTracking().Where(e => e.RoundId == round.Id)
            .Select(e => new { e.PoolName, e.Status, e.Women, HasBaseline = e.Baseline.Any() }).ToListAsync(ct);
        var pools = entries.GroupBy(e => e.PoolName).OrderBy(g => g.Key, StringComparer.CurrentCulture)
            .Select(g => new PoolRow(g.Key,
                g.Count(e => e.Status == EntryStatus.Registered),
                g.Count(e => e.Status == EntryStatus.Registered && e.Women),
                g.Count(e => e.Status == EntryStatus.Registered && !e.HasBaseline),
                g.Count(e => e.Status != EntryStatus.Registered)))
            .ToList();
        var prizes = round.CurrentRules?.Rules.Prizes;
        var sourceIds = prizes?.BudgetLines.Select(b => b.FundingSourceId).ToArray() ?? [];
        // Money per source: amounts fetched and summed here (SQLite can't sum decimals in SQL).
        var awarded = (await db.Awards.AsNoTracking().Where(a => a.RoundId == round.Id && a.Current).SelectMany(a => a.Funding)
                .Select(f => new { f.FundingSourceId, f.Amount }).ToListAsync(ct))
            .GroupBy(f => f.FundingSourceId).ToDictionary(g => g.Key, g => g.Sum(f => f.Amount));
        var paid = (await db.Payouts.AsNoTracking().Where(p => p.RoundId == round.Id && p.State == Core.Payouts.PayoutState.Paid).SelectMany(p => p.Shares)
                .Select(s => new { s.FundingSourceId, s.Amount }).ToListAsync(ct))
            .GroupBy(s => s.FundingSourceId).ToDictionary(g => g.Key, g => g.Sum(s => s.Amount));
        sourceIds = [.. sourceIds.Union(awarded.Keys).Union(paid.Keys)];
        var names = await db.FundingSources.AsNoTracking().IgnoreAutoIncludes().Where(f => sourceIds.Contains(f.Id))
            .ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var lines = prizes?.BudgetLines.ToDictionary(b => b.FundingSourceId, b => b.Amount) ?? [];
        var budget = sourceIds.Select(id => new BudgetRow(id, names.GetValueOrDefault(id, "?"), lines.GetValueOrDefault(id),
            awarded.GetValueOrDefault(id), paid.GetValueOrDefault(id))).ToList();
        var userIds = round.PhaseChanges.Select(c => c.UserId).Concat(round.RulesVersions.Select(v => (int?)v.CreatedByUserId))
            .Where(id => id is not null).Select(id => id!.Value).Distinct().ToArray();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var office = await db.LocalOffices.AsNoTracking().Where(o => o.Id == round.LocalOfficeId).Select(o => o.Name).SingleOrDefaultAsync(ct);
        return new RoundDashboard(round, office ?? "?", next, check, facts, pools, budget,
            prizes?.MaxCost([.. pools.Select(p => p.Entries)]),
            [.. round.Schedule.OrderBy(s => s.DueUtc)],
            [.. round.PhaseChanges.OrderBy(c => c.AtUtc).Select(c => (c, c.UserId is { } id ? users.GetValueOrDefault(id) : null))],
            [.. round.RulesVersions.OrderByDescending(v => v.Number).Select(v => (v, users.GetValueOrDefault(v.CreatedByUserId, "?")))]);
    }
}
