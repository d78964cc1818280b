using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace Platform.ServiceDefaults;

/// <summary>
/// For what the browser reaches through the gateway (Identity's pages, the portal): take the
/// scheme and host the browser used from the gateway's <c>X-Forwarded-*</c> headers, so redirect URIs,
/// discovery documents and secure cookies name the public address. Trusted only from loopback and
/// the networks in <c>ForwardedHeaders:TrustedNetworks</c> (in Kubernetes the pod network).
/// </summary>
public static class ForwardedHeadersDefaults
{
    public static IApplicationBuilder UseGatewayForwardedHeaders(this WebApplication app)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        };
        foreach (var network in app.Configuration.GetSection("ForwardedHeaders:TrustedNetworks").Get<string[]>() ?? [])
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        return app.UseForwardedHeaders(options);
    }
}
