using MassTransit;
using Platform.DirectoryReplica;
using Platform.Jobs;
using Platform.Messaging;
using Platform.Messaging.Inbox;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Figures;
using Platform.Monitoring.Infrastructure;
using Platform.Monitoring.IntegrationEvents;
using Platform.Monitoring.Projection;

namespace Platform.Monitoring;

internal static class MonitoringServices
{
    public static IHostApplicationBuilder AddMonitoringServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ReadModelRebuild>();
        builder.Services.AddScoped<FiguresSource>();
        builder.Services.AddSingleton<FiguresCache>();
        builder.Services.AddJob<FigureChangesCleanup>();
        // The cell-key method's secret (ADR-0014): required in production, a known development key elsewhere.
        var production = builder.Environment.IsProduction();
        builder.Services.AddSingleton(sp => CellKeyPerturbation.FromConfiguration(
            sp.GetRequiredService<IConfiguration>()[CellKeyPerturbation.SecretSetting], production));
        builder.AddDirectoryReplica<MonitoringDbContext>();
        var inbox = builder.Configuration.GetSection("Messaging:Inbox").Get<InboxOptions>() ?? new InboxOptions();
        builder.AddPlatformMessaging<MonitoringDbContext>(bus =>
        {
            // One journal consumer per event, each on its own queue (monitoring-referral-submitted, ...), with enough messages
            // in hand to fill a batch while the last one commits (InboxBatch).
            foreach (var type in MonitoredEvents.All)
                bus.AddConsumer(typeof(JournalConsumer<>).MakeGenericType(type)).Endpoint(e =>
                {
                    e.Name = MonitoredEvents.QueueOf(type);
                    e.PrefetchCount = inbox.BatchPrefetch;
                    e.ConcurrentMessageLimit = inbox.BatchPrefetch;
                });
        });
        return builder;
    }
}
