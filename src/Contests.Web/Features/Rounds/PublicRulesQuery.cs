using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Rounds;

/// <summary>What the public page of a round shows: the round as announced and one version of its bases.</summary>
public sealed record PublicRules(ContestRound Round, string Programme, string Office, RoundRulesVersion Version, RoundOptions Options,
    IReadOnlyList<string> Places);

/// <summary>
/// A round's published <i>bases</i> for the public page: one version (the current one by default) with the
/// programme, the office and the places of its scope by name. A draft round, or a version it doesn't have, is
/// not public (null).
/// </summary>
public sealed class PublicRulesQuery(RoundCatalog rounds, ContestsDbContext db)
{
    public async Task<PublicRules?> FindAsync(int id, int? version, CancellationToken ct)
    {
        var round = await rounds.FindAsync(id, ct);
        var shown = version is { } n ? round?.RulesVersions.SingleOrDefault(v => v.Number == n) : round?.CurrentRules;
        if (round is null || round.Phase == RoundPhase.Draft || shown is null)
        {
            return null;
        }
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == round.ProgrammeId).Select(p => p.Name).SingleAsync(ct);
        var office = await db.LocalOffices.AsNoTracking().Where(o => o.Id == round.LocalOfficeId).Select(o => o.Name).SingleAsync(ct);
        var scope = round.Scope;
        var communities = scope.Communities.ToArray();
        var watersheds = scope.Watersheds.ToArray();
        var districts = scope.Districts.ToArray();
        var places = (await db.Districts.AsNoTracking().Where(d => districts.Contains(d.Ubigeo)).Select(d => d.Name).ToListAsync(ct))
            .Concat(await db.Communities.AsNoTracking().Where(c => communities.Contains(c.Id)).Select(c => c.Name).ToListAsync(ct))
            .Concat(await db.Watersheds.AsNoTracking().Where(w => watersheds.Contains(w.Id)).Select(w => w.Name).ToListAsync(ct))
            .Order(StringComparer.CurrentCulture).ToList();
        return new PublicRules(round, programme, office, shown, await rounds.OptionsAsync(ct), places);
    }
}
