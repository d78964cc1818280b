namespace Platform.Portal.Api;

// The portal's view of the APIs' answers: only what its pages show. The APIs' OpenAPI documents are the contract.

public sealed record Costs(long EducationCents, long CareCents, long JointCents, long TotalCents);

public sealed record Share(Guid Id, string Part, string FunderId, string BudgetLine, long AmountCents, string Decision, string? Reason, DateTimeOffset? DecidedAt);

public sealed record Escalation(string Cause, string TableId, DateTimeOffset EscalatedAt, string? Outcome, string? DecisionReason, DateTimeOffset? DecidedAt);

public sealed record ChangeRequest(string FunderId, string Reason, DateTimeOffset At);

public sealed record Arrangement(
    Guid Id, string Kind, string Status, string Title, string LocationId, string TargetGroup, IReadOnlyList<string> SupportDomains,
    int Places, int Occupied, int FreePlaces, DateOnly StartsOn, DateOnly EndsOn, Costs Costs, IReadOnlyList<Share> Shares,
    string? ProposedBy, DateOnly? DecisionDueOn, bool AwaitingYourDecision, IReadOnlyList<ChangeRequest> ChangeRequests, Escalation? Escalation);

public sealed record Budget(int Year, string Line, long AmountCents, long ReservedCents, long CommittedCents, long LeftCents);

public sealed record Coordinator(string OrganisationId, string Name);

public sealed record CaseSummary(Guid Id, string Status, string Access, Coordinator? Coordinator, IReadOnlyList<string> ReferringOrganisations,
    DateTimeOffset ReferredAt, DateTimeOffset? OpenedAt, DateOnly? KnooppuntDueOn, bool KnooppuntOverdue);

/// <summary>A page of cases; <see cref="Next"/> is the API's link to the following page, null on the last.</summary>
public sealed record CasePage(IReadOnlyList<CaseSummary> Items, string? Next)
{
    /// <summary>The cursor of the next page, which the portal's own link carries (never the API's path itself).</summary>
    public string? NextCursor => Next is null ? null
        : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://api"), Next).Query).TryGetValue("cursor", out var cursor) ? cursor.ToString() : null;
}

public sealed record Child(string? Bsn, string GivenName, string FamilyName, DateOnly DateOfBirth, string? HomeMunicipality);

public sealed record NextStep(string Description, string OwnerOrganisationId, DateOnly StartsOn);

public sealed record Knooppunt(Guid Id, DateOnly ScheduledOn, IReadOnlyList<string> Participants, bool ParentsInvited, DateOnly? HeldOn, string? Summary, NextStep? NextStep);

public sealed record PlanAction(string PartnerOrganisationId, string Description, string Owner, DateOnly DueOn);

public sealed record Plan(int Version, IReadOnlyList<string> Goals, IReadOnlyList<PlanAction> Actions, DateOnly ReviewOn, DateTimeOffset AgreedAt, string AgreedBy);

/// <summary>A consent as the case page needs it: whose data may be shared with which organisations, and whether it still holds.</summary>
public sealed record CaseConsent(Guid Id, IReadOnlyList<string> Organisations, DateTimeOffset? WithdrawnAt, DateOnly? ExpiresOn = null,
    IReadOnlyList<string>? Purposes = null);

public sealed record CaseDetail(CaseSummary Summary, Child Child, IReadOnlyList<Knooppunt> Knooppunten, Plan? CurrentPlan, IReadOnlyList<CaseConsent>? Consents = null)
{
    /// <summary>The organisations the family's consent for support names (while it holds): who may sit at the knooppunt and take on actions.</summary>
    public IReadOnlyList<string> ConsentedOrganisations =>
        [.. (Consents ?? []).Where(c => c.WithdrawnAt is null && (c.ExpiresOn is null || c.ExpiresOn >= Localisation.Texts.Today)
                && (c.Purposes ?? ["support"]).Contains("support"))
            .SelectMany(c => c.Organisations).Distinct()];
}

/// <summary>A referral as the portal's form sends it (Intake's <c>POST /api/intake/referrals</c>).</summary>
public sealed record ReferralInput(ReferralChildInput Child, IReadOnlyList<SupportNeedInput> SupportNeeds, string? TriedSoFar, string? Urgency,
    string? ParentsView, string? ChildsView);

public sealed record ReferralChildInput(string? Bsn, string? GivenName, string? FamilyName, DateOnly? DateOfBirth, string? HomeMunicipality);

public sealed record SupportNeedInput(string? Domain, string? Description);

