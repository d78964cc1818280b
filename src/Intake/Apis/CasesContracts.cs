using Platform.Intake.Domain;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Domain.Consents;

namespace Platform.Intake.Apis;

/// <summary>Body of <c>POST /cases/{id}/consents</c>.</summary>
/// <param name="GivenBy">"parents", "child" or both, as the child's age requires.</param>
/// <param name="ParentalAuthorityCheckedIn">Deprecated: use <c>parentalAuthority</c>. Only "gezagsregister" is still accepted here, read as: the parents hold authority, checked there on <c>givenOn</c>.</param>
/// <param name="Organisations">The organisations the case may be shared with.</param>
/// <param name="Purpose">What for, in words the family agreed to.</param>
/// <param name="GivenOn">The day consent was given.</param>
/// <param name="ExpiresOn">Optional last day.</param>
/// <param name="Coordinator">Required when this consent opens the case: the one coordinator.</param>
/// <param name="Purposes">support, arrangement, tlv, handover (default support).</param>
/// <param name="ParentalAuthority">Required when the parents consent: who holds parental authority, how and when it was checked (RULES.md §6).</param>
public sealed record RecordConsentRequest(
    IReadOnlyList<string>? GivenBy, string? ParentalAuthorityCheckedIn, IReadOnlyList<string>? Organisations,
    string? Purpose, DateOnly? GivenOn, DateOnly? ExpiresOn, CoordinatorRequest? Coordinator, IReadOnlyList<string>? Purposes = null,
    ParentalAuthorityRequest? ParentalAuthority = null);

/// <summary>The check of parental authority (gezag) behind the parents' consent.</summary>
/// <param name="Holders">Who holds authority: parents (both, jointly), mother, father, parent, guardian.</param>
/// <param name="VerifiedBy">How it was checked: gezagsregister or court-decision (a parent's declaration does not count).</param>
/// <param name="VerifiedOn">When it was checked: not in the future, at most Intake:Consent:MaxAuthorityCheckAgeDays (default 31) before givenOn.</param>
public sealed record ParentalAuthorityRequest(IReadOnlyList<string>? Holders, string? VerifiedBy, DateOnly? VerifiedOn);

public sealed record CoordinatorRequest(string? OrganisationId, string? Name);

/// <param name="WithdrawnBy">Who withdrew, in words (e.g. "the mother, by phone to the coordinator").</param>
/// <param name="WithdrawnByParties">Which of the people who consented withdrew: parents, child (default: all who gave it). Every consent of the case resting on their word ends too.</param>
public sealed record WithdrawConsentRequest(string? WithdrawnBy, string? Reason, IReadOnlyList<string>? WithdrawnByParties = null);

public sealed record ReassignCoordinatorRequest(string? OrganisationId, string? Name, string? Reason);

public sealed record ScheduleKnooppuntRequest(DateOnly? ScheduledOn, IReadOnlyList<string>? Participants, bool? ParentsInvited);

public sealed record KnooppuntOutcomeRequest(DateOnly? HeldOn, string? Summary, NextStepRequest? NextStep);

public sealed record NextStepRequest(string? Description, string? OwnerOrganisationId, DateOnly? StartsOn);

/// <summary>Body of <c>POST /cases/{id}/plans</c>: a new version of the one integrated plan.</summary>
public sealed record AgreePlanRequest(
    IReadOnlyList<string>? Goals, IReadOnlyList<PlanActionRequest>? Actions, DateOnly? ReviewOn, ArrangementRequestBody? Arrangement);

public sealed record PlanActionRequest(string? PartnerOrganisationId, string? Description, string? Owner, DateOnly? DueOn);

/// <summary>Kind: "individual" or "collective" (a place in a doelgroeparrangement).</summary>
/// <summary>SchoolOrganisationId: the child's school, where a place is looked for first (default: the first referrer).</summary>
public sealed record ArrangementRequestBody(string? Kind, IReadOnlyList<string>? SupportDomains, bool? Urgent, string? SchoolOrganisationId = null);

/// <summary>Reason: goals-reached, moved-away, referred-elsewhere (open cases); no-consent, withdrawn-by-referrer (never opened); other.</summary>
public sealed record CloseCaseRequest(string? Reason, string? Note);

