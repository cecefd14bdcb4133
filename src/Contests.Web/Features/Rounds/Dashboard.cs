using Contests.Core.Common;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Rounds;

public sealed record PoolRow(string Name, int Entries, int Women, int MissingBaselines, int Left);

public sealed record BudgetRow(string Source, decimal Amount);

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
        var names = await db.FundingSources.AsNoTracking().IgnoreAutoIncludes().Where(f => sourceIds.Contains(f.Id))
            .ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var budget = prizes?.BudgetLines.Select(b => new BudgetRow(names.GetValueOrDefault(b.FundingSourceId, "?"), b.Amount)).ToList() ?? [];
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
