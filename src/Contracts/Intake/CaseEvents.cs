namespace Platform.Contracts.Intake;

/// <summary>A case opened: consent is there and one coordinator (regisseur) is named.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="CoordinatorOrganisationId">The coordinator's organisation.</param>
/// <param name="ReferredAt">When the first referral came in (for days-to-knooppunt indicators).</param>
/// <param name="KnooppuntDueOn">The last day the knooppunt must be held.</param>
/// <param name="OccurredAt">When it opened.</param>
/// <param name="FirstReferrerOrganisationId">Who made the first referral (added later; the monitor attributes the case to that school's SWV).</param>
public sealed record CaseOpened(
    Guid CaseId, string ChildReference, string HomeMunicipality, string CoordinatorOrganisationId,
    DateTimeOffset ReferredAt, DateOnly KnooppuntDueOn, DateTimeOffset OccurredAt, string? FirstReferrerOrganisationId = null) : IIntegrationEvent;

/// <summary>
/// One child, one case: a referral for a child who already has a case was linked to it. Both the
/// new and the earlier referrers are named, so each can be told (as in the Verwijsindex).
/// </summary>
/// <param name="CaseId">The existing case.</param>
/// <param name="ReferralId">The new referral.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="ReferringOrganisationId">Who made the new referral.</param>
/// <param name="EarlierReferringOrganisationIds">Who referred before.</param>
/// <param name="OccurredAt">When it was linked.</param>
public sealed record ReferralLinkedToCase(
    Guid CaseId, Guid ReferralId, string ChildReference, string ReferringOrganisationId,
    IReadOnlyList<string> EarlierReferringOrganisationIds, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The coordinator of a case changed.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="FromOrganisationId">The previous coordinator's organisation.</param>
/// <param name="ToOrganisationId">The new coordinator's organisation.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CoordinatorReassigned(Guid CaseId, string FromOrganisationId, string ToOrganisationId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Knooppunt: the case meeting was scheduled.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="KnooppuntId">The meeting.</param>
/// <param name="ScheduledOn">The day of the meeting.</param>
/// <param name="DueOn">The last day it should be held by.</param>
/// <param name="Participants">Organisations invited.</param>
/// <param name="ParentsInvited">Whether the parents are invited.</param>
/// <param name="OccurredAt">When it was scheduled.</param>
public sealed record KnooppuntScheduled(
    Guid CaseId, Guid KnooppuntId, DateOnly ScheduledOn, DateOnly DueOn, IReadOnlyList<string> Participants,
    bool ParentsInvited, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The knooppunt was held and ended with a next step that can be taken at once.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="KnooppuntId">The meeting.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="ReferredAt">When the first referral came in.</param>
/// <param name="HeldOn">The day it was held.</param>
/// <param name="FirstStepOn">The day the agreed next step starts.</param>
/// <param name="NextStepOwnerOrganisationId">Who takes the next step.</param>
/// <param name="OccurredAt">When the outcome was recorded.</param>
public sealed record KnooppuntHeld(
    Guid CaseId, Guid KnooppuntId, string HomeMunicipality, DateTimeOffset ReferredAt, DateOnly HeldOn,
    DateOnly FirstStepOn, string NextStepOwnerOrganisationId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The knooppunt deadline passed without a meeting held.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="CoordinatorOrganisationId">Who should act.</param>
/// <param name="DueOn">The missed deadline.</param>
/// <param name="OccurredAt">When it was noticed.</param>
public sealed record KnooppuntOverdue(
    Guid CaseId, string HomeMunicipality, string CoordinatorOrganisationId, DateOnly DueOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A version of the one integrated plan was agreed.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Version">Plan version, from 1.</param>
/// <param name="Partners">Organisations with actions in the plan.</param>
/// <param name="ReviewOn">When the plan is reviewed.</param>
/// <param name="OccurredAt">When it was agreed.</param>
public sealed record PlanAgreed(Guid CaseId, int Version, IReadOnlyList<string> Partners, DateOnly ReviewOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// The plan asks for an arrangement: an individual one, or a place in a collective arrangement
/// (doelgroeparrangement). Funding acts on it. No BSN: the SWV side may not hold it.
/// </summary>
/// <param name="RequestId">Id of this request (one per plan version that asks).</param>
/// <param name="CaseId">The case.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality (the paying municipality).</param>
/// <param name="Kind">individual or collective.</param>
/// <param name="SupportDomains">The domains the arrangement must cover.</param>
/// <param name="Urgent">Whether help must start before funding is settled (pre-financing).</param>
/// <param name="OccurredAt">When it was requested.</param>
/// <param name="SchoolId">The child's school (organisation id): Funding looks for a place there first. Added later; absent in older events.</param>
public sealed record ArrangementRequested(
    Guid RequestId, Guid CaseId, string ChildReference, string HomeMunicipality, string Kind,
    IReadOnlyList<string> SupportDomains, bool Urgent, DateTimeOffset OccurredAt, string? SchoolId = null) : IIntegrationEvent;

/// <summary>The case closed.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Reason">goals-reached, moved-away, referred-elsewhere, no-consent, withdrawn-by-referrer or other.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CaseClosed(Guid CaseId, string Reason, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// The case's retention term ended (20 years after it closed, RULES.md §6) and Intake erased it with
/// its referrals and consents. Services that keep copies of the case or its consents erase them too.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="ChildReference">Whose: copies are found by it.</param>
/// <param name="OccurredAt">When it was erased.</param>
public sealed record CaseErased(Guid CaseId, string ChildReference, DateTimeOffset OccurredAt) : IIntegrationEvent;
