using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Contests.Web.Features.Documents;

/// <summary>
/// Donation contracts (<see cref="Contracts"/>): a funded organization's contract page, where the officer sets the
/// components, term, place and date and issues it; and the programme's contract template with its versions
/// (<see cref="ContractTemplates"/>), which officers edit and finance, auditors and admins read.
/// </summary>
[Authorize(Policy = Policies.ReadDocuments)]
public sealed class ContractsController(Contracts contracts, ContractAddenda addenda, ContractTemplates templates, Rounds.RoundCatalog rounds, IOptions<DocumentOptions> options,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("rounds/{roundId:int}/contracts/{entryId:int}")]
    public async Task<IActionResult> Contract(int roundId, int entryId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        var page = round is null ? null : await contracts.PageAsync(round, entryId, null, ct);
        return page is null ? NotFound() : View("Contract", page with { Addenda = await addenda.PanelAsync(round!, entryId, null, ct) });
    }

    /// <summary>An addendum to the contract in force (a longer term, or a component's amounts as the LRAC decided); 404 without a contract.</summary>
    [HttpPost("rounds/{roundId:int}/contracts/{entryId:int}/addenda"), Authorize(Policy = Policies.IssueDocuments)]
    public async Task<IActionResult> Addendum(int roundId, int entryId, [Bind(Prefix = "Addendum")] AddendumForm form, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var (result, documentId) = await addenda.IssueAsync(round, entryId, form, options.Value.BaseUrlFor(Request), User.Id()!.Value, ct);
        var page = await contracts.PageAsync(round, entryId, null, ct);
        if (page is null || result.Errors.Any(e => e.Code == "Addendum.NoContract"))
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Addendum.Issued"].Value;
            return Redirect($"/rounds/{roundId}/contracts/{entryId}#addendum-document-{documentId}");
        }
        ModelState.AddDomainErrors(result.Errors.Select(e => e with { Field = e.Field is null ? null : "Addendum." + e.Field }), l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Contract", page with { Addenda = await addenda.PanelAsync(round, entryId, form, ct) });
    }

    [HttpPost("rounds/{roundId:int}/contracts/{entryId:int}"), Authorize(Policy = Policies.IssueDocuments)]
    public async Task<IActionResult> Issue(int roundId, int entryId, ContractForm form, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var (result, documentId) = await contracts.IssueAsync(round, entryId, form, options.Value.BaseUrlFor(Request), User.Id()!.Value, ct);
        if (result.Errors.Any(e => e.Code == "Contract.NotFunded"))
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Contract.Issued"].Value;
            return Redirect($"/rounds/{roundId}/contracts/{entryId}#document-{documentId}");
        }
        ModelState.AddDomainErrors(result.Errors, l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Contract", await contracts.PageAsync(round, entryId, form, ct));
    }

    [HttpGet("programme/contract")]
    public async Task<IActionResult> Template(int? version, CancellationToken ct)
    {
        var page = await templates.PageAsync(version, null, ct);
        return page is null ? NotFound() : View("Template", page);
    }

    /// <summary>What a version prints, with «placeholders» instead of an organization's data; nothing is issued.</summary>
    [HttpGet("programme/contract/preview.pdf")]
    public async Task<IActionResult> Preview(int? version, CancellationToken ct)
    {
        return await templates.PreviewAsync(version, options.Value.BaseUrlFor(Request), ct) is { } preview
            ? File(preview.Pdf, "application/pdf", FormattableString.Invariant($"contrato-vista-previa-v{preview.Version}.pdf"))
            : NotFound();
    }

    [HttpPost("programme/contract"), Authorize(Policy = Policies.IssueDocuments)]
    public async Task<IActionResult> SaveTemplate(ContractTemplateForm form, CancellationToken ct)
    {
        var (result, version) = await templates.SaveAsync(form, User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Contract.TemplateSaved", version!.Value].Value;
            return Redirect("/programme/contract");
        }
        ModelState.AddDomainErrors(result.Errors, l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Template", await templates.PageAsync(null, form, ct));
    }
}
