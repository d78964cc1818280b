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
}

/// <summary>The suitable offer (passend aanbod) found: education, care, or both.</summary>
public sealed record SuitableOffer(string Kind, string Description, DateOnly StartsOn, DateTimeOffset RecordedAt);

public static class ThuiszitterNames
{
    public static readonly IReadOnlyDictionary<string, ResolutionReason> Reasons = new Dictionary<string, ResolutionReason>
    {
        ["attending-again"] = ResolutionReason.AttendingAgain,
        ["placed-in-arrangement"] = ResolutionReason.PlacedInArrangement,
        ["handover-completed"] = ResolutionReason.HandoverCompleted,
        ["exempted"] = ResolutionReason.Exempted,
        ["moved-away"] = ResolutionReason.MovedAway,
    };

    public static string Name(this ResolutionReason reason) => Reasons.First(r => r.Value == reason).Key;
    public static string Name(this ThuiszitterKind kind) => kind == ThuiszitterKind.Absolute ? "absolute" : "long-term-relative";
    public static string Name(this ThuiszitterStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>
/// Thuiszittercasus with the leerplicht officer of the child's home municipality. Two durable
/// deadlines (columns, so restarts lose nothing): a plan with a suitable offer is due 4 weeks after
/// registration; 3 months after the child came home without a suitable offer, the case goes to the
/// actietafel. Open → escalated → resolved, or open → resolved; each deadline fires once.
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
    public ResolutionReason? Resolution { get; private set; }
    public string? ResolutionNote { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public uint Version { get; private set; }

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

    public void RecordOffer(string kind, string description, DateOnly startsOn, DateTimeOffset now)
    {
        RequireNotResolved("record a suitable offer");
        Offer = new SuitableOffer(kind, description, startsOn, now);
    }

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

    private void RequireNotResolved(string action)
    {
        if (Status == ThuiszitterStatus.Resolved) throw new IllegalTransitionException($"Cannot {action}: the case is resolved.");
    }
}
