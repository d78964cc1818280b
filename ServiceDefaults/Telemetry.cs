using Microsoft.AspNetCore.Builder;
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
                // Our own figures for the alerts (docs/operations.md): the outbox, background jobs, Identity's keys.
                .AddMeter(PlatformSourceName, "Platform.Jobs", "Platform.Identity"))
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
}
