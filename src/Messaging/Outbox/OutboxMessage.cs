namespace Platform.Messaging.Outbox;

/// <summary>
/// An integration event waiting to be published, written by the same transaction as the state
/// change it describes, so either both happen or neither does.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Commit order; the relay publishes in this order.</summary>
    public long Sequence { get; private set; }

    /// <summary>The MassTransit message id: consumers' inboxes deduplicate on it.</summary>
    public Guid MessageId { get; private set; }

    public string MessageType { get; private set; } = "";

    /// <summary>The event as JSON.</summary>
    public string Body { get; private set; } = "";

    /// <summary>W3C trace context of the request that caused the event, so the trace goes on through the broker.</summary>
    public string? TraceParent { get; private set; }
    public string? TraceState { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>How often the relay tried and failed to publish this row; for operators.</summary>
    public int Attempts { get; private set; }

    /// <summary>Set when the row can never be published (unknown type, unreadable body); the relay skips it.</summary>
    public DateTimeOffset? DeadLetteredAt { get; private set; }
    public string? LastError { get; private set; }

    private OutboxMessage() { }

    internal OutboxMessage(Guid messageId, string messageType, string body, string? traceParent, string? traceState, DateTimeOffset createdAt)
    {
        MessageId = messageId;
        MessageType = messageType;
        Body = body;
        TraceParent = traceParent;
        TraceState = traceState;
        CreatedAt = createdAt;
    }
}
