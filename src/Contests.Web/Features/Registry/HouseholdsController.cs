using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Registry;

[Route("registry/households"), Authorize(Policy = Policies.ReadRegistry)]
public sealed class HouseholdsController(Households households, Lookups lookups, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int? community, bool women = false, int page = 1, CancellationToken ct = default) =>
        View("Households", await households.ListAsync(new HouseholdFilter(q, community, women), page, await lookups.CommunitiesAsync(ct),
            User.SeesFullDni(), ct));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Detail(int id, CancellationToken ct)
    {
        var view = await households.ViewAsync(id, ct);
        if (view is null)
        {
            return NotFound();
        }
        ViewData["Communities"] = await lookups.CommunitiesAsync(ct);
        return View("Household", view);
    }

    [HttpGet("new"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Create(int? community, CancellationToken ct) =>
        await FormAsync(new HouseholdForm { CommunityId = community }, ct);

    [HttpPost("new"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Create(HouseholdForm form, CancellationToken ct)
    {
        var (result, household) = await households.RegisterAsync(form.ToInput(), form.CommunityId, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Household.Registered", household!.HeadFullName].Value;
            return RedirectToAction(nameof(Detail), new { id = household.Id });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        ViewData["Duplicates"] = DuplicateHouseholds(result.Errors);
        return await FormAsync(form, ct);
    }

    [HttpGet("{id:int}/edit"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var household = await households.FindAsync(id, ct);
        return household is null ? NotFound() : await FormAsync(HouseholdForm.From(household), ct);
    }

    [HttpPost("{id:int}/edit"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Edit(int id, HouseholdForm form, CancellationToken ct)
    {
        var household = await households.FindAsync(id, ct);
        if (household is null)
        {
            return NotFound();
        }
        var result = await households.UpdateAsync(household, form.ToInput(), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Household.Saved", household.HeadFullName].Value;
            return RedirectToAction(nameof(Detail), new { id });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        ViewData["Duplicates"] = DuplicateHouseholds(result.Errors);
        form.Id = id;
        form.CommunityId = household.CommunityId;
        return await FormAsync(form, ct);
    }

    [HttpPost("{id:int}/move"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Move(int id, int? communityId, CancellationToken ct)
    {
        var household = await households.FindAsync(id, ct);
        if (household is null)
        {
            return NotFound();
        }
        var result = await households.MoveAsync(household, communityId, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Household.Moved"].Value;
            return RedirectToAction(nameof(Detail), new { id });
        }
        // The page again, the problem beside the community chosen (and that choice kept when it is still offered).
        ModelState.AddDomainErrors(result.Errors.Select(e => e with { Field = "communityId" }), l);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        ViewData["Communities"] = await lookups.CommunitiesAsync(ct);
        ViewData["MoveTo"] = communityId;
        return View("Household", await households.ViewAsync(id, ct));
    }

    /// <summary>The households a refused DNI already belongs to, so the form can link to them.</summary>
    private static List<int> DuplicateHouseholds(IEnumerable<Core.Common.DomainError> errors) =>
        [.. errors.Where(e => e.Code is "Dni.TakenByHead" or "Dni.TakenByPartner").Select(e => (int)e.Arguments[2]).Distinct()];

    private async Task<IActionResult> FormAsync(HouseholdForm form, CancellationToken ct)
    {
        ViewData["Communities"] = await lookups.CommunitiesAsync(ct);
        return View("HouseholdForm", form);
    }
}
