using Microsoft.AspNetCore.Authorization;

namespace Contests.Web.Infrastructure.Security;

/// <summary>
/// What the signed-in user may do, asked by a view of the same named policy (<see cref="Policies"/>) that the action
/// behind a button or form checks — so a button shows exactly when its action would accept the request, and no view
/// names a role. One per request; each policy is evaluated once.
/// </summary>
public sealed class PagePermissions(IAuthorizationService authorization, IHttpContextAccessor http)
{
    private readonly Dictionary<string, bool> _answers = new(StringComparer.Ordinal);

    /// <summary>Whether the current user satisfies <paramref name="policy"/> (false when nobody is signed in).</summary>
    public async Task<bool> AllowsAsync(string policy)
    {
        if (_answers.TryGetValue(policy, out var known))
        {
            return known;
        }
        var user = http.HttpContext?.User;
        var allowed = user?.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(user, policy)).Succeeded;
        _answers[policy] = allowed;
        return allowed;
    }
}
