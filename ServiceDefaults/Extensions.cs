using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

/// <summary>
/// What every platform service gets: telemetry, health, service discovery, resilient HTTP
/// clients and RFC 7807 problem responses. Authentication is separate
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

        builder.Services.AddPlatformProblemDetails();
        // A number is a JSON number: "12" for an amount is a client's mistake to hear about, not to guess at.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        return builder;
    }
}
