using Contests.Core.Common;
using Contests.Core.Payouts;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Localization;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Payouts;

/// <summary>The round's payouts view, and the forms as typed when one was refused (<see cref="FailedPayoutId"/>: whose).</summary>
public sealed record RoundPayoutsView(RoundPayoutsPage Page, IReadOnlyCollection<int> Selected, BatchForm Batch, ReceiptForm Receipt, int? FailedPayoutId);

/// <summary>
/// Payouts (<see cref="Payouts"/>, <see cref="Reconciliation"/>, <see cref="PayoutBoard"/>): the board, a round's
/// payouts, batches and their bank files, the bank's answer. Officers create payouts and choose their method; only
/// finance officers approve (never what they created), batch, reconcile and reissue; auditors and admins read.
/// </summary>
[Authorize(Policy = Policies.ReadPayouts)]
public sealed class PayoutsController(Payouts payouts, PayoutBoard board, Reconciliation reconciliation, BatchRunner runner, BankFileStore files,
    Rounds.RoundCatalog rounds, Documents.OfficialDocuments records, Microsoft.Extensions.Options.IOptions<Documents.DocumentOptions> documentOptions,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("payouts")]
    public async Task<IActionResult> Board(CancellationToken ct) => View("Board", await board.PageAsync(ct));

    [HttpGet("rounds/{roundId:int}/payouts")]
    public async Task<IActionResult> Round(int roundId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        return round is null ? NotFound() : View("Round", new RoundPayoutsView(await payouts.PageAsync(round, ct), [], new BatchForm(), new ReceiptForm(), null));
    }

    [HttpPost("rounds/{roundId:int}/payouts"), Authorize(Policy = Policies.ManageRounds)]
    public Task<IActionResult> Create(int roundId, CancellationToken ct) =>
        RoundActionAsync(roundId, async round =>
        {
            var (result, created) = await payouts.CreateAsync(round, User.Id()!.Value, ct);
            return (result, l["Payout.Created", created].Value);
        }, null, v => v, ct);

    [HttpPost("rounds/{roundId:int}/payouts/{payoutId:int}/method"), Authorize(Policy = Policies.ManageRounds)]
    public Task<IActionResult> Method(int roundId, int payoutId, PayoutMethod method, CancellationToken ct) =>
        RoundActionAsync(roundId, async round => (await payouts.ChangeMethodAsync(round, payoutId, method, ct), l["Payout.MethodSaved"].Value), null, v => v, ct);

    [HttpPost("rounds/{roundId:int}/payouts/approve"), Authorize(Policy = Policies.ApprovePayouts)]
    public Task<IActionResult> Approve(int roundId, int[] selected, CancellationToken ct) =>
        RoundActionAsync(roundId, async round =>
        {
            var (result, approved) = await payouts.ApproveAsync(round, selected, User.Id()!.Value, ct);
            return (result, l["Payout.ApprovedOk", approved].Value);
        }, null, v => v with { Selected = selected }, ct);

    /// <summary>"Select all" without script: the page again, every payout that can be approved or batched ticked, the batch's date as typed.</summary>
    [HttpPost("rounds/{roundId:int}/payouts/select-all"), Authorize(Policy = Policies.ApprovePayouts)]
    public async Task<IActionResult> SelectAll(int roundId, [Bind(Prefix = "Batch")] BatchForm form, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var page = await payouts.PageAsync(round, ct);
        var all = page.Payouts.Where(r => r.Payout.State is PayoutState.Pending or PayoutState.Approved).Select(r => r.Payout.Id).ToList();
        return View("Round", new RoundPayoutsView(page, all, form, new ReceiptForm(), null));
    }

    [HttpPost("rounds/{roundId:int}/payouts/batch"), Authorize(Policy = Policies.ApprovePayouts)]
    public async Task<IActionResult> Schedule(int roundId, int[] selected, [Bind(Prefix = "Batch")] BatchForm form, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var (result, batch) = await payouts.ScheduleAsync(round, selected, form, User.Id()!.Value, ct);
        if (result.Errors.Any(e => e.Code == "Payout.NotFound"))
        {
            return NotFound();
        }
        if (result.Succeeded && batch is not null)
        {
            TempData["Flash"] = l["Batch.Scheduled", batch.Id, batch.PayoutCount, Display.DateTime(batch.ExecuteAtUtc)].Value;
            return Redirect($"/payouts/batches/{batch.Id}");
        }
        return await RefusedAsync(round.Id, result, "Batch", v => v with { Selected = selected, Batch = form }, ct);
    }

    [HttpPost("rounds/{roundId:int}/payouts/{payoutId:int}/receipt"), Authorize(Policy = Policies.RecordPayments)]
    public Task<IActionResult> Receipt(int roundId, int payoutId, [Bind(Prefix = "Receipt")] ReceiptForm form, CancellationToken ct) =>
        RoundActionAsync(roundId, async round => (await payouts.RecordReceiptAsync(round, payoutId, form, User.Id()!.Value, ct), l["Payout.ReceiptSaved"].Value),
            "Receipt", v => v with { Receipt = form, FailedPayoutId = payoutId }, ct);

    [HttpPost("rounds/{roundId:int}/payouts/{payoutId:int}/reissue"), Authorize(Policy = Policies.ApprovePayouts)]
    public Task<IActionResult> Reissue(int roundId, int payoutId, PayoutMethod? method, CancellationToken ct) =>
        RoundActionAsync(roundId, async round =>
        {
            var (result, reissue) = await payouts.ReissueAsync(round, payoutId, method, User.Id()!.Value, ct);
            return (result, result.Succeeded ? l["Payout.Reissued", reissue!.EndToEndId].Value : string.Empty);
        }, null, v => v, ct);

    [HttpGet("payouts/batches/{batchId:int}")]
    public async Task<IActionResult> Batch(int batchId, CancellationToken ct)
    {
        var found = await board.BatchAsync(batchId, ct);
        if (found is null)
        {
            return NotFound();
        }
        ViewData["Request"] = await records.DisbursementRequestAsync(batchId, ct);
        return View("Batch", found.Value);
    }

    /// <summary>The batch's solicitud de desembolso (transfer authorization), issued once as a numbered, verifiable PDF.</summary>
    [HttpPost("payouts/batches/{batchId:int}/request"), Authorize(Policy = Policies.ApprovePayouts)]
    public async Task<IActionResult> DisbursementRequest(int batchId, CancellationToken ct)
    {
        if (await board.BatchAsync(batchId, ct) is null)
        {
            return NotFound();
        }
        var (result, _) = await records.IssueDisbursementRequestAsync(batchId, documentOptions.Value.BaseUrlFor(Request), User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Document.RecordReady"].Value;
        }
        else
        {
            TempData["Error"] = ModelStateExtensions.LocalizeAll(result.Errors, l);
        }
        return Redirect($"/payouts/batches/{batchId}");
    }

    /// <summary>
    /// The bank file as executed (pain.001 XML or CSV), checked against its recorded SHA-256; finance and auditors only,
    /// each download recorded (who, when, which file) before it is served.
    /// </summary>
    [HttpGet("payouts/batches/{batchId:int}/file.{format:regex(^(xml|csv)$)}"), Authorize(Policy = Policies.DownloadBankFiles)]
    public async Task<IActionResult> File(int batchId, string format, [FromServices] BankFileDownloads downloads, CancellationToken ct)
    {
        var found = await board.BatchAsync(batchId, ct);
        if (found is not { } f || f.Batch.State != BatchState.Executed)
        {
            return NotFound();
        }
        var xml = format == "xml";
        var sha256 = xml ? f.Batch.XmlSha256 : f.Batch.CsvSha256;
        var data = await files.ReadAsync(f.Batch, "." + format, sha256, ct);
        if (data is null)
        {
            // Missing or changed on disk since execution: never serve a file that isn't what was executed.
            return Problem(l["Batch.FileDamaged"].Value, statusCode: StatusCodes.Status409Conflict);
        }
        var fileName = f.Batch.FileName("." + format);
        await downloads.RecordAsync(f.Batch.Id, format, fileName, sha256!, User.Id()!.Value, ct);
        return File(data, xml ? "application/xml" : "text/csv; charset=utf-8", fileName);
    }

    [HttpPost("payouts/batches/{batchId:int}/retry"), Authorize(Policy = Policies.ApprovePayouts)]
    public Task<IActionResult> Retry(int batchId, CancellationToken ct) =>
        BatchActionAsync(batchId, () => payouts.RetryAsync(batchId, ct), "Batch.RetryOk", ct);

    [HttpPost("payouts/batches/{batchId:int}/cancel"), Authorize(Policy = Policies.ApprovePayouts)]
    public Task<IActionResult> Cancel(int batchId, CancellationToken ct) =>
        BatchActionAsync(batchId, () => payouts.CancelAsync(batchId, ct), "Batch.CancelledOk", ct);

    /// <summary>Runs a due batch now, in this request (what the scheduler would do at its time).</summary>
    [HttpPost("payouts/batches/{batchId:int}/run"), Authorize(Policy = Policies.ApprovePayouts)]
    public async Task<IActionResult> Run(int batchId, CancellationToken ct)
    {
        if (await board.BatchAsync(batchId, ct) is null)
        {
            return NotFound();
        }
        try
        {
            var run = await runner.RunAsync(batchId, "user:" + User.Identity!.Name, null, ct);
            TempData["Flash"] = l["Batch.Run." + run].Value;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Recorded on the batch (attempts, error, next try) by the runner; the page shows it.
            TempData["Flash"] = l["Batch.RunFailed"].Value;
        }
        return Redirect($"/payouts/batches/{batchId}");
    }

    [HttpGet("payouts/reconcile"), Authorize(Policy = Policies.ApprovePayouts)]
    public IActionResult Reconcile() => View("Reconcile", (ReconcileResult?)null);

    [HttpPost("payouts/reconcile"), Authorize(Policy = Policies.ApprovePayouts), RequestSizeLimit(Reconciliation.MaxFileBytes)]
    public async Task<IActionResult> Reconcile(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", l["Reconcile.NoFile"].Value);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Reconcile", (ReconcileResult?)null);
        }
        await using var stream = file.OpenReadStream();
        var (result, outcome) = await reconciliation.ImportAsync(stream, file.FileName, User.Id()!.Value, ct);
        if (!result.Succeeded)
        {
            ModelState.AddDomainErrors(result.Errors.Select(e => e with { Field = e.Field is null ? null : "file" }), l);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Reconcile", (ReconcileResult?)null);
        }
        return View("Reconcile", outcome);
    }

    private async Task<IActionResult> RoundActionAsync(int roundId, Func<ContestRound, Task<(Result Result, string Done)>> action, string? prefix,
        Func<RoundPayoutsView, RoundPayoutsView> keep, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var (result, done) = await action(round);
        if (result.Errors.Any(e => e.Code == "Payout.NotFound"))
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Flash"] = done;
            return Redirect($"/rounds/{roundId}/payouts");
        }
        return await RefusedAsync(roundId, result, prefix, keep, ct);
    }

    private async Task<IActionResult> BatchActionAsync(int batchId, Func<Task<Result>> action, string done, CancellationToken ct)
    {
        var result = await action();
        if (result.Succeeded)
        {
            TempData["Flash"] = l[done].Value;
        }
        else
        {
            TempData["Error"] = ModelStateExtensions.LocalizeAll(result.Errors, l);
        }
        return await board.BatchAsync(batchId, ct) is null ? NotFound() : Redirect($"/payouts/batches/{batchId}");
    }

    private async Task<IActionResult> RefusedAsync(int roundId, Result result, string? prefix, Func<RoundPayoutsView, RoundPayoutsView> keep, CancellationToken ct)
    {
        ModelState.AddDomainErrors(result.Errors.Select(e => e with { Field = e.Field is null || prefix is null ? e.Field : prefix + "." + e.Field }), l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        // Read again: a refused save changed nothing, and the page shows what is stored.
        var round = await rounds.FindAsync(roundId, ct);
        return View("Round", keep(new RoundPayoutsView(await payouts.PageAsync(round!, ct), [], new BatchForm(), new ReceiptForm(), null)));
    }
}
