using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Rounds;

public sealed record EntryImportPage(ContestRound Round, EntryImportResult? Result, string? Error);

/// <summary>A round's entries: register, list, withdraw or disqualify, and each entry's baseline with photos.</summary>
[Route("rounds/{roundId:int}/entries"), Authorize(Policy = Policies.ReadRounds)]
public sealed class EntriesController(RoundCatalog rounds, Entries entries, Baselines baselines, IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>Photos up to the limit plus room for the form: a bigger upload still gets a clear message, not a bare 413.</summary>
    private const long UploadLimit = 25 * 1024 * 1024;

    /// <summary>An entries file lists at most a few thousand competitors: 2 MB is plenty.</summary>
    private const long ImportMaxBytes = 2 * 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(int roundId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        ViewData["Round"] = round;
        return View("Entries", await entries.ListAsync(roundId, ct));
    }

    [HttpGet("new"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Register(int roundId, string? q, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        return round is null ? NotFound() : await RegisterFormAsync(round, q, new EntryForm(), ct);
    }

    [HttpPost("new"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Register(int roundId, string? q, EntryForm form, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        var (result, entry) = await entries.RegisterAsync(round, form, User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Entry.Registered", entry!.CompetitorName, entry.Number, entry.PoolName].Value
                + (entry.NoVerifiedAccount ? " " + l["Entry.NoVerifiedAccount"].Value : string.Empty);
            return Redirect($"/rounds/{roundId}/entries/new?q={Uri.EscapeDataString(q ?? string.Empty)}");
        }
        ModelState.AddDomainErrors(result.Errors, l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await RegisterFormAsync(round, q, form, ct);
    }

    [HttpGet("import"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Import(int roundId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        return round is null ? NotFound() : View("Import", new EntryImportPage(round, null, null));
    }

    [HttpGet("import/template"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> ImportTemplate(int roundId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        return round is null
            ? NotFound()
            : File(System.Text.Encoding.UTF8.GetBytes(Entries.ImportTemplate(round.Level)), "text/csv; charset=utf-8", $"inscritos-concurso-{roundId}.csv");
    }

    [HttpPost("import"), Authorize(Policy = Policies.ManageRounds)]
    [RequestSizeLimit(2 * ImportMaxBytes), RequestFormLimits(MultipartBodyLengthLimit = 2 * ImportMaxBytes)]
    public async Task<IActionResult> Import(int roundId, IFormFile? file, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        if (round is null)
        {
            return NotFound();
        }
        string? error = file is null || file.Length == 0 ? l["Import.NoFile"].Value
            : file.Length > ImportMaxBytes ? l["Import.TooLarge", ImportMaxBytes / 1024 / 1024].Value : null;
        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Import", new EntryImportPage(round, null, error));
        }
        await using var stream = file!.OpenReadStream();
        var result = await entries.ImportAsync(round, stream, Path.GetFileName(file.FileName), User.Id()!.Value, ct);
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return View("Import", new EntryImportPage(round, result, null));
    }

    [HttpGet("{entryId:int}")]
    public async Task<IActionResult> Show(int roundId, int entryId, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        var entry = round is null ? null : await entries.FindAsync(roundId, entryId, ct);
        return entry is null ? NotFound() : EntryView(round!, entry, null);
    }

    [HttpPost("{entryId:int}/withdraw"), Authorize(Policy = Policies.ManageRounds)]
    public Task<IActionResult> Withdraw(int roundId, int entryId, ReasonForm form, CancellationToken ct) => LeaveAsync(roundId, entryId, false, form, ct);

    [HttpPost("{entryId:int}/disqualify"), Authorize(Policy = Policies.ManageRounds)]
    public Task<IActionResult> Disqualify(int roundId, int entryId, ReasonForm form, CancellationToken ct) => LeaveAsync(roundId, entryId, true, form, ct);

    [HttpPost("{entryId:int}/baseline"), Authorize(Policy = Policies.ManageRounds)]
    public async Task<IActionResult> Baseline(int roundId, int entryId, BaselineForm form, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        var entry = round is null ? null : await entries.FindAsync(roundId, entryId, ct);
        if (entry is null)
        {
            return NotFound();
        }
        var result = await baselines.SaveAsync(round!, entry, form, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Baseline.Saved"].Value;
            return RedirectToAction(nameof(Show), new { roundId, entryId });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return EntryView(round!, entry, form);
    }

    [HttpPost("{entryId:int}/photos"), Authorize(Policy = Policies.ManageRounds)]
    [RequestSizeLimit(UploadLimit), RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
    public async Task<IActionResult> AddPhoto(int roundId, int entryId, IFormFile? photo, BaselineForm form, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        var entry = round is null ? null : await entries.FindAsync(roundId, entryId, ct);
        if (entry is null)
        {
            return NotFound();
        }
        // The entry page's upload posts the activities typed so far with the photo: they come back as typed.
        var typed = Request.HasFormContentType && Request.Form.Keys.Any(k => k.StartsWith("Items[", StringComparison.Ordinal)) ? form : null;
        var result = await baselines.AddPhotoAsync(round!, entry, photo, User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Photo.Added"].Value;
            if (typed is null || typed.SameAs(StoredBaseline(entry)))
            {
                return RedirectToAction(nameof(Show), new { roundId, entryId });
            }
            TempData["Flash"] = l["Photo.AddedBaselineUnsaved"].Value;
            return EntryView(round!, entry, typed);
        }
        ModelState.AddDomainErrors(result.Errors, l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return EntryView(round!, entry, typed);
    }

    /// <summary>The photo as stored (full size, without metadata).</summary>
    [HttpGet("{entryId:int}/photos/{photoId:int}")]
    public Task<IActionResult> Photo(int roundId, int entryId, int photoId, CancellationToken ct) => PhotoAsync(roundId, entryId, photoId, false, ct);

    /// <summary>The copy for phones (≤ 1280 px, ≤ 200 KB), what the entry page shows.</summary>
    [HttpGet("{entryId:int}/photos/{photoId:int}/phone")]
    public Task<IActionResult> PhonePhoto(int roundId, int entryId, int photoId, CancellationToken ct) => PhotoAsync(roundId, entryId, photoId, true, ct);

    private async Task<IActionResult> PhotoAsync(int roundId, int entryId, int photoId, bool phone, CancellationToken ct)
    {
        var entry = await entries.FindAsync(roundId, entryId, ct);
        var found = entry is null ? null : await baselines.PhotoAsync(entry, photoId, phone, ct);
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

    private async Task<IActionResult> LeaveAsync(int roundId, int entryId, bool disqualify, ReasonForm form, CancellationToken ct)
    {
        var round = await rounds.FindAsync(roundId, ct);
        var entry = round is null ? null : await entries.FindAsync(roundId, entryId, ct);
        if (entry is null)
        {
            return NotFound();
        }
        var result = await entries.LeaveAsync(round!, entry, disqualify, form.Reason, User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l[disqualify ? "Entry.Disqualified" : "Entry.Withdrawn", entry.CompetitorName].Value;
            return RedirectToAction(nameof(Show), new { roundId, entryId });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        ViewData[disqualify ? "Disqualify" : "Withdraw"] = form;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return EntryView(round!, entry, null);
    }

    private ViewResult EntryView(ContestRound round, Entry entry, BaselineForm? form)
    {
        ViewData["Round"] = round;
        ViewData["Baseline"] = form ?? StoredBaseline(entry);
        return View("Entry", entry);
    }

    /// <summary>The entry's saved baseline as the form shows it.</summary>
    private static BaselineForm StoredBaseline(Entry entry) => new()
    {
        Items = [.. entry.Baseline.OrderBy(b => b.Position).Select(b => new BaselineItemForm
        {
            Activity = b.Activity, Quantity = b.Quantity.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), Unit = b.Unit,
            EstimatedValue = b.EstimatedValue?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), Notes = b.Notes,
        })],
    };

    private async Task<IActionResult> RegisterFormAsync(ContestRound round, string? q, EntryForm form, CancellationToken ct)
    {
        ViewData["Round"] = round;
        ViewData["Q"] = q;
        ViewData["Candidates"] = await entries.SearchAsync(round, q, ct);
        ViewData["Recent"] = (await entries.ListAsync(round.Id, ct)).OrderByDescending(e => e.Number).Take(10).ToList();
        return View("Register", form);
    }
}
