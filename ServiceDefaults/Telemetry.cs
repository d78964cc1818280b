using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

public static class Telemetry
{
    /// <summary>Activity source and meter names of our own libraries (outbox relay, inbox consumers).</summary>
    public const string PlatformSourceName = "Platform.Messaging";

    public static TBuilder ConfigurePlatformTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("MassTransit")
                // Our own figures for the alerts (docs/operations.md): the outbox, background jobs, Identity's keys, database outages.
                .AddMeter(PlatformSourceName, "Platform.Jobs", "Platform.Identity", "Platform.Data", "Platform.Monitoring")
                .AddPrometheusWhereScraped(builder.Configuration))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit")
                .AddSource(PlatformSourceName)
                // Background jobs: only passes that did work start a span (Platform.Jobs.JobTelemetry).
                .AddSource("Platform.Jobs")
                .AddNpgsql()
                .AddProcessor(new BackgroundNoiseFilter())
                // Health and liveness probes every few seconds would bury the journeys operators look for.
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx =>
                    !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments("/alive"))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Where a Prometheus scrapes the service itself (the local AppHost's, #28), the metrics are also served on
    /// <c>/metrics</c> (<see cref="HealthChecks.MapDefaultEndpoints"/>). In a cluster the collector serves them to
    /// Prometheus instead (deploy/base/platform/otel-collector.yaml), under the same names.
    /// </summary>
    public const string PrometheusScrapingSetting = "Telemetry:PrometheusScraping";

    private static MeterProviderBuilder AddPrometheusWhereScraped(this MeterProviderBuilder metrics, IConfiguration configuration) =>
        configuration.GetValue<bool>(PrometheusScrapingSetting) ? metrics.AddPrometheusExporter() : metrics;
}
