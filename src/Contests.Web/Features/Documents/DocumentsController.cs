using Contests.Core.Common;
using Contests.Core.Documents;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Contests.Web.Features.Documents;

/// <summary>A round's documents page, with the forms as typed when one was refused.</summary>
public sealed record RoundDocumentsView(RoundDocumentsPage Page, CeremonyForm Pack, CeremonyForm One, int? FailedEntryId, VoidForm Void, int? FailedVoidId,
    IReadOnlyList<RecordRow> Records, IReadOnlyList<ContractRow> Contracts);

/// <summary>
/// Certificates and packs (<see cref="DocumentDesk"/>): officers issue a pack for the round or a community and watch
/// its progress, download it, issue one certificate, void one; finance, auditors and admins read and download.
/// </summary>
[Authorize(Policy = Policies.ReadDocuments)]
public sealed class DocumentsController(DocumentDesk desk, DocumentStore store, OfficialDocuments records, Contracts contracts, ContractAddenda addenda,
    Rounds.RoundCatalog rounds, IOptions<DocumentOptions> options, IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>Issues (or finds) the PDF of the round's latest acta or its results list, then offers it on the documents page.</summary>
    [HttpPost("rounds/{roundId:int}/documents/records/{kind}"), Authorize(Policy = Policies.IssueDocuments)]
    public async Task<IActionResult> IssueRecord(int roundId, string kind, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        DocumentKind? which = kind switch { "acta" => DocumentKind.Acta, "results" => DocumentKind.ResultsList, _ => null };
        if (round is null || which is null)
        {
            return NotFound();
        }
        var (result, documentId) = await records.IssueAsync(round, which.Value, BaseUrl(), User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Document.RecordReady"].Value;
            return Redirect($"/rounds/{roundId}/documents#record-{documentId}");
        }
        return await RefusedAsync(round, result, "Record", v => v, ct);
    }

    [HttpGet("rounds/{roundId:int}/documents")]
    public async Task<IActionResult> Round(int roundId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        return round is null ? NotFound() : View("Round", await ViewOfAsync(round, null, null, ct));
    }

    [HttpPost("rounds/{roundId:int}/documents/packs"), Authorize(Policy = Policies.IssueDocuments)]
    public async Task<IActionResult> RequestPack(int roundId, [Bind(Prefix = "Pack")] CeremonyForm form, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var (result, packId) = await desk.RequestPackAsync(round, form, BaseUrl(), User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Pack.RequestedOk"].Value;
            return Redirect($"/documents/packs/{packId}");
        }
        return await RefusedAsync(round, result, "Pack", v => v with { Pack = form }, ct);
    }

    [HttpPost("rounds/{roundId:int}/documents/certificates/{entryId:int}"), Authorize(Policy = Policies.IssueDocuments)]
    public async Task<IActionResult> Issue(int roundId, int entryId, [Bind(Prefix = "One")] CeremonyForm form, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var (result, documentId) = await desk.IssueAsync(round, entryId, form, BaseUrl(), User.Id()!.Value, ct);
        if (result.Errors.Any(e => e.Code == "Certificate.NotAWinner"))
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Certificate.Issued"].Value;
            return Redirect($"/rounds/{roundId}/documents#document-{documentId}");
        }
        return await RefusedAsync(round, result, "One", v => v with { One = form, FailedEntryId = entryId }, ct);
    }

    [HttpPost("documents/{documentId:int}/void"), Authorize(Policy = Policies.IssueDocuments)]
    public async Task<IActionResult> Void(int documentId, [Bind(Prefix = "Void")] VoidForm form, CancellationToken ct)
    {
        var document = await desk.FindAsync(documentId, ct);
        var round = document is null ? null : await rounds.FindAsync(document.RoundId, ct);
        if (document is null || round is null)
        {
            return NotFound();
        }
        var result = await desk.VoidAsync(documentId, form, User.Id()!.Value, ct);
        var contract = document.Kind == DocumentKind.Contract && document.EntryId is not null;
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Document.Voided", document.Number].Value;
            return Redirect(contract ? $"/rounds/{round.Id}/contracts/{document.EntryId}" : $"/rounds/{round.Id}/documents");
        }
        if (contract && await contracts.PageAsync(round, document.EntryId!.Value, null, ct) is { } page)
        {
            ModelState.AddDomainErrors(result.Errors.Select(e => e with { Field = e.Field is null ? null : "Void." + e.Field }), l);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            ViewData["VoidReason"] = form.VoidReason;
            ViewData["FailedVoidId"] = documentId;
            // The same page as on GET: the addenda panel too.
            return View("Contract", page with { Addenda = await addenda.PanelAsync(round, document.EntryId!.Value, null, ct) });
        }
        return await RefusedAsync(round, result, "Void", v => v with { Void = form, FailedVoidId = documentId }, ct);
    }

    [HttpGet("documents/{documentId:int}/file")]
    public async Task<IActionResult> File(int documentId, CancellationToken ct)
    {
        var document = await desk.FindAsync(documentId, ct);
        if (document is null)
        {
            return NotFound();
        }
        var bytes = await store.ReadAsync(document.Sha256, ct);
        return bytes is null ? Problem(l["Document.FileMissing", document.Number].Value, statusCode: StatusCodes.Status500InternalServerError)
            : File(bytes, "application/pdf", PackBuilder.FileNameOf(document.Number, document.Holder));
    }

    [HttpGet("documents/packs/{packId:int}")]
    public async Task<IActionResult> Pack(int packId, CancellationToken ct)
    {
        var page = await desk.PackAsync(packId, ct);
        return page is null ? NotFound() : View("Pack", page);
    }

    /// <summary>The progress bar's source, polled by the pack page (a few bytes, never cached).</summary>
    [HttpGet("documents/packs/{packId:int}/progress")]
    public async Task<IActionResult> Progress(int packId, CancellationToken ct)
    {
        var pack = await desk.FindPackAsync(packId, ct);
        if (pack is null)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "no-store";
        return Json(new
        {
            state = pack.State.ToString(), label = l["PackState." + pack.State].Value, done = pack.Done, total = pack.Total, percent = pack.Percent,
            error = pack.Error,
        });
    }

    [HttpPost("documents/packs/{packId:int}/cancel"), Authorize(Policy = Policies.IssueDocuments)]
    public Task<IActionResult> Cancel(int packId, CancellationToken ct) =>
        PackActionAsync(packId, () => desk.CancelPackAsync(packId, User.Id()!.Value, ct), "Pack.CancelledOk", ct);

    [HttpPost("documents/packs/{packId:int}/resume"), Authorize(Policy = Policies.IssueDocuments)]
    public Task<IActionResult> Resume(int packId, CancellationToken ct) =>
        PackActionAsync(packId, () => desk.ResumePackAsync(packId, ct), "Pack.Resumed", ct);

    [HttpGet("documents/packs/{packId:int}/certificados.pdf")]
    public Task<IActionResult> PackPdf(int packId, CancellationToken ct) => PackFileAsync(packId, ".pdf", "application/pdf", ct);

    [HttpGet("documents/packs/{packId:int}/certificados.zip")]
    public Task<IActionResult> PackZip(int packId, CancellationToken ct) => PackFileAsync(packId, ".zip", "application/zip", ct);

    private async Task<IActionResult> PackFileAsync(int packId, string extension, string contentType, CancellationToken ct)
    {
        var pack = await desk.FindPackAsync(packId, ct);
        if (pack is not { State: PackState.Completed })
        {
            return NotFound();
        }
        var stream = await store.OpenPackAsync(packId, extension, extension == ".pdf" ? pack.PdfSha256 : pack.ZipSha256, ct);
        return stream is null ? Problem(l["Pack.FileMissing"].Value, statusCode: StatusCodes.Status500InternalServerError)
            : File(stream, contentType, FormattableString.Invariant($"certificados-{packId:000000}{extension}"));
    }

    private async Task<IActionResult> PackActionAsync(int packId, Func<Task<Result>> action, string done, CancellationToken ct)
    {
        if (await desk.FindPackAsync(packId, ct) is null)
        {
            return NotFound();
        }
        var result = await action();
        if (result.Succeeded)
        {
            TempData["Flash"] = l[done].Value;
        }
        else
        {
            TempData["Error"] = ModelStateExtensions.LocalizeAll(result.Errors, l);
        }
        return Redirect($"/documents/packs/{packId}");
    }

    private string BaseUrl() => options.Value.BaseUrlFor(Request);

    private async Task<RoundDocumentsView> ViewOfAsync(ContestRound round, RoundDocumentsPage? page, Func<RoundDocumentsView, RoundDocumentsView>? keep,
        CancellationToken ct)
    {
        page ??= await desk.PageAsync(round, ct);
        var defaults = new CeremonyForm { CeremonyDate = page.DefaultDate, CeremonyPlace = page.DefaultPlace };
        var view = new RoundDocumentsView(page, defaults, new CeremonyForm { CeremonyDate = page.DefaultDate, CeremonyPlace = page.DefaultPlace }, null, new VoidForm(),
            null, await records.RowsAsync(round.Id, ct), await contracts.RowsAsync(round, ct));
        return keep is null ? view : keep(view);
    }

    private async Task<IActionResult> RefusedAsync(ContestRound round, Result result, string prefix, Func<RoundDocumentsView, RoundDocumentsView> keep,
        CancellationToken ct)
    {
        ModelState.AddDomainErrors(result.Errors.Select(e => e with { Field = e.Field is null ? null : prefix + "." + e.Field }), l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Round", await ViewOfAsync(round, null, keep, ct));
    }
}
