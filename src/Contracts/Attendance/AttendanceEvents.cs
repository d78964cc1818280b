namespace Platform.Contracts.Attendance;

/// <summary>Verzuimmelding: a school reported absence; routed to the home municipality's leerplicht officers.</summary>
/// <param name="ReportId">Attendance's id of the report.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="SchoolOrganisationId">The reporting school.</param>
/// <param name="Kind">unauthorised (16 hours in 4 school weeks), long-term-relative, long-term-sickness, luxury, other.</param>
/// <param name="FirstAbsentOn">First day of absence.</param>
/// <param name="OccurredAt">When it was reported.</param>
public sealed record AbsenceReported(
    Guid ReportId, string ChildReference, string HomeMunicipality, string SchoolOrganisationId, string Kind,
    DateOnly FirstAbsentOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Thuiszitter: a child of compulsory school age at home without education; a case opened with the leerplicht officer.</summary>
/// <param name="CaseId">Attendance's thuiszitter case.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="Kind">long-term-relative (enrolled, absent over 4 weeks) or absolute (not enrolled).</param>
/// <param name="AtHomeSince">First day at home, from which the 3-month limit counts.</param>
/// <param name="PlanDueOn">When a plan with a suitable offer is due.</param>
/// <param name="EscalationDueOn">When the case goes to the actietafel without a suitable offer.</param>
/// <param name="OccurredAt">When it was registered.</param>
/// <param name="SchoolOrganisationId">The school that reported the absence, when enrolled (added later; for the monitor's per-SWV figures).</param>
public sealed record ThuiszitterRegistered(
    Guid CaseId, string ChildReference, string HomeMunicipality, string Kind, DateOnly AtHomeSince,
    DateOnly PlanDueOn, DateOnly EscalationDueOn, DateTimeOffset OccurredAt, string? SchoolOrganisationId = null) : IIntegrationEvent;

/// <summary>Four weeks after registration there is no plan with a suitable offer yet.</summary>
/// <param name="CaseId">The thuiszitter case.</param>
/// <param name="HomeMunicipality">CBS code of the home municipality.</param>
/// <param name="DueOn">The missed date.</param>
/// <param name="OccurredAt">When it was noticed.</param>
public sealed record ThuiszitterPlanDue(Guid CaseId, string HomeMunicipality, DateOnly DueOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Three months at home without a suitable offer: the case goes to the regional actietafel (thuiszitterspact).</summary>
/// <param name="CaseId">The thuiszitter case.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the home municipality.</param>
/// <param name="AtHomeSince">First day at home.</param>
/// <param name="OccurredAt">When it escalated.</param>
public sealed record ThuiszitterEscalated(
    Guid CaseId, string ChildReference, string HomeMunicipality, DateOnly AtHomeSince, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A suitable offer (passend aanbod) was recorded on a thuiszitter case: the plan and escalation clocks stop, but the case stays
/// open (the child is still at home) until the child starts on StartsOn (RULES.md §2).
/// </summary>
/// <param name="CaseId">The thuiszitter case.</param>
/// <param name="HomeMunicipality">CBS code of the home municipality.</param>
/// <param name="Kind">education, care or combination (a placement from Funding: its kind, individual or collective).</param>
/// <param name="StartsOn">The day the child is to start; the case resolves on it unless the offer lapses first.</param>
/// <param name="Source">officer (recorded by a leerplicht officer) or placement (Funding's PlacementConfirmed).</param>
/// <param name="OccurredAt">When it was recorded.</param>
/// <param name="PlacementId">Funding's placement, when the offer is one.</param>
public sealed record ThuiszitterOfferRecorded(
    Guid CaseId, string HomeMunicipality, string Kind, DateOnly StartsOn, string Source, DateTimeOffset OccurredAt, Guid? PlacementId = null) : IIntegrationEvent;

/// <summary>
/// A suitable offer fell through before the child started: the case is back without an offer, its clocks running from the
/// original dates (RULES.md §2).
/// </summary>
/// <param name="CaseId">The thuiszitter case.</param>
/// <param name="HomeMunicipality">CBS code of the home municipality.</param>
/// <param name="Reason">placement-cancelled (Funding ended the placement before the start) or absence-reported (new absence since the offer).</param>
/// <param name="StartsOn">The start date the offer had.</param>
/// <param name="OccurredAt">When it lapsed.</param>
public sealed record ThuiszitterOfferLapsed(
    Guid CaseId, string HomeMunicipality, string Reason, DateOnly StartsOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The thuiszitter case closed.</summary>
/// <param name="CaseId">The thuiszitter case.</param>
/// <param name="HomeMunicipality">CBS code of the home municipality.</param>
/// <param name="Reason">attending-again, placed-in-arrangement, handover-completed, exempted, moved-away, offer-started (the child started on an officer's offer).</param>
/// <param name="AtHomeSince">First day at home (duration = resolved date minus this).</param>
/// <param name="Escalated">Whether it had reached the actietafel.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ThuiszitterResolved(
    Guid CaseId, string HomeMunicipality, string Reason, DateOnly AtHomeSince, bool Escalated, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Vrijstelling: an exemption from leerplicht (Leerplichtwet art. 5 sub a/b/c) took effect.</summary>
/// <param name="ExemptionId">Attendance's id.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the home municipality.</param>
/// <param name="Article">5a, 5b or 5c.</param>
/// <param name="StartsOn">First day.</param>
/// <param name="EndsOn">Last day (at most the end of the school year).</param>
/// <param name="OccurredAt">When it was granted.</param>
public sealed record ExemptionGranted(
    Guid ExemptionId, string ChildReference, string HomeMunicipality, string Article, DateOnly StartsOn, DateOnly EndsOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>An exemption ended (expired or revoked): the child is of compulsory school age without it again.</summary>
/// <param name="ExemptionId">Attendance's id.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the home municipality.</param>
/// <param name="Article">5a, 5b or 5c.</param>
/// <param name="EndedOn">Last day it applied.</param>
/// <param name="OccurredAt">When it was noticed.</param>
public sealed record ExemptionEnded(
    Guid ExemptionId, string ChildReference, string HomeMunicipality, string Article, DateOnly EndedOn, DateTimeOffset OccurredAt) : IIntegrationEvent;
