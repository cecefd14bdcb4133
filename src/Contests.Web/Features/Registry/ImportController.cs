using System.Text;
using Contests.Web.Features.Registry.Import;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Registry;

public sealed record ImportPage(ImportKind Kind, ImportResult? Result, string? Error);

/// <summary>CSV import of households, communities and organizations: template, upload, row-by-row report.</summary>
[Route("registry/import"), Authorize(Policy = Policies.ManageRegistry)]
public sealed class ImportController(RegistryImporter importer, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public IActionResult Index(ImportKind kind = ImportKind.Households) =>
        ImportKinds.IsRegistry(kind) ? View("Import", new ImportPage(kind, null, null)) : NotFound();

    [HttpGet("template/{kind}")]
    public IActionResult Template(ImportKind kind) => ImportKinds.IsRegistry(kind)
        ? File(Encoding.UTF8.GetBytes(ImportLayouts.Template(kind)), "text/csv; charset=utf-8", $"plantilla-{Slug(kind)}.csv")
        : NotFound();

    // The server accepts up to twice the limit so that a file a little over it gets the message that says
    // so (the page's script checks the size before uploading anyway); beyond that the server answers 413.
    [HttpPost(""), RequestSizeLimit((2 * RegistryImporter.MaxFileBytes) + 1_000_000), RequestFormLimits(MultipartBodyLengthLimit = 2 * RegistryImporter.MaxFileBytes)]
    public async Task<IActionResult> Index(ImportKind kind, IFormFile? file, CancellationToken ct)
    {
        if (!ImportKinds.IsRegistry(kind))
        {
            return NotFound(); // follow-up visits have their own page, under their round
        }
        if (file is null || file.Length == 0)
        {
            return View("Import", new ImportPage(kind, null, l["Import.NoFile"]));
        }
        if (file.Length > RegistryImporter.MaxFileBytes)
        {
            return View("Import", new ImportPage(kind, null, l["Import.TooLarge", RegistryImporter.MaxFileBytes / 1024 / 1024]));
        }
        await using var stream = file.OpenReadStream();
        var result = await importer.ImportAsync(kind, stream, Path.GetFileName(file.FileName), User.Id(), null, ct);
        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return View("Import", new ImportPage(kind, result, null));
    }

    public static string Slug(ImportKind kind) => kind switch
    {
        ImportKind.Households => "familias",
        ImportKind.Communities => "comunidades",
        _ => "organizaciones",
    };
}
