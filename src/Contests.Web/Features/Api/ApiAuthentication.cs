using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Contests.Core.Accounts;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Contests.Web.Features.Api;

/// <summary>
/// The read API's own scheme: <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>. Only the API's
/// endpoints ask for it (their policy names this scheme alone), so a sign-in cookie never authorizes <c>/api</c> and a
/// key never reaches the MVC pages, whose default scheme is the cookie.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ContestsDbContext db) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "contests:api_key";

    /// <summary>Where the authenticated key's id waits for the request log (<see cref="ApiRequestLog"/>).</summary>
    internal const string KeyIdItem = "contests:api_key_id";

    /// <summary>The token presented by the request, or null when none is.</summary>
    public static string? ReadToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }
        var header = request.Headers["X-Api-Key"].ToString().Trim();
        return header.Length == 0 ? null : header;
    }

    /// <summary>The key <paramref name="token"/> is, when it is an active one.</summary>
    public static async Task<ApiKey?> FindAsync(ContestsDbContext db, string? token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var prefix = ApiKey.PrefixOf(token);
        if (prefix is null)
        {
            return null;
        }
        var key = await db.Set<ApiKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, ct);
        return key is not null && key.Accepts(token!) ? key : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        var key = await FindAsync(db, token, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }
        Context.Items[KeyIdItem] = key.Id;
        var identity = new ClaimsIdentity(
        [
            new Claim(KeyIdClaim, key.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, "api:" + key.Prefix),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = ReadToken(Request) is not null;
        Response.Headers.WWWAuthenticate = presented
            ? "Bearer realm=\"contests-api\", error=\"invalid_token\""
            : "Bearer realm=\"contests-api\"";
        await ApiProblem.WriteAsync(Context, StatusCodes.Status401Unauthorized, presented ? "Api.KeyRejected" : "Api.KeyMissing");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblem.WriteAsync(Context, StatusCodes.Status403Forbidden, "Api.Forbidden");
}
