using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

/// <summary>
/// What every platform process gets, as the Aspire template intends: telemetry, health, service
/// discovery, resilient HTTP clients, and error responses that carry their trace id. The HTTP edge
/// of an API (JSON rules, database outages as 503, OpenAPI) is Platform.Http's <c>AddPlatformHttp</c>. Authentication is separate
/// (<see cref="AuthenticationExtensions"/>) because Identity issues tokens rather than checks them.
/// </summary>
public static class Extensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigurePlatformTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.Services.AddTracedProblemDetails();
        return builder;
    }
}
