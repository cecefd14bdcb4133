using System.Globalization;
using System.Security.Claims;
using Contests.Core.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Contests.Web.Infrastructure.Security;

/// <summary>The claims a signed-in user carries in the cookie.</summary>
public static class UserPrincipal
{
    public const string DisplayNameClaim = "contests:display_name";
    public const string SecurityStampClaim = "contests:stamp";

    /// <summary>The <see cref="UserSession"/> this cookie belongs to (signing out deletes it).</summary>
    public const string SessionClaim = "contests:session";

    /// <summary>Present while the person signed in with a one-time password: they may only choose their own.</summary>
    public const string MustChangePasswordClaim = "contests:must_change_password";

    public static ClaimsPrincipal Create(User user, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(DisplayNameClaim, user.DisplayName),
            new(SecurityStampClaim, user.SecurityStamp),
            new(SessionClaim, sessionId),
        };
        if (user.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePasswordClaim, "true"));
        }
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r.Role.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static int? Id(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }

    public static string? SessionId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirstValue(SessionClaim);
    }

    public static bool MustChangePassword(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.HasClaim(c => c.Type == MustChangePasswordClaim);
    }

    public static string DisplayName(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirstValue(DisplayNameClaim) ?? principal.Identity?.Name ?? string.Empty;
    }

    public static IReadOnlyList<Role> Roles(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindAll(ClaimTypes.Role)
            .Select(c => Enum.TryParse<Role>(c.Value, out var role) ? role : (Role?)null)
            .OfType<Role>().Order().ToList();
    }
}
