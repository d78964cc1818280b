namespace Platform.Contracts.Audit;

/// <summary>
/// One look at, or change of, a child's data (NEN 7513: event, time, client, user, on whose behalf,
/// access point, object, authorisation, outcome), sent by the service where it happened to the Audit
/// service, which keeps it apart from the data it describes. The child appears by its pseudonymous
/// reference only; never a BSN or a name.
/// </summary>
/// <param name="AuditId">Unique per record.</param>
/// <param name="Service">Where it happened: intake, funding, attendance, handover.</param>
/// <param name="Action">read, search, export, create, update, delete, erase, inspect, replay.</param>
/// <param name="RecordType">What was looked at or changed: case, referral, consent, absence-report, thuiszitter-case, exemption, handover, arrangement, placement, tlv.</param>
/// <param name="RecordId">Its id, when one record.</param>
/// <param name="ChildReference">Whose data (pseudonymous); null when the request was refused before a child was known.</param>
/// <param name="OrganisationId">The organisation that asked (the token's org_id).</param>
/// <param name="OrganisationType">Its type.</param>
/// <param name="ClientId">The client or user that asked.</param>
/// <param name="OnBehalfOf">The person the client acted for, when a person did (the portal's signed-in user).</param>
/// <param name="Purpose">Why: the X-Purpose header, or the endpoint's purpose (support, arrangement, tlv, handover, leerplicht, retention).</param>
/// <param name="Explanation">The caller's own words on why it looks (X-Purpose-Reason), when given.</param>
/// <param name="Outcome">success, denied (403/404), refused (400/409/422) or failed.</param>
/// <param name="Route">The endpoint (route template), never the URL with its values.</param>
/// <param name="TraceId">The request's trace, to find it in the dashboard.</param>
/// <param name="OccurredAt">When.</param>
public sealed record AuditRecorded(
    Guid AuditId, string Service, string Action, string RecordType, string? RecordId, string? ChildReference,
    string OrganisationId, string? OrganisationType, string? ClientId, string? OnBehalfOf, string Purpose, string? Explanation,
    string Outcome, string? Route, string? TraceId, DateTimeOffset OccurredAt) : IIntegrationEvent;
