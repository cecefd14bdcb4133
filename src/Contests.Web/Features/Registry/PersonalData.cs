using System.Security.Claims;
using Contests.Core.Registry;
using Contests.Web.Infrastructure.Security;

namespace Contests.Web.Features.Registry;

/// <summary>
/// Who sees a person's DNI in full: the roles that register people and pay them. Everyone else
/// (auditors, administrators, LRAC members) sees it masked; the rule is applied when a page renders.
/// </summary>
public static class PersonalData
{
    public static bool SeesFullDni(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Policies.SeeFullDni.Any(r => user.IsInRole(r.ToString()));
    }

    public static string ShowDni(this ClaimsPrincipal user, string? dni) =>
        user.SeesFullDni() ? dni ?? string.Empty : Dni.Mask(dni);
}
