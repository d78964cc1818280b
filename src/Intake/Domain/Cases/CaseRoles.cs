namespace Platform.Intake.Domain.Cases;

/// <summary>The moves on a case that not everyone who sees it may make (#25 point 2).</summary>
public enum CaseMove
{
    RequestConsent,
    RecordConsent,
    WithdrawConsent,
    ReassignCoordinator,
    ScheduleKnooppunt,
    RecordKnooppuntOutcome,
    AgreePlan,
    Close,
}

/// <summary>How an organisation that sees the case stands to it; one organisation may be several.</summary>
public sealed record CaseRelation(bool Coordinator, bool Referrer, bool FirstReferrer, bool ResidenceMunicipality, bool RecordedTheConsent);

/// <summary>
/// Who may make which move on a case, once it sees the case (detail access). One family, one plan,
/// one coordinator (PLATFORM.md, Intake 3): the coordinator runs the case: knooppunt, outcome, plan
/// and closure. Consent is asked for and recorded by the coordinator or a referrer of the case, who
/// speak with the family (RULES.md §6); a withdrawal also by whoever recorded that consent. The
/// coordinator is handed over by the coordinator or by the municipality of residence, which must
/// arrange youth care (Jeugdwet art. 2.3, RULES.md §5); a partner named in the consent (an SWV, another
/// municipality) never takes the case over. Before a case opens it has no coordinator, and only its
/// first referrer closes it.
/// </summary>
public static class CaseRoles
{
    /// <param name="samenwerkingsverband">
    /// An SWV may not refer (it never submits a BSN, RULES.md §4, §6), so a referral it made before #25 gives
    /// it no referrer's moves.
    /// </param>
    public static CaseRelation RelationOf(Case c, string organisationId, bool residenceMunicipality, string? consentRecordedBy = null,
        bool samenwerkingsverband = false) => new(
        Coordinator: c.Coordinator?.OrganisationId == organisationId,
        Referrer: !samenwerkingsverband && c.ReferringOrganisationIds.Contains(organisationId),
        FirstReferrer: !samenwerkingsverband && c.FirstReferrerOrganisationId == organisationId,
        ResidenceMunicipality: residenceMunicipality,
        RecordedTheConsent: consentRecordedBy == organisationId);

    /// <summary>Null when the move is the caller's; else why not, for the 403's detail.</summary>
    public static string? Refusal(Case c, CaseMove move, CaseRelation r) => move switch
    {
        CaseMove.RequestConsent or CaseMove.RecordConsent when !(r.Coordinator || r.Referrer) =>
            "Consent is asked for and recorded by the case's coordinator or a referrer of the case, who speak with the family (RULES.md §6; docs/security.md, per action).",
        CaseMove.WithdrawConsent when !(r.Coordinator || r.Referrer || r.RecordedTheConsent) =>
            "A withdrawal is recorded by the case's coordinator, a referrer of the case or whoever recorded that consent (RULES.md §6; docs/security.md, per action).",
        CaseMove.ReassignCoordinator when !(r.Coordinator || r.ResidenceMunicipality) =>
            "Only the current coordinator or the municipality of residence (Jeugdwet art. 2.3, RULES.md §5) hands the case to another coordinator (docs/security.md, per action).",
        CaseMove.ScheduleKnooppunt or CaseMove.RecordKnooppuntOutcome or CaseMove.AgreePlan when !r.Coordinator =>
            "Only the case's coordinator schedules the knooppunt, records its outcome and agrees the plan: one family, one plan, one coordinator (PLATFORM.md, Intake 3; docs/security.md, per action).",
        CaseMove.Close when c.Coordinator is not null && !r.Coordinator =>
            "Only the case's coordinator closes an open case (docs/security.md, per action).",
        CaseMove.Close when c.Coordinator is null && !r.FirstReferrer =>
            "A case that never opened is closed by its first referrer (docs/security.md, per action).",
        _ => null,
    };
}
