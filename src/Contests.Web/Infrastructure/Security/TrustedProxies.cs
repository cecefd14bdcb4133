using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Contests.Web.Infrastructure.Security;

/// <summary>
/// Which reverse proxies may say who the client is (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>). Only the
/// addresses or networks in <c>Security:TrustedProxies</c>: ASP.NET Core's defaults also trust loopback, which let
/// anyone on the same host pose as any address and so escape the per-address sign-in rate limit. With nothing
/// configured the forwarded headers are not read at all.
/// </summary>
internal static class TrustedProxies
{
    public static ForwardedHeadersOptions Options(IEnumerable<string> proxies)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies.Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (proxy.Contains('/', StringComparison.Ordinal))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            }
            else
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        }
        return options;
    }
}
