using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Contests.Web.Features.Rounds;

/// <summary>
/// A round's <i>bases</i> as published (no sign-in, linkable, printable): who may compete, where, the
/// rubric, the prizes and the budget, and every earlier version with the reason it changed. Drafts are
/// not public. Nothing about entries or people.
/// </summary>
[Route("public/rounds"), AllowAnonymous]
public sealed class PublicRulesController(PublicRulesQuery query) : Controller
{
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, int? version, CancellationToken ct) =>
        await query.FindAsync(id, version, ct) is { } rules ? View("PublicRules", rules) : NotFound();
}
