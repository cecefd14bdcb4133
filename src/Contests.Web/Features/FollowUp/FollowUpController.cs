using Contests.Core.Rounds;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Localization;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.FollowUp;

/// <summary>The follow-up form of an entry, reached from the entry page.</summary>
public sealed record VisitPage(ContestRound Round, Entry Entry, int? VisitId, VisitForm Form);

/// <summary>Follow-up visits of an entry: project officers record, correct and delete them; the entry page lists them.</summary>
[Route("rounds/{roundId:int}/entries/{entryId:int}/visits"), Authorize(Policy = Policies.ManageRounds)]
public sealed class FollowUpController(Rounds.RoundCatalog rounds, Entries entries, FollowUpVisits visits, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("new")]
    public async Task<IActionResult> Create(int roundId, int entryId, CancellationToken ct)
    {
        var (round, entry) = await FindAsync(roundId, entryId, ct);
        return entry is null ? NotFound() : View("Visit", new VisitPage(round!, entry, null, FollowUpVisits.Blank(entry)));
    }

    [HttpPost("new"), RequestSizeLimit(FollowUpVisits.UploadLimit), RequestFormLimits(MultipartBodyLengthLimit = FollowUpVisits.UploadLimit)]
    public async Task<IActionResult> Create(int roundId, int entryId, VisitForm form, CancellationToken ct)
    {
        var (round, entry) = await FindAsync(roundId, entryId, ct);
        if (entry is null)
        {
            return NotFound();
        }
        var (result, _) = await visits.RecordAsync(entry, form, User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["FollowUp.Recorded"].Value;
            return Redirect($"/rounds/{roundId}/entries/{entryId}#follow-up");
        }
        return Refused(round!, entry, null, form, result);
    }

    [HttpGet("{visitId:int}/edit")]
    public async Task<IActionResult> Edit(int roundId, int entryId, int visitId, CancellationToken ct)
    {
        var (round, entry) = await FindAsync(roundId, entryId, ct);
        var visit = entry is null ? null : await visits.FindAsync(entry, visitId, ct);
        return visit is null ? NotFound() : View("Visit", new VisitPage(round!, entry!, visitId, VisitForm.From(visit, FollowUpVisits.Positions(entry!))));
    }

    [HttpPost("{visitId:int}/edit"), RequestSizeLimit(FollowUpVisits.UploadLimit), RequestFormLimits(MultipartBodyLengthLimit = FollowUpVisits.UploadLimit)]
    public async Task<IActionResult> Edit(int roundId, int entryId, int visitId, VisitForm form, CancellationToken ct)
    {
        var (round, entry) = await FindAsync(roundId, entryId, ct);
        var visit = entry is null ? null : await visits.FindAsync(entry, visitId, ct);
        if (visit is null)
        {
            return NotFound();
        }
        var result = await visits.ReviseAsync(entry!, visit, form, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["FollowUp.Saved"].Value;
            return Redirect($"/rounds/{roundId}/entries/{entryId}#follow-up");
        }
        return Refused(round!, entry!, visitId, form, result);
    }

    [HttpPost("{visitId:int}/delete")]
    public async Task<IActionResult> Delete(int roundId, int entryId, int visitId, CancellationToken ct)
    {
        var (_, entry) = await FindAsync(roundId, entryId, ct);
        var visit = entry is null ? null : await visits.FindAsync(entry, visitId, ct);
        if (visit is null)
        {
            return NotFound();
        }
        await visits.DeleteAsync(visit, ct);
        TempData["Flash"] = l["FollowUp.Deleted", Display.Date(visit.VisitedOn)].Value;
        return Redirect($"/rounds/{roundId}/entries/{entryId}#follow-up");
    }

    private ViewResult Refused(ContestRound round, Entry entry, int? visitId, VisitForm form, Core.Common.Result result)
    {
        ModelState.AddDomainErrors(result.Errors, l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        // The rows the page shows are the entry's activities; what was typed for each comes back in its row.
        var typed = form.Items.ToDictionary(i => i.Position);
        form.Items = [.. FollowUpVisits.Positions(entry).Select(p => typed.TryGetValue(p, out var row) ? row : new VisitItemForm { Position = p })];
        return View("Visit", new VisitPage(round, entry, visitId, form));
    }

    private async Task<(ContestRound? Round, Entry? Entry)> FindAsync(int roundId, int entryId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        var entry = round is null ? null : await entries.FindAsync(roundId, entryId, ct);
        return (round, entry);
    }
}
