using Contests.Core.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Rounds;

/// <summary>What the public page of a round shows: the round as announced and one version of its bases.</summary>
public sealed record PublicRules(ContestRound Round, string Programme, string Office, RoundRulesVersion Version, RoundOptions Options,
    IReadOnlyList<string> Places);

/// <summary>
/// A round's <i>bases</i> as published (no sign-in, linkable, printable): who may compete, where, the
/// rubric, the prizes and the budget, and every earlier version with the reason it changed. Drafts are
/// not public. Nothing about entries or people.
/// </summary>
[Route("public/rounds"), AllowAnonymous]
public sealed class PublicRulesController(Rounds rounds, Infrastructure.Persistence.ContestsDbContext db) : Controller
{
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, int? version, CancellationToken ct)
    {
        var round = await rounds.FindAsync(id, ct);
        var shown = version is { } n ? round?.RulesVersions.SingleOrDefault(v => v.Number == n) : round?.CurrentRules;
        if (round is null || round.Phase == RoundPhase.Draft || shown is null)
        {
            return NotFound();
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
        return View("PublicRules", new PublicRules(round, programme, office, shown, await rounds.OptionsAsync(ct), places));
    }
}
