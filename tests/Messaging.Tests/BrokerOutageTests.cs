using Platform.TestInfrastructure;

namespace Platform.Messaging.Tests;

/// <summary>Stops the shared broker, so it runs alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(BrokerOutage), DisableParallelization = true)]
public sealed class BrokerOutage;

[Collection(nameof(BrokerOutage))]
public sealed class BrokerOutageTests(TestServersFixture fixture) : IAsyncLifetime
{
    private MessagingTestHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await MessagingTestHost.StartAsync(fixture.Servers, "outage", bus => bus.AddConsumer<CountingConsumer>());

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task An_event_committed_while_RabbitMQ_is_down_is_delivered_after_it_comes_back()
    {
        var broker = fixture.Servers.Broker;
        await broker.StopAsync();
        try
        {
            // The service keeps accepting work: the commit does not need the broker.
            var submitted = await _host.CommitReferralAsync();
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            Assert.Empty(_host.Probe.Handled);
            Assert.Equal(1, await _host.OutboxCountAsync());

            await broker.StartAsync();
            await _host.WaitForEffectAsync($"consumed:{submitted.ReferralId}", TimeSpan.FromSeconds(90));
            Assert.Equal(1, await _host.EffectCountAsync($"consumed:{submitted.ReferralId}"));
            await Probe.WaitUntilAsync(() => _host.OutboxCountAsync().GetAwaiter().GetResult() == 0, TimeSpan.FromSeconds(30), "outbox drained");
        }
        finally
        {
            await broker.StartAsync();
        }
    }
}
