using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Admin;

[Route("admin/users"), Authorize(Policy = Policies.ManageUsers)]
public sealed class UsersController(UserAdministration users, TimeProvider clock, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int page = 1, CancellationToken ct = default) =>
        View(await users.ListAsync(q, page, ct));

    [HttpGet("new")]
    public IActionResult Create() => View(new CreateUserForm());

    [HttpPost("new")]
    public async Task<IActionResult> Create(CreateUserForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // Say everything that is wrong in one go, not one round of errors after another.
            ModelState.AddDomainErrors(await users.ValidateNewAsync(form.UserName, form.DisplayName, form.Roles, form.Password, ct), l);
        }
        else
        {
            var (result, user) = await users.CreateAsync(form.UserName, form.DisplayName, form.Roles, form.Password, oneTime: true, ct);
            if (result.Succeeded)
            {
                TempData["Flash"] = l["Users.Created", user!.UserName].Value;
                return RedirectToAction(nameof(Index));
            }
            ModelState.AddDomainErrors(result.Errors, l);
        }
        form.Password = string.Empty;
        return View(form);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var user = await users.FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        ViewData["Now"] = clock.GetUtcNow().UtcDateTime;
        return View(EditForm(user));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> Edit(int id, EditUserForm form, CancellationToken ct)
    {
        var user = await users.FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            var result = await users.UpdateAsync(user, User.Id()!.Value, form.DisplayName, form.Roles, form.IsActive, ct);
            if (result.Succeeded)
            {
                TempData["Flash"] = l["Users.Saved", user.UserName].Value;
                return RedirectToAction(nameof(Index));
            }
            ModelState.AddDomainErrors(result.Errors, l);
        }
        form.Id = user.Id;
        form.UserName = user.UserName;
        form.LockoutEndUtc = user.LockoutEndUtc;
        ViewData["Now"] = clock.GetUtcNow().UtcDateTime;
        return View(form);
    }

    [HttpPost("{id:int}/password")]
    public async Task<IActionResult> SetPassword(int id, SetPasswordForm form, CancellationToken ct)
    {
        var user = await users.FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            var result = await users.SetPasswordAsync(user, form.Password, ct);
            if (result.Succeeded)
            {
                TempData["Flash"] = l["Users.PasswordSet", user.UserName].Value;
                return RedirectToAction(nameof(Edit), new { id });
            }
            ModelState.AddModelError(nameof(SetPasswordForm.Password), ModelStateExtensions.LocalizeAll(result.Errors, l));
        }
        // Refused: the user's page again with the message next to the password field (a redirect put it in a banner).
        ViewData["Now"] = clock.GetUtcNow().UtcDateTime;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Edit), EditForm(user));
    }

    [HttpPost("{id:int}/unlock")]
    public async Task<IActionResult> Unlock(int id, CancellationToken ct)
    {
        var user = await users.FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        await users.UnlockAsync(user, ct);
        TempData["Flash"] = l["Users.Unlocked", user.UserName].Value;
        return RedirectToAction(nameof(Edit), new { id });
    }

    private static EditUserForm EditForm(Contests.Core.Accounts.User user) => new()
    {
        Id = user.Id,
        UserName = user.UserName,
        DisplayName = user.DisplayName,
        Roles = [.. user.Roles.Select(r => r.Role)],
        IsActive = user.IsActive,
        LockoutEndUtc = user.LockoutEndUtc,
    };
}
