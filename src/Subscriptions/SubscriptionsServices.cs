using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Jobs;
using Platform.Messaging;
using Platform.Subscriptions.Delivery;
using Platform.Subscriptions.Jobs;
using Platform.Subscriptions.Infrastructure;
using Platform.Subscriptions.IntegrationEvents;

namespace Platform.Subscriptions;

internal static class SubscriptionsServices
{
    public static IHostApplicationBuilder AddSubscriptionsServices(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<DeliveryOptions>(builder.Configuration.GetSection("Subscriptions:Delivery"));
        // The callbacks' side of the contract, in the service's OpenAPI document ("v1").
        builder.Services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.AddDocumentTransformer<Platform.Subscriptions.Apis.NotificationWebhook>());
        // The loosened callback rules exist for a developer's machine; anywhere else they are a hole.
        var delivery = builder.Configuration.GetSection("Subscriptions:Delivery").Get<DeliveryOptions>() ?? new DeliveryOptions();
        if ((delivery.AllowInsecureCallbacks || delivery.AllowPrivateCallbacks)
            && !builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Testing"))
            throw new InvalidOperationException("Subscriptions:Delivery:AllowInsecureCallbacks and AllowPrivateCallbacks are for Development only.");
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
                    // A proxy would make the connect-time check look at the proxy, not the target.
                    UseProxy = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = (context, ct) => CallbackUrls.ConnectAsync(context, allowPrivate, ct),
                };
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddJob<DeliveryDispatcher>();
        builder.AddPlatformMessaging<SubscriptionsDbContext>(NotificationConsumers.AddAll);
        return builder;
    }
}
