using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Messaging;
using Platform.Messaging.Publishers;
using RabbitMQ.Client;

namespace Platform.ErrorQueueTool;

/// <summary>A message in an error queue, as an operator needs to judge it.</summary>
public sealed record ErrorQueueMessage(
    string? MessageId, string? MessageType, string? ExceptionType, string? ExceptionMessage, DateTimeOffset? FaultedAt, string Body);

/// <summary>One error queue and how many messages wait in it.</summary>
public sealed record ErrorQueueInfo(string Name, long Messages);

/// <summary>
/// The error queue as an operator's tool: list the error queues, look at their messages without
/// taking them, and replay them to the queue they failed in once the cause is fixed. A replayed
/// message keeps its message id, so the consumer's inbox gives it exactly one effect even if it is
/// replayed twice. Replay takes a message off the error queue only after the broker confirmed its
/// copy on the original queue: a crash in between leaves a duplicate, never a loss.
/// </summary>
public sealed class ErrorQueueOperator(string amqpUri, Uri? managementUri = null)
{
    public const string Suffix = "_error";

    /// <summary>Error queues with their message counts (needs the management API).</summary>
    public async Task<IReadOnlyList<ErrorQueueInfo>> ListAsync(CancellationToken ct = default)
    {
        if (managementUri is null) throw new InvalidOperationException("Listing queues needs the management API address (--management).");
        var amqp = RabbitMqConnection.Parse(amqpUri);
        using var http = new HttpClient { BaseAddress = managementUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{amqp.Username}:{amqp.Password}")));
        var queues = await http.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(amqp.VirtualHost)}?columns=name,messages", ct);
        return [.. queues.EnumerateArray()
            .Select(q => new ErrorQueueInfo(q.GetProperty("name").GetString()!, q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0))
            .Where(q => q.Name.EndsWith(Suffix, StringComparison.Ordinal))
            .OrderBy(q => q.Name)];
    }

    /// <summary>Looks at up to <paramref name="max"/> messages and leaves them in the queue.</summary>
    public async Task<IReadOnlyList<ErrorQueueMessage>> PeekAsync(string errorQueue, int max, CancellationToken ct = default)
    {
        // MassTransit declares an error queue at a consumer's first fault: no queue means no faults.
        if (!await ExistsAsync(errorQueue, ct)) return [];
        await using var connection = await ConnectAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var seen = new List<ErrorQueueMessage>();
        var tags = new List<ulong>();
        for (var i = 0; i < max; i++)
        {
            var result = await channel.BasicGetAsync(errorQueue, autoAck: false, ct);
            if (result is null) break;
            tags.Add(result.DeliveryTag);
            seen.Add(Describe(result));
        }
        // Unacknowledged gets go back to the queue when we give them back (or the channel closes).
        foreach (var tag in tags) await channel.BasicNackAsync(tag, multiple: false, requeue: true, ct);
        return seen;
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> messages (or only the one with <paramref name="messageId"/>)
    /// back to the queue they failed in. Returns how many were replayed.
    /// </summary>
    public async Task<int> ReplayAsync(string errorQueue, int max = int.MaxValue, string? messageId = null, CancellationToken ct = default)
    {
        if (!errorQueue.EndsWith(Suffix, StringComparison.Ordinal))
            throw new ArgumentException($"'{errorQueue}' is not an error queue (it should end in {Suffix}).", nameof(errorQueue));
        var target = errorQueue[..^Suffix.Length];
        if (!await ExistsAsync(errorQueue, ct)) return 0;

        await using var connection = await ConnectAsync(ct);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var skipped = new List<ulong>();
        var replayed = 0;
        try
        {
            while (replayed < max)
            {
                var result = await channel.BasicGetAsync(errorQueue, autoAck: false, ct);
                if (result is null) break;
                if (messageId is not null && Describe(result).MessageId != messageId)
                {
                    skipped.Add(result.DeliveryTag);
                    continue;
                }
                var properties = new BasicProperties(result.BasicProperties) { Persistent = true };
                // The consuming service took the publisher's user-id off to move the message here (it may not
                // publish in another user's name); the replay gives it back, so the owner check passes again.
                // RabbitMQ allows that only to an operator whose user has the impersonator tag (#25 point 8).
                if (properties.Headers is { } headers && headers.TryGetValue(PublisherUnstamp.PublishedByHeader, out var publishedBy) && publishedBy is not null)
                {
                    properties.Headers = new Dictionary<string, object?>(headers);
                    properties.Headers.Remove(PublisherUnstamp.PublishedByHeader);
                    properties.UserId = publishedBy is byte[] bytes ? Encoding.UTF8.GetString(bytes) : publishedBy.ToString();
                }
                // The default exchange routes by queue name: straight back to the consumer's queue.
                await channel.BasicPublishAsync("", target, mandatory: true, properties, result.Body, ct);
                await channel.BasicAckAsync(result.DeliveryTag, multiple: false, ct);
                replayed++;
            }
        }
        finally
        {
            foreach (var tag in skipped) await channel.BasicNackAsync(tag, multiple: false, requeue: true, CancellationToken.None);
        }
        return replayed;
    }

    private async Task<bool> ExistsAsync(string queue, CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, ct);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }

    private async Task<IConnection> ConnectAsync(CancellationToken ct)
    {
        var amqp = RabbitMqConnection.Parse(amqpUri);
        var factory = new ConnectionFactory
        {
            HostName = amqp.Host, Port = amqp.Port, VirtualHost = amqp.VirtualHost, UserName = amqp.Username, Password = amqp.Password,
        };
        if (amqp.UseTls) factory.Ssl = new SslOption { Enabled = true, ServerName = amqp.Host };
        return await factory.CreateConnectionAsync("error-queue-operator", ct);
    }

    private static ErrorQueueMessage Describe(BasicGetResult result)
    {
        var headers = result.BasicProperties.Headers;
        string? Header(string name) => headers is not null && headers.TryGetValue(name, out var value)
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => null, _ => value.ToString() }
            : null;
        var body = Encoding.UTF8.GetString(result.Body.Span);
        string? messageId = result.BasicProperties.MessageId, messageType = null;
        try
        {
            // MassTransit's envelope carries the message id and types in the body.
            using var envelope = JsonDocument.Parse(body);
            if (envelope.RootElement.TryGetProperty("messageId", out var id)) messageId = id.GetString();
            if (envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0)
                messageType = types[0].GetString();
        }
        catch (JsonException) { }
        DateTimeOffset? at = DateTimeOffset.TryParse(Header("MT-Fault-Timestamp"), out var t) ? t : null;
        return new ErrorQueueMessage(messageId, messageType, Header("MT-Fault-ExceptionType"), Header("MT-Fault-Message"), at, body);
    }
}
