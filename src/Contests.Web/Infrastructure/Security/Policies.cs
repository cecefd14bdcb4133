using Contests.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Contests.Web.Infrastructure.Security;

/// <summary>
/// Authorization policies by role. A policy names what may be done; the roles that may do it are
/// listed here once. Resource checks (which round, which entry) happen in the handlers.
/// </summary>
public static class Policies
{
    public const string ManageUsers = nameof(ManageUsers);
    public const string ReadAudit = nameof(ReadAudit);

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(ManageUsers, p => p.RequireRole(nameof(Role.Admin)));
        options.AddPolicy(ReadAudit, p => p.RequireRole(nameof(Role.Auditor), nameof(Role.Admin)));
        // Everything needs a signed-in user unless marked [AllowAnonymous].
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
