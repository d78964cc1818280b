using Platform.Funding.Domain;

namespace Platform.Funding.Apis;

/// <summary>Body of <c>POST /tlvs</c>: a school asks for a TLV for a child of an Intake case. No child details: the case names the child.</summary>
public sealed record RequestTlvRequest(
    Guid? CaseId, string? SchoolLocationId, string? Kind, string? ReceivingLocationId, string? Substantiation, string? ParentsView);

/// <summary>Body of <c>POST /tlvs/{id}/experts</c>: the SWV asks an organisation for an advice.</summary>
public sealed record InviteExpertRequest(string? OrganisationId, string? Profession);

/// <summary>
/// Body of <c>POST /tlvs/{id}/advices</c>: an invited expert's written advice. <c>expertPersonId</c> (required) names
/// the person as the Directory registers the expert: its independence is checked on that identity (RULES.md §4).
/// </summary>
public sealed record GiveAdviceRequest(string? ExpertName, string? Profession, string? Advice, string? Summary, DateOnly? GivenOn, string? ExpertPersonId);

/// <summary>Body of <c>POST /tlvs/{id}/decision</c>: the SWV grants (kind, category, validity) or refuses, with the parents' view and reasons.</summary>
public sealed record DecideTlvRequest(
    string? Outcome, string? Kind, string? Category, string? ReceivingLocationId, DateOnly? ValidFrom, DateOnly? ValidUntil,
    string? ParentsView, string? Reasons);

/// <summary>Body of <c>POST /tlvs/{id}/objection</c>: the parents' objection, filed by the requesting school on their behalf.</summary>
public sealed record FileObjectionRequest(string? Grounds);

/// <summary>
/// Body of <c>POST /tlvs/{id}/objection/decision</c>: upheld or rejected, what the LBT advised, the reasons; an upheld
/// objection carries the new decision (<see cref="DecideTlvRequest"/>: granted with its terms, or refused).
/// </summary>
public sealed record DecideObjectionRequest(string? Result, string? LbtAdvice, string? Reasons, DecideTlvRequest? Decision);

/// <summary>
/// Body of <c>POST /tlvs/{id}/renewal</c>: <c>extend</c> (the school: a new request, substantiation and the parents'
/// view again, optionally another kind) or <c>terugplaatsing</c> (the school or the SWV: the planned day).
/// </summary>
public sealed record ChooseRenewalRequest(string? Choice, DateOnly? PlannedOn, string? Kind, string? Substantiation, string? ParentsView);

public sealed record TlvObjectionResponse(
    string FiledBy, DateTimeOffset FiledAt, string? Grounds, DateOnly LbtRequestDueOn, DateOnly? LbtAskedOn, bool LbtRequestOverdue,
    string? LbtAdvice, string? Result, string? Reasons, DateTimeOffset? DecidedAt, string FormerOutcome);

/// <summary>The renewal task: <see cref="Open"/> while raised and not answered.</summary>
public sealed record TlvRenewalResponse(
    bool Open, DateTimeOffset? DueRaisedAt, string? Choice, string? ChosenBy, DateTimeOffset? ChosenAt, Guid? ExtensionTlvId, DateOnly? PlannedReturnOn);

/// <summary>
/// A TLV as those involved see it. <see cref="Substantiation"/>, the parents' views and the advices are
/// child-level: only for organisations a valid consent covers for the TLV; without, the deciding SWV
/// still sees its own decision (it must keep it), nobody else sees anything.
/// </summary>
public sealed record TlvResponse(
    Guid Id, Guid CaseId, string ChildReference, string HomeMunicipality, string SchoolOrganisationId, string SchoolLocationId, string SwvId,
    string Status, string RequestedKind, string? ReceivingLocationId, DateTimeOffset RequestedAt, DateOnly DecisionDueOn,
    string? Substantiation, string? ParentsView, IReadOnlyList<ExpertInvitation> Invitations, IReadOnlyList<ExpertAdvice>? Advices,
    bool ReadyForDecision, TlvDecisionResponse? Decision, DateOnly? EndedOn, string? EndReason,
    DateOnly? ObjectionDueOn = null, TlvObjectionResponse? Objection = null, TlvRenewalResponse? Renewal = null, Guid? ExtendsTlvId = null)
{
    public static TlvResponse From(Tlv t, bool full) => new(
        t.Id, t.CaseId, t.ChildReference, t.HomeMunicipality, t.SchoolOrganisationId, t.SchoolLocationId, t.SwvId,
        t.Status.ToString().ToLowerInvariant(), t.RequestedKind, t.ReceivingLocationId, t.RequestedAt, t.DecisionDueOn,
        full ? t.Substantiation : null, full ? t.ParentsView : null, t.Invitations, full ? t.Advices : null, t.HasTheAdvicesItNeeds,
        t.Decision is { } d ? new TlvDecisionResponse(d.Outcome, d.Kind, d.Category, d.ReceivingLocationId, d.ValidFrom, d.ValidUntil,
            full ? d.ParentsView : null, full ? d.Reasons : null, d.DecidedAt) : null,
        t.EndedOn, t.EndReason, t.ObjectionDueOn,
        t.Objection is { } o ? new TlvObjectionResponse(o.FiledBy, o.FiledAt, full ? o.Grounds : null, o.LbtRequestDueOn, o.LbtAskedOn,
            o.LbtOverdueRaisedAt is not null, o.LbtAdvice, o.Result, full ? o.Reasons : null, o.DecidedAt, o.FormerOutcome ?? "") : null,
        new TlvRenewalResponse(t.Status == TlvStatus.Granted && t.Renewal.DueRaisedAt is not null && t.Renewal.Choice is null,
            t.Renewal.DueRaisedAt, t.Renewal.Choice, t.Renewal.ChosenBy, t.Renewal.ChosenAt, t.Renewal.ExtensionTlvId, t.Renewal.PlannedReturnOn),
        t.ExtendsTlvId);
}

public sealed record TlvDecisionResponse(
    string Outcome, string? Kind, string? Category, string? ReceivingLocationId, DateOnly? ValidFrom, DateOnly? ValidUntil,
    string? ParentsView, string? Reasons, DateTimeOffset DecidedAt);
