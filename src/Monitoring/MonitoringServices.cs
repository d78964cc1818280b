using Platform.DirectoryReplica;
using Platform.Messaging;
using Platform.Monitoring.Infrastructure;
using Platform.Monitoring.IntegrationEvents;

namespace Platform.Monitoring;

internal static class MonitoringServices
{
    public const string DatabaseName = "monitoringdb";

    public static IHostApplicationBuilder AddMonitoringServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<MonitoringDbContext>(DatabaseName);
        builder.AddDirectoryReplica<MonitoringDbContext>();
        builder.AddPlatformMessaging<MonitoringDbContext>(bus =>
        {
            bus.AddConsumer<ReferralSubmittedConsumer>();
            bus.AddConsumer<ThuiszitterRegisteredFacts>();
            bus.AddConsumer<ThuiszitterResolvedFacts>();
            bus.AddConsumer<ThuiszitterEscalatedFacts>();
            bus.AddConsumer<ExemptionGrantedFacts>();
            bus.AddConsumer<KnooppuntHeldFacts>();
            bus.AddConsumer<KnooppuntOverdueFacts>();
            bus.AddConsumer<HandoverCompletedFacts>();
            bus.AddConsumer<PlacementConfirmedFacts>();
            bus.AddConsumer<IndividualArrangementProposedFacts>();
            bus.AddConsumer<ArrangementActivatedFacts>();
            bus.AddConsumer<ArrangementEscalatedFacts>();
            bus.AddConsumer<EscalationDecidedFacts>();
        });
        return builder;
    }
}
