using Platform.Funding.Domain;

namespace Platform.Funding.Apis;

/// <summary>
/// Body of <c>POST /zorgplicht-applications</c>: the school registers the parents' written application. No child details: the
/// Intake case names the child. <c>receivedOn</c> is the day the written application came in (the term counts from it).
/// </summary>
public sealed record RegisterZorgplichtRequest(
    Guid? CaseId, string? SchoolLocationId, DateOnly? ReceivedOn, bool? CompulsorySchoolAge, bool? HasPlaceElsewhere, Guid? ThuiszitterCaseId = null);

/// <summary>Body of <c>POST …/extension</c>: the day the parents were told that the term is extended by 4 weeks.</summary>
public sealed record ExtendZorgplichtRequest(DateOnly? ParentsNotifiedOn);

/// <summary>Body of <c>POST …/other-school</c>: the regular school location the board asks to take the child.</summary>
public sealed record AskOtherSchoolRequest(string? LocationId);

/// <summary>
/// Body of <c>POST …/decision</c>: <c>own-school</c> (optionally which of its locations), <c>other-school</c> (the location that
/// accepted) or <c>special-education</c> (with <c>tlvId</c>, the child's granted TLV; the location defaults to the TLV's receiving one).
/// <c>startsOn</c>: the day the child starts at the placement location (default: the decision day; not before the application was
/// received): the 6 weeks of the OPP the decision opens there count from it.
/// </summary>
public sealed record DecideZorgplichtRequest(string? Outcome, string? PlacementLocationId, Guid? TlvId, DateOnly? StartsOn = null);

public sealed record ZorgplichtExtensionResponse(DateTimeOffset ExtendedAt, DateOnly ParentsNotifiedOn);

public sealed record ZorgplichtOtherSchoolResponse(string LocationId, string OrganisationId, DateTimeOffset? AcceptedAt);

/// <summary>
/// <c>timeliness</c>: on-time (within 6 weeks), extended (within the extended 10) or exceeded (late, still a decision). <c>startsOn</c>:
/// the child's first day at the placement location; <c>oppId</c>: the OPP the placement location's school holds for the child (opened
/// by the decision, or the one it had there already); null for a decision recorded before the decision opened OPPs.
/// </summary>
public sealed record ZorgplichtDecisionResponse(string Outcome, string PlacementLocationId, string PlacementType, Guid? TlvId, DateOnly DecidedOn, string Timeliness,
    DateOnly? StartsOn, Guid? OppId);

/// <summary>
/// A zorgplicht application as those involved see it: dates, status and outcome only (the school keeps the file).
/// <c>leerplichtAttention</c>: the term passed without a decision for a child of compulsory school age without a place.
/// </summary>
public sealed record ZorgplichtResponse(
    Guid Id, Guid CaseId, string ChildReference, string HomeMunicipality, string SchoolOrganisationId, string SchoolLocationId, string SchoolType,
    string SchoolMunicipality, string SwvId, DateOnly ReceivedOn, DateTimeOffset RegisteredAt, bool CompulsorySchoolAge, bool HasPlaceElsewhere,
    Guid? ThuiszitterCaseId, string Status, DateOnly OriginalDueOn, DateOnly DecisionDueOn, ZorgplichtExtensionResponse? Extension,
    bool TermExceeded, DateOnly TemporaryPlacementOn, DateOnly? TemporarilyPlacedOn, bool LeerplichtAttention,
    ZorgplichtOtherSchoolResponse? OtherSchool, ZorgplichtDecisionResponse? Decision)
{
    public static ZorgplichtResponse From(ZorgplichtApplication a) => new(
        a.Id, a.CaseId, a.ChildReference, a.HomeMunicipality, a.SchoolOrganisationId, a.SchoolLocationId, a.SchoolType, a.SchoolMunicipality, a.SwvId,
        a.ReceivedOn, a.RegisteredAt, a.CompulsorySchoolAge, a.HasPlaceElsewhere, a.ThuiszitterCaseId, a.Status.ToString().ToLowerInvariant(),
        a.OriginalDueOn, a.DecisionDueOn,
        a.ExtendedAt is { } at ? new ZorgplichtExtensionResponse(at, a.ParentsNotifiedOfExtensionOn!.Value) : null,
        a.ExceededRaisedAt is not null, a.TemporaryPlacementOn, a.TemporarilyPlacedOn, a.NeedsLeerplichtAttention,
        a.OtherSchoolLocationId is { } other ? new ZorgplichtOtherSchoolResponse(other, a.OtherSchoolOrganisationId!, a.OtherSchoolAcceptedAt) : null,
        a.Outcome is { } outcome ? new ZorgplichtDecisionResponse(outcome, a.PlacementLocationId!, a.PlacementType!, a.TlvId, a.DecidedOn!.Value, a.Timeliness!,
            a.StartsOn, a.OppId) : null);
}

/// <summary>
/// Body of <c>POST /opps</c>: the school records an enrolment that needs an OPP: at an SBO, PrO, SO or VSO location always; elsewhere
/// with <c>extraSupport: true</c>. The 6 weeks count from <c>enrolledOn</c>.
/// </summary>
public sealed record EnrolForOppRequest(Guid? CaseId, string? SchoolLocationId, DateOnly? EnrolledOn, bool? ExtraSupport);

/// <summary>Body of <c>POST /opps/{id}/establishment</c>: the day the OPP was set.</summary>
public sealed record EstablishOppRequest(DateOnly? SetOn);

/// <summary>Body of <c>POST /opps/{id}/evaluations</c>: the day of the evaluation with the parents.</summary>
public sealed record EvaluateOppRequest(DateOnly? EvaluatedOn);

/// <summary>Body of <c>PUT /opps/{id}/parents-consent</c>: the parents' consent to the handelingsdeel (given, refused, pending) and its day.</summary>
public sealed record OppParentsConsentRequest(string? Consent, DateOnly? On);

/// <summary>An OPP's dates, status and the parents' consent; its content stays at the school. <c>status</c>: due, set or overdue (not set after 6 weeks).</summary>
public sealed record OppResponse(
    Guid Id, Guid CaseId, string ChildReference, string SchoolOrganisationId, string SchoolLocationId, string SchoolType, string SchoolMunicipality,
    string SwvId, string RequiredBecause, DateOnly EnrolledOn, string Status, DateOnly SetDueOn, DateOnly? SetOn, bool? SetOnTime,
    DateOnly? LastEvaluatedOn, bool? LastEvaluationOnTime, DateOnly? EvaluationDueOn, bool EvaluationOverdue, string? ParentsConsent, DateOnly? ParentsConsentOn)
{
    public static OppResponse From(Opp o, DateOnly today) => new(
        o.Id, o.CaseId, o.ChildReference, o.SchoolOrganisationId, o.SchoolLocationId, o.SchoolType, o.SchoolMunicipality, o.SwvId, o.RequiredBecause,
        o.EnrolledOn, o.SetOn is not null ? "set" : today > o.SetDueOn ? "overdue" : "due", o.SetDueOn, o.SetOn, o.SetOnTime,
        o.LastEvaluatedOn, o.LastEvaluationOnTime, o.EvaluationDueOn, o.EvaluationDueOn is { } due && today > due, o.ParentsConsent, o.ParentsConsentOn);
}
