namespace Platform.Contracts.Attendance;

/// <summary>Verzuimmelding: a school reported absence; routed to the home municipality's leerplicht officers.</summary>
/// <param name="ReportId">Attendance's id of the report.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="SchoolOrganisationId">The reporting school.</param>
/// <param name="Kind">unauthorised (16 hours in 4 school weeks), long-term-relative, long-term-sickness, luxury, other.</param>
/// <param name="FirstAbsentOn">First day of absence.</param>
/// <param name="OccurredAt">When it was reported.</param>
/// <param name="RoutedToMunicipality">
/// CBS code of the municipality whose officers handle it (added later): the home municipality, except for rmc (18-23 without
/// startkwalificatie), which goes to the region's RMC contact municipality (RULES.md §1). Null in events from before.
/// </param>
/// <param name="ReportedLate">
/// Whether a 16-hour report came after its term of 5 working days (RULES.md §1: accepted, flagged and counted; added later, for the
/// monitor's late-reports figure). False for every other kind; null in events from before.
/// </param>
public sealed record AbsenceReported(
    Guid ReportId, string ChildReference, string HomeMunicipality, string SchoolOrganisationId, string Kind,
    DateOnly FirstAbsentOn, DateTimeOffset OccurredAt, string? RoutedToMunicipality = null, bool? ReportedLate = null) : IIntegrationEvent;

