using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Contests.Web.Features.Review;

/// <summary>
/// A round's results for everyone (no sign-in, linkable, printable, light on a phone): per pool the ranking
/// with names, communities, scores, places and prizes, the acta's number and date, and what was not funded
/// and why. Before publication there is nothing to see.
/// </summary>
[Route("public/rounds"), AllowAnonymous]
public sealed class PublicResultsController(PublicResults results, Rounds.Rounds rounds) : Controller
{
    [HttpGet("{id:int}/results")]
    public async Task<IActionResult> Show(int id, CancellationToken ct)
    {
        var round = await rounds.FindAsync(id, ct);
        var page = round is null ? null : await results.FindAsync(round, ct);
        if (page is null)
        {
            return NotFound();
        }
        return View("PublicResults", page);
    }
}
