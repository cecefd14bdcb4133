using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Home;

/// <summary>A round as the public home lists it: its name, office and phase; for published results, until when appeals are received.</summary>
public sealed record PublicRoundLine(int Id, string Name, string Office, RoundPhase Phase, DateTime? AppealsUntilUtc);

/// <summary>What anyone may read without signing in: the programmes and their rounds by where they stand.</summary>
public sealed record PublicHomePage(IReadOnlyList<string> Programmes, IReadOnlyList<PublicRoundLine> Open,
    IReadOnlyList<PublicRoundLine> BeingJudged, IReadOnlyList<PublicRoundLine> Results);

/// <summary>
/// The public home: rounds open for registration (their bases), rounds being judged, and published results with the
/// appeals deadline while it runs. Round names and offices only — the same personal-data rule as the public results
/// page (no person is named here at all). Drafts are never shown.
/// </summary>
public sealed class PublicHome(ContestsDbContext db, TimeProvider clock)
{
    /// <summary>How many published rounds the home lists (newest first); older ones stay at their own addresses.</summary>
    public const int ResultsShown = 20;

    public async Task<PublicHomePage> BuildAsync(CancellationToken ct)
    {
        var rounds = await (from r in db.Rounds.AsNoTracking().IgnoreAutoIncludes()
                            where r.Phase != RoundPhase.Draft
                            join o in db.LocalOffices on r.LocalOfficeId equals o.Id
                            orderby r.Id descending
                            select new { r.Id, r.Name, Office = o.Name, r.Phase }).ToListAsync(ct);
        var published = rounds.Where(r => r.Phase >= RoundPhase.Published).Take(ResultsShown).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        // One query for the approved actas of every listed round still in its appeals window; the latest per round in memory.
        var appealing = published.Where(r => r.Phase == RoundPhase.Published).Select(r => r.Id).ToList();
        var actas = await db.Actas.AsNoTracking().Where(a => appealing.Contains(a.RoundId) && a.ApprovedUtc != null)
            .Select(a => new { a.Id, a.RoundId, a.AppealsUntilUtc }).ToListAsync(ct);
        var until = actas.GroupBy(a => a.RoundId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Id)!.AppealsUntilUtc);
        var results = published.Select(r => new PublicRoundLine(r.Id, r.Name, r.Office, r.Phase,
            until.GetValueOrDefault(r.Id) is { } u && u > now ? u : null)).ToList();
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(ct);
        return new PublicHomePage(programmes,
            [.. rounds.Where(r => r.Phase == RoundPhase.Open).Select(r => new PublicRoundLine(r.Id, r.Name, r.Office, r.Phase, null))],
            [.. rounds.Where(r => r.Phase is > RoundPhase.Open and < RoundPhase.Published).Select(r => new PublicRoundLine(r.Id, r.Name, r.Office, r.Phase, null))],
            results);
    }
}

/// <summary><c>/public</c>: the programme's public home (no sign-in); the sign-in page and the brand link lead here.</summary>
[Route("public"), AllowAnonymous]
public sealed class PublicHomeController(PublicHome home) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View("PublicHome", await home.BuildAsync(ct));
}
