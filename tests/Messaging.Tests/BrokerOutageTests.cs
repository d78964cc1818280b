using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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
    public async Task A_started_bus_is_healthy_and_one_that_was_never_ready_is_unhealthy()
    {
        var check = new BusReadinessHealthCheck(_host.Services.GetRequiredService<IBusControl>());
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken)).Status);
        // A bus not started yet (its queues not bound): unhealthy, so WaitFor and readiness probes hold traffic back.
        var notStarted = new BusReadinessHealthCheck(Bus.Factory.CreateUsingInMemory(_ => { }));
        Assert.Equal(HealthStatus.Unhealthy, (await notStarted.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task An_event_committed_while_RabbitMQ_is_down_is_delivered_after_it_comes_back()
    {
        var broker = fixture.Servers.Broker;
        await broker.StopAsync();
        try
        {
            // Health says degraded, not dead: the service must stay in rotation and keep taking writes.
            var health = _host.Services.GetRequiredService<HealthCheckService>();
            var status = HealthStatus.Healthy;
            for (var i = 0; i < 100 && status == HealthStatus.Healthy; i++)
            {
                status = (await health.CheckHealthAsync(TestContext.Current.CancellationToken)).Status;
                if (status == HealthStatus.Healthy) await Task.Delay(200, TestContext.Current.CancellationToken);
            }
            Assert.Equal(HealthStatus.Degraded, status);

            // The service keeps accepting work: the commit does not need the broker.
            var submitted = await _host.CommitReferralAsync();
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            Assert.Empty(_host.Probe.Handled);
            Assert.Equal(1, await _host.OutboxCountAsync());
            // The alert "outbox row older than 30 s" (docs/operations.md) reads this: it grows while the row waits.
            var waiting = OutboxAge();
            Assert.True(waiting >= 2, $"oldest pending age {waiting} s after 3 s of outage");

            await broker.StartAsync();
            await _host.WaitForEffectAsync($"consumed:{submitted.ReferralId}", TimeSpan.FromSeconds(90));
            Assert.Equal(1, await _host.EffectCountAsync($"consumed:{submitted.ReferralId}"));
            await Probe.WaitUntilAsync(() => _host.OutboxCountAsync().GetAwaiter().GetResult() == 0, TimeSpan.FromSeconds(30), "outbox drained");
            await Probe.WaitUntilAsync(() => OutboxAge() == 0, TimeSpan.FromSeconds(30), "no outbox row waiting (age 0)");
            await Probe.WaitUntilAsync(() => health.CheckHealthAsync().GetAwaiter().GetResult().Status == HealthStatus.Healthy, TimeSpan.FromSeconds(30), "healthy again");
        }
        finally
        {
            await broker.StartAsync();
        }
    }

    private static double OutboxAge() =>
        Gauges.Read("Platform.Messaging", "platform.outbox.oldest_pending_age", "outbox").GetValueOrDefault(nameof(TestDbContext), -1);
}
