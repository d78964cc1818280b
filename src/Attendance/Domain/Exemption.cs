using Platform.Contracts;
using Platform.Contracts.Attendance;
using Platform.Messaging.Outbox;

namespace Platform.Attendance.Domain;

/// <summary>Vrijstelling grounds (Leerplichtwet art. 5; RULES.md §3).</summary>
public enum ExemptionArticle
{
    /// <summary>5 sub a: physically or psychologically unfit for any school.</summary>
    A5a,
    /// <summary>5 sub b: objection to the orientation of every school within reasonable distance.</summary>
    A5b,
    /// <summary>5 sub c: enrolled at and attending a school abroad.</summary>
    A5c,
}

/// <summary>
/// The 5 sub a statement: from a doctor, pedagoog or psycholoog designated by the municipality who is
/// not the child's own treating professional, at most 3 months old; it may say the child will never
/// be able to attend (then no yearly renewal).
/// </summary>
public sealed record ExpertStatement(string Profession, string IssuedBy, DateOnly IssuedOn, bool TreatingProfessional, bool Never);

/// <summary>The samenwerkingsverband's advice on a 5 sub a exemption (a regional agreement).</summary>
public sealed record SwvAdvice(string SwvOrganisationId, DateOnly AdvisedOn, string Advice);

/// <summary>What the leerplicht officer found in the absolute-absence check after an exemption lapsed (RULES.md §2-3).</summary>
public static class CheckOutcomes
{
    /// <summary>The child is enrolled at a school.</summary>
    public const string Enrolled = "enrolled";
    /// <summary>Not enrolled anywhere: absoluut verzuim, a thuiszitter case opens.</summary>
    public const string AbsoluteVerzuim = "absolute-verzuim";
    /// <summary>A new exemption notice was filed (recorded by the grant itself).</summary>
    public const string Exempted = "exempted";
    public const string MovedAway = "moved-away";

    /// <summary>What an officer may state; <see cref="Exempted"/> follows from a grant, never from a word.</summary>
    public static readonly string[] Stated = [Enrolled, AbsoluteVerzuim, MovedAway];
}

/// <summary>Where an exemption stands, for the officer's task list.</summary>
public static class ExemptionStatuses
{
    public const string Active = "active";
    /// <summary>The renewal reminder was raised and no renewal came yet: the officer's task (RULES.md §3).</summary>
    public const string RenewalDue = "renewal-due";
    /// <summary>Renewed for the next school year: this one ends at its school year's end, the renewal takes over.</summary>
    public const string Renewed = "renewed";
    /// <summary>Lapsed without renewal: the absolute-absence check is open.</summary>
    public const string CheckOpen = "check-open";
    public const string Ended = "ended";

    public static readonly string[] All = [Active, RenewalDue, Renewed, CheckOpen, Ended];
}

/// <summary>
/// An exemption from leerplicht: start, end (the school year's end, before which parents renew by
/// 1 July, unless a 5 sub a statement says "never"), a review date. An exempted child is not a
/// thuiszitter, and stays visible with that explicit status. RULES.md §3: a renewal reminder on the
/// region's date (default 1 May); a renewal before 1 July is an exemption of its own for the next
/// school year; one that lapses without renewal opens an absolute-absence check.
/// </summary>
public sealed class Exemption : IRecordsIntegrationEvents
{
    public const string StatementAgeRule =
        "RULES.md §3: the 5 sub a statement is at most 3 months old on the day the notice is filed (not the start date, which could be back-dated).";

    public const string NeverOnlyFor5aRule =
        "RULES.md §3: only a 5 sub a statement can end the yearly renewal by saying the child will never be able to attend; 5 sub b and c are renewed every year.";

    private readonly List<IIntegrationEvent> _events = [];

