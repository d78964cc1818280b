namespace Platform.Messaging.Outbox;

/// <summary>
/// The one row a relay locks (<c>FOR UPDATE SKIP LOCKED</c>) before it publishes. With several
/// replicas of a service, exactly one relay holds it at a time; the others skip at once instead
/// of waiting, and none can send a row another is sending. One lease (rather than locking
/// message rows individually) also keeps publication in sequence order across replicas. (Rows of
/// two transactions running at the same time may be published in either order; events one
/// transaction causes after another committed always follow it.)
/// </summary>
public sealed class OutboxLease
{
    public const int SingletonId = 1;
    public int Id { get; private set; } = SingletonId;
    public DateTimeOffset? LastPublishedAt { get; private set; }
}
