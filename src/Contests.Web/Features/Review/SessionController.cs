using Contests.Core.Common;
using Contests.Core.Rounds;
using Contests.Web.Features.Shared;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Review;

/// <summary>What the session view shows besides the page: the forms as typed when one was refused.</summary>
public sealed record SessionView(SessionPage Page, SessionForm Session, OverrideForm Override, ApproveForm Approve);

/// <summary>The appeals view: the page, and the forms as typed when one was refused (<see cref="FailedAppealId"/>: whose decision).</summary>
public sealed record AppealsView(AppealsPage Page, AppealForm Appeal, ResolveForm Resolve, int? FailedAppealId);

/// <summary>
/// The LRAC session of a round (<see cref="Sessions"/>; its steps <see cref="OpenSession"/>, <see cref="RecordSession"/>, <see cref="ApproveActa"/>): one page made for the president's phone during the
/// session — attendance and quorum, the results with each entry's prize and explanation, overrides with a
/// reason, approval — and the approved acta, printable. Who reaches which round is decided per resource: a
/// member of another round finds nothing; a member who isn't the president reads; officers and the round's
/// president run it.
/// </summary>
[Route("rounds/{roundId:int}"), Authorize(Policy = Policies.ReadSession)]
public sealed class SessionController(Sessions sessions, Appeals appeals, Rounds.RoundCatalog rounds, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("session")]
    public async Task<IActionResult> Index(int roundId, CancellationToken ct)
    {
        var (round, access) = await ReachAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var page = await sessions.PageAsync(round, access!, ct);
        return View("Session", new SessionView(page, FormOf(page), new OverrideForm(), new ApproveForm { AppealsUntil = sessions.DefaultAppealsUntil() }));
    }

    [HttpPost("session"), Authorize(Policy = Policies.RunSession)]
    public Task<IActionResult> Open(int roundId, [Bind(Prefix = "Session")] SessionForm form, [FromServices] OpenSession open, CancellationToken ct) =>
        RunAsync(roundId, (round, _) => open.OpenAsync(round, form, User.Id()!.Value, ct), _ => "Acta.SessionSaved", "Session",
            v => v with { Session = form }, ct);

    [HttpPost("session/attendance"), Authorize(Policy = Policies.RunSession)]
    public Task<IActionResult> Attendance(int roundId, int[] present, [FromServices] RecordSession record, CancellationToken ct) =>
        RunAsync(roundId, (round, _) => record.AttendanceAsync(round, present, ct), _ => "Acta.AttendanceSaved", null, v => v, ct);

    [HttpPost("session/overrides"), Authorize(Policy = Policies.RunSession)]
    public Task<IActionResult> Override(int roundId, [Bind(Prefix = "Override")] OverrideForm form, [FromServices] RecordSession record, CancellationToken ct) =>
        RunAsync(roundId, (round, access) => record.OverrideAsync(round, form, access, User.Id()!.Value, ct), _ => "Acta.OverrideSaved", "Override",
            v => v with { Override = form }, ct);

    [HttpPost("session/overrides/{entryId:int}/remove"), Authorize(Policy = Policies.RunSession)]
    public Task<IActionResult> RemoveOverride(int roundId, int entryId, [FromServices] RecordSession record, CancellationToken ct) =>
        RunAsync(roundId, (round, _) => record.RemoveOverrideAsync(round, entryId, ct), _ => "Acta.OverrideRemoved", null, v => v, ct);

    [HttpPost("session/approve"), Authorize(Policy = Policies.RunSession)]
    public Task<IActionResult> Approve(int roundId, [Bind(Prefix = "Approve")] ApproveForm form, [FromServices] ApproveActa approve, CancellationToken ct) =>
        RunAsync(roundId, (round, _) => form.Confirmed ? approve.ApproveAsync(round.Id, form, User.Id()!.Value, ct)
                : Task.FromResult(Result.Fail(new DomainError("Acta.ConfirmApprove", nameof(ApproveForm.Confirmed)))),
            // Approving after publication is an addendum's approval.
            round => round.Phase == RoundPhase.Published ? "Acta.AddendumApprovedOk" : "Acta.ApprovedOk", "Approve",
            v => v with { Approve = form }, ct);

    /// <summary>The approved acta, printable (the PDF comes with the documents).</summary>
    [HttpGet("acta")]
    public async Task<IActionResult> Acta(int roundId, int? actaId, CancellationToken ct)
    {
        var (round, access) = await ReachAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var page = await sessions.PageAsync(round, access!, ct, actaId);
        return page.Acta is { Approved: true } ? View("Acta", page) : NotFound();
    }

    /// <summary>Reclamos: the list, recording one (officers) and the LRAC's decision (officers and the round's president).</summary>
    [HttpGet("appeals")]
    public async Task<IActionResult> Appeals(int roundId, CancellationToken ct)
    {
        var (round, access) = await ReachAsync(roundId, ct);
        return round is null ? NotFound() : View("Appeals", new AppealsView(await appeals.PageAsync(round, access!, ct), new AppealForm(), new ResolveForm(), null));
    }

    [HttpPost("appeals"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> RecordAppeal(int roundId, [Bind(Prefix = "Appeal")] AppealForm form, CancellationToken ct)
    {
        var (round, access) = await ReachAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var result = await appeals.RecordAsync(round, form, User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Appeal.Recorded"].Value;
            return Redirect($"/rounds/{roundId}/appeals");
        }
        ModelState.AddDomainErrors(result.Errors.Select(e => e with { Field = e.Field is null ? null : "Appeal." + e.Field }), l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Appeals", new AppealsView(await appeals.PageAsync(round, access!, ct), form, new ResolveForm(), null));
    }

    [HttpPost("appeals/{appealId:int}/resolve"), Authorize(Policy = Policies.RunSession)]
    public async Task<IActionResult> ResolveAppeal(int roundId, int appealId, [Bind(Prefix = "Resolve")] ResolveForm form, CancellationToken ct)
    {
        var (round, access) = await ReachAsync(roundId, ct);
        if (round is null || !access!.Run)
        {
            return NotFound();
        }
        var result = await appeals.ResolveAsync(round, appealId, form, User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l[form.Accepted == true ? "Appeal.AcceptedOk" : "Appeal.RejectedOk"].Value;
            return Redirect($"/rounds/{roundId}/appeals");
        }
        ModelState.AddDomainErrors(result.Errors.Select(e => e with { Field = e.Field is null ? null : "Resolve." + e.Field }), l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Appeals", new AppealsView(await appeals.PageAsync(round, access, ct), new AppealForm(), form, appealId));
    }

    private async Task<(ContestRound? Round, SessionAccess? Access)> ReachAsync(int roundId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        var access = round is null ? null : await sessions.AccessAsync(roundId, User, ct);
        return access is null ? (null, null) : (round, access);
    }

    private async Task<IActionResult> RunAsync(int roundId, Func<ContestRound, SessionAccess, Task<Result>> action, Func<ContestRound, string> done, string? prefix,
        Func<SessionView, SessionView> keep, CancellationToken ct)
    {
        var (round, access) = await ReachAsync(roundId, ct);
        if (round is null || !access!.Run)
        {
            return NotFound();
        }
        var message = done(round);   // before the action: approving a session publishes the round
        var result = await action(round, access);
        if (result.Succeeded)
        {
            TempData["Flash"] = l[message].Value;
            return Redirect($"/rounds/{roundId}/session");
        }
        ModelState.AddDomainErrors(result.Errors.Select(e => e with { Field = e.Field is null || prefix is null ? e.Field : prefix + "." + e.Field }), l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        // Read again: a refused save changed nothing, and the page shows what is stored.
        round = await rounds.FindAsync(roundId, ct);
        var page = await sessions.PageAsync(round!, access, ct);
        return View("Session", keep(new SessionView(page, FormOf(page), new OverrideForm(), new ApproveForm { AppealsUntil = sessions.DefaultAppealsUntil() })));
    }

    private static SessionForm FormOf(SessionPage page) => new()
    {
        Held = page.Acta is { } acta ? LimaInput.DateTimeValue(acta.HeldUtc) : null,
        Place = page.Acta?.Place,
    };
}
