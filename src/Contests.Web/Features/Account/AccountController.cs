using Contests.Web.Infrastructure;
using Contests.Web.Infrastructure.Localization;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Contests.Web.Features.Account;

[Route("account")]
public sealed class AccountController(IStringLocalizer<SharedResource> l, IOptions<SecurityOptions> security) : Controller
{
    [HttpGet("login"), AllowAnonymous]
    public IActionResult Login(string? returnUrl) =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl(returnUrl)) : View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost("login"), AllowAnonymous, EnableRateLimiting(WebSetup.LoginRateLimitPolicy)]
    public async Task<IActionResult> Login(LoginForm form, [FromServices] SignInHandler signIn, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }
        var outcome = await signIn.ExecuteAsync(form.UserName, form.Password, ct);
        switch (outcome.Status)
        {
            case SignInStatus.Succeeded:
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, outcome.Principal!);
                return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
            case SignInStatus.OneTimePasswordExpired:
                ModelState.AddModelError(string.Empty, l["SignIn.OneTimePasswordExpired", Core.Accounts.User.OneTimePasswordValidity.Days]);
                break;
            case SignInStatus.Inactive:
                ModelState.AddModelError(string.Empty, l["SignIn.Inactive"]);
                break;
            default:
                // The same words whether or not the user exists or is locked, so the page does not reveal account
                // names; the lockout rule is stated up front instead of counting down.
                ModelState.AddModelError(string.Empty, l["SignIn.Invalid", security.Value.MaxFailedSignIns, security.Value.LockoutMinutes]);
                break;
        }
        form.Password = string.Empty; // never echoed back
        return View(form);
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        // Shared phones: nothing a juror kept for the field (IndexedDB, cached pages, the service worker) outlives the session.
        Response.Headers["Clear-Site-Data"] = "\"storage\"";
        return RedirectToAction(nameof(Login));
    }

    [HttpGet("denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    [HttpGet("password")]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    /// <summary>Rate-limited like the sign-in (the same budget per client address), and wrong current passwords lock the account.</summary>
    [HttpPost("password"), EnableRateLimiting(WebSetup.LoginRateLimitPolicy)]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form, [FromServices] ChangePasswordHandler handler, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var outcome = await handler.ExecuteAsync(User.Id()!.Value, form.CurrentPassword, form.NewPassword, ct);
            if (outcome.Result.Succeeded)
            {
                // The stamp changed: other sessions end, this one (same session) gets a fresh cookie — without
                // the one-time password's restriction.
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserPrincipal.Create(outcome.User!, User.SessionId()!));
                TempData["Flash"] = l["Password.Changed"].Value;
                return RedirectToAction("Index", "Home");
            }
            if (outcome.LockedUntilUtc is { } until)
            {
                ModelState.AddModelError(string.Empty, l["SignIn.LockedOut", Display.DateTime(until)]);
            }
            else
            {
                ModelState.AddDomainErrors(outcome.Result.Errors, l);
            }
        }
        return View(new ChangePasswordForm());
    }

    /// <summary>Switches the UI language (Spanish or English) and stays on the same page.</summary>
    [HttpPost("language"), AllowAnonymous]
    public IActionResult Language(string culture, string? returnUrl)
    {
        var chosen = LocalizationSetup.Cultures.FirstOrDefault(c => c.Name == culture)?.Name ?? LocalizationSetup.DefaultCulture;
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return LocalRedirect(SafeReturnUrl(returnUrl));
    }

    private string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
