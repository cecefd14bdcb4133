using Contests.Core.Registry;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Registry;

[Route("registry/accounts"), Authorize(Policy = Policies.ReadRegistry)]
public sealed class AccountsController(BankAccounts accounts, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(bool unverified = false, int page = 1, CancellationToken ct = default) =>
        View("Accounts", await accounts.ListAsync(unverified, page, ct));

    [HttpGet("new"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Create(AccountHolderKind holder, int id, CancellationToken ct)
    {
        var name = await accounts.HolderNameAsync(holder, id, ct);
        return name is null
            ? NotFound()
            : View("AccountForm", new BankAccountForm { HolderKind = holder, HolderId = id, HolderLabel = name, HolderName = name });
    }

    [HttpPost("new"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Create(BankAccountForm form, CancellationToken ct)
    {
        var name = await accounts.HolderNameAsync(form.HolderKind, form.HolderId, ct);
        if (name is null)
        {
            return NotFound();
        }
        var (result, _) = await accounts.OpenAsync(form.HolderKind, form.HolderId, form.ToInput(), User.Id(), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Account.Opened"].Value;
            return Redirect(HolderPath(form.HolderKind, form.HolderId));
        }
        ModelState.AddDomainErrors(result.Errors, l);
        form.HolderLabel = name;
        return View("AccountForm", form);
    }

    [HttpGet("{id:int}/edit"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var account = await accounts.FindAsync(id, ct);
        if (account is null)
        {
            return NotFound();
        }
        return View("AccountForm", new BankAccountForm
        {
            Id = id, HolderKind = account.HolderKind, HolderId = account.HolderId,
            HolderLabel = await accounts.HolderNameAsync(account.HolderKind, account.HolderId, ct),
            BankName = account.BankName, AccountNumber = account.AccountNumber, Cci = account.Cci, HolderName = account.HolderName,
        });
    }

    [HttpPost("{id:int}/edit"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Edit(int id, BankAccountForm form, CancellationToken ct)
    {
        var account = await accounts.FindAsync(id, ct);
        if (account is null)
        {
            return NotFound();
        }
        var wasVerified = account.IsVerified;
        var result = await accounts.UpdateAsync(account, form.ToInput(), User.Id(), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = wasVerified && !account.IsVerified ? l["Account.SavedUnverified"].Value : l["Account.Saved"].Value;
            return Redirect(HolderPath(account.HolderKind, account.HolderId));
        }
        ModelState.AddDomainErrors(result.Errors, l);
        form.Id = id;
        form.HolderKind = account.HolderKind;
        form.HolderId = account.HolderId;
        form.HolderLabel = await accounts.HolderNameAsync(account.HolderKind, account.HolderId, ct);
        return View("AccountForm", form);
    }

    [HttpPost("{id:int}/verify"), Authorize(Policy = Policies.VerifyBankAccounts)]
    public async Task<IActionResult> Verify(int id, string? returnTo, CancellationToken ct)
    {
        var account = await accounts.FindAsync(id, ct);
        if (account is null)
        {
            return NotFound();
        }
        var result = await accounts.VerifyAsync(account, User.Id()!.Value, User.Identity!.Name ?? string.Empty, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = l["Account.Verified"].Value;
        }
        else
        {
            TempData["Error"] = ModelStateExtensions.LocalizeAll(result.Errors, l);
        }
        return returnTo == "list" ? RedirectToAction(nameof(Index), new { unverified = true }) : Redirect(HolderPath(account.HolderKind, account.HolderId));
    }

    [HttpPost("{id:int}/deactivate"), Authorize(Policy = Policies.ManageRegistry)]
    public async Task<IActionResult> Deactivate(int id, CancellationToken ct)
    {
        var account = await accounts.FindAsync(id, ct);
        if (account is null)
        {
            return NotFound();
        }
        await accounts.DeactivateAsync(account, ct);
        TempData["Flash"] = l["Account.Deactivated"].Value;
        return Redirect(HolderPath(account.HolderKind, account.HolderId));
    }

    public static string HolderPath(AccountHolderKind kind, int id) => kind switch
    {
        AccountHolderKind.Community => $"/registry/communities/{id}",
        AccountHolderKind.Organization => $"/registry/organizations/{id}",
        _ => $"/registry/households/{id}",
    };
}
