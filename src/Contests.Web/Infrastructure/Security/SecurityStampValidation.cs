using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Infrastructure.Security;

/// <summary>
/// A cookie stays valid only while the user is active and their security stamp is unchanged, so a
/// password change, a role change or a deactivation signs the person out on every device and instance.
/// </summary>
internal sealed class SecurityStampValidation : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.Id();
        var stamp = context.Principal?.FindFirst(UserPrincipal.SecurityStampClaim)?.Value;
        var db = context.HttpContext.RequestServices.GetRequiredService<ContestsDbContext>();
        var current = id is null
            ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == id && u.IsActive).Select(u => u.SecurityStamp)
                .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current is null || !string.Equals(current, stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
