namespace Platform.Monitoring.Projection;

/// <summary>
/// One event as Monitoring received it, in arrival order, with the child reference taken out: the
/// source the read model is rebuilt from. Append-only; nothing in Monitoring updates or deletes it.
/// </summary>
public sealed class JournalEntry
{
    public long Sequence { get; private set; }
    public Guid MessageId { get; private set; }
    public string EventType { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }

    private JournalEntry() { }

    public JournalEntry(Guid messageId, string eventType, string body, DateTimeOffset occurredAt, DateTimeOffset receivedAt) =>
        (MessageId, EventType, Body, OccurredAt, ReceivedAt) = (messageId, eventType, body, occurredAt, receivedAt);
}
