using Contests.Core.Auditing;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Contests.Web.Features.Audit;

[Route("audit"), Authorize(Policy = Policies.ReadAudit)]
public sealed class AuditController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? entity, string? actor, [FromServices] AuditTrailQuery query, int page = 1,
        CancellationToken ct = default) =>
        View(await query.ExecuteAsync(entity, actor, page, ct));

    /// <summary>
    /// Recomputes every hash of the chain and names the first broken record, if any; with <paramref name="anchor"/> (as a
    /// document printed it) also checks that the chain still carries it.
    /// </summary>
    [HttpGet("verify")]
    public IActionResult Verify([FromServices] AuditVerifier verifier, string? anchor = null)
    {
        AuditAnchor? parsed = null;
        if (anchor is not null && !AuditAnchor.TryParse(anchor, out parsed))
        {
            ViewData["AnchorInvalid"] = true;
        }
        ViewData["Anchor"] = parsed;
        ViewData["AnchorTyped"] = anchor;
        return View(verifier.Verify(parsed));
    }
}
