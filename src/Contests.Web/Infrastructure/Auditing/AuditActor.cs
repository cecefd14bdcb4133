using System.Security.Claims;

namespace Contests.Web.Infrastructure.Auditing;

/// <summary>
/// The signed-in user of the current request; outside a request (CLI verbs, jobs, start-up seeding)
/// whatever the caller named with <see cref="ActAs"/>, else "system".
/// </summary>
public sealed class AuditActor(IHttpContextAccessor httpContextAccessor) : IAuditActor
{
    private string? _overrideName;
    private int? _overrideUserId;

    public int? UserId => _overrideName is not null ? _overrideUserId : CurrentUserId();

    public string Name => _overrideName ?? CurrentUserName() ?? "system";

    /// <summary>Names the actor for work done outside a web request (e.g. <c>cli:root</c>).</summary>
    public void ActAs(string name, int? userId = null)
    {
        _overrideName = name;
        _overrideUserId = userId;
    }

    private int? CurrentUserId()
    {
        var id = httpContextAccessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        return int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private string? CurrentUserName()
    {
        var user = httpContextAccessor.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return httpContextAccessor.HttpContext is null ? null : "anonymous";
        }
        return user.Identity.Name;
    }
}
