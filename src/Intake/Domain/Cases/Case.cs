using Platform.ServiceDefaults;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.Intake.Domain.Consents;

namespace Platform.Intake.Domain.Cases;

/// <summary>
/// Casus: one child, one case, one coordinator, one plan. Every change goes through a method that
/// checks the state machine (<see cref="CaseStatus"/>) and refuses an illegal move, and records
/// the integration events the change causes; the DbContext stages them in the outbox on save.
/// </summary>
public sealed class Case : Platform.Messaging.Outbox.IRecordsIntegrationEvents
{
    private readonly List<IIntegrationEvent> _events = [];

    public Guid Id { get; private set; }
    public CaseStatus Status { get; private set; }
    public string ChildReference { get; private set; } = "";
    public string HomeMunicipality { get; private set; } = "";
    /// <summary>Kept for the consent age rules; the child's identity stays on the referral.</summary>
    public DateOnly ChildDateOfBirth { get; private set; }
    public Guid FirstReferralId { get; private set; }
    public string FirstReferrerOrganisationId { get; private set; } = "";
    public DateTimeOffset ReferredAt { get; private set; }
    public List<Guid> LinkedReferralIds { get; private set; } = [];
    public List<string> ReferringOrganisationIds { get; private set; } = [];
    public Coordinator? Coordinator { get; private set; }
    public List<CoordinatorAssignment> CoordinatorLog { get; private set; } = [];
    public DateTimeOffset? OpenedAt { get; private set; }
    public DateOnly? KnooppuntDueOn { get; private set; }
    public DateTimeOffset? KnooppuntOverdueRaisedAt { get; private set; }
    /// <summary>The day the first knooppunt was held: the deadline watcher and indicators read it.</summary>
    public DateOnly? FirstKnooppuntHeldOn { get; private set; }
    public List<Knooppunt> Knooppunten { get; private set; } = [];
    public List<PlanVersion> Plans { get; private set; } = [];
    public List<CaseAccess> Access { get; private set; } = [];
    public List<CaseNote> Notes { get; private set; } = [];
    /// <summary>The next birthday (12th or 16th) after the latest consent, on which who consents changes (RULES.md §6): the renewal sweep's deadline.</summary>
    public DateOnly? ConsentAgeCheckOn { get; private set; }
    /// <summary>Set when the child reached 12 or 16 after consent was given, until consent is given again by the right people.</summary>
    public DateOnly? ConsentRenewalDueSince { get; private set; }
    public int? ConsentRenewalAge { get; private set; }
    public CloseReason? ClosedReason { get; private set; }
    public string? ClosingNote { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public uint Version { get; private set; }

    private Case() { }

    public IReadOnlyList<IIntegrationEvent> PendingEvents => _events;
    public void ClearPendingEvents() => _events.Clear();

    public PlanVersion? CurrentPlan => Plans.MaxBy(p => p.Version);

    public static Case Start(Referral referral, DateTimeOffset now)
    {
        var @case = new Case
        {
            Id = Guid.CreateVersion7(now),
            Status = CaseStatus.Referred,
            ChildReference = referral.ChildReference,
            HomeMunicipality = referral.Child.HomeMunicipality,
            ChildDateOfBirth = referral.Child.DateOfBirth,
            FirstReferralId = referral.Id,
            FirstReferrerOrganisationId = referral.ReferringOrganisationId,
            ReferredAt = referral.SubmittedAt,
            ReferringOrganisationIds = [referral.ReferringOrganisationId],
        };
        // The referrer already knows the child: it sees everything, consent or not (anonymous consultation).
        @case.Access.Add(new CaseAccess(referral.ReferringOrganisationId, AccessLevel.Detail));
        referral.AttachTo(@case.Id);
        return @case;
    }

    /// <summary>The access an organisation has today, or null: then the case does not exist for it.</summary>
    public AccessLevel? AccessFor(string organisationId, DateOnly today) =>
        Access.Where(a => a.OrganisationId == organisationId && a.IsActiveOn(today))
            .Select(a => (AccessLevel?)a.Level).DefaultIfEmpty(null).Max();

    /// <summary>One child, one case: a later referral joins this case instead of starting another.</summary>
    public void Link(Referral referral, DateTimeOffset now)
    {
        Require("link a referral", CaseStatus.Referred, CaseStatus.AwaitingConsent, CaseStatus.Open, CaseStatus.PlanAgreed);
        var earlier = ReferringOrganisationIds.ToList();
        LinkedReferralIds.Add(referral.Id);
        if (!ReferringOrganisationIds.Contains(referral.ReferringOrganisationId))
            ReferringOrganisationIds.Add(referral.ReferringOrganisationId);
        // A later referral gives no access to the case (#25): it would tell the referrer that the child
        // is known and who coordinates. The coordinator and the earlier referrers hear of it through
        // ReferralLinkedToCase; the new referrer gets access when a consent names it.
        referral.AttachTo(Id);
        _events.Add(new ReferralLinkedToCase(Id, referral.Id, ChildReference, referral.ReferringOrganisationId, earlier, now));
    }

    public void RequestConsent()
    {
        Require("ask for consent", CaseStatus.Referred);
        Status = CaseStatus.AwaitingConsent;
    }

    /// <summary>
    /// Records consent. A case that is not open yet opens with it, and then needs its one
    /// coordinator, who must be among the organisations the consent names.
    /// </summary>
    public Consent RecordConsent(
        IReadOnlyCollection<ConsentParty> givenBy, ParentalAuthorityCheck? authority, IReadOnlyCollection<string> organisations,
        string purpose, IReadOnlyCollection<string> purposes, DateOnly givenOn, DateOnly? expiresOn, Coordinator? coordinator, string recordedBy,
        DateTimeOffset now, WorkingDays workingDays, int knooppuntWorkingDays, ConsentOptions? limits = null, IEnumerable<Consent>? earlier = null)
    {
        // A withdrawal ends what the same people said before it: a consent said to be given before their latest
        // withdrawal would bring it back by back-dating (#25). Consent given again is dated on or after that day.
        var withdrawnOn = (earlier ?? []).Where(c => c.WithdrawnAt is not null && c.GivenByAnyOf(givenBy) && c.EndedByWithdrawalOf is null)
            .Select(c => (DateOnly?)DutchTime.DateOf(c.WithdrawnAt!.Value)).Max();
        if (withdrawnOn is { } day && givenOn < day)
            throw new DomainRuleException("givenOn", $"The same people withdrew their consent on {day:yyyy-MM-dd}: consent given again is dated on or after that day (RULES.md §6).");
        Require("record consent", CaseStatus.Referred, CaseStatus.AwaitingConsent, CaseStatus.Open, CaseStatus.PlanAgreed);
        var opening = Status is CaseStatus.Referred or CaseStatus.AwaitingConsent;
        var named = Coordinator is null || opening ? coordinator : Coordinator;
        if (opening && named is null)
            throw new DomainRuleException("coordinator", "A case opens with exactly one coordinator: name one.");
        if (named is not null && !organisations.Contains(named.OrganisationId))
            throw new DomainRuleException("organisations", "The coordinator's organisation must be among those the consent names.");

        if (opening && !purposes.Contains(Contracts.ConsentPurposes.Support))
            throw new DomainRuleException("purposes", "A case opens only with consent for support around the child ('support').");
        var consent = Consent.Record(Id, ChildDateOfBirth, givenBy, authority, organisations, purpose, purposes, givenOn, expiresOn, recordedBy, now,
            limits ?? new ConsentOptions());
        // From the next birthday at 12 or 16 on, other people consent: the renewal sweep watches for it.
        ConsentAgeCheckOn = ConsentRules.NextThresholdAfter(ChildDateOfBirth, givenOn)?.On;
        if (ConsentRenewalDueSince is { } due && givenOn >= due)
        {
            ConsentRenewalDueSince = null;
            ConsentRenewalAge = null;
        }
        // Consent for another purpose only (a TLV, a handover) lets the other service share, not the case itself.
        if (consent.IsForSupport)
            foreach (var organisation in consent.Organisations)
                Access.Add(new CaseAccess(organisation, AccessLevel.Detail, consent.Id, consent.ExpiresOn));
        _events.Add(new ConsentGranted(consent.Id, Id, ChildReference, consent.Organisations, purpose,
            [.. consent.GivenBy.Select(p => p.Name())], expiresOn, now, [.. consent.Purposes]));

        if (opening)
        {
            Status = CaseStatus.Open;
            OpenedAt ??= now;
            KnooppuntDueOn ??= workingDays.Add(DutchTime.DateOf(now), knooppuntWorkingDays);
            if (Coordinator != named) Assign(named!, recordedBy, "case opened", now);
            _events.Add(new CaseOpened(Id, ChildReference, HomeMunicipality, named!.OrganisationId, ReferredAt, KnooppuntDueOn.Value, now,
                FirstReferrerOrganisationId));
        }
        return consent;
    }

    /// <summary>
    /// Sharing stops at once: the organisations the consent named lose access today. When no valid
    /// consent is left, the case waits for a new one; only the first referrer still sees it.
    /// </summary>
    /// <remarks>
    /// A withdrawal is the family's, not a document's (#25): when the people who gave this consent
    /// (or those of them named in <paramref name="byParties"/>) withdraw it, every other consent of the
    /// case that rests on their word ends with it, whoever recorded it and whichever organisations it
    /// names. So a consent recorded by one organisation never outlives the parents' withdrawal
    /// recorded by another. A narrower wish (stop sharing for one purpose only) is a new, narrower
    /// consent recorded after the withdrawal.
    /// </remarks>
    public IReadOnlyList<Consent> WithdrawConsent(Consent consent, string by, string? reason, DateTimeOffset now, IEnumerable<Consent> allConsents,
        IReadOnlyCollection<ConsentParty>? byParties = null)
    {
        Require("withdraw consent", CaseStatus.Referred, CaseStatus.AwaitingConsent, CaseStatus.Open, CaseStatus.PlanAgreed);
        var parties = byParties is { Count: > 0 } ? byParties : consent.GivenBy;
        if (!consent.GivenByAnyOf(parties))
            throw new DomainRuleException("withdrawnByParties", "A consent is withdrawn by (one of) the people who gave it.");
        var all = allConsents.ToList();
        var today = DutchTime.DateOf(now);
        consent.Withdraw(by, reason, parties, now);
        var ended = new List<Consent> { consent };
        foreach (var other in all.Where(c => c.Id != consent.Id && c.WithdrawnAt is null && c.GivenByAnyOf(parties)))
        {
            other.Withdraw(by, reason, parties, now, endedByWithdrawalOf: consent.Id);
            ended.Add(other);
        }
        foreach (var gone in ended)
        {
            Access.RemoveAll(a => a.ConsentId == gone.Id);
            _events.Add(new ConsentWithdrawn(gone.Id, Id, ChildReference, gone.Organisations, now, gone.EndedByWithdrawalOf));
        }

        if (Status is CaseStatus.Open or CaseStatus.PlanAgreed && !all.Any(c => c.WithdrawnAt is null && c.IsValidOn(today)))
            Status = CaseStatus.AwaitingConsent;
        return ended;
    }

    /// <summary>
    /// The renewal sweep's move: on the child's 12th or 16th birthday after consent was given, the
    /// coordinator is asked (<see cref="ConsentRenewalDue"/>) to renew consent with the people who
    /// consent from now on (RULES.md §6). Once per birthday; returns whether it was raised.
    /// </summary>
    public bool RaiseConsentRenewalIfDue(DateOnly today, DateTimeOffset now)
    {
        if (Status == CaseStatus.Closed || ConsentAgeCheckOn is not { } birthday || birthday > today) return false;
        var age = DutchTime.AgeOn(ChildDateOfBirth, birthday);
        ConsentAgeCheckOn = ConsentRules.NextThresholdAfter(ChildDateOfBirth, birthday)?.On;
        // Only consent that still stands needs renewing; a case waiting for consent is asked afresh anyway.
        if (Status is not (CaseStatus.Open or CaseStatus.PlanAgreed)) return false;
        ConsentRenewalDueSince = birthday;
        ConsentRenewalAge = age;
        _events.Add(new ConsentRenewalDue(Id, ChildReference, Coordinator?.OrganisationId, age,
            [.. ConsentRules.PartiesAt(age).Select(p => p.Name())], now));
        return true;
    }

    public void ReassignCoordinator(Coordinator coordinator, string by, string reason, DateOnly today, DateTimeOffset now)
    {
        Require("reassign the coordinator", CaseStatus.Open, CaseStatus.PlanAgreed);
        if (Coordinator == coordinator) throw new DomainRuleException("organisationId", "This is already the coordinator.");
        if (Access.All(a => a.OrganisationId != coordinator.OrganisationId || a.ConsentId is null || !a.IsActiveOn(today)))
            throw new DomainRuleException("organisationId", "The new coordinator's organisation must be covered by a valid consent.");
        var from = Coordinator!.OrganisationId;
        Assign(coordinator, by, reason, now);
        _events.Add(new CoordinatorReassigned(Id, from, coordinator.OrganisationId, now));
    }

    public Knooppunt ScheduleKnooppunt(DateOnly on, IReadOnlyCollection<string> participants, bool parentsInvited, DateTimeOffset now)
    {
        Require("schedule a knooppunt", CaseStatus.Open, CaseStatus.PlanAgreed);
        if (on < DutchTime.DateOf(now)) throw new DomainRuleException("scheduledOn", "Cannot be in the past.");
        var knooppunt = new Knooppunt { Id = Guid.CreateVersion7(now), ScheduledOn = on, Participants = [.. participants.Distinct()], ParentsInvited = parentsInvited };
        Knooppunten.Add(knooppunt);
        _events.Add(new KnooppuntScheduled(Id, knooppunt.Id, on, KnooppuntDueOn!.Value, knooppunt.Participants, parentsInvited, now));
        return knooppunt;
    }

    /// <summary>Every knooppunt ends with a next step that starts at once: no later than the next working day.</summary>
    public void RecordKnooppuntOutcome(Guid knooppuntId, DateOnly heldOn, string summary, NextStep nextStep, DateTimeOffset now, WorkingDays workingDays)
    {
        Require("record a knooppunt outcome", CaseStatus.Open, CaseStatus.PlanAgreed);
        var knooppunt = Knooppunten.SingleOrDefault(k => k.Id == knooppuntId)
            ?? throw new KeyNotFoundException($"No knooppunt {knooppuntId} on this case.");
        if (knooppunt.HeldOn is not null) throw new IllegalTransitionException("This knooppunt's outcome is already recorded.");
        if (heldOn > DutchTime.DateOf(now)) throw new DomainRuleException("heldOn", "Cannot be in the future.");
        if (nextStep.StartsOn < heldOn || nextStep.StartsOn > workingDays.Add(heldOn, 1))
            throw new DomainRuleException("nextStep.startsOn", "The next step starts at once: on the day of the meeting or the next working day.");
        knooppunt.HeldOn = heldOn;
        FirstKnooppuntHeldOn ??= heldOn;
        knooppunt.Summary = summary;
        knooppunt.NextStep = nextStep;
        _events.Add(new KnooppuntHeld(Id, knooppunt.Id, HomeMunicipality, ReferredAt, heldOn, nextStep.StartsOn, nextStep.OwnerOrganisationId, now));
    }

    /// <summary>True when the knooppunt deadline has passed without a meeting held and no one was told yet.</summary>
    public bool IsKnooppuntOverdue(DateOnly today) =>
        Status is CaseStatus.Open or CaseStatus.PlanAgreed && KnooppuntDueOn < today
        && KnooppuntOverdueRaisedAt is null && FirstKnooppuntHeldOn is null;

    public void RaiseKnooppuntOverdue(DateTimeOffset now)
    {
        KnooppuntOverdueRaisedAt = now;
        _events.Add(new KnooppuntOverdue(Id, HomeMunicipality, Coordinator!.OrganisationId, KnooppuntDueOn!.Value, now));
    }

    public PlanVersion AgreePlan(IReadOnlyList<string> goals, IReadOnlyList<PlanAction> actions, DateOnly reviewOn,
        ArrangementRequest? arrangement, string agreedBy, DateTimeOffset now)
    {
        Require("agree a plan", CaseStatus.Open, CaseStatus.PlanAgreed);
        if (reviewOn <= DutchTime.DateOf(now)) throw new DomainRuleException("reviewOn", "Must be in the future.");
        var plan = new PlanVersion
        {
            Version = (CurrentPlan?.Version ?? 0) + 1,
            Goals = [.. goals],
            Actions = [.. actions],
            ReviewOn = reviewOn,
            ArrangementRequest = arrangement,
            AgreedAt = now,
            AgreedBy = agreedBy,
        };
        Plans.Add(plan);
        Status = CaseStatus.PlanAgreed;
        _events.Add(new PlanAgreed(Id, plan.Version, [.. actions.Select(a => a.PartnerOrganisationId).Distinct()], reviewOn, now));
        if (arrangement is not null)
            _events.Add(new ArrangementRequested(arrangement.RequestId, Id, ChildReference, HomeMunicipality, arrangement.Kind,
                arrangement.SupportDomains, arrangement.Urgent, now, arrangement.SchoolId ?? FirstReferrerOrganisationId));
        return plan;
    }

    public void Close(CloseReason reason, string? note, DateTimeOffset now)
    {
        Require("close the case", CaseStatus.Referred, CaseStatus.AwaitingConsent, CaseStatus.Open, CaseStatus.PlanAgreed);
        var opened = Status is CaseStatus.Open or CaseStatus.PlanAgreed;
        if (opened && reason is CloseReason.NoConsent or CloseReason.WithdrawnByReferrer)
            throw new DomainRuleException("reason", "An open case closes for goals-reached, moved-away, referred-elsewhere or other.");
        if (!opened && reason is CloseReason.GoalsReached or CloseReason.MovedAway or CloseReason.ReferredElsewhere)
            throw new DomainRuleException("reason", "A case that never opened closes for no-consent, withdrawn-by-referrer or other.");
        Status = CaseStatus.Closed;
        ClosedReason = reason;
        ClosingNote = note;
        ClosedAt = now;
        _events.Add(new CaseClosed(Id, reason.Name(), now));
    }

    /// <summary>Adds what another service reported (a placement, a handover); the same source id only once.</summary>
    public bool AddNote(CaseNote note)
    {
        if (Notes.Any(n => n.SourceId == note.SourceId && n.Kind == note.Kind)) return false;
        Notes.Add(note);
        return true;
    }

    private void Assign(Coordinator coordinator, string by, string reason, DateTimeOffset now)
    {
        Coordinator = coordinator;
        CoordinatorLog.Add(new CoordinatorAssignment(coordinator.OrganisationId, coordinator.Name, now, by, reason));
    }

    private void Require(string action, params CaseStatus[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new IllegalTransitionException($"Cannot {action} while the case is {Status.Name()}.");
    }
}
