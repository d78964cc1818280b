using MassTransit;
using RabbitMQ.Client;

namespace Platform.EndToEnd.Tests.Faults.Control;

/// <summary>
/// The suite's own connection to RabbitMQ: queue depths, and a MassTransit bus that publishes exactly
/// as the services' outbox relays do (same envelope, same exchanges, a message id of our choosing).
/// </summary>
public sealed class BrokerClient(string amqpUri) : IAsyncDisposable
{
    private IBusControl? _bus;

    public string AmqpUri { get; } = amqpUri;

    /// <summary>Messages waiting in a queue (not yet delivered to a consumer).</summary>
    public async Task<uint> ReadyMessagesAsync(string queue, CancellationToken ct)
    {
        // The first node (the cluster parameter is for the services' bus, not RabbitMQ.Client).
        var factory = new ConnectionFactory { Uri = new Uri(new Uri(AmqpUri).GetLeftPart(UriPartial.Path)) };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        return (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
    }

    /// <summary>Publishes <paramref name="message"/> with the given message id, waiting for the broker's confirm.</summary>
    public async Task PublishAsync<T>(T message, Guid messageId, CancellationToken ct) where T : class
    {
        var bus = await BusAsync(ct);
        await bus.Publish(message, context => context.MessageId = messageId, ct);
    }

    private async Task<IBusControl> BusAsync(CancellationToken ct)
    {
        if (_bus is not null) return _bus;
        var uri = new Uri(AmqpUri);
        var credentials = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(uri.Host, (ushort)uri.Port, "/", h =>
        {
            h.Username(credentials[0]);
            h.Password(credentials.Length > 1 ? credentials[1] : "");
            h.PublisherConfirmation = true;
        }));
        await bus.StartAsync(ct);
        return _bus = bus;
    }

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null) await _bus.StopAsync();
    }
}
