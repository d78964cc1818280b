using Platform.ChildLinks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Auditing;
using Platform.Auditing.Retention;
using Platform.ConsentReplica;
using Platform.DirectoryReplica;
using Platform.Handover.Infrastructure;
using Platform.Handover.IntegrationEvents;
using Platform.Handover.Jobs;
using Platform.Jobs;
using Platform.Messaging;
using Platform.Privacy;

namespace Platform.Handover;

internal static class HandoverServices
{
    public static IHostApplicationBuilder AddHandoverServices(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<HandoverOptions>(builder.Configuration.GetSection("Handover"));
        builder.Services.AddSingleton(sp =>
            ChildReferences.FromBase64Key(sp.GetRequiredService<IConfiguration>()["Privacy:ChildReferenceKey"]));
        builder.Services.AddJob<HandoverOverdueWatcher>();
        builder.AddDirectoryReplica<HandoverDbContext>();
        // Intake's consents: the dossier is shared only under one that covers the receiver for 'handover'.
        builder.AddConsentReplica<HandoverDbContext>();
        builder.AddAuditing<HandoverDbContext>();
        builder.AddChildLinks<HandoverDbContext, HandoverChildRecords>();
        builder.Services.AddRetention<HandoverRetention>(builder.Configuration);
        builder.AddPlatformMessaging<HandoverDbContext>(bus =>
        {
            bus.AddConsumer<TlvDecidedConsumer>();
            bus.AddConsumer<TlvEndedConsumer>();
            bus.AddConsumer<PlacementConfirmedConsumer>();
            bus.AddConsumer<PlacementEndedConsumer>();
        });
        return builder;
    }
}
