namespace Platform.Contracts.Intake;

/// <summary>
/// Aanmelding: an organisation referred a child for support. Published by Intake when the
/// referral is accepted.
/// </summary>
/// <param name="ReferralId">Intake's id of the referral.</param>
/// <param name="ChildReference">Pseudonymous child reference (keyed hash of the BSN); never the BSN.</param>
/// <param name="ReferringOrganisationId">The organisation that referred (school, childcare, wijkteam, JGZ).</param>
/// <param name="ReferringOrganisationType">Its type, as in the token's <c>org_type</c>.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality (woonplaatsbeginsel), e.g. GM0935.</param>
/// <param name="SupportDomains">The domains the support need is described in (learning, social-emotional, ...).</param>
/// <param name="Urgency">How soon help is needed: regular, soon, urgent.</param>
/// <param name="OccurredAt">When the referral was submitted.</param>
public sealed record ReferralSubmitted(
    Guid ReferralId,
    string ChildReference,
    string ReferringOrganisationId,
    string ReferringOrganisationType,
    string HomeMunicipality,
    IReadOnlyList<string> SupportDomains,
    string Urgency,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
