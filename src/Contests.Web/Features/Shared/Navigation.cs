using System.Security.Claims;
using Contests.Core.Accounts;

namespace Contests.Web.Features.Shared;

/// <summary>One entry of the main menu: a resource key for its label, where it goes, who sees it.</summary>
public sealed record NavItem(string LabelKey, string Path, IReadOnlyList<Role>? Roles)
{
    /// <summary>
    /// The key of the line the home page's tile shows under the label. Written out per entry (not built
    /// as <c>LabelKey + ".Hint"</c> in a view) so that the resource test sees every key the menu uses.
    /// </summary>
    public string? HintKey { get; init; }
}

/// <summary>
/// The main menu, by role, in one place: each feature adds its entries here. A menu entry is shown
/// only to roles its page's policy admits (the authorization matrix test checks both agree).
/// </summary>
public static class Navigation
{
    public static IReadOnlyList<NavItem> Items { get; } =
    [
        new("Nav.Home", "/", null),
        new("Nav.Registry", "/registry", [Role.ProjectOfficer, Role.FinanceOfficer, Role.Auditor, Role.Admin, Role.Monitoring]) { HintKey = "Nav.Registry.Hint" },
        new("Nav.Rounds", "/rounds", [Role.ProjectOfficer, Role.FinanceOfficer, Role.Auditor, Role.Admin, Role.Monitoring]) { HintKey = "Nav.Rounds.Hint" },
        new("Nav.Judging", "/judging", [Role.LracMember]) { HintKey = "Nav.Judging.Hint" },
        new("Nav.Programme", "/programme", [Role.ProjectOfficer, Role.FinanceOfficer, Role.Auditor, Role.Admin, Role.Monitoring]) { HintKey = "Nav.Programme.Hint" },
        new("Nav.Payouts", "/payouts", [Role.ProjectOfficer, Role.FinanceOfficer, Role.Auditor, Role.Admin, Role.Monitoring]) { HintKey = "Nav.Payouts.Hint" },
        new("Nav.Monitoring", "/monitoring", [Role.ProjectOfficer, Role.FinanceOfficer, Role.Auditor, Role.Admin, Role.Monitoring]) { HintKey = "Nav.Monitoring.Hint" },
        new("Nav.Users", "/admin/users", [Role.Admin]) { HintKey = "Nav.Users.Hint" },
        new("Nav.Audit", "/audit", [Role.Auditor, Role.Admin, Role.Monitoring]) { HintKey = "Nav.Audit.Hint" },
        new("Nav.Jobs", "/jobs", [Role.Admin]) { HintKey = "Nav.Jobs.Hint" },
        new("Nav.Account", "/account/password", null) { HintKey = "Nav.Account.Hint" },
    ];

    public static IEnumerable<NavItem> For(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Items.Where(i => i.Roles is null || i.Roles.Any(r => user.IsInRole(r.ToString())));
    }
}
