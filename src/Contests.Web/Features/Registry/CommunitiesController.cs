using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Registry;

[Route("registry/communities"), Authorize(Policy = Policies.ReadRegistry)]
public sealed class CommunitiesController(Communities communities, Lookups lookups, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? district, int page = 1, CancellationToken ct = default) =>
        View("Communities", await communities.ListAsync(q, district, page, ct));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Detail(int id, CancellationToken ct)
    {
        var view = await communities.ViewAsync(id, ct);
        return view is null ? NotFound() : View("Community", view);
    }

    [HttpGet("new"), Authorize(Policy = Policies.ManageRegistry)]
    public Task<IActionResult> Create(string? district, CancellationToken ct) => FormAsync(new CommunityForm { Ubigeo = district }, ct);

    [HttpPost("new"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Create(CommunityForm form, CancellationToken ct)
    {
        var (result, community) = await communities.CreateAsync(form.ToInput(), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Community.Created", community!.Name].Value;
            return RedirectToAction(nameof(Detail), new { id = community.Id });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        return await FormAsync(form, ct);
    }

    [HttpGet("{id:int}/edit"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var community = await communities.FindAsync(id, ct);
        return community is null
            ? NotFound()
            : await FormAsync(new CommunityForm { Id = id, Name = community.Name, Ubigeo = community.DistrictUbigeo, RegistryNumber = community.RegistryNumber }, ct);
    }

    [HttpPost("{id:int}/edit"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Edit(int id, CommunityForm form, CancellationToken ct)
    {
        var community = await communities.FindAsync(id, ct);
        if (community is null)
        {
            return NotFound();
        }
        var result = await communities.UpdateAsync(community, form.ToInput(), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Community.Saved", community.Name].Value;
            return RedirectToAction(nameof(Detail), new { id });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        form.Id = id;
        return await FormAsync(form, ct);
    }

    private async Task<IActionResult> FormAsync(CommunityForm form, CancellationToken ct)
    {
        ViewData["Districts"] = await lookups.DistrictsAsync(ct);
        return View("CommunityForm", form);
    }
}
