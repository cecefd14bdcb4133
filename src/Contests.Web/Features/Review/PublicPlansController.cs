using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Contests.Web.Features.Review;

/// <summary>
/// A funded plan's progress for everyone (no sign-in, linkable, light on a phone), linked from the public results: what
/// the LRAC promised to account for. 404 for an entry without a contract in force or a round not yet published.
/// </summary>
[Route("public/plans"), AllowAnonymous]
public sealed class PublicPlansController(PublicPlans plans) : Controller
{
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken ct)
    {
        var page = await plans.FindAsync(id, ct);
        return page is null ? NotFound() : View("PublicPlan", page);
    }
}
