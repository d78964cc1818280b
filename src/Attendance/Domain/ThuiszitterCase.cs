using Platform.Contracts;
using Platform.Contracts.Attendance;
using Platform.Messaging.Outbox;

namespace Platform.Attendance.Domain;

/// <summary>Why a child is a thuiszitter (Kamerbrief 2016; RULES.md §2).</summary>
public enum ThuiszitterKind
{
    /// <summary>Enrolled, absent for more than 4 weeks without a valid reason or exemption.</summary>
    LongTermRelative,
    /// <summary>Absoluut verzuim: of compulsory school age and not enrolled at any school.</summary>
    Absolute,
    /// <summary>
    /// Partly ill but able to attend partly under a plan, at home for more than 4 weeks: a thuiszitter only in a region that counts
    /// these (RULES.md §2, <see cref="AttendanceOptions.CountPartlyIllAsThuiszitters"/>).
    /// </summary>
    PartlyIll,
}

public enum ThuiszitterStatus
{
    Open,
    /// <summary>At the regional actietafel: 3 months at home without a suitable offer.</summary>
    Escalated,
    Resolved,
}

public enum ResolutionReason
{
    AttendingAgain,
    PlacedInArrangement,
    HandoverCompleted,
    /// <summary>An exemption took effect: an explicit outcome that is counted, never a silent "solved".</summary>
    Exempted,
    MovedAway,
    /// <summary>The child started on the suitable offer an officer recorded (on its start date, by the timer).</summary>
    OfferStarted,
}

/// <summary>
/// The suitable offer (passend aanbod) found: education, care, or both, starting on <see cref="StartsOn"/>.
/// <see cref="Source"/>: officer (recorded through the API) or placement (Funding's <c>PlacementConfirmed</c>, whose id is kept
/// so a cancellation finds it).
/// </summary>
public sealed record SuitableOffer(string Kind, string Description, DateOnly StartsOn, DateTimeOffset RecordedAt,
    string Source = SuitableOffer.ByOfficer, Guid? PlacementId = null, string? Note = null)
{
    public const string ByOfficer = "officer";
    public const string ByPlacement = "placement";
}

/// <summary>Where a case stands in RULES.md §2's states (the case's status alone keeps open/escalated/resolved).</summary>
public static class ThuiszitterStages
{
    public const string Thuiszitter = "thuiszitter";
    public const string OverThreeMonths = "over-3-months";
    public const string SuitableOffer = "suitable-offer";
    public const string Resolved = "resolved";
}

public static class ThuiszitterNames
{
    public static readonly IReadOnlyDictionary<string, ResolutionReason> Reasons = new Dictionary<string, ResolutionReason>
    {
        ["attending-again"] = ResolutionReason.AttendingAgain,
        ["placed-in-arrangement"] = ResolutionReason.PlacedInArrangement,
        ["handover-completed"] = ResolutionReason.HandoverCompleted,
        ["exempted"] = ResolutionReason.Exempted,
        ["moved-away"] = ResolutionReason.MovedAway,
        ["offer-started"] = ResolutionReason.OfferStarted,
    };

