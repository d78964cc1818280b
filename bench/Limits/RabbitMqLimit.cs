using RabbitMQ.Client;
using Platform.Bench.LoadDriver;

namespace Platform.Bench.Limits;

/// <summary>
/// Persistent publishes with publisher confirms to a durable queue of the platform's broker,
/// each publish awaiting its confirm: one channel per worker. The queue is deleted afterwards.
/// </summary>
public static class RabbitMqLimit
{
    public static async Task<LoadResult> MeasureAsync(string amqp, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqp), ClientProvidedName = "bench-limit" };
        await using var connection = await factory.CreateConnectionAsync(ct);
        var queue = $"bench.limit.{Guid.NewGuid():N}";
        var channels = new List<IChannel>();
        try
        {
            for (var i = 0; i < concurrency; i++)
                channels.Add(await connection.CreateChannelAsync(new CreateChannelOptions(
                    publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct));
            await channels[0].QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: ct);
            // About the size of a MassTransit envelope around a ReferralSubmitted.
            var body = new byte[1200];
            Random.Shared.NextBytes(body);
            var properties = new BasicProperties { Persistent = true, ContentType = "application/vnd.masstransit+json" };
            return await ClosedLoad.RunAsync(concurrency, duration, async (worker, token) =>
                // With confirmation tracking on, this returns when the broker has confirmed (fsync'd) the message.
                await channels[worker].BasicPublishAsync("", queue, mandatory: true, properties, body, token), ct);
        }
        finally
        {
            if (channels.Count > 0) await channels[0].QueueDeleteAsync(queue, cancellationToken: CancellationToken.None);
            foreach (var channel in channels) await channel.DisposeAsync();
        }
    }
}
