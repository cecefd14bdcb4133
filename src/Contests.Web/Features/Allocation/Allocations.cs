using Contests.Core.Allocation;
using Contests.Core.Rounds;
using Contests.Web.Features.Judging;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Allocation;

/// <summary>
/// The money the round's rules give from its ranking (docs/architecture.md#rules-allocation), computed by Core's
/// <see cref="Allocator"/> from the round's data: each ranked entry with its competitor, district, women-led flag
/// and plan costs, the round's theme, and the budget lines' sources with their restrictions. A preview: nothing
/// is stored until the LRAC approves it in session (with the session's overrides). Computed only when every
/// entry is ranked — an allocation on part of the scores would name winners that judging has not decided.
/// The yearly cap counts the current awards of the programme's other rounds of the same level (households
/// with households, organizations with organizations) approved in actas of the same year.
/// </summary>
public sealed class Allocations(ContestsDbContext db, Rounds.RoundCatalog rounds, TimeProvider clock)
{
    public async Task<AllocationResult?> PreviewAsync(ContestRound round, RoundResults results, IReadOnlyList<AllocationOverride>? overrides,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(results);
        if (results.Rows.Count == 0 || results.Incomplete > 0 || round.Themes.Count == 0)
        {
            return null;
        }
        var ids = results.Rows.Select(r => r.Result.Entry.EntryId).ToList();
        var facts = await db.Entries.Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.HouseholdId, e.CommunityId, e.OrganizationId, e.DistrictUbigeo, e.Women, e.PlanCost, e.Counterpart })
            .ToDictionaryAsync(e => e.Id, ct);
        // A source limited to themes pays for a round's entries under the round's first theme (rounds have one in practice).
        var theme = round.Themes.Select(t => t.Theme).Min();
        var entries = results.Rows.Select(r =>
        {
            var f = facts[r.Result.Entry.EntryId];
            return new AllocationEntry(r.Result.Rank!, f.HouseholdId ?? f.OrganizationId ?? f.CommunityId ?? f.Id, theme, f.DistrictUbigeo, f.Women,
                f.PlanCost is { } cost ? new PlanCosts(cost, f.Counterpart ?? 0m) : null);
        }).ToList();
        var sources = await rounds.SourceFactsAsync(round, results.Rules.Prizes, ct);
        var received = results.Rules.Prizes.CapPerCompetitorYear is null ? null : await ReceivedThisYearAsync(round, ct);
        return Allocator.Allocate(results.Rules.Prizes, entries, sources, received, overrides);
    }

    /// <summary>Per competitor, what the programme's other rounds of the same level awarded this year (Lima) in approved actas.</summary>
    private async Task<IReadOnlyDictionary<int, decimal>> ReceivedThisYearAsync(ContestRound round, CancellationToken ct)
    {
        var year = Core.Common.LimaTime.FromUtc(clock.GetUtcNow().UtcDateTime).Year;
        var rows = await (from a in db.Awards
                          join acta in db.Actas on a.ActaId equals acta.Id
                          join r in db.Rounds on a.RoundId equals r.Id
                          join e in db.Entries on a.EntryId equals e.Id
                          where a.Current && a.Amount > 0 && acta.Year == year && r.ProgrammeId == round.ProgrammeId && r.Level == round.Level
                              && r.Id != round.Id
                          select new { Competitor = e.HouseholdId ?? e.OrganizationId ?? e.CommunityId ?? e.Id, a.Amount }).ToListAsync(ct);
        return rows.GroupBy(r => r.Competitor).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
    }
}
