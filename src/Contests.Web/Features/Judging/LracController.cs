using Contests.Core.Common;
using Contests.Core.Rounds;
using Contests.Web.Features.Registry;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Judging;

public sealed record MemberFieldsModel(MemberForm Form, IReadOnlyList<CommunityOption> Communities, IReadOnlyList<Option> Organizations);

public sealed class ConflictForm
{
    public int? MemberId { get; set; }

    public int? EntryId { get; set; }

    public string? Reason { get; set; }
}

public sealed record AssignmentsPage(ContestRound Round, IReadOnlyList<PartAssignment> Parts);

/// <summary>A score sheet's page; after a refused reopen (officer) or conflict declaration (juror), <c>Reason</c> is the reason as typed.</summary>
public sealed record SheetEditPage(SheetPage Page, SheetForm Form, bool Officer, IReadOnlyList<string> Errors, string? Reason = null);

/// <summary>
/// The officer's side of judging: the round's LRAC (members and their accounts, declared conflicts),
/// assigning entries to jurors, the progress board, typing paper sheets, reopening, and the ranking.
/// </summary>
[Route("rounds/{roundId:int}"), Authorize(Policy = Policies.ReadRounds)]
public sealed class LracController(Rounds.RoundCatalog rounds, Lrac lrac, Assignments assignments, SheetAccess access, SheetPages sheets, Scoreboard scoreboard,
    LracPages pages, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("lrac")]
    public async Task<IActionResult> Index(int roundId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        return round is null ? NotFound() : await LracViewAsync(round, new MemberForm { FieldJuror = true }, new ConflictForm(), null, ct);
    }

    [HttpPost("lrac"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Add(int roundId, MemberForm form, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var (result, account) = await lrac.AddAsync(round, form, ct);
        if (result.Succeeded)
        {
            // The one-time password is shown once, on this page, to hand over to the member; it is not kept anywhere.
            Response.Headers.CacheControl = "no-store";
            return await LracViewAsync(round, new MemberForm { FieldJuror = true }, new ConflictForm(), account, ct);
        }
        ModelState.AddDomainErrors(result.Errors, l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await LracViewAsync(round, form, new ConflictForm(), null, ct);
    }

    [HttpGet("lrac/{memberId:int}/edit"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Edit(int roundId, int memberId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        var member = round is null ? null : await lrac.FindAsync(roundId, memberId, ct);
        return member is null ? NotFound() : await EditViewAsync(round!, memberId, MemberForm.From(member), member.Active, ct);
    }

    [HttpPost("lrac/{memberId:int}/edit"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Edit(int roundId, int memberId, MemberForm form, bool active, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        var member = round is null ? null : await lrac.FindAsync(roundId, memberId, ct);
        if (member is null)
        {
            return NotFound();
        }
        var result = await lrac.UpdateAsync(round!, member, form, active, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Lrac.MemberSaved", member.FullName].Value;
            return Redirect($"/rounds/{roundId}/lrac");
        }
        ModelState.AddDomainErrors(result.Errors, l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await EditViewAsync(round!, memberId, form, active, ct);
    }

    [HttpPost("lrac/conflicts"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Declare(int roundId, [Bind(Prefix = "Conflict")] ConflictForm form, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var member = form.MemberId is { } id ? await lrac.FindAsync(roundId, id, ct) : null;
        var result = member is null
            ? Result.Fail(new DomainError("Lrac.MemberRequired", "MemberId"))
            : await lrac.DeclareAsync(round, member, form.EntryId ?? 0, form.Reason, User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Lrac.ConflictDeclared", member!.FullName].Value;
            return Redirect($"/rounds/{roundId}/lrac");
        }
        ModelState.AddDomainErrors(result.Errors.Select(e => e with { Field = e.Field is null ? null : "Conflict." + e.Field }), l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await LracViewAsync(round, new MemberForm { FieldJuror = true }, form, null, ct);
    }

    [HttpGet("assignments")]
    public async Task<IActionResult> Assignments(int roundId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        return round is null ? NotFound() : View("Assignments", new AssignmentsPage(round, await assignments.PreviewAsync(round, ct)));
    }

    [HttpPost("assignments"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Assign(int roundId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var (result, added, removed) = await assignments.ApplyAsync(round, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Assign.Done", added, removed].Value;
        }
        else
        {
            TempData["Error"] = ModelStateExtensions.LocalizeAll(result.Errors, l);
        }
        return Redirect($"/rounds/{roundId}/assignments");
    }

    [HttpGet("progress")]
    public async Task<IActionResult> Progress(int roundId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        var board = round is null ? null : await scoreboard.ProgressAsync(round, ct);
        return board is null ? NotFound() : View("Progress", (round!, board));
    }

    [HttpGet("ranking")]
    public async Task<IActionResult> Ranking(int roundId, [FromServices] Allocation.Allocations allocations, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        var results = round is null ? null : await scoreboard.ResultsAsync(round, ct);
        if (results is null)
        {
            return NotFound();
        }
        return View("Ranking", new RankingPage(round!, results, await allocations.PreviewAsync(round!, results, null, ct)));
    }

    /// <summary>A paper sheet, typed by the officer on the juror's behalf (recorded with the officer's name).</summary>
    [HttpGet("sheets/{sheetId:int}"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Sheet(int roundId, int sheetId, CancellationToken ct)
    {
        var sheet = await access.OfRoundAsync(roundId, sheetId, ct);
        if (sheet is null)
        {
            return NotFound();
        }
        var page = await sheets.PageAsync(sheet, ct);
        return View("Sheet", new SheetEditPage(page, JudgingController.FormOf(page), true, []));
    }

    [HttpPost("sheets/{sheetId:int}"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Sheet(int roundId, int sheetId, SheetForm form, bool submit, [FromServices] SaveSheet save, CancellationToken ct)
    {
        var outcome = await save.SaveAsync(c => access.OfRoundAsync(roundId, sheetId, c), form, submit, User.Id()!.Value, ct);
        if (outcome is null)
        {
            return NotFound();
        }
        if (outcome.Result.Succeeded)
        {
            TempData["Flash"] = l[submit ? "Sheet.SubmittedOk" : "Sheet.Saved"].Value;
            return Redirect(submit ? $"/rounds/{roundId}/progress" : $"/rounds/{roundId}/sheets/{sheetId}");
        }
        var sheet = await access.OfRoundAsync(roundId, sheetId, ct);
        return JudgingController.Refused(this, await sheets.PageAsync(sheet!, ct), form, outcome, true, l);
    }

    [HttpPost("sheets/{sheetId:int}/reopen"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Reopen(int roundId, int sheetId, string? reason, [FromServices] ReopenSheet reopen, CancellationToken ct)
    {
        var sheet = await access.OfRoundAsync(roundId, sheetId, ct);
        if (sheet is null)
        {
            return NotFound();
        }
        var result = await reopen.ReopenAsync(sheet, reason, byPresidentOrOfficer: true, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Sheet.ReopenedOk"].Value;
            return Redirect($"/rounds/{roundId}/progress");
        }
        return JudgingController.RefusedReason(this, await sheets.PageAsync(sheet, ct), reason, result, true, l);
    }

    private async Task<ViewResult> LracViewAsync(ContestRound round, MemberForm form, ConflictForm conflict, NewAccount? account, CancellationToken ct) =>
        View("Lrac", await pages.LracAsync(round, form, conflict, account, ct));

    private async Task<ViewResult> EditViewAsync(ContestRound round, int memberId, MemberForm form, bool active, CancellationToken ct) =>
        View("MemberEdit", await pages.MemberEditAsync(round, memberId, form, active, ct));
}

/// <summary>The ranking and, once every entry is ranked, the money the round's rules give it (a preview for the LRAC).</summary>
public sealed record RankingPage(ContestRound Round, RoundResults Results, Contests.Core.Allocation.AllocationResult? Allocation);
