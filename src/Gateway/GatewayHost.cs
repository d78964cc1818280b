using Platform.ServiceDefaults;

namespace Platform.Gateway;

/// <summary>The gateway's host: YARP routes from configuration, destinations by service discovery.</summary>
internal static class GatewayHost
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddGatewayAuthentication();
        builder.AddGatewayLimits();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Behind an ingress every caller would share the ingress's address: rate limits per address need the real one.
        app.UseTrustedForwardedHeaders();
        // After the forwarded headers: HSTS needs the scheme the caller used at the ingress.
        app.UseSecurityHeaders();
        app.UseRequestBodyLimit();
        // Authenticate before rate limiting so each client has its own budget; anonymous callers share one per address.
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapDefaultEndpoints();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseUnavailableAsRetryLater();
            // YARP's default pipeline, which a custom one replaces.
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
