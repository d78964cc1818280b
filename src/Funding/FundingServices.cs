using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Auditing;
using Platform.Auditing.Retention;
using Platform.ConsentReplica;
using Platform.DirectoryReplica;
using Platform.Funding.Infrastructure;
using Platform.Funding.IntegrationEvents;
using Platform.Funding.Placements;
using Platform.Funding.Jobs;
using Platform.Jobs;
using Platform.Messaging;

namespace Platform.Funding;

internal static class FundingServices
{
    public static IHostApplicationBuilder AddFundingServices(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<FundingOptions>(builder.Configuration.GetSection("Funding"));
        builder.Services.AddScoped<PlacementDesk>();
        builder.Services.AddJob<DecisionDeadlineWatcher>();
        builder.Services.AddJob<TlvDeadlineWatcher>();
        builder.Services.AddJob<ZorgplichtDeadlineWatcher>();
        builder.Services.AddJob<OppDeadlineWatcher>();
        builder.Services.AddJob<DisputeDeadlineWatcher>();
        builder.AddDirectoryReplica<FundingDbContext>();
        builder.AddDirectoryExperts<FundingDbContext>();
        builder.AddConsentReplica<FundingDbContext>();
        builder.AddAuditing<FundingDbContext>();
        builder.Services.AddRetention<FundingRetention>(builder.Configuration);
        builder.AddPlatformMessaging<FundingDbContext>(bus =>
        {
            bus.AddConsumer<ArrangementRequestedConsumer>();
            bus.AddConsumer<HandoverCompletedConsumer>();
        });
        return builder;
    }
}
