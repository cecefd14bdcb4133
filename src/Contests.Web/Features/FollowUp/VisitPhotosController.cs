using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.FollowUp;

/// <summary>A follow-up visit's photos, for whoever reads the round (the entry page's follow-up section shows them).</summary>
[Route("rounds/{roundId:int}/entries/{entryId:int}/visits/{visitId:int}/photos/{photoId:int}"), Authorize(Policy = Policies.ReadRounds)]
public sealed class VisitPhotosController(Entries entries, FollowUpVisits visits, IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>The photo as stored (full size, without metadata).</summary>
    [HttpGet("")]
    public Task<IActionResult> Photo(int roundId, int entryId, int visitId, int photoId, CancellationToken ct) =>
        PhotoAsync(roundId, entryId, visitId, photoId, false, ct);

    /// <summary>The copy for phones, what the entry page shows.</summary>
    [HttpGet("phone")]
    public Task<IActionResult> PhonePhoto(int roundId, int entryId, int visitId, int photoId, CancellationToken ct) =>
        PhotoAsync(roundId, entryId, visitId, photoId, true, ct);

    private async Task<IActionResult> PhotoAsync(int roundId, int entryId, int visitId, int photoId, bool phone, CancellationToken ct)
    {
        var entry = await entries.FindAsync(roundId, entryId, ct);
        var found = entry is null ? null : await visits.PhotoAsync(entry, visitId, photoId, phone, ct);
        if (found is not { } photo)
        {
            return NotFound();
        }
        if (photo.Data is null)
        {
            return Problem(l["Photo.Damaged"].Value, statusCode: StatusCodes.Status500InternalServerError);
        }
        Response.Headers.CacheControl = "private, max-age=86400, immutable";
        Response.Headers["X-Content-Type-Options"] = "nosniff";
        return File(photo.Data, photo.ContentType);
    }
}
