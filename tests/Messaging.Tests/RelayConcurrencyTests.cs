using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Messaging.Tests;

public sealed class RelayConcurrencyTests(TestServersFixture fixture) : IAsyncLifetime
{
    private MessagingTestHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await MessagingTestHost.StartAsync(fixture.Servers, "relays", bus => bus.AddConsumer<RawDeliveryConsumer>(),
            new Dictionary<string, string?>
            {
                // The hosted relay stays off: the test runs two relays itself, as two replicas would.
                ["Messaging:Outbox:Enabled"] = "false",
                ["Messaging:Outbox:BatchSize"] = "7",
            });

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Two_relays_on_one_outbox_send_each_event_exactly_once()
    {
        const int events = 150;
        var referralIds = new List<Guid>();
        for (var i = 0; i < events; i++) referralIds.Add((await _host.CommitReferralAsync()).ReferralId);

        var replicaA = ActivatorUtilities.CreateInstance<OutboxRelay<TestDbContext>>(_host.Services);
        var replicaB = ActivatorUtilities.CreateInstance<OutboxRelay<TestDbContext>>(_host.Services);
        var published = await Task.WhenAll(DrainAsync(replicaA), DrainAsync(replicaB));

        Assert.Equal(events, published.Sum());
        Assert.Equal(0, await _host.OutboxCountAsync());
        await Probe.WaitUntilAsync(() => _host.Probe.Handled.Count >= events, TimeSpan.FromSeconds(30), "all deliveries");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var delivered = _host.Probe.Handled.Select(h => h.ReferralId).ToList();
        Assert.Equal(events, delivered.Count);
        Assert.Equal(referralIds.Order(), delivered.Order());
    }

    private async Task<int> DrainAsync(OutboxRelay<TestDbContext> relay)
    {
        var total = 0;
        var idle = 0;
        // Keep going until the outbox has stayed empty for a few rounds: the other replica may hold the lease.
        while (idle < 5)
        {
            var sent = await relay.PublishBatchAsync(CancellationToken.None);
            total += sent;
            idle = sent == 0 ? idle + 1 : 0;
            if (sent == 0) await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        return total;
    }
}
