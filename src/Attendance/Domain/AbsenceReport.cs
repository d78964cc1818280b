using Platform.Contracts;
using Platform.Contracts.Attendance;
using Platform.Messaging.Outbox;

namespace Platform.Attendance.Domain;

/// <summary>The kinds of absence report (DUO verzuimregister; RULES.md §1).</summary>
public enum AbsenceKind
{
    /// <summary>16 hours of unauthorised absence within 4 consecutive school weeks.</summary>
    Unauthorised,
    /// <summary>Langdurig relatief verzuim: enrolled, not attending for more than 4 weeks.</summary>
    LongTermRelative,
    /// <summary>Long-term sickness: authorised, the "grey zone": tracked, never a thuiszitter by itself.</summary>
    LongTermSickness,
    /// <summary>Luxe verzuim: holiday without leave.</summary>
    Luxury,
    Other,
}

/// <summary>DUO's statuses: Geregistreerd, In behandeling, Afgesloten, Ingetrokken.</summary>
public enum ReportStatus
{
    Registered,
    InProgress,
    Closed,
    Withdrawn,
}

public static class AbsenceNames
{
    public static readonly IReadOnlyDictionary<string, AbsenceKind> Kinds = new Dictionary<string, AbsenceKind>
    {
        ["unauthorised"] = AbsenceKind.Unauthorised,
        ["long-term-relative"] = AbsenceKind.LongTermRelative,
        ["long-term-sickness"] = AbsenceKind.LongTermSickness,
        ["luxury"] = AbsenceKind.Luxury,
        ["other"] = AbsenceKind.Other,
    };

    public static string Name(this AbsenceKind kind) => Kinds.First(k => k.Value == kind).Key;

    public static string Name(this ReportStatus status) => status switch
    {
        ReportStatus.Registered => "registered",
        ReportStatus.InProgress => "in-progress",
        ReportStatus.Closed => "closed",
        _ => "withdrawn",
    };
}

/// <summary>
/// Verzuimmelding: a school's report of a pupil's absence, routed to the leerplicht officers of
/// the child's home municipality. Registered → in progress (an officer picked it up) → closed;
/// the school may withdraw it while it is still only registered.
/// </summary>
public sealed class AbsenceReport : IRecordsIntegrationEvents
{
    /// <summary>The statutory threshold: 16 hours within 4 school weeks.</summary>
    public const int ThresholdHours = 16;

    /// <summary>At most the lessons of 4 school weeks (a generous 40 hours a week).</summary>
    public const int MaximumHours = 160;

    /// <summary>Langdurig relatief verzuim: more than this many consecutive weeks of absence (RULES.md §1, §2).</summary>
    public const int LongTermRelativeWeeks = 4;

    public const string LongTermRelativeRule =
        "RULES.md §1-2 (langdurig relatief verzuim): more than 4 consecutive school weeks of absence, from the first to the last absent day "
        + "(or today while it goes on). Counted in calendar weeks: the service has no school calendar yet.";

    /// <summary>
    /// RULES.md §1-2: more than 4 consecutive school weeks from the first to the last absent day, both counted. Without a school
    /// calendar in the service, school weeks are counted as calendar weeks (docs/attendance.md: a known limitation).
    /// </summary>
    public static bool IsLongTermRelative(DateOnly firstAbsentOn, DateOnly lastAbsentOn) =>
        lastAbsentOn.DayNumber - firstAbsentOn.DayNumber + 1 > 7 * LongTermRelativeWeeks;

    private readonly List<IIntegrationEvent> _events = [];

    public Guid Id { get; private set; }
    public ChildDetails Child { get; private set; } = null!;
    public string ChildReference { get; private set; } = "";
    public string SchoolOrganisationId { get; private set; } = "";
    public AbsenceKind Kind { get; private set; }
    public DateOnly FirstAbsentOn { get; private set; }
    public DateOnly? LastAbsentOn { get; private set; }
    public int? Hours { get; private set; }
    public ReportStatus Status { get; private set; }
    public string? ClosingNote { get; private set; }
    public DateTimeOffset ReportedAt { get; private set; }
    /// <summary>When it was closed or withdrawn: its retention term counts from here.</summary>
    public DateTimeOffset? FinishedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<IIntegrationEvent> PendingEvents => _events;
    public void ClearPendingEvents() => _events.Clear();

