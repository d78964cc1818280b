using Platform.TestInfrastructure;

namespace Platform.Messaging.Tests;

/// <summary>
/// A message that fails because the service's own database is down is not a poison message: it
/// waits the outage out (retried, unacknowledged) instead of landing in the error queue.
/// </summary>
public sealed class DatabaseOutageRetryTests(TestServersFixture fixture) : IAsyncLifetime
{
    private MessagingTestHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await MessagingTestHost.StartAsync(fixture.Servers, "outage", bus => bus.AddConsumer<DatabaseOutageConsumer>(),
            new Dictionary<string, string?> { ["Messaging:OutageRetryInterval"] = "00:00:00.100" });

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task An_outage_longer_than_the_error_queue_retries_is_waited_out_with_one_effect()
    {
        var submitted = await _host.CommitReferralAsync();

        await _host.WaitForEffectAsync($"consumed:{submitted.ReferralId}", TimeSpan.FromSeconds(30));

        // Six failed attempts: twice what a poison message gets before the error queue (1 + 2 retries here).
        Assert.Equal(_host.Probe.OutageAttempts + 1, Volatile.Read(ref _host.Probe.Attempts));
        Assert.Equal(1, await _host.EffectCountAsync($"consumed:{submitted.ReferralId}"));
        Assert.Equal(0u, await ErrorQueueDepthAsync("database-outage_error"));
    }

    private async Task<uint> ErrorQueueDepthAsync(string queue)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(_host.MessagingConnectionString) };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, TestContext.Current.CancellationToken)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0; // Never declared: nothing ever faulted.
        }
    }
}
