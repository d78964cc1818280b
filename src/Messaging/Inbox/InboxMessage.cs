namespace Platform.Messaging.Inbox;

/// <summary>
/// A message a consumer has handled, recorded in the consumer's own transaction. A redelivered
/// message finds its row and has no second effect.
/// </summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; private set; }
    public string Consumer { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }
}
