namespace Platform.Contracts.Children;

/// <summary>
/// A child known by an onderwijsnummer or a platform child id was linked to its BSN (ADR-0015): every service re-keys
/// the records it holds under <paramref name="FromReference"/> to <paramref name="ToReference"/> and finds them by either
/// from now on (one child, one case, one history). No BSN, no onderwijsnummer, no platform child id: only the two
/// pseudonymous references.
/// </summary>
/// <param name="LinkId">The link's id.</param>
/// <param name="FromReference">The reference the child was known by (made from its onderwijsnummer or platform child id).</param>
/// <param name="ToReference">The reference made from the child's BSN.</param>
/// <param name="LinkedByOrganisationId">The organisation that linked them (it holds a record of the child and knows the BSN).</param>
/// <param name="LinkedIn">The service it was linked in: attendance, intake or handover.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ChildIdentifiersLinked(
    Guid LinkId, string FromReference, string ToReference, string LinkedByOrganisationId, string LinkedIn, DateTimeOffset OccurredAt) : IIntegrationEvent;