    public static string Name(this ResolutionReason reason) => Reasons.First(r => r.Value == reason).Key;
    public static string Name(this ThuiszitterKind kind) => kind switch
    {
        ThuiszitterKind.Absolute => "absolute",
        ThuiszitterKind.PartlyIll => "partly-ill",
        _ => "long-term-relative",
    };
    public static string Name(this ThuiszitterStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>
/// Thuiszittercasus with the leerplicht officer of the child's home municipality. Two durable
/// deadlines (columns, so restarts lose nothing): a plan with a suitable offer is due 4 weeks after
/// registration; 3 months after the child came home without a suitable offer, the case goes to the
/// actietafel. Open → escalated → resolved, or open → resolved; each deadline fires once.
/// RULES.md §2: a suitable offer with start date D stops the clocks but does not resolve the case: only on D
/// (the watcher) does it resolve, unless the placement was cancelled or new absence was reported since the offer;
/// then the offer lapses and the clocks run again from the original dates (they never restarted).
/// </summary>
public sealed class ThuiszitterCase : IRecordsIntegrationEvents
{
    private readonly List<IIntegrationEvent> _events = [];

    public Guid Id { get; private set; }
    public ChildDetails Child { get; private set; } = null!;
    public string ChildReference { get; private set; } = "";
    public ThuiszitterKind Kind { get; private set; }
    public ThuiszitterStatus Status { get; private set; }
    public DateOnly AtHomeSince { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public Guid? AbsenceReportId { get; private set; }
    public string? Owner { get; private set; }
    public DateOnly PlanDueOn { get; private set; }
    public DateOnly EscalationDueOn { get; private set; }
    public DateTimeOffset? PlanDueRaisedAt { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }
    public SuitableOffer? Offer { get; private set; }
    /// <summary>Absence reported for the child while the offer waited for its start: on the start date the offer lapses.</summary>
    public DateTimeOffset? AbsenceSinceOfferAt { get; private set; }
    public ResolutionReason? Resolution { get; private set; }
    public string? ResolutionNote { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    /// <summary>When an onderwijsconsulent was called in (RULES.md §2).</summary>
    public DateOnly? OnderwijsconsulentEngagedOn { get; private set; }
    public string? OnderwijsconsulentNote { get; private set; }
    public uint Version { get; private set; }

    /// <summary>RULES.md §2: an onderwijsconsulent can be called in after more than this many weeks at home with no prospect of a place.</summary>
    public const int OnderwijsconsulentAfterWeeks = 4;

    public IReadOnlyList<IIntegrationEvent> PendingEvents => _events;
    public void ClearPendingEvents() => _events.Clear();

    private ThuiszitterCase() { }

    public static ThuiszitterCase Register(ChildDetails child, string childReference, ThuiszitterKind kind, DateOnly atHomeSince,
        Guid? absenceReportId, DateTimeOffset now, AttendanceOptions options, string? schoolOrganisationId = null)
    {
        var today = DutchTime.DateOf(now);
        if (!CompulsorySchooling.AppliesOn(child.DateOfBirth, today))
            throw new DomainRuleException("child.dateOfBirth", "Only a child of compulsory school age can be a thuiszitter.");
        if (atHomeSince > today) throw new DomainRuleException("atHomeSince", "Cannot be in the future.");
        var registered = new ThuiszitterCase
        {
            Id = Guid.CreateVersion7(now),
            Child = child,
            ChildReference = childReference,
            Kind = kind,
            Status = ThuiszitterStatus.Open,
            AtHomeSince = atHomeSince,
            RegisteredAt = now,
            AbsenceReportId = absenceReportId,
            PlanDueOn = today.AddDays(7 * options.PlanDueWeeks),
            EscalationDueOn = atHomeSince.AddMonths(options.EscalationMonths),
        };
        registered._events.Add(new ThuiszitterRegistered(registered.Id, childReference, child.HomeMunicipality, kind.Name(),
            atHomeSince, registered.PlanDueOn, registered.EscalationDueOn, now, schoolOrganisationId));
        return registered;
    }

    public void AssignOwner(string officer)
    {
        RequireNotResolved("assign an owner");
        Owner = officer;
    }

    /// <summary>
    /// RULES.md §2: the suitable offer (start date D) stops the clocks; the case resolves only when the child has started.
    /// D today or earlier: resolved at once, as today. Returns whether anything changed (the same placement twice: nothing).
    /// </summary>
    public bool RecordOffer(string kind, string description, DateOnly startsOn, DateTimeOffset now,
        string source = SuitableOffer.ByOfficer, Guid? placementId = null, string? note = null)
    {
        RequireNotResolved("record a suitable offer");
        if (placementId is not null && Offer?.PlacementId == placementId) return false;
        Offer = new SuitableOffer(kind, description, startsOn, now, source, placementId, note);
        AbsenceSinceOfferAt = null;
        _events.Add(new ThuiszitterOfferRecorded(Id, Child.HomeMunicipality, kind, startsOn, source, now, placementId));
        if (startsOn <= DutchTime.DateOf(now)) Start(now);
        return true;
    }

    /// <summary>The child has started on the offer: resolved with the offer's reason.</summary>
    private void Start(DateTimeOffset now)
    {
        var offer = Offer!;
        var reason = offer.Source == SuitableOffer.ByPlacement ? ResolutionReason.PlacedInArrangement : ResolutionReason.OfferStarted;
        Resolve(reason, offer.Note ?? offer.Description, now);
    }

    /// <summary>RULES.md §2: the offer's start date has come; the watcher resolves or lets the offer lapse.</summary>
    public bool IsStartDue(DateOnly today) => Status != ThuiszitterStatus.Resolved && Offer is { } offer && offer.StartsOn <= today;

    /// <summary>
    /// On the start date: resolved when nothing speaks against the start; with absence reported since the offer, the offer lapses
    /// (RULES.md §2: resolved only when the child has actually started).
    /// </summary>
    public void StartOrLapse(DateTimeOffset now)
    {
        if (!IsStartDue(DutchTime.DateOf(now))) throw new IllegalTransitionException("No suitable offer is due to start.");
        if (AbsenceSinceOfferAt is not null) LapseOffer(OfferLapseReasons.AbsenceReported, now);
        else Start(now);
    }

    /// <summary>New absence reported while the offer waits for its start.</summary>
    public void NoteAbsence(DateTimeOffset now)
    {
        if (Status != ThuiszitterStatus.Resolved && Offer is not null) AbsenceSinceOfferAt ??= now;
    }

    /// <summary>
    /// A placement cancelled before the child started on it: the case is back without an offer, its clocks running from the
    /// original dates (RULES.md §2). Only the offer's own placement counts; any other (or a repeat) changes nothing.
    /// </summary>
    public bool CancelPlacement(Guid placementId, DateTimeOffset now)
    {
        if (Status == ThuiszitterStatus.Resolved || Offer?.PlacementId != placementId) return false;
        LapseOffer(OfferLapseReasons.PlacementCancelled, now);
        return true;
    }

    private void LapseOffer(string reason, DateTimeOffset now)
    {
        var offer = Offer!;
        Offer = null;
        AbsenceSinceOfferAt = null;
        _events.Add(new ThuiszitterOfferLapsed(Id, Child.HomeMunicipality, reason, offer.StartsOn, now));
    }

    /// <summary>Where the case stands in RULES.md §2's states.</summary>
    public string Stage => Status == ThuiszitterStatus.Resolved ? ThuiszitterStages.Resolved
        : Offer is not null ? ThuiszitterStages.SuitableOffer
        : Status == ThuiszitterStatus.Escalated ? ThuiszitterStages.OverThreeMonths
        : ThuiszitterStages.Thuiszitter;

    /// <summary>Plan due: 4 weeks after registration without a plan with a suitable offer. Once.</summary>
    public bool IsPlanOverdue(DateOnly today) => Status != ThuiszitterStatus.Resolved && Offer is null && PlanDueRaisedAt is null && today > PlanDueOn;

    public void RaisePlanDue(DateTimeOffset now)
    {
        PlanDueRaisedAt = now;
        _events.Add(new ThuiszitterPlanDue(Id, Child.HomeMunicipality, PlanDueOn, now));
    }

    /// <summary>Three months at home without a suitable offer: to the actietafel. Once.</summary>
    public bool IsEscalationDue(DateOnly today) => Status == ThuiszitterStatus.Open && Offer is null && today >= EscalationDueOn;

    public void Escalate(DateTimeOffset now)
    {
        if (Status != ThuiszitterStatus.Open) throw new IllegalTransitionException($"Only an open case escalates; this one is {Status.Name()}.");
        Status = ThuiszitterStatus.Escalated;
        EscalatedAt = now;
        _events.Add(new ThuiszitterEscalated(Id, ChildReference, Child.HomeMunicipality, AtHomeSince, now));
    }

    public void Resolve(ResolutionReason reason, string? note, DateTimeOffset now)
    {
        RequireNotResolved("resolve the case");
        Status = ThuiszitterStatus.Resolved;
        Resolution = reason;
        ResolutionNote = note;
        ResolvedAt = now;
        _events.Add(new ThuiszitterResolved(Id, Child.HomeMunicipality, reason.Name(), AtHomeSince, EscalatedAt is not null, now));
    }

    /// <summary>
    /// RULES.md §2: more than 4 weeks at home with no prospect of a place (no suitable offer waiting), and none called in yet: the
    /// case shows that an onderwijsconsulent can be engaged.
    /// </summary>
    public bool CanEngageOnderwijsconsulent(DateOnly today) =>
        Status != ThuiszitterStatus.Resolved && Offer is null && OnderwijsconsulentEngagedOn is null
        && today.DayNumber - AtHomeSince.DayNumber > 7 * OnderwijsconsulentAfterWeeks;

    /// <summary>Records that an onderwijsconsulent was called in, today (RULES.md §2); once per case.</summary>
    public void EngageOnderwijsconsulent(string? note, DateTimeOffset now)
    {
        RequireNotResolved("engage an onderwijsconsulent");
        if (OnderwijsconsulentEngagedOn is { } engaged)
            throw new IllegalTransitionException($"An onderwijsconsulent was already engaged on {engaged:yyyy-MM-dd}.");
        var today = DutchTime.DateOf(now);
        if (Offer is { } offer)
            throw new DomainRuleException("offer", $"RULES.md §2: an onderwijsconsulent is called in when there is no prospect of a place; this case has a suitable offer starting on {offer.StartsOn:yyyy-MM-dd}.");
        var days = today.DayNumber - AtHomeSince.DayNumber;
        if (days <= 7 * OnderwijsconsulentAfterWeeks)
            throw new DomainRuleException("atHomeSince", $"RULES.md §2: an onderwijsconsulent can be called in after more than {OnderwijsconsulentAfterWeeks} weeks at home; this child has been at home {days} days.");
        OnderwijsconsulentEngagedOn = today;
        OnderwijsconsulentNote = note;
        _events.Add(new OnderwijsconsulentEngaged(Id, Child.HomeMunicipality, AtHomeSince, days, now));
    }

    public static class OfferLapseReasons
    {
        public const string PlacementCancelled = "placement-cancelled";
        public const string AbsenceReported = "absence-reported";
    }

    private void RequireNotResolved(string action)
    {
        if (Status == ThuiszitterStatus.Resolved) throw new IllegalTransitionException($"Cannot {action}: the case is resolved.");
    }
}
