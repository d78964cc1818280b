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

/// <summary>
/// An exemption from leerplicht: start, end (the school year's end, before which parents renew by
/// 1 July, unless the statement says "never"), a review date. An exempted child is not a
/// thuiszitter, and stays visible with that explicit status.
/// </summary>
public sealed class Exemption : IRecordsIntegrationEvents
{
    private readonly List<IIntegrationEvent> _events = [];

    public Guid Id { get; private set; }
    public ChildDetails Child { get; private set; } = null!;
    public string ChildReference { get; private set; } = "";
    public ExemptionArticle Article { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public DateOnly ReviewOn { get; private set; }
    public ExpertStatement? Statement { get; private set; }
    public SwvAdvice? Advice { get; private set; }
    public string? Grounds { get; private set; }
    public string GrantedBy { get; private set; } = "";
    public DateTimeOffset GrantedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<IIntegrationEvent> PendingEvents => _events;
    public void ClearPendingEvents() => _events.Clear();

    public static string Name(ExemptionArticle article) => article switch { ExemptionArticle.A5a => "5a", ExemptionArticle.A5b => "5b", _ => "5c" };

    private Exemption() { }

    public static Exemption Grant(ChildDetails child, string childReference, ExemptionArticle article, DateOnly startsOn,
        ExpertStatement? statement, SwvAdvice? advice, string? grounds, string grantedBy, DateTimeOffset now, AttendanceOptions options)
    {
        if (!CompulsorySchooling.AppliesOn(child.DateOfBirth, startsOn))
            throw new DomainRuleException("child.dateOfBirth", "An exemption concerns a child of compulsory school age.");
        if (article == ExemptionArticle.A5a)
        {
            if (statement is null) throw new DomainRuleException("statement", "A 5 sub a exemption needs the statement of a designated doctor, pedagoog or psycholoog.");
            if (statement.TreatingProfessional) throw new DomainRuleException("statement.treatingProfessional", "The statement may not come from the child's own treating professional.");
            if (statement.IssuedOn < startsOn.AddMonths(-3) || statement.IssuedOn > startsOn)
                throw new DomainRuleException("statement.issuedOn", "The statement is at most 3 months old when the exemption starts.");
            if (options.SwvAdviceRequiredFor5a && advice is null)
                throw new DomainRuleException("swvAdvice", "In this region a 5 sub a exemption needs the samenwerkingsverband's advice.");
        }
        else if (string.IsNullOrWhiteSpace(grounds))
        {
            throw new DomainRuleException("grounds", article == ExemptionArticle.A5b
                ? "Record the parents' objection to the orientation of the schools nearby."
                : "Record the school abroad the child is enrolled at.");
        }

        // Renewal every school year before 1 July, unless the 5 sub a statement says "never".
        var endsOn = statement is { Never: true } ? CompulsorySchooling.EndsOn(child.DateOfBirth) : CompulsorySchooling.SchoolYearEnd(startsOn);
        var exemption = new Exemption
        {
            Id = Guid.CreateVersion7(now),
            Child = child,
            ChildReference = childReference,
            Article = article,
            StartsOn = startsOn,
            EndsOn = endsOn,
            ReviewOn = statement is { Never: true } ? endsOn : new DateOnly(endsOn.Year, 7, 1),
            Statement = statement,
            Advice = advice,
            Grounds = grounds,
            GrantedBy = grantedBy,
            GrantedAt = now,
        };
        exemption._events.Add(new ExemptionGranted(exemption.Id, childReference, child.HomeMunicipality, Name(article), startsOn, endsOn, now));
        return exemption;
    }

    public bool IsValidOn(DateOnly day) => EndedAt is null && StartsOn <= day && day <= EndsOn;

    public bool HasExpired(DateOnly today) => EndedAt is null && today > EndsOn;

    public void End(DateTimeOffset now)
    {
        if (EndedAt is not null) throw new IllegalTransitionException("This exemption has already ended.");
        EndedAt = now;
        var today = DutchTime.DateOf(now);
        _events.Add(new ExemptionEnded(Id, ChildReference, Child.HomeMunicipality, Name(Article), today > EndsOn ? EndsOn : today, now));
    }
}
