using Contests.Web.Infrastructure.Persistence;

namespace Contests.Web.Features.Api;

/// <summary>
/// Records every answer under <c>/api/v1</c> (key, path, status, time) in <c>api_requests</c>, just before the answer
/// starts, so the record exists by the time the client reads it. Refusals are recorded too: a 401 without a key (or with
/// an unknown one) has no key; a 429 names the key whose budget ran out, although authentication never ran for it.
/// </summary>
public sealed class ApiRequestLog(RequestDelegate next, IServiceScopeFactory scopes, TimeProvider clock)
{
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsApi(context.Request.Path))
        {
            return next(context);
        }
        var path = context.Request.Path + context.Request.QueryString;
        var asked = clock.GetUtcNow().UtcDateTime;
        context.Response.OnStarting(async () =>
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
            var keyId = context.Items[ApiKeyAuthentication.KeyIdItem] as int?;
            if (keyId is null && context.Response.StatusCode == StatusCodes.Status429TooManyRequests)
            {
                keyId = (await ApiKeyAuthentication.FindAsync(db, ApiKeyAuthentication.ReadToken(context.Request), CancellationToken.None))?.Id;
            }
            db.Add(new ApiRequest(keyId, path, context.Response.StatusCode, asked));
            await db.SaveChangesAsync(CancellationToken.None);
        });
        return next(context);
    }
}
