using Contests.Core.Programmes;
using Contests.Core.Rounds;
using Contests.Web.Features.Registry;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Rounds;

public sealed record RoundRow(int Id, string Name, RoundLevel Level, RoundPhase Phase, string Office, int Entries, DateTime? NextDueUtc, RoundPhase? NextDuePhase,
    bool ScheduleFailed);

public sealed record OfficeOption(int Id, string Name);

public sealed record SourceOption(int Id, string Name, decimal Balance, IReadOnlySet<Theme> Themes, int Districts);

/// <summary>What the setup and rules forms choose from.</summary>
public sealed record RoundOptions(IReadOnlyList<OfficeOption> Offices, IReadOnlyList<DistrictOption> Districts,
    IReadOnlyList<CommunityOption> Communities, IReadOnlyList<(int Id, string Name)> Watersheds, IReadOnlyList<SourceOption> Sources);

/// <summary>
/// Contest rounds as pages and handlers read them: the list, one round with its collections, what the setup and
/// rules forms choose from, and the registry facts a round's rules are checked against (the districts its scope
/// covers, its funding sources). Changes go through <see cref="RoundEditor"/>.
/// </summary>
public sealed class RoundCatalog(ContestsDbContext db, Lookups lookups)
{
    public async Task<IReadOnlyList<RoundRow>> ListAsync(CancellationToken ct)
    {
        var rounds = await db.Rounds.AsNoTracking().IgnoreAutoIncludes().Include(r => r.Schedule).OrderByDescending(r => r.Id).ToListAsync(ct);
        var offices = await db.LocalOffices.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var entries = await db.Entries.AsNoTracking().Where(e => e.Status == EntryStatus.Registered).GroupBy(e => e.RoundId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return [.. rounds.Select(r =>
        {
            var next = r.Schedule.Where(s => s.State == ScheduleState.Pending).MinBy(s => s.DueUtc);
            return new RoundRow(r.Id, r.Name, r.Level, r.Phase, offices.GetValueOrDefault(r.LocalOfficeId, "?"), entries.GetValueOrDefault(r.Id),
                next?.DueUtc, next?.ToPhase, r.Schedule.Any(s => s.State == ScheduleState.Failed && s.ToPhase > r.Phase));
        })];
    }

    /// <summary>The round with its collections (six small ones: one query each rather than their product).</summary>
    public Task<ContestRound?> FindAsync(int id, CancellationToken ct) => db.Rounds.AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, ct);

    public async Task<RoundOptions> OptionsAsync(CancellationToken ct)
    {
        var programme = await db.Programmes.AsNoTracking().Include(p => p.Offices).OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        var sources = programme is null ? [] : await db.FundingSources.AsNoTracking().Where(f => f.ProgrammeId == programme.Id).OrderBy(f => f.Name).ToListAsync(ct);
        var watersheds = await db.Watersheds.AsNoTracking().OrderBy(w => w.Name).Select(w => new { w.Id, w.Name }).ToListAsync(ct);
        return new RoundOptions(
            programme is null ? [] : [.. programme.Offices.OrderBy(o => o.Name).Select(o => new OfficeOption(o.Id, o.Name))],
            await lookups.DistrictsAsync(ct), await lookups.CommunitiesAsync(ct), [.. watersheds.Select(w => (w.Id, w.Name))],
            [.. sources.Select(s => new SourceOption(s.Id, s.Name, s.Balance, s.Themes.Select(t => t.Theme).ToHashSet(), s.Districts.Count))]);
    }

    /// <summary>The districts a scope covers: its districts, its communities' districts and its watersheds' communities' districts.</summary>
    public async Task<IReadOnlyCollection<string>> DistrictsOfAsync(RoundScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.IsEverywhere)
        {
            return await db.Districts.Select(d => d.Ubigeo).ToListAsync(ct);
        }
        var communities = scope.Communities.ToArray();
        var watersheds = scope.Watersheds.ToArray();
        var viaCommunities = await db.Communities.Where(c => communities.Contains(c.Id)).Select(c => c.DistrictUbigeo).ToListAsync(ct);
        var viaWatersheds = await (from wc in db.Set<Core.Registry.WatershedCommunity>()
                                   join c in db.Communities on wc.CommunityId equals c.Id
                                   where watersheds.Contains(wc.WatershedId)
                                   select c.DistrictUbigeo).ToListAsync(ct);
        return scope.Districts.Concat(viaCommunities).Concat(viaWatersheds).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The funding sources of the round's budget lines, with their balance and restrictions.</summary>
    public async Task<IReadOnlyDictionary<int, SourceFacts>> SourceFactsAsync(ContestRound round, PrizeRules prizes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(prizes);
        var ids = prizes.BudgetLines.Select(b => b.FundingSourceId).ToArray();
        var sources = await db.FundingSources.AsNoTracking().Where(f => ids.Contains(f.Id) && f.ProgrammeId == round.ProgrammeId).ToListAsync(ct);
        // Budget lines promise money to the round; only allocation (after the LRAC decides) moves the balance.
        return sources.ToDictionary(s => s.Id, s => new SourceFacts(s.Id, s.Name, s.Balance,
            s.Themes.Select(t => t.Theme).ToHashSet(), s.Districts.Select(d => d.Ubigeo).ToHashSet(StringComparer.Ordinal)));
    }
}
