using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Programme;

/// <summary>The programme, its local offices and its funding sources with derived balances.</summary>
[Route("programme"), Authorize(Policy = Policies.ReadRegistry)]
public sealed class ProgrammeController(ProgrammeSetup setup, Registry.Lookups lookups, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var view = await setup.ViewAsync(ct);
        if (view is null)
        {
            return User.IsInRole(nameof(Core.Accounts.Role.ProjectOfficer)) ? RedirectToAction(nameof(Edit)) : View("NotSetUp");
        }
        return View("Index", view);
    }

    [HttpGet("edit"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Edit(CancellationToken ct)
    {
        var programme = await setup.FindAsync(ct);
        return View("Edit", new ProgrammeForm { Name = programme?.Name, Funder = programme?.Funder });
    }

    [HttpPost("edit"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Edit(ProgrammeForm form, CancellationToken ct)
    {
        var result = await setup.SaveAsync(form.Name, form.Funder, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Programme.Saved"].Value;
            return RedirectToAction(nameof(Index));
        }
        ModelState.AddDomainErrors(result.Errors, l);
        return View("Edit", form);
    }

    [HttpPost("offices"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> AddOffice(OfficeForm form, CancellationToken ct)
    {
        var programme = await setup.FindAsync(ct);
        if (programme is null)
        {
            return RedirectToAction(nameof(Edit));
        }
        var result = await setup.AddOfficeAsync(programme, form.OfficeName, form.City, form.ChiefName, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Office.Added", form.OfficeName ?? string.Empty].Value;
            return RedirectToAction(nameof(Index));
        }
        ModelState.AddDomainErrors(result.Errors, l);
        ViewData["Office"] = form;
        return View("Index", (await setup.ViewAsync(ct))!);
    }

    [HttpGet("funding/new"), Authorize(Policy = Policies.ManageRegistry)]
    public Task<IActionResult> CreateSource(CancellationToken ct) => SourceFormAsync(new FundingSourceForm(), ct);

    [HttpPost("funding/new"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> CreateSource(FundingSourceForm form, CancellationToken ct)
    {
        var (result, source) = await setup.SaveSourceAsync(null, form, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Funding.Saved", source!.Name].Value;
            return RedirectToAction(nameof(Source), new { id = source.Id });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        return await SourceFormAsync(form, ct);
    }

    [HttpGet("funding/{id:int}")]
    public async Task<IActionResult> Source(int id, CancellationToken ct)
    {
        var source = await setup.FindSourceAsync(id, ct);
        if (source is null)
        {
            return NotFound();
        }
        ViewData["Districts"] = await lookups.DistrictsAsync(ct);
        ViewData["Money"] = await setup.MoneyAsync(id, ct);
        return View("Source", source);
    }

    [HttpGet("funding/{id:int}/edit"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> EditSource(int id, CancellationToken ct)
    {
        var source = await setup.FindSourceAsync(id, ct);
        return source is null
            ? NotFound()
            : await SourceFormAsync(new FundingSourceForm
            {
                Id = id, Name = source.Name, Kind = source.Kind, Committed = source.Committed.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                Themes = [.. source.Themes.Select(t => t.Theme)], Districts = [.. source.Districts.Select(d => d.Ubigeo)],
            }, ct);
    }

    [HttpPost("funding/{id:int}/edit"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> EditSource(int id, FundingSourceForm form, CancellationToken ct)
    {
        var source = await setup.FindSourceAsync(id, ct);
        if (source is null)
        {
            return NotFound();
        }
        var (result, _) = await setup.SaveSourceAsync(source, form, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Funding.Saved", source.Name].Value;
            return RedirectToAction(nameof(Source), new { id });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        form.Id = id;
        return await SourceFormAsync(form, ct);
    }

    [HttpPost("funding/{id:int}/adjust"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Adjust(int id, AdjustmentForm form, CancellationToken ct)
    {
        var source = await setup.FindSourceAsync(id, ct);
        if (source is null)
        {
            return NotFound();
        }
        var result = await setup.AdjustAsync(source, form, User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Funding.Adjusted"].Value;
            return RedirectToAction(nameof(Source), new { id });
        }
        ModelState.AddDomainErrors(result.Errors, l);
        ViewData["Districts"] = await lookups.DistrictsAsync(ct);
        ViewData["Money"] = await setup.MoneyAsync(id, ct);
        ViewData["Adjustment"] = form;
        return View("Source", source);
    }

    private async Task<IActionResult> SourceFormAsync(FundingSourceForm form, CancellationToken ct)
    {
        ViewData["Districts"] = await lookups.DistrictsAsync(ct);
        return View("SourceForm", form);
    }
}
