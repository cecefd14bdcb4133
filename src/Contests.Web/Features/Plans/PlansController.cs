using Contests.Core.Common;
using Contests.Core.Plans;
using Contests.Web.Features.Documents;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Contests.Web.Features.Plans;

/// <summary>The plan's page and the forms as typed when one was refused (<see cref="FailedReportId"/>: whose approval).</summary>
public sealed record PlanView(PlanPage Page, ExpenseForm Expense, DepositForm Deposit, ReportForm Report, ApprovalForm Approval, int? FailedReportId)
{
    public CloseOutForm CloseOut { get; init; } = new();

    /// <summary>The files chosen for a report already recorded, and which report when they were refused.</summary>
    public AttachmentForm Attachment { get; init; } = new();

    public int? FailedAttachmentReportId { get; init; }

    /// <summary>The receipt or deposit whose file was refused (its message at <c>Proof.File</c>).</summary>
    public (ProofOf Of, int Id)? FailedProof { get; init; }
}

/// <summary>
/// A funded plan after its contract (<see cref="FundedPlans"/>): read by those who read payouts; receipts, deposits,
/// reports and the LRAC's approvals recorded by project officers. Finance's gate is the payouts' approval, which reads
/// the conditions from here.
/// </summary>
[Authorize(Policy = Policies.ReadPayouts)]
public sealed class PlansController(FundedPlans plans, CloseOuts closeOuts, PlanReports reports, ReportAttachments attachments, ProofFiles proofs, Rounds.RoundCatalog rounds, IOptions<DocumentOptions> documentOptions,
    IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>Every funded plan's reports (or one round's): due, late, received, approved; late ones first.</summary>
    [HttpGet("plans/reports")]
    public async Task<IActionResult> Reports(int? round, CancellationToken ct) =>
        View("Reports", await reports.ListAsync(ModelState.IsValid ? round : null, ct));

    [HttpGet("rounds/{roundId:int}/plans/{entryId:int}")]
    public async Task<IActionResult> Plan(int roundId, int entryId, CancellationToken ct)
    {
        var page = await PageAsync(roundId, entryId, ct);
        return page is null ? NotFound() : View("Plan", Blank(page));
    }

    [HttpPost("rounds/{roundId:int}/plans/{entryId:int}/receipts"), Authorize(Policy = Policies.ManageRounds)]
    [RequestSizeLimit(ProofFiles.MaxUploadBytes), RequestFormLimits(MultipartBodyLengthLimit = ProofFiles.MaxUploadBytes)]
    public Task<IActionResult> Receipt(int roundId, int entryId, [Bind(Prefix = "Expense")] ExpenseForm form, CancellationToken ct) =>
        ActAsync(roundId, entryId, page => plans.RecordReceiptAsync(page, form, User.Id()!.Value, ct), "Expense", v => v with { Expense = form },
            "Plan.ReceiptSaved", ct);

    [HttpPost("rounds/{roundId:int}/plans/{entryId:int}/deposits"), Authorize(Policy = Policies.ManageRounds)]
    [RequestSizeLimit(ProofFiles.MaxUploadBytes), RequestFormLimits(MultipartBodyLengthLimit = ProofFiles.MaxUploadBytes)]
    public Task<IActionResult> Deposit(int roundId, int entryId, [Bind(Prefix = "Deposit")] DepositForm form, CancellationToken ct) =>
        ActAsync(roundId, entryId, page => plans.RecordDepositAsync(page, form, User.Id()!.Value, ct), "Deposit", v => v with { Deposit = form },
            "Plan.DepositSaved", ct);

    [HttpPost("rounds/{roundId:int}/plans/{entryId:int}/reports"), Authorize(Policy = Policies.ManageRounds)]
    [RequestSizeLimit(ReportAttachment.MaxUploadBytes), RequestFormLimits(MultipartBodyLengthLimit = ReportAttachment.MaxUploadBytes)]
    public Task<IActionResult> Report(int roundId, int entryId, [Bind(Prefix = "Report")] ReportForm form, CancellationToken ct) =>
        ActAsync(roundId, entryId, page => plans.RecordReportAsync(page, form, User.Id()!.Value, ct), "Report", v => v with { Report = form },
            "Plan.ReportSaved", ct);

    [HttpPost("rounds/{roundId:int}/plans/{entryId:int}/reports/{reportId:int}/approve"), Authorize(Policy = Policies.ManageRounds)]
    public Task<IActionResult> Approve(int roundId, int entryId, int reportId, [Bind(Prefix = "Approval")] ApprovalForm form, CancellationToken ct) =>
        ActAsync(roundId, entryId, page => plans.ApproveReportAsync(page, reportId, form, User.Id()!.Value, ct), "Approval",
            v => v with { Approval = form, FailedReportId = reportId }, "Plan.ReportApproved", ct);

    [HttpPost("rounds/{roundId:int}/plans/{entryId:int}/reports/{reportId:int}/attachments"), Authorize(Policy = Policies.ManageRounds)]
    [RequestSizeLimit(ReportAttachment.MaxUploadBytes), RequestFormLimits(MultipartBodyLengthLimit = ReportAttachment.MaxUploadBytes)]
    public Task<IActionResult> Attach(int roundId, int entryId, int reportId, [Bind(Prefix = "Attachment")] AttachmentForm form, CancellationToken ct) =>
        ActAsync(roundId, entryId, page => attachments.AttachAsync(page, reportId, form, User.Id()!.Value, ct), "Attachment",
            v => v with { Attachment = form, FailedAttachmentReportId = reportId }, "Plan.AttachmentsSaved", ct);

    [HttpPost("rounds/{roundId:int}/plans/{entryId:int}/reports/{reportId:int}/attachments/{attachmentId:int}/remove"), Authorize(Policy = Policies.ManageRounds)]
    public Task<IActionResult> RemoveAttachment(int roundId, int entryId, int reportId, int attachmentId, CancellationToken ct) =>
        ActAsync(roundId, entryId, page => attachments.RemoveAsync(page, reportId, attachmentId, ct), "Attachment", v => v, "Plan.AttachmentRemoved", ct);

    /// <summary>An attachment of one of the plan's reports, for those who read the plan.</summary>
    [HttpGet("rounds/{roundId:int}/plans/{entryId:int}/reports/{reportId:int}/attachments/{attachmentId:int}")]
    public async Task<IActionResult> Attachment(int roundId, int entryId, int reportId, int attachmentId, CancellationToken ct)
    {
        var page = await PageAsync(roundId, entryId, ct);
        var file = page is null ? null : await attachments.FileAsync(page, reportId, attachmentId, ct);
        return file is { Data: { } data } ? File(data, file.Value.Attachment.ContentType, file.Value.Attachment.FileName) : NotFound();
    }

    /// <summary>Attaches or replaces the file of a receipt (<c>receipts</c>) or a deposit (<c>deposits</c>) until a later tranche is approved on it.</summary>
    [HttpPost("rounds/{roundId:int}/plans/{entryId:int}/{kind:regex(^(receipts|deposits)$)}/{id:int}/file"), Authorize(Policy = Policies.ManageRounds)]
    [RequestSizeLimit(ProofFiles.MaxUploadBytes), RequestFormLimits(MultipartBodyLengthLimit = ProofFiles.MaxUploadBytes)]
    public Task<IActionResult> AttachProof(int roundId, int entryId, string kind, int id, [Bind(Prefix = "Proof")] ProofForm form, CancellationToken ct) =>
        ActAsync(roundId, entryId, page => proofs.AttachAsync(page, Of(kind), id, form, User.Id()!.Value, ct), "Proof",
            v => v with { FailedProof = (Of(kind), id) }, "Plan.ProofSaved", ct);

    /// <summary>A receipt's voucher or a deposit's statement, for those who read the plan.</summary>
    [HttpGet("rounds/{roundId:int}/plans/{entryId:int}/{kind:regex(^(receipts|deposits)$)}/{id:int}/file")]
    public async Task<IActionResult> Proof(int roundId, int entryId, string kind, int id, CancellationToken ct)
    {
        var page = await PageAsync(roundId, entryId, ct);
        var file = page is null ? null : await proofs.FileAsync(page, Of(kind), id, ct);
        return file is { Data: { } data } ? File(data, file.Value.Proof.ContentType, file.Value.Proof.FileName) : NotFound();
    }

    [HttpPost("rounds/{roundId:int}/plans/{entryId:int}/close-out"), Authorize(Policy = Policies.ManageRounds)]
    public Task<IActionResult> CloseOut(int roundId, int entryId, [Bind(Prefix = "CloseOut")] CloseOutForm form, CancellationToken ct) =>
        ActAsync(roundId, entryId, page => closeOuts.CloseAsync(page, form, documentOptions.Value.BaseUrlFor(Request), User.Id()!.Value, ct), "CloseOut",
            v => v with { CloseOut = form }, "Plan.ClosedOut", ct);

    private static ProofOf Of(string kind) => kind == "receipts" ? ProofOf.Receipt : ProofOf.Deposit;

    private static PlanView Blank(PlanPage page) => new(page, new ExpenseForm(), new DepositForm(), new ReportForm(), new ApprovalForm(), null);

    private async Task<PlanPage?> PageAsync(int roundId, int entryId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        return round is null ? null : await plans.PageAsync(round, entryId, ct);
    }

    /// <summary>Done: back to the page with a message. Refused: the page again (422), each message at its field, what was typed kept.</summary>
    private async Task<IActionResult> ActAsync(int roundId, int entryId, Func<PlanPage, Task<Result>> action, string prefix, Func<PlanView, PlanView> keep,
        string done, CancellationToken ct)
    {
        var page = await PageAsync(roundId, entryId, ct);
        if (page is null)
        {
            return NotFound();
        }
        var result = await action(page);
        if (result.Errors.Any(e => e.Code == "Report.NotFound"))
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Flash"] = l[done].Value;
            return Redirect($"/rounds/{roundId}/plans/{entryId}");
        }
        ModelState.AddDomainErrors(result.Errors.Select(e => e with { Field = e.Field is null ? null : prefix + "." + e.Field }), l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Plan", keep(Blank((await PageAsync(roundId, entryId, ct))!)));
    }
}
