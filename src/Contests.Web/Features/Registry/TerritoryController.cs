using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Registry;

/// <summary>The territory (districts by UBIGEO) and the watersheds that group communities.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class TerritoryController(TerritoryRegistry territory, Watersheds watersheds, Lookups lookups, IStringLocalizer<SharedResource> l)
    : Controller
{
    [HttpGet("registry/territory")]
    public async Task<IActionResult> Districts(CancellationToken ct) => await DistrictsViewAsync(new DistrictForm(), ct);

    [HttpPost("registry/territory"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Districts(DistrictForm form, CancellationToken ct)
    {
        var result = await territory.AddDistrictAsync(new DistrictInput(form.Ubigeo, form.DepartmentName, form.ProvinceName, form.DistrictName), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["District.Added", form.DistrictName ?? string.Empty].Value;
            return RedirectToAction(nameof(Districts));
        }
        ModelState.AddDomainErrors(result.Errors, l);
        return await DistrictsViewAsync(form, ct);
    }

    [HttpGet("registry/watersheds")]
    public async Task<IActionResult> Watersheds(CancellationToken ct) => View("Watersheds", await watersheds.ListAsync(ct));

    [HttpGet("registry/watersheds/new"), Authorize(Policy = Policies.ManageRegistry)]
    public Task<IActionResult> CreateWatershed(CancellationToken ct) => WatershedFormAsync(new WatershedForm(), ct);

    [HttpPost("registry/watersheds/new"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> CreateWatershed(WatershedForm form, CancellationToken ct)
    {
        var (result, _) = await watersheds.SaveAsync(null, form.Name, form.CommunityIds, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Watershed.Saved", form.Name ?? string.Empty].Value;
            return RedirectToAction(nameof(Watersheds));
        }
        ModelState.AddDomainErrors(result.Errors, l);
        return await WatershedFormAsync(form, ct);
    }

    [HttpGet("registry/watersheds/{id:int}"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> EditWatershed(int id, CancellationToken ct)
    {
        var watershed = await watersheds.FindAsync(id, ct);
        return watershed is null
            ? NotFound()
            : await WatershedFormAsync(new WatershedForm { Id = id, Name = watershed.Name, CommunityIds = [.. watershed.Communities.Select(c => c.CommunityId)] }, ct);
    }

    [HttpPost("registry/watersheds/{id:int}"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> EditWatershed(int id, WatershedForm form, CancellationToken ct)
    {
        var watershed = await watersheds.FindAsync(id, ct);
        if (watershed is null)
        {
            return NotFound();
        }
        var (result, _) = await watersheds.SaveAsync(watershed, form.Name, form.CommunityIds, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Watershed.Saved", watershed.Name].Value;
            return RedirectToAction(nameof(Watersheds));
        }
        ModelState.AddDomainErrors(result.Errors, l);
        form.Id = id;
        return await WatershedFormAsync(form, ct);
    }

    private async Task<IActionResult> DistrictsViewAsync(DistrictForm form, CancellationToken ct)
    {
        ViewData["Districts"] = await lookups.DistrictsAsync(ct);
        return View("Districts", form);
    }

    private async Task<IActionResult> WatershedFormAsync(WatershedForm form, CancellationToken ct)
    {
        ViewData["Communities"] = await lookups.CommunitiesAsync(ct);
        return View("WatershedForm", form);
    }
}
