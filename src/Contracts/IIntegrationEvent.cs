namespace Platform.Contracts;

/// <summary>
/// An integration event: a fact one service states and others may act on. Events are small,
/// immutable records without logic. They never carry a BSN or a name: a child is named only by
/// its pseudonymous child reference (see <c>docs/events.md</c>).
/// </summary>
/// <remarks>
/// Versioning: fields may be added (consumers ignore what they don't know); a field is never
/// renamed, removed or given a new meaning. A breaking change is a new type (e.g. <c>...V2</c>)
/// published beside the old one until every consumer has moved.
/// </remarks>
public interface IIntegrationEvent
{
    /// <summary>When the fact happened in the publishing service (UTC).</summary>
    DateTimeOffset OccurredAt { get; }
}
