using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Audit.Domain;
using Platform.Audit.Infrastructure;
using Platform.Audit.IntegrationEvents;
using Platform.Audit.Jobs;
using Platform.DirectoryReplica;
using Platform.Jobs;
using Platform.Messaging;
using Platform.Privacy;

namespace Platform.Audit;

internal static class AuditServices
{
    public static IHostApplicationBuilder AddAuditServices(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<AuditOptions>(builder.Configuration.GetSection("Audit"));
        // To answer an inspection request by BSN it computes the child reference; it never stores a BSN.
        builder.Services.AddSingleton(sp => ChildReferences.FromBase64Key(sp.GetRequiredService<IConfiguration>()["Privacy:ChildReferenceKey"]));
        // The chain's keys and the anchors' signing key come from configuration (a secret), never from the database.
        builder.Services.AddSingleton(sp => ChainKeys.From(sp.GetRequiredService<IOptions<AuditOptions>>()));
        builder.Services.AddSingleton(sp => AnchorKey.From(sp.GetRequiredService<IOptions<AuditOptions>>()));
        builder.Services.AddSingleton<IAnchorStore, DirectoryAnchorStore>();
        builder.Services.AddJob<AuditRetention>();
        builder.Services.AddJob<AuditAnchoring>();
        builder.AddDirectoryReplica<AuditDbContext>();
        builder.AddPlatformMessaging<AuditDbContext>(bus => bus.AddConsumer<AuditRecordedConsumer>());
        return builder;
    }
}