/// <summary>
/// An absence report reached its end state (DUO: Afgesloten, Ter kennisgeving aangenomen, Ingetrokken). With AbsenceReported
/// it lets the grey zone (long-term-sickness reports still open) be counted as a stock.
/// </summary>
/// <param name="ReportId">Attendance's id of the report.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="Kind">The report's kind, as in AbsenceReported.</param>
/// <param name="Outcome">closed, acknowledged (DUO: Ter kennisgeving aangenomen) or withdrawn.</param>
/// <param name="LastAbsentOn">The last absent day, when known.</param>
/// <param name="OccurredAt">When.</param>
public sealed record AbsenceReportFinished(
    Guid ReportId, string HomeMunicipality, string Kind, string Outcome, DateOnly? LastAbsentOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// Grey zone (RULES.md §2): a long-term sickness report reached its review date while still open; the leerplicht officer
/// reviews it with the school. Long-term sickness is authorised absence, tracked, never a thuiszitter by itself.
/// </summary>
/// <param name="ReportId">The long-term sickness report.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="SchoolOrganisationId">The reporting school.</param>
/// <param name="ReviewOn">The review date that came.</param>
/// <param name="OccurredAt">When it was noticed.</param>
public sealed record LongTermSicknessReviewDue(
    Guid ReportId, string HomeMunicipality, string SchoolOrganisationId, DateOnly ReviewOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Thuiszitter: a child of compulsory school age at home without education; a case opened with the leerplicht officer.</summary>
/// <param name="CaseId">Attendance's thuiszitter case.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="Kind">
/// long-term-relative (enrolled, absent over 4 weeks), absolute (not enrolled), or partly-ill (partly ill, able to attend partly
/// under a plan, absent over 4 weeks: only in a region that counts these as thuiszitters, RULES.md §2; added later).
/// </param>
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
/// <param name="RenewalOfExemptionId">For a yearly renewal (RULES.md §3, also announced by <see cref="ExemptionRenewed"/>): the
/// exemption it continues. Null for a first notice. The monitor counts first notices as granted and both as in force.</param>
/// <param name="Permanent">
/// True when it needs no yearly renewal: a 5 sub a exemption whose statement says the child will never be able to attend, running
/// to the end of compulsory schooling (RULES.md §3); false for a yearly (temporary) one. Added later, for the monitor's
/// temporary-versus-permanent figures; null in events from before.
/// </param>
public sealed record ExemptionGranted(
    Guid ExemptionId, string ChildReference, string HomeMunicipality, string Article, DateOnly StartsOn, DateOnly EndsOn, DateTimeOffset OccurredAt,
    Guid? RenewalOfExemptionId = null, bool? Permanent = null) : IIntegrationEvent;

/// <summary>An exemption ended (expired or revoked): the child is of compulsory school age without it again.</summary>
/// <param name="ExemptionId">Attendance's id.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the home municipality.</param>
/// <param name="Article">5a, 5b or 5c.</param>
/// <param name="EndedOn">Last day it applied.</param>
/// <param name="OccurredAt">When it was noticed.</param>
public sealed record ExemptionEnded(
    Guid ExemptionId, string ChildReference, string HomeMunicipality, string Article, DateOnly EndedOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// An exemption's yearly renewal is due (RULES.md §3: parents renew before 1 July): the reminder on the region's reminder date
/// (default 1 May), a task for the leerplicht officer. Not raised for a 5 sub a exemption whose statement says "never".
/// </summary>
/// <param name="ExemptionId">Attendance's id.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the home municipality.</param>
/// <param name="Article">5a, 5b or 5c.</param>
/// <param name="RenewBefore">The renewal notice is due before this day (1 July).</param>
/// <param name="OccurredAt">When the reminder was raised.</param>
public sealed record ExemptionRenewalDue(
    Guid ExemptionId, string ChildReference, string HomeMunicipality, string Article, DateOnly RenewBefore, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// An exemption was renewed for the next school year before 1 July (RULES.md §3). The renewal is an exemption of its own, whose
/// ExemptionGranted is raised beside this event; the previous one ends at its school year's end without a check.
/// </summary>
/// <param name="PreviousExemptionId">The exemption renewed.</param>
/// <param name="ExemptionId">The renewal.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the home municipality.</param>
/// <param name="Article">5a, 5b or 5c.</param>
/// <param name="StartsOn">First day of the renewal (the new school year).</param>
/// <param name="EndsOn">Its last day.</param>
/// <param name="OccurredAt">When it was filed.</param>
public sealed record ExemptionRenewed(
    Guid PreviousExemptionId, Guid ExemptionId, string ChildReference, string HomeMunicipality, string Article,
    DateOnly StartsOn, DateOnly EndsOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// An exemption lapsed without renewal while the child is still of compulsory school age (RULES.md §2-3): instead of the child
/// silently disappearing, the leerplicht officer checks for absoluut verzuim (is the child enrolled anywhere?).
/// </summary>
/// <param name="ExemptionId">The lapsed exemption.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the home municipality.</param>
/// <param name="Article">5a, 5b or 5c.</param>
/// <param name="LapsedOn">The exemption's last day.</param>
/// <param name="OccurredAt">When the check opened.</param>
public sealed record AbsoluteAbsenceCheckOpened(
    Guid ExemptionId, string ChildReference, string HomeMunicipality, string Article, DateOnly LapsedOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The leerplicht officer finished the absolute-absence check after a lapsed exemption.</summary>
/// <param name="ExemptionId">The lapsed exemption.</param>
/// <param name="HomeMunicipality">CBS code of the home municipality.</param>
/// <param name="Outcome">enrolled, absolute-verzuim (a thuiszitter case opened), exempted (a new exemption notice), moved-away.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="ThuiszitterCaseId">The thuiszitter case, for absolute-verzuim.</param>
public sealed record AbsoluteAbsenceCheckClosed(
    Guid ExemptionId, string HomeMunicipality, string Outcome, DateTimeOffset OccurredAt, Guid? ThuiszitterCaseId = null) : IIntegrationEvent;

/// <summary>
/// An onderwijsconsulent (independent, non-binding) was called in for a thuiszitter: more than 4 weeks at home with no prospect of
/// a place (RULES.md §2).
/// </summary>
/// <param name="CaseId">The thuiszitter case.</param>
/// <param name="HomeMunicipality">CBS code of the home municipality.</param>
/// <param name="AtHomeSince">First day at home.</param>
/// <param name="DaysAtHome">Days at home when engaged.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record OnderwijsconsulentEngaged(
    Guid CaseId, string HomeMunicipality, DateOnly AtHomeSince, int DaysAtHome, DateTimeOffset OccurredAt) : IIntegrationEvent;
