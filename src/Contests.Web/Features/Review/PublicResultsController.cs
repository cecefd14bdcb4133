using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Contests.Web.Features.Review;

/// <summary>
/// A round's results for everyone (no sign-in, linkable, printable, light on a phone): per pool the ranking
/// with names, communities, scores, places and prizes, the acta's number and date, and what was not funded
/// and why. Before publication there is nothing to see.
/// </summary>
[Route("public/rounds"), AllowAnonymous]
public sealed class PublicResultsController(PublicResults results, PublicPlans plans, Rounds.RoundCatalog rounds, Documents.OfficialDocuments records, Documents.DocumentStore store)
    : Controller
{
    /// <summary>The results list as issued (PDF, numbered, verifiable), when the officer has issued it for the current acta.</summary>
    [HttpGet("{id:int}/results.pdf")]
    public async Task<IActionResult> Pdf(int id, CancellationToken ct)
    {
        var round = await rounds.FindAsync(id, ct);
        var documentId = round is null || round.Phase < Core.Rounds.RoundPhase.Published ? null : await records.PublicResultsListAsync(round.Id, ct);
        var document = documentId is null ? null : await records.FindAsync(documentId.Value, ct);
        var bytes = document is null ? null : await store.ReadAsync(document.Sha256, ct);
        return bytes is null ? NotFound() : File(bytes, "application/pdf", $"resultados-{document!.Number}.pdf");
    }

    [HttpGet("{id:int}/results")]
    public async Task<IActionResult> Show(int id, [FromServices] Infrastructure.Auditing.AuditVerifier audit, CancellationToken ct)
    {
        var round = await rounds.FindAsync(id, ct);
        var page = round is null ? null : await results.FindAsync(round, ct);
        if (page is null)
        {
            return NotFound();
        }
        ViewData["ResultsPdf"] = await records.PublicResultsListAsync(round!.Id, ct) is not null;
        // Each funded entry links to its plan's public progress (by the number the list shows).
        ViewData["Plans"] = await plans.FundedAsync(round.Id, ct);
        // Printed where a later rewrite of the audit trail cannot reach it (copies, archives of the page).
        ViewData["AuditAnchor"] = (await audit.HeadAsync(ct)).Printed;
        return View("PublicResults", page);
    }
}
