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

    /// <summary>Recomputes every hash of the chain and names the first broken record, if any.</summary>
    [HttpGet("verify")]
    public IActionResult Verify([FromServices] AuditVerifier verifier) => View(verifier.Verify());
}
