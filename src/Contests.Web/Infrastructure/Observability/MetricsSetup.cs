using System.Net;
using OpenTelemetry.Metrics;

namespace Contests.Web.Infrastructure.Observability;

/// <summary><c>Metrics:*</c>: who may read <c>/metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// Networks (CIDR, "10.0.0.0/8", or single addresses) whose requests may read <c>/metrics</c>; empty means loopback
    /// only (a Prometheus on the same host scraping the instance's own port). The address is the client's after
    /// <c>Security:TrustedProxies</c> are applied, so a request relayed by nginx from outside is refused.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];
}

/// <summary>
/// Metrics in Prometheus' text format at <c>/metrics</c>: ASP.NET Core's request durations by route
/// (<c>http_server_request_duration_seconds</c>, with <c>http_route</c>) and the app's own (<see cref="ContestsMetrics"/>).
/// Anyone else asking gets a 404, as if there were nothing there.
/// </summary>
public static class MetricsSetup
{
    public const string Path = "/metrics";

    public static IServiceCollection AddContestsMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = AllowedNetworks(configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions());
        services.AddSingleton(new MetricsAccess(networks));
        services.AddSingleton<ContestsMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.AspNetCore.Hosting", ContestsMetrics.MeterName)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Before routing: a request for <c>/metrics</c> from an address not allowed ends here with a 404.</summary>
    public static IApplicationBuilder UseMetricsAccess(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase)
                && !context.RequestServices.GetRequiredService<MetricsAccess>().Allows(context.Connection.RemoteIpAddress))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        });

    public static IEndpointRouteBuilder MapContestsMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(Path).AllowAnonymous();
        return endpoints;
    }

    private static IPNetwork[] AllowedNetworks(MetricsOptions options)
    {
        if (options.AllowedNetworks.Count == 0)
        {
            return [new IPNetwork(IPAddress.Loopback, 8), new IPNetwork(IPAddress.IPv6Loopback, 128)];
        }
        return [.. options.AllowedNetworks.Select((text, i) =>
            IPNetwork.TryParse(text, out var network) ? network
            : IPAddress.TryParse(text, out var address) ? new IPNetwork(address, address.GetAddressBytes().Length * 8)
            : throw new InvalidOperationException(
                $"{MetricsOptions.Section}:{nameof(MetricsOptions.AllowedNetworks)}:{i} is '{text}', not a network (\"10.0.0.0/8\") or an address."))];
    }
}

/// <summary>Whether a client address is in one of the allowed networks (an IPv4 address mapped to IPv6 counts as IPv4).</summary>
public sealed class MetricsAccess(IReadOnlyList<IPNetwork> networks)
{
    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return networks.Any(n => n.Contains(plain));
    }
}
