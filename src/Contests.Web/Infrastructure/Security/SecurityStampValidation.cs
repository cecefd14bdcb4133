using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Infrastructure.Security;

/// <summary>
/// A cookie stays valid only while the user is active, their security stamp is unchanged and its session was not
/// signed out. So a password change, a role change or a deactivation signs the person out on every device and
/// instance, and signing out ends that one cookie on the server (a copy of it no longer works).
/// </summary>
internal sealed class SecurityStampValidation(ContestsDbContext db, TimeProvider clock) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.Id();
        var stamp = context.Principal?.FindFirst(UserPrincipal.SecurityStampClaim)?.Value;
        var sessionId = context.Principal?.SessionId();
        var ct = context.HttpContext.RequestAborted;
        var current = id is null || sessionId is null
            ? null
            : await db.UserSessions.AsNoTracking()
                .Where(s => s.Id == sessionId && s.UserId == id)
                .Join(db.Users.Where(u => u.IsActive), s => s.UserId, u => u.Id, (s, u) => new { u.SecurityStamp, s.LastSeenUtc })
                .FirstOrDefaultAsync(ct);
        if (current is null || !string.Equals(current.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - current.LastSeenUtc >= UserSession.TouchEvery)
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenUtc, now), ct);
        }
    }

    /// <summary>Signing out deletes the session, so the cookie (and any copy of it) is refused from now on.</summary>
    public override async Task SigningOut(CookieSigningOutContext context)
    {
        if (context.HttpContext.User.SessionId() is { } sessionId)
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(context.HttpContext.RequestAborted);
        }
        await base.SigningOut(context);
    }
}
