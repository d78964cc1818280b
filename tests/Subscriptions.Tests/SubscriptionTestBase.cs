using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Subscriptions.Delivery;
using Platform.Subscriptions.Jobs;
using Platform.Subscriptions.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Subscriptions.Tests;

public abstract class SubscriptionTestBase(TestServersFixture fixture, bool development = true) : ServiceTestBase<Program, SubscriptionsDbContext>(fixture)
{
    /// <summary>Starts at the real now, so signatures stay within the receiver's tolerance; back-off is crossed by advancing it.</summary>
    protected readonly FakeTimeProvider Clock = new(DateTimeOffset.UtcNow);

    /// <summary>Tests run the dispatcher's passes and move time themselves; "development" allows plain-http, private callbacks.</summary>
    protected override ServiceSetup Setup => new()
    {
        Clock = Clock,
        DemoDirectory = false,
        Settings = new Dictionary<string, string?>
        {
            ["Subscriptions:Delivery:PublicBaseUrl"] = "https://village.test",
            ["Subscriptions:Delivery:AllowInsecureCallbacks"] = development.ToString(),
            ["Subscriptions:Delivery:AllowPrivateCallbacks"] = development.ToString(),
            ["Subscriptions:Delivery:Timeout"] = "00:00:01",
            ["Subscriptions:Delivery:BaseDelay"] = "00:00:01",
            ["Subscriptions:Delivery:MaxAttempts"] = "3",
            ["Subscriptions:Delivery:PauseAfterFailures"] = "4",
        },
    };

    protected HttpClient As(string organisation, string type, string? municipality = null) =>
        Service.WithToken(Tokens.For(organisation, Audience, type, municipality: municipality));

    /// <summary>Subscribes; returns the subscription id and its signing secret.</summary>
    protected async Task<(Guid Id, string Secret)> SubscribeAsync(HttpClient client, string callback, params string[] channels)
    {
        var created = await ReadAsync(await client.PostAsJsonAsync("/api/subscriptions/subscriptions", new { callbackUrl = callback, channels }, Ct), HttpStatusCode.Created);
        return (created.GetProperty("subscription").GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    protected Task PublishAndWaitForDeliveriesAsync(int expectedNewDeliveries, params object[] events) =>
        PublishAndWaitForDeliveriesAsync(expectedNewDeliveries, messageId: null, events);

    /// <summary>
    /// With a fixed <paramref name="messageId"/>, as the outbox relay redelivers a message. Waits
    /// until the consumer has finished with every event (a redelivery too), then counts: an event
    /// that should produce nothing has had its chance by then.
    /// </summary>
    protected async Task PublishAndWaitForDeliveriesAsync(int expectedNewDeliveries, Guid? messageId, params object[] events)
    {
        var before = await DeliveryCountAsync();
        foreach (var e in events) await Service.PublishAndWaitAsync(e, messageId);
        Assert.Equal(before + expectedNewDeliveries, await DeliveryCountAsync());
    }

    protected async Task<int> DeliveryCountAsync()
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SubscriptionsDbContext>().Deliveries.CountAsync(Ct);
    }

    protected Task<int> DispatchAsync() => Service.Services.GetRequiredService<DeliveryDispatcher>().RunOnceAsync(Ct);
}
