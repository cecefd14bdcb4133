using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Contests.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Contests.Web.Features.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Requests one key may make per minute (a fixed window); more get 429 with <c>Retry-After</c>.</summary>
    public int RequestsPerMinute { get; set; } = 60;
}

/// <summary>The read API's wiring: its key scheme and policies, the rate limit per key, the request log, the OpenAPI document.</summary>
public static class ApiSetup
{
    public const string ReadPolicy = "ApiRead";
    public const string ManageApiKeysPolicy = "ManageApiKeys";
    public const string RateLimitPolicy = "api";
    public const string DocumentName = "v1";

    public static IServiceCollection AddContestsApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section));
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.Configure<AuthorizationOptions>(o =>
        {
            // Only the key scheme is asked: the cookie of a signed-in person never authorizes the API.
            o.AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireClaim(ApiKeyAuthentication.KeyIdClaim));
            o.AddPolicy(ManageApiKeysPolicy, p => p.RequireRole(nameof(Role.Admin)));
        });
        services.Configure<RateLimiterOptions>(o => o.AddPolicy<string, ApiRateLimit>(RateLimitPolicy));
        services.AddScoped<ApiKeys>();
        services.AddScoped<ApiReads>();
        services.AddScoped<ApiIndicatorReads>();
        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Contests read API";
                document.Info.Description = "Rounds, published results, awards by funding source, payouts summary and follow-up visits. "
                    + "Send the key as `Authorization: Bearer <key>` (or `X-Api-Key`). No DNI or bank account is ever served.";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Before the rate limiter, so that refusals (401, 429) are logged too.</summary>
    public static IApplicationBuilder UseContestsApiLog(this IApplicationBuilder app) => app.UseMiddleware<ApiRequestLog>();

    public static IEndpointRouteBuilder MapContestsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/api/{documentName}/openapi.json").AllowAnonymous();
        return endpoints;
    }
}

/// <summary>
/// A fixed window per key. The limiter runs before authentication, so the partition is the SHA-256 of the token presented
/// (a key's budget is spent only by that key); requests without a token share their client address's.
/// </summary>
internal sealed class ApiRateLimit(IOptions<ApiOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, ct) =>
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblem.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Api.RateLimited");
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var token = ApiKeyAuthentication.ReadToken(httpContext.Request);
        var partition = token is null
            ? "ip:" + httpContext.Connection.RemoteIpAddress
            : "key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var perMinute = options.Value.RequestsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(partition,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}
