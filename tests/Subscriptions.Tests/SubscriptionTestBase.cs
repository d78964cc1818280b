using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Subscriptions.Delivery;
using Platform.Subscriptions.Jobs;
using Platform.Subscriptions.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Subscriptions.Tests;

public abstract class SubscriptionTestBase(TestServersFixture fixture, bool development = true) : IAsyncLifetime
{
    protected readonly TestTokens Tokens = new();
    /// <summary>Starts at the real now, so signatures stay within the receiver's tolerance; back-off is crossed by advancing it.</summary>
    protected readonly FakeTimeProvider Clock = new(DateTimeOffset.UtcNow);
    protected SubscriptionsFactory Service = null!;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Service = new SubscriptionsFactory(
            TestDatabase.NewConnectionString(fixture.Servers, "subscriptions"),
            await TestVirtualHost.CreateAsync(fixture.Servers, "subscriptions"), Tokens, Clock, development);
        _ = Service.Server;
    }

    public virtual async ValueTask DisposeAsync() => await Service.DisposeAsync();

    protected HttpClient As(string organisation, string type, string? municipality = null)
    {
        var client = Service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Tokens.For(organisation, "subscriptions-api", type, municipality: municipality));
        return client;
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Subscribes; returns the subscription id and its signing secret.</summary>
    protected async Task<(Guid Id, string Secret)> SubscribeAsync(HttpClient client, string callback, params string[] channels)
    {
        var created = await ReadAsync(await client.PostAsJsonAsync("/api/subscriptions/subscriptions", new { callbackUrl = callback, channels }, Ct), HttpStatusCode.Created);
        return (created.GetProperty("subscription").GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    protected Task PublishAndWaitForDeliveriesAsync(int expectedNewDeliveries, params object[] events) =>
        PublishAndWaitForDeliveriesAsync(expectedNewDeliveries, messageId: null, events);

    /// <summary>With a fixed <paramref name="messageId"/>, as the outbox relay redelivers a message.</summary>
    protected async Task PublishAndWaitForDeliveriesAsync(int expectedNewDeliveries, Guid? messageId, params object[] events)
    {
        var before = await DeliveryCountAsync();
        var bus = Service.Services.GetRequiredService<IBus>();
        foreach (var e in events)
            await bus.Publish(e, context => { if (messageId is { } id) context.MessageId = id; }, Ct);
        for (var i = 0; i < 300 && await DeliveryCountAsync() < before + expectedNewDeliveries; i++) await Task.Delay(100, Ct);
        // Also give events that should produce nothing the time to be consumed.
        await Task.Delay(500, Ct);
        Assert.Equal(before + expectedNewDeliveries, await DeliveryCountAsync());
    }

    protected async Task<int> DeliveryCountAsync()
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SubscriptionsDbContext>().Deliveries.CountAsync(Ct);
    }

    protected Task<int> DispatchAsync() => Service.Services.GetRequiredService<DeliveryDispatcher>().RunOnceAsync(Ct);
}
