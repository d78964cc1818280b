using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Platform.Gateway;

/// <summary>
/// Takes the caller's address from <c>X-Forwarded-For</c> only when the request comes from a
/// configured proxy (<c>Gateway:TrustedProxyNetworks</c>, e.g. the ingress's pod network), so a
/// caller cannot choose its own address to escape its rate limit.
/// </summary>
internal static class TrustedProxies
{
    public static IApplicationBuilder UseTrustedForwardedHeaders(this WebApplication app)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        foreach (var network in app.Configuration.GetSection("Gateway:TrustedProxyNetworks").Get<string[]>() ?? [])
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        return app.UseForwardedHeaders(options);
    }
}
