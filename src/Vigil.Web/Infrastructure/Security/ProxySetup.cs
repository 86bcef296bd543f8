using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// Behind a reverse proxy, the client's address is the proxy's unless the proxy's <c>X-Forwarded-For</c> is believed.
/// Only the proxies named in <c>Vigil:ForwardedHeaders:KnownProxies</c> (addresses) and
/// <c>Vigil:ForwardedHeaders:KnownNetworks</c> (CIDR ranges) are believed; by default none is, so a forged header
/// from the internet changes nothing (the rate limits partition by the real peer).
/// </summary>
public static class ProxySetup
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vigil:ForwardedHeaders";

    public static IServiceCollection AddProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Values(configuration, "KnownProxies").Select(text => IPAddress.TryParse(text, out var address)
            ? address
            : throw new InvalidOperationException($"{Section}:KnownProxies: '{text}' is not an IP address.")).ToList();
        var networks = Values(configuration, "KnownNetworks").Select(text => System.Net.IPNetwork.TryParse(text, out var network)
            ? network
            : throw new InvalidOperationException($"{Section}:KnownNetworks: '{text}' is not a network in CIDR form (10.0.0.0/8).")).ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // With both lists empty the middleware would believe every peer: then it reads no header at all.
            options.ForwardedHeaders = proxies.Count + networks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; Vigil trusts only what the operator names.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the older list of networks (loopback by default) is still consulted
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }

            // Only the address the nearest trusted proxy saw: earlier hops are the client's own words.
            options.ForwardLimit = 1;
        });
        return services;
    }

    /// <summary>A list setting: an array (<c>KnownProxies:0</c>, …) or one comma-separated value.</summary>
    private static IEnumerable<string> Values(IConfiguration configuration, string name)
    {
        var section = configuration.GetSection(Section).GetSection(name);
        var items = section.GetChildren().Select(c => c.Value).ToList();
        if (section.Value is { } single)
        {
            items.Add(single);
        }

        return items.SelectMany(v => (v ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
