using RabbitMQ.Client;
using Platform.TestInfrastructure;

namespace Platform.Messaging.Tests;

public sealed class ErrorQueueTests(TestServersFixture fixture) : IAsyncLifetime
{
    private MessagingTestHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await MessagingTestHost.StartAsync(fixture.Servers, "errors", bus => bus.AddConsumer<AlwaysFailingConsumer>());

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_consumer_that_keeps_failing_is_retried_then_its_message_lands_in_the_error_queue()
    {
        var submitted = await _host.CommitReferralAsync();

        // First attempt plus the two configured retries, then the error queue.
        var message = await WaitForErrorQueueMessageAsync("always-failing_error", TimeSpan.FromSeconds(30));
        Assert.Equal(3, Volatile.Read(ref _host.Probe.Attempts));
        Assert.Contains(submitted.ReferralId.ToString(), System.Text.Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal("System.InvalidOperationException", message.BasicProperties.Headers?["MT-Fault-ExceptionType"] is byte[] type
            ? System.Text.Encoding.UTF8.GetString(type) : null);

        // It stays there: no further attempts, and the failed attempts left no effect behind.
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.Equal(3, Volatile.Read(ref _host.Probe.Attempts));
        Assert.Equal(0, await _host.EffectCountAsync("must-roll-back:"));
    }

    private async Task<BasicGetResult> WaitForErrorQueueMessageAsync(string queue, TimeSpan timeout)
    {
        var factory = new ConnectionFactory { Uri = new Uri(_host.MessagingConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                // Peek: take it and put it back, so the queue still holds it for an operator.
                var result = await channel.BasicGetAsync(queue, autoAck: false);
                if (result is not null)
                {
                    await channel.BasicNackAsync(result.DeliveryTag, multiple: false, requeue: true);
                    return result;
                }
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) when (DateTime.UtcNow < deadline)
            {
                // The error queue is declared on the first fault; until then the channel closes on a 404.
                await channel.DisposeAsync();
                return await WaitAgainAsync();
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Nothing arrived in {queue}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        async Task<BasicGetResult> WaitAgainAsync()
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            return await WaitForErrorQueueMessageAsync(queue, deadline - DateTime.UtcNow);
        }
    }
}
