using System.ComponentModel.DataAnnotations;
using Contests.Core.Accounts;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Api;

public sealed class ApiKeyForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(ApiKey.NameMaxLength, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Name")]
    public string Name { get; set; } = string.Empty;
}

public sealed record ApiKeysPage(IReadOnlyList<ApiKeyRow> Keys, ApiKeyForm Form);

/// <summary>The read API's keys (administrators): list, issue — the token shown once —, revoke.</summary>
[Route("admin/api-keys"), Authorize(Policy = ApiSetup.ManageApiKeysPolicy)]
public sealed class ApiKeysController(ApiKeys keys, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(new ApiKeysPage(await keys.ListAsync(ct), new ApiKeyForm()));

    [HttpPost("")]
    public async Task<IActionResult> Create([Bind(Prefix = "Form")] ApiKeyForm form, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var (result, token) = await keys.IssueAsync(form.Name, User.Id()!.Value, ct);
            if (result.Succeeded)
            {
                // Shown on this answer only: not in TempData (a cookie), not in a URL, and not kept by any cache.
                Response.Headers.CacheControl = "no-store";
                ViewData["Name"] = form.Name;
                return View("Created", token);
            }
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Form." + (error.Field ?? string.Empty), ModelStateExtensions.Localize(error, l));
            }
        }
        return View(nameof(Index), new ApiKeysPage(await keys.ListAsync(ct), form));
    }

    [HttpPost("{id:int}/revoke")]
    public async Task<IActionResult> Revoke(int id, CancellationToken ct)
    {
        var result = await keys.RevokeAsync(id, User.Id()!.Value, ct);
        if (result is null)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Flash"] = l["ApiKeys.Revoked"].Value;
        }
        else
        {
            TempData["Error"] = ModelStateExtensions.LocalizeAll(result.Errors, l);
        }
        return RedirectToAction(nameof(Index));
    }
}
