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
    /// Appends the event (once per message id) inside the consumer's transaction, before anything else:
    /// a rebuild holds a lock that makes this wait, so no event slips between a rebuild's replay and its commit.
    /// </summary>
    public static Task AppendAsync(MonitoringDbContext db, Guid messageId, IIntegrationEvent message, DateTimeOffset receivedAt, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO monitoring.journal (message_id, event_type, body, occurred_at, received_at)
            VALUES ({messageId}, {message.GetType().FullName}, {Strip(message)}::jsonb, {message.OccurredAt}, {receivedAt})
            ON CONFLICT (message_id) DO NOTHING
            """, ct);

    public static IIntegrationEvent? Read(JournalEntry entry) =>
        MonitoredEvents.Resolve(entry.EventType) is { } type ? (IIntegrationEvent?)JsonSerializer.Deserialize(entry.Body, type, Json) : null;
}
