using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Monitoring.Infrastructure;

namespace Platform.Monitoring.Projection;

/// <summary>How events go into the journal (without the child reference) and come out again for a rebuild.</summary>
public static class Journal
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The event as JSON with <c>childReference</c> taken out: the monitor counts, it does not follow
    /// children, so the journal keeps nothing that links across services to a child.
    /// </summary>
    public static string Strip(IIntegrationEvent message)
    {
        var node = JsonSerializer.SerializeToNode(message, message.GetType(), Json)!.AsObject();
        node.Remove("childReference");
        return node.ToJsonString(Json);
    }

    /// <summary>
    /// The statement that appends the event (once per message id), first in the consumer's transaction: a rebuild holds a lock
    /// that makes it wait, so no event slips between a rebuild's replay and its commit.
    /// </summary>
    public static Npgsql.NpgsqlBatchCommand Append(Guid messageId, IIntegrationEvent message, DateTimeOffset receivedAt)
    {
        var command = SqlReadModel.Command("""
            INSERT INTO monitoring.journal (message_id, event_type, body, occurred_at, received_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (message_id) DO NOTHING
            """, messageId, message.GetType().FullName, Strip(message), message.OccurredAt.ToUniversalTime(), receivedAt.ToUniversalTime());
        command.Parameters[2].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb;
        return command;
    }

    public static IIntegrationEvent? Read(JournalEntry entry) =>
        MonitoredEvents.Resolve(entry.EventType) is { } type ? (IIntegrationEvent?)JsonSerializer.Deserialize(entry.Body, type, Json) : null;
}
