using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Platform.Messaging;

namespace Platform.DirectoryReplica;

public static class DirectoryReplicaRegistration
{
    /// <summary>
    /// Gives the service a copy of the region's directory in its own database (<typeparamref name="TDbContext"/>
    /// must call <see cref="DirectoryReplicaModel.AddDirectoryReplica"/>), kept current from the Directory's
    /// snapshots, and <see cref="IRegionDirectory"/> to look things up. Call before <c>AddPlatformMessaging</c>.
    /// </summary>
    /// <param name="builder">The service's host.</param>
    /// <param name="gatesReadiness">Whether the service is unready until its first copy arrives. Identity says no: every
    /// service, the Directory too, waits for Identity at start-up, so Identity waiting for the Directory would wait forever;
    /// without a copy it is only degraded.</param>
    public static IHostApplicationBuilder AddDirectoryReplica<TDbContext>(this IHostApplicationBuilder builder, bool gatesReadiness = true) where TDbContext : DbContext
    {
        var services = builder.Services;
        services.AddScoped<IRegionDirectory, RegionDirectory<TDbContext>>();
        services.AddHostedService<DirectoryCatchUp<TDbContext>>();
        services.AddSingleton<DirectoryReplicaHealthCheck<TDbContext>>();
        services.AddHealthChecks().AddCheck<DirectoryReplicaHealthCheck<TDbContext>>("directory-replica",
            failureStatus: gatesReadiness ? HealthStatus.Unhealthy : HealthStatus.Degraded, tags: ["ready"]);
        services.AddBusContribution((bus, prefix) =>
            bus.AddConsumer<DirectoryPublishedConsumer<TDbContext>>().Endpoint(e => e.Name = $"{prefix}-directory-published"));
        return builder;
    }
}