/// <summary>What every involved organisation sees of a case.</summary>
/// <param name="ConsentRenewal">Set when the child turned 12 or 16 after consent was given, until the right people consent again (RULES.md §6).</param>
public record CaseSummaryResponse(
    Guid Id, string Status, string Access, CoordinatorResponse? Coordinator, IReadOnlyList<string> ReferringOrganisations,
    DateTimeOffset ReferredAt, DateTimeOffset? OpenedAt, DateOnly? KnooppuntDueOn, bool KnooppuntOverdue, ConsentRenewalResponse? ConsentRenewal = null)
{
    public static CaseSummaryResponse From(Case c, AccessLevel access) => new(
        c.Id, c.Status.Name(), access == AccessLevel.Detail ? "detail" : "summary",
        c.Coordinator is null ? null : new CoordinatorResponse(c.Coordinator.OrganisationId, c.Coordinator.Name),
        c.ReferringOrganisationIds, c.ReferredAt, c.OpenedAt, c.KnooppuntDueOn, c.KnooppuntOverdueRaisedAt is not null,
        access == AccessLevel.Detail && c.ConsentRenewalAge is { } age
            ? new ConsentRenewalResponse(age, [.. ConsentRules.PartiesAt(age).Select(p => p.Name())])
            : null);
}

/// <summary>The task to renew consent: the child turned <c>turnedAge</c>; from now on <c>parties</c> consent.</summary>
public sealed record ConsentRenewalResponse(int TurnedAge, IReadOnlyList<string> Parties);

public sealed record CoordinatorResponse(string OrganisationId, string Name);

/// <summary>
/// The whole case, for the first referrer and organisations under a valid consent. The BSN is left
/// out for samenwerkingsverbanden, which may not process it (RULES.md §4).
/// </summary>
public sealed record CaseDetailResponse(
    CaseSummaryResponse Summary,
    ChildResponse Child,
    IReadOnlyList<Guid> Referrals,
    IReadOnlyList<ConsentResponse> Consents,
    IReadOnlyList<CoordinatorAssignment> CoordinatorLog,
    IReadOnlyList<Knooppunt> Knooppunten,
    PlanVersion? CurrentPlan,
    IReadOnlyList<PlanVersion> PlanHistory,
    IReadOnlyList<CaseNote> Notes,
    string? ClosedReason,
    string? ClosingNote)
{
    /// <summary>Says which of the case's two shapes this is, as <c>access</c> of the summary shape does ("summary" there).</summary>
    public required string Access { get; init; }

    public static CaseDetailResponse From(Case c, Referral first, IEnumerable<Consent> consents, bool withBsn) => new(
        CaseSummaryResponse.From(c, AccessLevel.Detail),
        ChildResponse.From(first.Child, withBsn),
        [c.FirstReferralId, .. c.LinkedReferralIds],
        [.. consents.OrderBy(x => x.RecordedAt).Select(ConsentResponse.From)],
        c.CoordinatorLog, c.Knooppunten, c.CurrentPlan, [.. c.Plans.OrderByDescending(p => p.Version)], c.Notes,
        c.ClosedReason?.Name(), c.ClosingNote) { Access = "detail" };
}

/// <param name="RecordedBy">The organisation that recorded it.</param>
/// <param name="EndedByWithdrawalOf">Set when it ended because the family withdrew that other consent (their word ended for every consent resting on it).</param>
public sealed record ConsentResponse(
    Guid Id, IReadOnlyList<string> GivenBy, string? ParentalAuthorityCheckedIn, IReadOnlyList<string> Organisations, string Purpose,
    DateOnly GivenOn, DateOnly? ExpiresOn, DateTimeOffset RecordedAt, DateTimeOffset? WithdrawnAt, string? WithdrawnBy, IReadOnlyList<string> Purposes,
    ParentalAuthorityResponse? ParentalAuthority = null, string? RecordedBy = null, IReadOnlyList<string>? WithdrawnByParties = null, Guid? EndedByWithdrawalOf = null)
{
    public static ConsentResponse From(Consent c) => new(
        c.Id, [.. c.GivenBy.Select(p => p.Name())], c.ParentalAuthorityCheckedIn, c.Organisations, c.Purpose,
        c.GivenOn, c.ExpiresOn, c.RecordedAt, c.WithdrawnAt, c.WithdrawnBy, c.Purposes,
        c.ParentalAuthorityCheckedIn is null ? null : new ParentalAuthorityResponse(c.ParentalAuthorityHolders, c.ParentalAuthorityCheckedIn, c.ParentalAuthorityCheckedOn),
        c.RecordedByOrganisationId, c.WithdrawnAt is null ? null : c.WithdrawnByParties, c.EndedByWithdrawalOf);
}

/// <summary>Who holds parental authority, how and when it was checked; <c>verifiedOn</c> is null for consents recorded before #25.</summary>
public sealed record ParentalAuthorityResponse(IReadOnlyList<string> Holders, string VerifiedBy, DateOnly? VerifiedOn);
