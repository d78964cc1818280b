using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Messaging;
using Platform.Subscriptions.Delivery;
using Platform.Subscriptions.Infrastructure;
using Platform.Subscriptions.IntegrationEvents;

namespace Platform.Subscriptions;

internal static class SubscriptionsServices
{
    public const string DatabaseName = "subscriptionsdb";

    public static IHostApplicationBuilder AddSubscriptionsServices(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<DeliveryOptions>(builder.Configuration.GetSection("Subscriptions:Delivery"));
        // Callbacks are other people's servers: no retries or resilience handlers here (the dispatcher
        // retries with back-off), no redirects (a redirect could lead inward), and every connection
        // goes through the SSRF guard.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; it is the documented way to opt one client out.
        builder.Services.AddHttpClient(DeliveryDispatcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var allowPrivate = sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.AllowPrivateCallbacks;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = (context, ct) => CallbackUrls.ConnectAsync(context, allowPrivate, ct),
                };
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton<DeliveryDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeliveryDispatcher>());
        builder.AddServiceDatabase<SubscriptionsDbContext>(DatabaseName);
        builder.AddPlatformMessaging<SubscriptionsDbContext>(NotificationConsumers.AddAll);
        return builder;
    }
}