/// <summary>What a POST that creates something answers, as far as the portal needs it: the new thing's id.</summary>
public sealed record Created(Guid Id);

public sealed record RegionRead(IReadOnlyList<SubRegionRead> SubRegions);

public sealed record SubRegionRead(string Id, string Name, IReadOnlyList<MunicipalityRead> Municipalities);

public sealed record MunicipalityRead(string Code, string Name);

/// <summary>What the portal sends for a knooppunt's next step and a plan's action (Intake's request bodies).</summary>
public sealed record NextStepInput(string? Description, string? OwnerOrganisationId, DateOnly? StartsOn);

public sealed record PlanActionInput(string? PartnerOrganisationId, string? Description, string? Owner, DateOnly? DueOn);

public sealed record Thuiszitter(Guid Id, Child Child, string Kind, string Status, DateOnly AtHomeSince, int DaysAtHome, DateTimeOffset RegisteredAt,
    string? Owner, DateOnly PlanDueOn, DateOnly EscalationDueOn, DateOnly? NextDeadline, bool Escalated, string? Resolution,
    SuitableOffer? Offer = null, string? Stage = null);

/// <summary>The suitable offer (passend aanbod) recorded on a thuiszitter case.</summary>
public sealed record SuitableOffer(string Kind, string Description, DateOnly StartsOn);

/// <summary>An absence report (verzuimmelding) as the leerplicht officer's worklist shows it.</summary>
public sealed record AbsenceReport(Guid Id, Child Child, string SchoolOrganisationId, string Kind, DateOnly FirstAbsentOn, DateOnly? LastAbsentOn,
    int? Hours, string Status, DateTimeOffset ReportedAt, bool ReportedLate);

public sealed record Exemption(Guid Id, Child Child, string Article, DateOnly StartsOn, DateOnly EndsOn, DateOnly ReviewOn, string? Grounds, DateTimeOffset? EndedAt);

/// <summary>An exemption as the leerplicht officer records it; the statement and the SWV's advice only where given.</summary>
public sealed record ExemptionInput(ReferralChildInput Child, string? Article, DateOnly? StartsOn, ExemptionStatementInput? Statement,
    ExemptionAdviceInput? SwvAdvice, string? Grounds);

/// <summary>The 5 sub a statement: doctor, pedagoog or psycholoog; whether the signer treats the child; "never" (RULES.md §3).</summary>
public sealed record ExemptionStatementInput(string? Profession, string? IssuedBy, DateOnly? IssuedOn, bool? TreatingProfessional, bool Never);

public sealed record ExemptionAdviceInput(string? SwvOrganisationId, DateOnly? AdvisedOn, string? Advice);

/// <summary>The parents' (or the child's) consent as the case page records it (Intake's <c>POST …/consents</c>; RULES.md §6).</summary>
public sealed record ConsentInput(IReadOnlyList<string> GivenBy, ParentalAuthorityInput ParentalAuthority, IReadOnlyList<string> Organisations,
    string? Purpose, IReadOnlyList<string> Purposes, DateOnly? GivenOn, DateOnly? ExpiresOn, CoordinatorInput? Coordinator);

public sealed record ParentalAuthorityInput(IReadOnlyList<string> Holders, string? VerifiedBy, DateOnly? VerifiedOn);

public sealed record CoordinatorInput(string? OrganisationId, string? Name);

/// <summary>An organisation or a location of the Directory, by the two fields the portal shows.</summary>
public sealed record NamedEntry(string Id, string Name);

/// <summary>One page of a list; <see cref="Next"/> is the link to the following page, null on the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next)
{
    /// <summary>The cursor in <see cref="Next"/>, for the portal's own link to the following page.</summary>
    public string? NextCursor => Next is null ? null
        : Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://api/"), Next).Query).TryGetValue("cursor", out var cursor) ? cursor.ToString() : null;
}

/// <summary>One line of the access log about a child, as Audit reports it to the privacy officer.</summary>
public sealed record AccessLine(
    DateTimeOffset At, string OrganisationId, string? OrganisationName, string? OrganisationType, string? OnBehalfOf, string Service,
    string RecordType, string? RecordId, string Action, string Purpose, string? Explanation, string Outcome);

public sealed record AccessReport(string ChildReference, DateTimeOffset GeneratedAt, int Accesses, IReadOnlyList<AccessLine> Log);

/// <summary>A refused action: the API's problem title and the fields it named.</summary>
public sealed record Refusal(int Status, string Title, IReadOnlyDictionary<string, string[]> Errors);