    public Guid Id { get; private set; }
    public ChildDetails Child { get; private set; } = null!;
    public string ChildReference { get; private set; } = "";
    public ExemptionArticle Article { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    /// <summary>The renewal is due before this day (1 July); for "never", the last day.</summary>
    public DateOnly ReviewOn { get; private set; }
    /// <summary>When the renewal reminder is raised; null when no renewal is needed ("never", or compulsory schooling ends).</summary>
    public DateOnly? RenewalReminderOn { get; private set; }
    public DateTimeOffset? RenewalReminderRaisedAt { get; private set; }
    /// <summary>The exemption this one renews (the previous school year's).</summary>
    public Guid? RenewalOfId { get; private set; }
    /// <summary>The exemption that takes over after this one: a renewal, or a new notice.</summary>
    public Guid? RenewedById { get; private set; }
    public ExpertStatement? Statement { get; private set; }
    public SwvAdvice? Advice { get; private set; }
    public string? Grounds { get; private set; }
    public string GrantedBy { get; private set; } = "";
    /// <summary>When the notice was filed: the 5 sub a statement's age is measured against this day.</summary>
    public DateTimeOffset GrantedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    /// <summary>Lapsed without renewal: the absolute-absence check opened (RULES.md §2-3).</summary>
    public DateTimeOffset? CheckOpenedAt { get; private set; }
    public string? CheckOutcome { get; private set; }
    public string? CheckNote { get; private set; }
    public DateTimeOffset? CheckClosedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<IIntegrationEvent> PendingEvents => _events;
    public void ClearPendingEvents() => _events.Clear();

    public static string Name(ExemptionArticle article) => article switch { ExemptionArticle.A5a => "5a", ExemptionArticle.A5b => "5b", _ => "5c" };

    private Exemption() { }

    /// <summary>No yearly renewal: a 5 sub a statement that says "never".</summary>
    public bool IsNever => Article == ExemptionArticle.A5a && Statement is { Never: true };

    public static Exemption Grant(ChildDetails child, string childReference, ExemptionArticle article, DateOnly startsOn,
        ExpertStatement? statement, SwvAdvice? advice, string? grounds, string grantedBy, DateTimeOffset now, AttendanceOptions options)
    {
        var filedOn = DutchTime.DateOf(now);
        if (!CompulsorySchooling.AppliesOn(child.DateOfBirth, startsOn))
            throw new DomainRuleException("child.dateOfBirth", "An exemption concerns a child of compulsory school age.");
        if (statement is { Never: true } && article != ExemptionArticle.A5a)
            throw new DomainRuleException("statement.never", NeverOnlyFor5aRule);
        if (article == ExemptionArticle.A5a)
        {
            if (statement is null) throw new DomainRuleException("statement", "A 5 sub a exemption needs the statement of a designated doctor, pedagoog or psycholoog.");
            if (statement.TreatingProfessional) throw new DomainRuleException("statement.treatingProfessional", "The statement may not come from the child's own treating professional.");
            if (statement.IssuedOn < filedOn.AddMonths(-3) || statement.IssuedOn > filedOn)
                throw new DomainRuleException("statement.issuedOn", $"{StatementAgeRule} Filed on {filedOn:yyyy-MM-dd}.");
            if (options.SwvAdviceRequiredFor5a && advice is null)
                throw new DomainRuleException("swvAdvice", "In this region a 5 sub a exemption needs the samenwerkingsverband's advice.");
        }
        else if (string.IsNullOrWhiteSpace(grounds))
        {
            throw new DomainRuleException("grounds", article == ExemptionArticle.A5b
                ? "Record the parents' objection to the orientation of the schools nearby."
                : "Record the school abroad the child is enrolled at.");
        }

        // Renewal every school year before 1 July, unless the 5 sub a statement says "never"; never past compulsory schooling.
        var never = article == ExemptionArticle.A5a && statement is { Never: true };
        var lastCompulsoryDay = CompulsorySchooling.EndsOn(child.DateOfBirth);
        var schoolYearEnd = CompulsorySchooling.SchoolYearEnd(startsOn);
        var endsOn = never || lastCompulsoryDay < schoolYearEnd ? lastCompulsoryDay : schoolYearEnd;
        var renewable = !never && endsOn == schoolYearEnd && CompulsorySchooling.AppliesOn(child.DateOfBirth, endsOn.AddDays(1));
        var exemption = new Exemption
        {
            Id = Guid.CreateVersion7(now),
            Child = child,
            ChildReference = childReference,
            Article = article,
            StartsOn = startsOn,
            EndsOn = endsOn,
            ReviewOn = never ? endsOn : new DateOnly(schoolYearEnd.Year, 7, 1),
            RenewalReminderOn = renewable ? options.RenewalReminderOn(schoolYearEnd.Year) : null,
            Statement = statement,
            Advice = advice,
            Grounds = grounds,
            GrantedBy = grantedBy,
            GrantedAt = now,
        };
        exemption._events.Add(new ExemptionGranted(exemption.Id, childReference, child.HomeMunicipality, Name(article), startsOn, endsOn, now,
            Permanent: never));
        return exemption;
    }

    /// <summary>
    /// The yearly renewal notice (RULES.md §3), filed before 1 July: an exemption of its own for the next school year, with the same
    /// checks as a first notice (a 5 sub a statement at most 3 months old on the day of filing). A late notice is a new notice.
    /// </summary>
    public Exemption Renew(ExpertStatement? statement, SwvAdvice? advice, string? grounds, string filedBy, DateTimeOffset now, AttendanceOptions options)
    {
        if (EndedAt is not null) throw new IllegalTransitionException("This exemption has ended: file a new exemption notice.");
        if (RenewedById is { } next) throw new IllegalTransitionException($"This exemption was already renewed (exemption {next}).");
        if (IsNever) throw new IllegalTransitionException("RULES.md §3: the statement says the child will never be able to attend: no yearly renewal.");
        if (RenewalReminderOn is null)
            throw new DomainRuleException("child.dateOfBirth", "Compulsory schooling ends with this exemption: there is nothing to renew.");
        var filedOn = DutchTime.DateOf(now);
        if (filedOn >= ReviewOn)
            throw new DomainRuleException("renewal", $"RULES.md §3: the renewal notice is due before {ReviewOn:yyyy-MM-dd} (1 July); this one is late: record it as a new exemption notice (POST /exemptions) starting {EndsOn.AddDays(1):yyyy-MM-dd}.");
        var renewal = Grant(Child.Copy(), ChildReference, Article, EndsOn.AddDays(1), statement, advice,
            Article == ExemptionArticle.A5a ? grounds : grounds ?? Grounds, filedBy, now, options);
        renewal.RenewalOfId = Id;
        RenewedById = renewal.Id;
        // The grant's event says it is a renewal, so that the monitor does not count the child as newly exempted each year.
        var granted = renewal._events.OfType<ExemptionGranted>().Single();
        renewal._events[renewal._events.IndexOf(granted)] = granted with { RenewalOfExemptionId = Id };
        renewal._events.Add(new ExemptionRenewed(Id, renewal.Id, ChildReference, Child.HomeMunicipality, Name(Article), renewal.StartsOn, renewal.EndsOn, now));
        return renewal;
    }

    /// <summary>A new notice for the same child takes over from this one (no renewal reminder, no check when it ends).</summary>
    public void SupersedeBy(Exemption newer)
    {
        if (EndedAt is null && RenewedById is null && newer.StartsOn <= EndsOn.AddDays(1) && newer.EndsOn > EndsOn) RenewedById = newer.Id;
    }

    public bool IsValidOn(DateOnly day) => EndedAt is null && StartsOn <= day && day <= EndsOn;

    public bool HasExpired(DateOnly today) => EndedAt is null && today > EndsOn;

    /// <summary>RULES.md §3: the renewal reminder's day has come and no renewal was filed. Once.</summary>
    public bool IsRenewalReminderDue(DateOnly today) =>
        EndedAt is null && RenewedById is null && RenewalReminderRaisedAt is null && RenewalReminderOn is { } on && on <= today;

    public void RaiseRenewalReminder(DateTimeOffset now)
    {
        RenewalReminderRaisedAt = now;
        _events.Add(new ExemptionRenewalDue(Id, ChildReference, Child.HomeMunicipality, Name(Article), ReviewOn, now));
    }

    public string Status => CheckOpenedAt is not null && CheckClosedAt is null ? ExemptionStatuses.CheckOpen
        : EndedAt is not null ? ExemptionStatuses.Ended
        : RenewedById is not null ? ExemptionStatuses.Renewed
        : RenewalReminderRaisedAt is not null ? ExemptionStatuses.RenewalDue
        : ExemptionStatuses.Active;

    /// <summary>
    /// Its last day passed: it ends. Without a renewal, while the child is still of compulsory school age, the child does not
    /// silently disappear: the absolute-absence check opens for the leerplicht officer (RULES.md §2-3).
    /// </summary>
    public void Expire(DateTimeOffset now)
    {
        if (!HasExpired(DutchTime.DateOf(now))) throw new IllegalTransitionException("This exemption has not run out.");
        End(now);
        if (RenewedById is null && !IsNever && CompulsorySchooling.AppliesOn(Child.DateOfBirth, EndsOn.AddDays(1)))
        {
            CheckOpenedAt = now;
            _events.Add(new AbsoluteAbsenceCheckOpened(Id, ChildReference, Child.HomeMunicipality, Name(Article), EndsOn, now));
        }
    }

    public void End(DateTimeOffset now)
    {
        if (EndedAt is not null) throw new IllegalTransitionException("This exemption has already ended.");
        EndedAt = now;
        var today = DutchTime.DateOf(now);
        _events.Add(new ExemptionEnded(Id, ChildReference, Child.HomeMunicipality, Name(Article), today > EndsOn ? EndsOn : today, now));
    }

    /// <summary>The absolute-absence check's outcome; for absoluut verzuim, the thuiszitter case that opened.</summary>
    public void CloseCheck(string outcome, string? note, DateTimeOffset now, Guid? thuiszitterCaseId = null)
    {
        if (CheckOpenedAt is null) throw new IllegalTransitionException("No absolute-absence check is open for this exemption.");
        if (CheckClosedAt is not null) throw new IllegalTransitionException($"The absolute-absence check was already closed ({CheckOutcome}).");
        CheckOutcome = outcome;
        CheckNote = note;
        CheckClosedAt = now;
        _events.Add(new AbsoluteAbsenceCheckClosed(Id, Child.HomeMunicipality, outcome, now, thuiszitterCaseId));
    }
}
