using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    public static IHostApplicationBuilder AddDirectoryReplica<TDbContext>(this IHostApplicationBuilder builder) where TDbContext : DbContext
    {
        var services = builder.Services;
        services.AddScoped<IRegionDirectory, RegionDirectory<TDbContext>>();
        services.AddHostedService<DirectoryCatchUp<TDbContext>>();
        services.AddSingleton<DirectoryReplicaHealthCheck<TDbContext>>();
        services.AddHealthChecks().AddCheck<DirectoryReplicaHealthCheck<TDbContext>>("directory-replica", tags: ["ready"]);
        services.AddBusContribution((bus, prefix) =>
            bus.AddConsumer<DirectoryPublishedConsumer<TDbContext>>().Endpoint(e => e.Name = $"{prefix}-directory-published"));
        return builder;
    }
}
