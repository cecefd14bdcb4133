using Contests.Core.Registry;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Registry;

[Route("registry/organizations"), Authorize(Policy = Policies.ReadRegistry)]
public sealed class OrganizationsController(Organizations organizations, Lookups lookups, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, OrganizationType? type, int page = 1, CancellationToken ct = default) =>
        View("Organizations", await organizations.ListAsync(q, type, page, ct));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Detail(int id, CancellationToken ct)
    {
        var view = await organizations.ViewAsync(id, ct);
        return view is null ? NotFound() : View("Organization", view);
    }

    [HttpGet("new"), Authorize(Policy = Policies.ManageRegistry)]
    public Task<IActionResult> Create(CancellationToken ct) => FormAsync(new OrganizationForm(), ct);

    [HttpPost("new"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Create(OrganizationForm form, CancellationToken ct)
    {
        var (result, organization) = await organizations.CreateAsync(form.ToInput(), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Organization.Created", organization!.Name].Value;
            return RedirectToAction(nameof(Detail), new { id = organization.Id });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        return await FormAsync(form, ct);
    }

    [HttpGet("{id:int}/edit"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var organization = await organizations.FindAsync(id, ct);
        return organization is null ? NotFound() : await FormAsync(OrganizationForm.From(organization), ct);
    }

    [HttpPost("{id:int}/edit"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Edit(int id, OrganizationForm form, CancellationToken ct)
    {
        var organization = await organizations.FindAsync(id, ct);
        if (organization is null)
        {
            return NotFound();
        }
        var result = await organizations.UpdateAsync(organization, form.ToInput(), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Organization.Saved", organization.Name].Value;
            return RedirectToAction(nameof(Detail), new { id });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        form.Id = id;
        return await FormAsync(form, ct);
    }

    [HttpPost("{id:int}/members"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> AddMember(int id, string? dni, CancellationToken ct)
    {
        var organization = await organizations.FindAsync(id, ct);
        if (organization is null)
        {
            return NotFound();
        }
        var result = await organizations.AddMemberAsync(organization, dni, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Organization.MemberAdded"].Value;
            return RedirectToAction(nameof(Detail), new { id });
        }
        // Refused: the page again, the message next to the DNI field and what was typed still in it (a redirect lost both).
        ModelState.AddModelError("dni", ModelStateExtensions.LocalizeAll(result.Errors, l));
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("Organization", await organizations.ViewAsync(id, ct));
    }

    [HttpPost("{id:int}/members/{householdId:int}/remove"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> RemoveMember(int id, int householdId, CancellationToken ct)
    {
        var organization = await organizations.FindAsync(id, ct);
        if (organization is null)
        {
            return NotFound();
        }
        await organizations.RemoveMemberAsync(organization, householdId, ct);
        TempData["Flash"] = l["Organization.MemberRemoved"].Value;
        return RedirectToAction(nameof(Detail), new { id });
    }

    private async Task<IActionResult> FormAsync(OrganizationForm form, CancellationToken ct)
    {
        ViewData["Districts"] = await lookups.DistrictsAsync(ct);
        return View("OrganizationForm", form);
    }
}
