using System.Globalization;
using Contests.Core.Common;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Judging;

/// <summary>
/// The juror's side, made for a phone in the field: the list of their sheets and one sheet per entry.
/// Every action reaches a sheet only through the signed-in juror's own seat (<see cref="SheetAccess.OfJurorAsync"/>):
/// someone else's sheet, an unassigned entry or one they declared a conflict with is simply not found for them;
/// a conflict that appears in the registry after assignment blocks the sheet (403 with the reason).
/// </summary>
[Route("judging"), Authorize(Policy = Policies.Judge)]
public sealed class JudgingController(SheetAccess access, SheetPages sheets, Lrac lrac, Presidency presidency, Rounds.RoundCatalog rounds, Baselines baselines,
    IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var userId = User.Id()!.Value;
        return View("Mine", new MySheetsPage(await access.MineAsync(userId, ct), await presidency.RoundsAsync(userId, ct),
            await presidency.SessionRoundsAsync(userId, ct)));
    }

    /// <summary>
    /// The juror's field pack (JSON, never cached by the browser): their sheets with what each page shows, and a fresh
    /// antiforgery token for the saves the phone sends later. Read by "Preparar para el campo" (<c>wwwroot/js/field.js</c>).
    /// </summary>
    [HttpGet("field-pack")]
    public async Task<IActionResult> FieldPack([FromServices] FieldPack pack, [FromServices] IAntiforgery antiforgery, CancellationToken ct)
    {
        var userId = User.Id()!.Value;
        Response.Headers.CacheControl = "no-store";
        return Json(new { user = userId, token = antiforgery.GetAndStoreTokens(HttpContext).RequestToken, sheets = await pack.OfJurorAsync(userId, ct) });
    }

    /// <summary>A fresh antiforgery token for the phone's queued saves (the one in a page kept offline may be stale).</summary>
    [HttpGet("field-token")]
    public IActionResult FieldToken([FromServices] IAntiforgery antiforgery)
    {
        Response.Headers.CacheControl = "no-store";
        return Json(new { user = User.Id()!.Value, token = antiforgery.GetAndStoreTokens(HttpContext).RequestToken });
    }

    /// <summary>The LRAC president's board: every sheet of the round with its state, and reopening one with a reason.</summary>
    [HttpGet("rounds/{roundId:int}/committee")]
    public async Task<IActionResult> Committee(int roundId, CancellationToken ct)
    {
        var board = await presidency.BoardAsync(roundId, User.Id()!.Value, ct);
        return board is null ? NotFound() : View("Committee", new CommitteePage(board, null, null));
    }

    [HttpPost("rounds/{roundId:int}/sheets/{sheetId:int}/reopen")]
    public async Task<IActionResult> Reopen(int roundId, int sheetId, string? reason, CancellationToken ct)
    {
        var userId = User.Id()!.Value;
        var result = await presidency.ReopenAsync(roundId, sheetId, userId, reason, ct);
        if (result is null)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Sheet.ReopenedOk"].Value;
            return Redirect($"/judging/rounds/{roundId}/committee");
        }
        var board = await presidency.BoardAsync(roundId, userId, ct);
        if (board is null)
        {
            return NotFound();
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        ViewData["Error"] = ModelStateExtensions.LocalizeAll(result.Errors, l);
        return View("Committee", new CommitteePage(board, sheetId, reason));
    }

    [HttpGet("sheets/{sheetId:int}")]
    public async Task<IActionResult> Sheet(int sheetId, CancellationToken ct)
    {
        var sheet = await access.OfJurorAsync(sheetId, User.Id()!.Value, ct);
        if (sheet is null)
        {
            return NotFound();
        }
        var page = await sheets.PageAsync(sheet, ct);
        return page.Blocked ? Blocked(page) : View("Sheet", new SheetEditPage(page, FormOf(page), false, []));
    }

    /// <summary>A conflict found after assignment: the sheet is not shown, and the juror is told why.</summary>
    private ViewResult Blocked(SheetPage page)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("Conflicted", page);
    }

    /// <summary>The page's own post (works without script): save the draft, or submit.</summary>
    [HttpPost("sheets/{sheetId:int}")]
    public async Task<IActionResult> Sheet(int sheetId, SheetForm form, bool submit, [FromServices] SaveSheet save, CancellationToken ct)
    {
        var userId = User.Id()!.Value;
        var outcome = await save.SaveAsync(c => access.OfJurorAsync(sheetId, userId, c), form, submit, null, ct);
        if (outcome is null)
        {
            return NotFound();
        }
        if (outcome.Result.Succeeded)
        {
            TempData["Flash"] = l[submit ? "Sheet.SubmittedOk" : "Sheet.Saved"].Value;
            return Redirect(submit ? "/judging" : $"/judging/sheets/{sheetId}");
        }
        var sheet = await access.OfJurorAsync(sheetId, userId, ct);
        var page = await sheets.PageAsync(sheet!, ct);
        return outcome.Blocked && page.Blocked ? Blocked(page) : Refused(this, page, form, outcome, false, l);
    }

    /// <summary>
    /// Autosave (and submit) from the page's script and the phone's outbox: the same fields, answered in JSON — the new
    /// revision, or every problem with its code and field. 409 when the sheet changed elsewhere or is submitted; 404
    /// (<c>Sheet.Gone</c>) when the sheet is no longer the juror's — the entry withdrawn, the seat ended, a conflict
    /// declared — so a save queued offline is told why it was refused.
    /// </summary>
    [HttpPost("sheets/{sheetId:int}/autosave")]
    public async Task<IActionResult> Autosave(int sheetId, SheetForm form, bool submit, [FromServices] SaveSheet save, CancellationToken ct)
    {
        var userId = User.Id()!.Value;
        var outcome = await save.SaveAsync(c => access.OfJurorAsync(sheetId, userId, c), form, submit, null, ct);
        if (outcome is null)
        {
            var gone = new DomainError("Sheet.Gone");
            return NotFound(new
            {
                ok = false, revision = 0, state = "",
                errors = new[] { new { code = gone.Code, field = (string?)null, message = ModelStateExtensions.Localize(gone, l) } },
            });
        }
        var body = new
        {
            ok = outcome.Result.Succeeded,
            revision = outcome.Revision,
            state = outcome.State.ToString(),
            errors = outcome.Result.Errors.Select(e => new { code = e.Code, field = e.Field, message = ModelStateExtensions.Localize(e, l) }),
        };
        var status = outcome.Result.Succeeded ? StatusCodes.Status200OK
            : outcome.Blocked ? StatusCodes.Status403Forbidden
            : outcome.Conflict ? StatusCodes.Status409Conflict
            : StatusCodes.Status422UnprocessableEntity;
        return StatusCode(status, body);
    }

    /// <summary>The juror declares a conflict with the entry of this sheet: the sheet goes, with the reason recorded.</summary>
    [HttpPost("sheets/{sheetId:int}/conflict")]
    public async Task<IActionResult> Conflict(int sheetId, string? reason, CancellationToken ct)
    {
        var userId = User.Id()!.Value;
        var sheet = await access.OfJurorAsync(sheetId, userId, ct);
        if (sheet is null)
        {
            return NotFound();
        }
        var page = await sheets.PageAsync(sheet, ct);
        var round = await rounds.FindAsync(page.RoundId, ct);
        var result = await lrac.DeclareAsync(round!, page.Juror, sheet.EntryId, reason, userId, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Sheet.ConflictDeclared", page.Entry.Number].Value;
            return Redirect("/judging");
        }
        var now = await sheets.PageAsync((await access.OfJurorAsync(sheetId, userId, ct))!, ct);
        return now.Blocked ? Blocked(now) : RefusedReason(this, now, reason, result, false, l);
    }

    /// <summary>A baseline photo of the sheet's entry (the "before"), for its juror only.</summary>
    [HttpGet("sheets/{sheetId:int}/photos/{photoId:int}")]
    public Task<IActionResult> Photo(int sheetId, int photoId, CancellationToken ct) => PhotoAsync(sheetId, photoId, false, ct);

    /// <summary>The copy for phones (≤ 1280 px, ≤ 200 KB): what the sheet links first.</summary>
    [HttpGet("sheets/{sheetId:int}/photos/{photoId:int}/phone")]
    public Task<IActionResult> PhonePhoto(int sheetId, int photoId, CancellationToken ct) => PhotoAsync(sheetId, photoId, true, ct);

    /// <summary>The field copy (≤ 640 px, ≤ 60 KB): what "Preparar para el campo" keeps on the phone.</summary>
    [HttpGet("sheets/{sheetId:int}/photos/{photoId:int}/field")]
    public async Task<IActionResult> FieldPhoto(int sheetId, int photoId, CancellationToken ct)
    {
        var sheet = await access.OfJurorAsync(sheetId, User.Id()!.Value, ct);
        if (sheet is null || await sheets.ConflictsAsync(sheet, ct) is { Count: > 0 })
        {
            return NotFound();
        }
        if (await baselines.FieldPhotoAsync(await sheets.EntryWithPhotosAsync(sheet, ct), photoId, ct) is not { Data: not null } photo)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "private, max-age=86400, immutable";
        Response.Headers["X-Content-Type-Options"] = "nosniff";
        return File(photo.Data, "image/jpeg");
    }

    private async Task<IActionResult> PhotoAsync(int sheetId, int photoId, bool phone, CancellationToken ct)
    {
        var sheet = await access.OfJurorAsync(sheetId, User.Id()!.Value, ct);
        if (sheet is not null && await sheets.ConflictsAsync(sheet, ct) is { Count: > 0 })
        {
            return NotFound(); // blocked like the sheet itself
        }
        var found = sheet is null ? null : await baselines.PhotoAsync(await sheets.EntryWithPhotosAsync(sheet, ct), photoId, phone, ct);
        if (found is not { Data: not null } photo)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "private, max-age=86400, immutable";
        Response.Headers["X-Content-Type-Options"] = "nosniff";
        return File(photo.Data, photo.ContentType);
    }

    /// <summary>The form as the sheet stands (a fresh save id: the next save is a new one).</summary>
    public static SheetForm FormOf(SheetPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var sheet = page.Sheet;
        return new SheetForm
        {
            Points = [.. Enumerable.Range(0, page.Part.Criteria.Count).Select(i => Format(sheet.Points.ElementAtOrDefault(i)))],
            Achieved = [.. Enumerable.Range(0, page.Entry.Baseline.Count).Select(i => Format(sheet.Achieved.ElementAtOrDefault(i)))],
            Comments = sheet.Comments,
            SaveId = Guid.NewGuid(),
            Revision = sheet.Revision,
        };
    }

    /// <summary>
    /// The page again after a refused save: what was typed is kept, each problem by its field; on a
    /// conflict the page shows the sheet as it now is and says why.
    /// </summary>
    public static IActionResult Refused(Controller controller, SheetPage page, SheetForm form, SaveOutcome outcome, bool officer, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(outcome);
        controller.ModelState.Clear();
        controller.ModelState.AddDomainErrors(outcome.Result.Errors.Where(e => e.Field is not null), l);
        var general = outcome.Result.Errors.Where(e => e.Field is null).Select(e => ModelStateExtensions.Localize(e, l)).ToList();
        controller.Response.StatusCode = outcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        var shown = outcome.Conflict ? FormOf(page) : new SheetForm
        {
            Points = form.Points, Achieved = form.Achieved, Comments = form.Comments, SaveId = Guid.NewGuid(), Revision = form.Revision,
            Confirmed = form.Confirmed,
        };
        return controller.View("Sheet", new SheetEditPage(page, shown, officer, general));
    }

    /// <summary>
    /// The sheet again after a refused reopen (officer) or conflict declaration (juror), each a form with one typed field, the
    /// reason: 422, the problem on that field and the reason as typed; a problem of the sheet itself above it.
    /// </summary>
    public static ViewResult RefusedReason(Controller controller, SheetPage page, string? reason, Result result, bool officer, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(result);
        controller.ModelState.Clear();
        controller.ModelState.AddDomainErrors(result.Errors.Where(e => e.Field == "Reason").Select(e => e with { Field = "reason" }), l);
        var general = result.Errors.Where(e => e.Field != "Reason").Select(e => ModelStateExtensions.Localize(e, l)).ToList();
        controller.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return controller.View("Sheet", new SheetEditPage(page, FormOf(page), officer, general, reason));
    }

    private static string? Format(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>The juror's list: their sheets, and the rounds where they preside (a link to the committee's board).</summary>
/// <summary>A juror's page: their sheets, the rounds they preside while judging, and the rounds whose LRAC session they sit on.</summary>
public sealed record MySheetsPage(IReadOnlyList<MySheetRow> Sheets, IReadOnlyDictionary<int, string> Presiding, IReadOnlyDictionary<int, string> Sessions);

/// <summary>The president's board; after a refused reopen, which sheet it was and the reason as typed.</summary>
public sealed record CommitteePage(CommitteeBoard Board, int? FailedSheetId, string? Reason);
