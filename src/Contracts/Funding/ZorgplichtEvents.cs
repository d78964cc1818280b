namespace Platform.Contracts.Funding;

// Zorgplicht and OPP (RULES.md §4). No BSN and no name: the child appears only by its pseudonymous reference.
// Every event carries what a monitor counts: the school's type (its location's kind) and municipality, the SWV,
// and whether the term was kept, extended or exceeded.

/// <summary>
/// A school registered the parents' written application (aanmelding) for a child with a support need: its board has
/// the zorgplicht and decides within 6 weeks of the day the application was received (RULES.md §4).
/// </summary>
/// <param name="ApplicationId">Funding's id of the application.</param>
/// <param name="CaseId">The child's Intake case (the referral the application came from).</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality (its leerplicht officers follow the place question).</param>
/// <param name="SchoolOrganisationId">The school applied to.</param>
/// <param name="SchoolLocationId">Its location applied to.</param>
/// <param name="SchoolType">That location's kind: po, vo, sbo, so, vso, pro.</param>
/// <param name="SchoolMunicipality">CBS code of the municipality the location is in.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="ReceivedOn">The day the written application was received: the term counts from it.</param>
/// <param name="DecisionDueOn">The last day of the 6 weeks.</param>
/// <param name="CompulsorySchoolAge">Whether the child is of compulsory school age (leerplichtig), as the school stated.</param>
/// <param name="ThuiszitterCaseId">Attendance's thuiszitter case the application came from, when one did.</param>
/// <param name="OccurredAt">When it was registered.</param>
public sealed record ZorgplichtApplicationRegistered(
    Guid ApplicationId, Guid CaseId, string ChildReference, string HomeMunicipality, string SchoolOrganisationId, string SchoolLocationId,
    string SchoolType, string SchoolMunicipality, string SwvId, DateOnly ReceivedOn, DateOnly DecisionDueOn, bool CompulsorySchoolAge,
    Guid? ThuiszitterCaseId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The last day of the decision term (the 6 weeks, or the extended 10) has come without a decision: a reminder, raised once per term.</summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="SchoolOrganisationId">The school applied to.</param>
/// <param name="SchoolType">Its location's kind.</param>
/// <param name="SchoolMunicipality">CBS code of the school's municipality.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="DueOn">The last day (today).</param>
/// <param name="Extended">Whether it is the extended term.</param>
/// <param name="OccurredAt">When it was raised.</param>
public sealed record ZorgplichtDecisionDue(
    Guid ApplicationId, string SchoolOrganisationId, string SchoolType, string SchoolMunicipality, string SwvId, DateOnly DueOn, bool Extended,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The board extended the term once by 4 weeks and told the parents (RULES.md §4).</summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="SchoolOrganisationId">The school applied to.</param>
/// <param name="SchoolType">Its location's kind.</param>
/// <param name="SchoolMunicipality">CBS code of the school's municipality.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="OriginalDueOn">The last day of the 6 weeks.</param>
/// <param name="DecisionDueOn">The new last day: 10 weeks after the application.</param>
/// <param name="ParentsNotifiedOn">The day the parents were told of the extension.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record ZorgplichtTermExtended(
    Guid ApplicationId, string ChildReference, string SchoolOrganisationId, string SchoolType, string SchoolMunicipality, string SwvId,
    DateOnly OriginalDueOn, DateOnly DecisionDueOn, DateOnly ParentsNotifiedOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// The decision term passed without a decision (raised once). A child of compulsory school age with no school place now
/// (WithoutPlace) is followed by the leerplicht officer of its home municipality.
/// </summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="SchoolOrganisationId">The school applied to.</param>
/// <param name="SchoolType">Its location's kind.</param>
/// <param name="SchoolMunicipality">CBS code of the school's municipality.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="DueOn">The missed last day.</param>
/// <param name="Extended">Whether the term had been extended.</param>
/// <param name="WithoutPlace">Of compulsory school age and without a school place.</param>
/// <param name="OccurredAt">When it was noticed.</param>
public sealed record ZorgplichtTermExceeded(
    Guid ApplicationId, string ChildReference, string HomeMunicipality, string SchoolOrganisationId, string SchoolType, string SchoolMunicipality,
    string SwvId, DateOnly DueOn, bool Extended, bool WithoutPlace, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>10 weeks after the application without a decision: the child is placed temporarily at the school applied to (RULES.md §4).</summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="SchoolOrganisationId">The school applied to, where the child is placed.</param>
/// <param name="SchoolLocationId">Its location.</param>
/// <param name="SchoolType">Its location's kind.</param>
/// <param name="SchoolMunicipality">CBS code of the school's municipality.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="PlacedOn">The first day of the temporary placement.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record ZorgplichtTemporarilyPlaced(
    Guid ApplicationId, string ChildReference, string HomeMunicipality, string SchoolOrganisationId, string SchoolLocationId, string SchoolType,
    string SchoolMunicipality, string SwvId, DateOnly PlacedOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The board decided: a place at its own school, at another regular school that accepted, or in special education with a TLV (RULES.md §4).</summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="SchoolOrganisationId">The school applied to (its board decided).</param>
/// <param name="SchoolType">Its location's kind.</param>
/// <param name="SchoolMunicipality">CBS code of the school's municipality.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="Outcome">own-school, other-school or special-education.</param>
/// <param name="PlacementLocationId">Where the child gets its place.</param>
/// <param name="PlacementType">That location's kind.</param>
/// <param name="TlvId">For special education: the granted TLV.</param>
/// <param name="ReceivedOn">The day of the application.</param>
/// <param name="DecidedOn">The day of the decision.</param>
/// <param name="Timeliness">on-time (within 6 weeks), extended (within the extended 10) or exceeded (after the term: late, still a decision).</param>
/// <param name="TemporarilyPlaced">Whether the child had been placed temporarily before the decision.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record ZorgplichtDecided(
    Guid ApplicationId, string ChildReference, string HomeMunicipality, string SchoolOrganisationId, string SchoolType, string SchoolMunicipality,
    string SwvId, string Outcome, string PlacementLocationId, string PlacementType, Guid? TlvId, DateOnly ReceivedOn, DateOnly DecidedOn,
    string Timeliness, bool TemporarilyPlaced, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// The clock of an ontwikkelingsperspectief (OPP) started: a pupil with extra support, or any pupil of an SBO, PrO, SO or VSO
/// location, enrolled; the school sets the OPP within 6 weeks (RULES.md §4). Its content stays at the school.
/// </summary>
/// <param name="OppId">Funding's id of the OPP record (dates, status, the parents' consent).</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="SchoolOrganisationId">The school.</param>
/// <param name="SchoolLocationId">The location the pupil enrolled at.</param>
/// <param name="SchoolType">Its kind.</param>
/// <param name="SchoolMunicipality">CBS code of the school's municipality.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="RequiredBecause">school-type (SBO, PrO, SO, VSO) or extra-support.</param>
/// <param name="EnrolledOn">The day of enrolment: the 6 weeks count from it.</param>
/// <param name="SetDueOn">The last day to set the OPP.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record OppRequired(
    Guid OppId, string ChildReference, string SchoolOrganisationId, string SchoolLocationId, string SchoolType, string SchoolMunicipality, string SwvId,
    string RequiredBecause, DateOnly EnrolledOn, DateOnly SetDueOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The school set the OPP (after the 6 weeks: late, recorded with OnTime false).</summary>
/// <param name="OppId">The OPP.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="SchoolType">The school location's kind.</param>
/// <param name="SchoolMunicipality">CBS code of the school's municipality.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="SetOn">The day it was set.</param>
/// <param name="OnTime">Within 6 weeks of enrolment.</param>
/// <param name="EvaluationDueOn">The last day of its first yearly evaluation.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record OppEstablished(
    Guid OppId, string ChildReference, string SchoolType, string SchoolMunicipality, string SwvId, DateOnly SetOn, bool OnTime,
    DateOnly EvaluationDueOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The school evaluated the OPP with the parents (at least yearly, RULES.md §4).</summary>
/// <param name="OppId">The OPP.</param>
/// <param name="SchoolType">The school location's kind.</param>
/// <param name="SchoolMunicipality">CBS code of the school's municipality.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="EvaluatedOn">The day.</param>
/// <param name="OnTime">Within a year of the previous setting or evaluation.</param>
/// <param name="NextEvaluationDueOn">The last day of the next one.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record OppEvaluated(
    Guid OppId, string SchoolType, string SchoolMunicipality, string SwvId, DateOnly EvaluatedOn, bool OnTime, DateOnly NextEvaluationDueOn,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A term of the OPP passed (raised once per term): establishment (6 weeks after enrolment) or evaluation (yearly).</summary>
/// <param name="OppId">The OPP.</param>
/// <param name="SchoolOrganisationId">The school.</param>
/// <param name="SchoolType">The school location's kind.</param>
/// <param name="SchoolMunicipality">CBS code of the school's municipality.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="Step">establishment or evaluation.</param>
/// <param name="DueOn">The missed last day.</param>
/// <param name="OccurredAt">When it was noticed.</param>
public sealed record OppOverdue(
    Guid OppId, string SchoolOrganisationId, string SchoolType, string SchoolMunicipality, string SwvId, string Step, DateOnly DueOn,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The parents' consent to the OPP's handelingsdeel was recorded: given, refused or pending (RULES.md §4).</summary>
/// <param name="OppId">The OPP.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="SchoolType">The school location's kind.</param>
/// <param name="SchoolMunicipality">CBS code of the school's municipality.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="Consent">given, refused or pending.</param>
/// <param name="On">The day the parents gave or refused it (pending: the day it was recorded as asked).</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record OppParentsConsentRecorded(
    Guid OppId, string ChildReference, string SchoolType, string SchoolMunicipality, string SwvId, string Consent, DateOnly On,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