    private AbsenceReport() { }

    public static AbsenceReport Submit(ChildDetails child, string childReference, string school, AbsenceKind kind,
        DateOnly firstAbsentOn, DateOnly? lastAbsentOn, int? hours, DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        if (!CompulsorySchooling.AppliesOn(child.DateOfBirth, firstAbsentOn))
            throw new DomainRuleException("child.dateOfBirth", "The child was not of compulsory school age (leerplicht or kwalificatieplicht) on the first day of absence.");
        if (firstAbsentOn > today) throw new DomainRuleException("firstAbsentOn", "Cannot be in the future.");
        if (lastAbsentOn is { } last && (last < firstAbsentOn || last > today))
            throw new DomainRuleException("lastAbsentOn", "Between firstAbsentOn and today.");
        switch (kind)
        {
            case AbsenceKind.Unauthorised when hours is not (>= ThresholdHours and <= MaximumHours):
                throw new DomainRuleException("hours", $"A 16-hour report needs {ThresholdHours} to {MaximumHours} hours of unauthorised absence.");
            case AbsenceKind.Unauthorised when lastAbsentOn is null:
                throw new DomainRuleException("lastAbsentOn", "The day the 16 hours were reached is required.");
            case AbsenceKind.LongTermRelative when !IsLongTermRelative(firstAbsentOn, lastAbsentOn ?? today):
                throw new DomainRuleException(lastAbsentOn is null ? "firstAbsentOn" : "lastAbsentOn", LongTermRelativeRule);
        }
        if (hours is < 0 or > MaximumHours) throw new DomainRuleException("hours", $"From 0 to {MaximumHours}.");

        var report = new AbsenceReport
        {
            Id = Guid.CreateVersion7(now),
            Child = child,
            ChildReference = childReference,
            SchoolOrganisationId = school,
            Kind = kind,
            FirstAbsentOn = firstAbsentOn,
            LastAbsentOn = lastAbsentOn,
            Hours = hours,
            Status = ReportStatus.Registered,
            ReportedAt = now,
        };
        report._events.Add(new AbsenceReported(report.Id, childReference, child.HomeMunicipality, school, kind.Name(), firstAbsentOn, now));
        return report;
    }

    public void PickUp()
    {
        if (Status != ReportStatus.Registered) throw new IllegalTransitionException($"Only a registered report can be picked up; this one is {Status.Name()}.");
        Status = ReportStatus.InProgress;
    }

    /// <summary>Whether the absence still goes on (no last absent day): only then does long-term relative absence make a thuiszitter.</summary>
    public bool IsOngoing => LastAbsentOn is null;

    /// <summary>Closes the report; long-term relative absence needs its end date (RULES.md §1), given here when the report had none.</summary>
    public void Close(string? note, DateTimeOffset now, DateOnly? lastAbsentOn = null)
    {
        if (Status is not (ReportStatus.Registered or ReportStatus.InProgress)) throw new IllegalTransitionException($"A {Status.Name()} report cannot be closed.");
        if (lastAbsentOn is { } last)
        {
            if (LastAbsentOn is not null && LastAbsentOn != last)
                throw new DomainRuleException("lastAbsentOn", "The report already has its last absent day.");
            if (last < FirstAbsentOn || last > DutchTime.DateOf(now))
                throw new DomainRuleException("lastAbsentOn", "Between firstAbsentOn and today.");
            if (Kind == AbsenceKind.LongTermRelative && !IsLongTermRelative(FirstAbsentOn, last))
                throw new DomainRuleException("lastAbsentOn", LongTermRelativeRule);
            LastAbsentOn = last;
        }
        if (Kind == AbsenceKind.LongTermRelative && LastAbsentOn is null)
            throw new DomainRuleException("lastAbsentOn", "RULES.md §1: a closed long-term relative absence report needs its end date (the last absent day).");
        Status = ReportStatus.Closed;
        ClosingNote = note;
        FinishedAt = now;
    }

    public void Withdraw(DateTimeOffset now)
    {
        if (Status != ReportStatus.Registered) throw new IllegalTransitionException($"Only a report no officer picked up yet can be withdrawn; this one is {Status.Name()}.");
        Status = ReportStatus.Withdrawn;
        FinishedAt = now;
    }
}
