using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Directory.Infrastructure;
using Platform.Directory.IntegrationEvents;
using Platform.Directory.Publishing;
using Platform.Messaging;

namespace Platform.Directory;

internal static class DirectoryServices
{
    public static IHostApplicationBuilder AddDirectoryServices(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<DirectoryOptions>(builder.Configuration.GetSection("Directory"));
        builder.AddPlatformMessaging<DirectoryDbContext>(bus =>
        {
            bus.AddConsumer<SnapshotRequestedConsumer>();
            bus.AddConsumer<ArrangementActivatedConsumer>();
            bus.AddConsumer<ArrangementEndedConsumer>();
        });
        return builder;
    }
}
