using Contests.Web.Infrastructure.Security;

namespace Contests.Web.Infrastructure.Observability;

/// <summary>
/// Puts the signed-in user's id on every log line written while the request runs (a <c>UserId</c> scope), beside the
/// <c>RequestId</c> scope the host opens for each request. With <c>Logging:Console:FormatterName=json</c> and
/// <c>Logging:Console:FormatterOptions:IncludeScopes=true</c> (what the systemd unit in deploy/ sets) each line is one
/// JSON object carrying both, so an operator can follow a request or a user through the logs. The id, not the name:
/// logs travel further than the database and should hold no personal data.
/// </summary>
public sealed class UserLogScope(RequestDelegate next, ILogger<UserLogScope> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Id() is not { } userId)
        {
            await next(context);
            return;
        }
        using (logger.BeginScope("User {UserId}", userId))
        {
            await next(context);
        }
    }
}
