namespace Platform.Intake.Apis;

/// <summary>Body of <c>POST /cases/{id}/consents</c>.</summary>
/// <param name="GivenBy">"parents", "child" or both, as the child's age requires.</param>
/// <param name="ParentalAuthorityCheckedIn">Where parental authority was checked (e.g. "gezagsregister"); required when parents consent.</param>
/// <param name="Organisations">The organisations the case may be shared with.</param>
/// <param name="Purpose">What for, in words the family agreed to.</param>
/// <param name="GivenOn">The day consent was given.</param>
/// <param name="ExpiresOn">Optional last day.</param>
/// <param name="Coordinator">Required when this consent opens the case: the one coordinator.</param>
public sealed record RecordConsentRequest(
    IReadOnlyList<string>? GivenBy, string? ParentalAuthorityCheckedIn, IReadOnlyList<string>? Organisations,
    string? Purpose, DateOnly? GivenOn, DateOnly? ExpiresOn, CoordinatorRequest? Coordinator, IReadOnlyList<string>? Purposes = null);

public sealed record CoordinatorRequest(string? OrganisationId, string? Name);

public sealed record WithdrawConsentRequest(string? WithdrawnBy, string? Reason);

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
