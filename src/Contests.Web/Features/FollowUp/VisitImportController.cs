using System.Text;
using Contests.Core.Rounds;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.FollowUp;

public sealed record VisitImportPage(ContestRound Round, ImportResult? Result, int Visits, string? Error);

/// <summary>A round's follow-up visits from a KoboToolbox/ODK export: the columns, a sample file, the upload and its report.</summary>
[Route("rounds/{roundId:int}/visits/import"), Authorize(Policy = Policies.ManageRounds)]
public sealed class VisitImportController(Rounds.RoundCatalog rounds, VisitImporter importer, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int roundId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        return round is null ? NotFound() : View("VisitImport", new VisitImportPage(round, null, 0, null));
    }

    [HttpGet("sample")]
    public async Task<IActionResult> Sample(int roundId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        return round is null
            ? NotFound()
            : File(Encoding.UTF8.GetBytes(VisitLayout.Sample()), "text/csv; charset=utf-8", $"visitas-seguimiento-ejemplo.csv");
    }

    // Up to twice the limit is read so that a file a little over it gets the message that says so, not a bare 413.
    [HttpPost(""), RequestSizeLimit((2 * VisitImporter.MaxFileBytes) + 1_000_000), RequestFormLimits(MultipartBodyLengthLimit = 2 * VisitImporter.MaxFileBytes)]
    public async Task<IActionResult> Index(int roundId, IFormFile? file, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var error = file is null || file.Length == 0 ? l["Import.NoFile"].Value
            : file.Length > VisitImporter.MaxFileBytes ? l["Import.TooLarge", VisitImporter.MaxFileBytes / 1024 / 1024].Value : null;
        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("VisitImport", new VisitImportPage(round, null, 0, error));
        }
        await using var stream = file!.OpenReadStream();
        var result = await importer.ImportAsync(round, stream, Path.GetFileName(file.FileName), User.Id()!.Value, ct);
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("VisitImport", new VisitImportPage(round, result, 0, null));
        }
        return View("VisitImport", new VisitImportPage(round, result, await importer.VisitsOfAsync(result.ImportId!.Value, ct), null));
    }
}
