using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.TestInfrastructure;

namespace Platform.Subscriptions.Tests;

/// <summary>The real Subscriptions service on its own database and vhost, with a fake clock; tests run the dispatcher's passes and move time themselves.</summary>
public sealed class SubscriptionsFactory(string database, string messaging, TestTokens tokens, TimeProvider clock, bool development = true) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:subscriptionsdb", database);
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.UseSetting("Subscriptions:Delivery:DispatcherEnabled", "false");
        builder.UseSetting("Subscriptions:Delivery:PublicBaseUrl", "https://village.test");
        builder.UseSetting("Subscriptions:Delivery:AllowInsecureCallbacks", development.ToString());
        builder.UseSetting("Subscriptions:Delivery:AllowPrivateCallbacks", development.ToString());
        builder.UseSetting("Subscriptions:Delivery:Timeout", "00:00:01");
        builder.UseSetting("Subscriptions:Delivery:BaseDelay", "00:00:01");
        builder.UseSetting("Subscriptions:Delivery:MaxAttempts", "3");
        builder.UseSetting("Subscriptions:Delivery:PauseAfterFailures", "4");
        builder.ConfigureServices(services =>
        {
            tokens.TrustIn(services);
            services.Replace(ServiceDescriptor.Singleton(clock));
            services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        });
    }
}
