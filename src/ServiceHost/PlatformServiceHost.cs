using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Platform.Data;
using Platform.Http;
using Platform.Http.Idempotency;
using Platform.Http.OpenApi;
using Platform.Jobs;
using Platform.ServiceDefaults;

namespace Platform.ServiceHost;

/// <summary>
/// The host every API service shares, so a service's <c>Program.cs</c> says only what is its own
/// (its domain's registrations and its endpoint groups), as eShop's do.
/// </summary>
public static class PlatformServiceHost
{
    /// <summary>
    /// Telemetry, health, discovery and resilience (ServiceDefaults); token validation for
    /// <see cref="ApiService.Audience"/>; problem responses, JSON rules and OpenAPI; the service's own
    /// database <typeparamref name="TDbContext"/>; safe retries (Idempotency-Key) stored in it; and the check of the
    /// service's clock against the database server's (<see cref="ClockCheck{TDb}"/>) and of its server's standbys
    /// (<see cref="StandbyCheck{TDb}"/>).
    /// The service adds its messaging (with its consumers) and domain services itself.
    /// </summary>
    public static WebApplicationBuilder AddPlatformService<TDbContext>(this WebApplicationBuilder builder, ApiService service)
        where TDbContext : DbContext
    {
        builder.AddShiftedClockInDevelopment();
        builder.AddServiceDefaults();
        builder.AddPlatformAuthentication(service.Audience);
        builder.AddPlatformHttp();
        builder.Services.AddPlatformOpenApi(service.Document);
        builder.AddServiceDatabase<TDbContext>(service.Database);
        builder.AddIdempotencyKeys<TDbContext>();
        // The service's clock against its database server's: a jumped clock moves every deadline (alert ClockSkewed).
        builder.Services.AddJob<ClockCheck<TDbContext>>();
        // Its server's streaming standbys against how many it should have: after a failover, none (alert DatabaseStandbyMissing).
        builder.Services.AddJob<StandbyCheck<TDbContext>>();
        return builder;
    }

    /// <summary>
    /// <c>Platform:Clock:OffsetFile</c>: the service's clock runs ahead by the offset in that file
    /// (<see cref="ShiftedClock"/>), registered before anything else asks for a <see cref="TimeProvider"/>.
    /// A shifted clock outside Development would move statutory deadlines: refused at start-up.
    /// </summary>
    private static void AddShiftedClockInDevelopment(this WebApplicationBuilder builder)
    {
        if (builder.Configuration["Platform:Clock:OffsetFile"] is not { Length: > 0 } file) return;
        if (!builder.Environment.IsDevelopment())
            throw new InvalidOperationException("Platform:Clock:OffsetFile shifts the service's clock; it is for the end-to-end suite in Development only.");
        builder.Services.AddSingleton<TimeProvider>(new ShiftedClock(file));
    }

    /// <summary>The request pipeline in its one right order, then health and the OpenAPI document.</summary>
    public static WebApplication MapPlatformService<TDbContext>(this WebApplication app, ApiService service)
        where TDbContext : DbContext
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorisation: a key belongs to the token's organisation.
        app.UseIdempotencyKeys<TDbContext>();

        app.MapDefaultEndpoints();
        app.MapPlatformOpenApi(service.Prefix);
        return app;
    }

    /// <summary>
    /// Migrations first: the service takes no traffic on an old schema. Then <paramref name="beforeTraffic"/>
    /// (the Directory registers the demo region before its first request), then requests.
    /// </summary>
    public static async Task RunPlatformServiceAsync<TDbContext>(this WebApplication app, Func<Task>? beforeTraffic = null)
        where TDbContext : DbContext
    {
        await app.MigrateDatabaseAsync<TDbContext>();
        if (beforeTraffic is not null) await beforeTraffic();
        await app.RunAsync();
    }
}
