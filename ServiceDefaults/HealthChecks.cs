using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults;

public static class HealthChecks
{
    public const string LiveTag = "live";

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// <c>/health</c> (ready: every dependency answers) and <c>/alive</c> (the process is not stuck).
    /// Mapped in every environment, not only Development: Kubernetes probes them in production.
    /// They reveal only Healthy/Unhealthy, no details, so they are safe to leave anonymous.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) }).AllowAnonymous();
        if (app.Configuration.GetValue<bool>(Telemetry.PrometheusScrapingSetting))
        {
            // For the Prometheus on this machine only: a request through the gateway or from elsewhere does not match.
            app.MapPrometheusScrapingEndpoint().RequireHost("localhost:*", "127.0.0.1:*").AllowAnonymous();
        }
        return app;
    }
}
