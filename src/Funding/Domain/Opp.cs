using Platform.Contracts;
using Platform.Contracts.Funding;
using Platform.Messaging.Outbox;

namespace Platform.Funding.Domain;

/// <summary>The parents' consent to the OPP's handelingsdeel (RULES.md §4).</summary>
public static class OppConsent
{
    public const string Pending = "pending";
    public const string Given = "given";
    public const string Refused = "refused";
    public static readonly IReadOnlyList<string> All = [Pending, Given, Refused];
}

/// <summary>
/// Ontwikkelingsperspectief (RULES.md §4): mandatory for pupils with extra support and all pupils in SBO, PrO, SO/VSO; set
/// within 6 weeks of enrolment, evaluated at least yearly; the parents consent to its handelingsdeel. The OPP's content stays
/// at the school: this record holds its dates, status and the parents' consent. Late setting or evaluation is accepted and
/// flagged; the passing of each term is raised once by a durable timer.
/// </summary>
public sealed class Opp : IRecordsIntegrationEvents
{
    /// <summary>RULES.md §4: set within 6 weeks of enrolment.</summary>
    public const int SetTermDays = 42;

    private readonly List<IIntegrationEvent> _events = [];

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string ChildReference { get; private set; } = "";
    public string SchoolOrganisationId { get; private set; } = "";
    public string SchoolLocationId { get; private set; } = "";
    public string SchoolType { get; private set; } = "";
    public string SchoolMunicipality { get; private set; } = "";
    public string SwvId { get; private set; } = "";
    /// <summary>school-type (SBO, PrO, SO, VSO) or extra-support.</summary>
    public string RequiredBecause { get; private set; } = "";
    public DateOnly EnrolledOn { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public DateOnly SetDueOn { get; private set; }
    public DateOnly? SetOn { get; private set; }
    public bool? SetOnTime { get; private set; }
    public DateTimeOffset? SetOverdueRaisedAt { get; private set; }
    public DateOnly? LastEvaluatedOn { get; private set; }
    public bool? LastEvaluationOnTime { get; private set; }
    public DateOnly? EvaluationDueOn { get; private set; }
    /// <summary>The evaluation due day whose passing was raised (a new one after each evaluation).</summary>
    public DateOnly? EvaluationOverdueRaisedFor { get; private set; }
    /// <summary>pending, given or refused; null until the OPP is set.</summary>
    public string? ParentsConsent { get; private set; }
    public DateOnly? ParentsConsentOn { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<IIntegrationEvent> PendingEvents => _events;
    public void ClearPendingEvents() => _events.Clear();

    /// <summary>The school types whose every pupil has an OPP (RULES.md §4).</summary>
    public static readonly IReadOnlyList<string> AlwaysRequiredAt = [LocationKinds.Sbo, LocationKinds.Pro, LocationKinds.So, LocationKinds.Vso];

    private Opp() { }

    /// <summary>The pupil enrolled: the 6 weeks start. At an SBO, PrO, SO or VSO location always; elsewhere only for a pupil with extra support.</summary>
    public static Opp Enrol(Guid caseId, string childReference, string school, string schoolLocation, string schoolType, string schoolMunicipality,
        string swv, bool extraSupport, DateOnly enrolledOn, DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        if (enrolledOn > today) throw new DomainRuleException("enrolledOn", "Cannot be in the future: record the enrolment when it happened.");
        if (enrolledOn < today.AddYears(-1)) throw new DomainRuleException("enrolledOn", "More than a year ago.");
        var because = AlwaysRequiredAt.Contains(schoolType) ? "school-type"
            : extraSupport ? "extra-support"
            : throw new DomainRuleException("extraSupport",
                $"An OPP is required for pupils with extra support and all pupils in SBO, PrO, SO/VSO (RULES.md §4); {schoolLocation} is {schoolType}: say whether the pupil has extra support.");
        return Open(caseId, childReference, school, schoolLocation, schoolType, schoolMunicipality, swv, because, enrolledOn, now);
    }

    /// <summary>
    /// A zorgplicht decision placed the child (RULES.md §4): a child placed under zorgplicht has a support need, so the placement
    /// location's school holds an OPP whose 6 weeks run from the day the child starts there (<paramref name="startsOn"/>, which may
    /// lie ahead: the decision is taken before the start). SBO, PrO, SO and VSO by their type, any other location for the extra support.
    /// </summary>
    public static Opp OpenForPlacement(Guid caseId, string childReference, string school, string schoolLocation, string schoolType,
        string schoolMunicipality, string swv, DateOnly startsOn, DateTimeOffset now) =>
        Open(caseId, childReference, school, schoolLocation, schoolType, schoolMunicipality, swv,
            AlwaysRequiredAt.Contains(schoolType) ? "school-type" : "extra-support", startsOn, now);

    private static Opp Open(Guid caseId, string childReference, string school, string schoolLocation, string schoolType, string schoolMunicipality,
        string swv, string because, DateOnly enrolledOn, DateTimeOffset now)
    {
        var opp = new Opp
        {
            Id = Guid.CreateVersion7(now), CaseId = caseId, ChildReference = childReference, SchoolOrganisationId = school, SchoolLocationId = schoolLocation,
            SchoolType = schoolType, SchoolMunicipality = schoolMunicipality, SwvId = swv, RequiredBecause = because, EnrolledOn = enrolledOn,
            RegisteredAt = now, SetDueOn = enrolledOn.AddDays(SetTermDays),
        };
        opp._events.Add(new OppRequired(opp.Id, childReference, school, schoolLocation, schoolType, schoolMunicipality, swv, because, enrolledOn, opp.SetDueOn, now));
        return opp;
    }

    /// <summary>The school set the OPP: once; after the 6 weeks still set, recorded as late. The parents' consent is pending until recorded.</summary>
    public void Establish(DateOnly setOn, DateTimeOffset now)
    {
        if (SetOn is not null) throw new IllegalTransitionException($"The OPP was set on {SetOn:yyyy-MM-dd}: what follows is its evaluation.");
        RequireDay("setOn", setOn, EnrolledOn, "enrolment", now);
        (SetOn, SetOnTime, EvaluationDueOn) = (setOn, setOn <= SetDueOn, setOn.AddYears(1));
        ParentsConsent ??= OppConsent.Pending;
        _events.Add(new OppEstablished(Id, ChildReference, SchoolType, SchoolMunicipality, SwvId, setOn, SetOnTime.Value, EvaluationDueOn.Value, now));
    }

    /// <summary>An evaluation (at least yearly, RULES.md §4); a late one is still recorded, flagged.</summary>
    public void Evaluate(DateOnly evaluatedOn, DateTimeOffset now)
    {
        if (SetOn is null) throw new IllegalTransitionException("The OPP is not set yet: set it first (within 6 weeks of enrolment, RULES.md §4).");
        RequireDay("evaluatedOn", evaluatedOn, LastEvaluatedOn ?? SetOn.Value, "the last setting or evaluation", now);
        (LastEvaluatedOn, LastEvaluationOnTime) = (evaluatedOn, evaluatedOn <= EvaluationDueOn);
        EvaluationDueOn = evaluatedOn.AddYears(1);
        _events.Add(new OppEvaluated(Id, SchoolType, SchoolMunicipality, SwvId, evaluatedOn, LastEvaluationOnTime.Value, EvaluationDueOn.Value, now));
    }

    /// <summary>The parents' consent to the handelingsdeel: given, refused or (again) pending; only for an OPP that is set.</summary>
    public void RecordParentsConsent(string consent, DateOnly on, DateTimeOffset now)
    {
        if (SetOn is null) throw new IllegalTransitionException("The OPP is not set yet: its handelingsdeel is consented to once it is set (RULES.md §4).");
        if (!OppConsent.All.Contains(consent)) throw new DomainRuleException("consent", $"One of: {string.Join(", ", OppConsent.All)}.");
        RequireDay("on", on, SetOn.Value, "the OPP was set", now);
        (ParentsConsent, ParentsConsentOn) = (consent, on);
        _events.Add(new OppParentsConsentRecorded(Id, ChildReference, SchoolType, SchoolMunicipality, SwvId, consent, on, now));
    }

    public bool IsSetOverdue(DateOnly today) => SetOn is null && SetOverdueRaisedAt is null && today > SetDueOn;

    public void RaiseSetOverdue(DateTimeOffset now)
    {
        SetOverdueRaisedAt = now;
        _events.Add(new OppOverdue(Id, SchoolOrganisationId, SchoolType, SchoolMunicipality, SwvId, "establishment", SetDueOn, now));
    }

    public bool IsEvaluationOverdue(DateOnly today) => EvaluationDueOn is { } due && today > due && EvaluationOverdueRaisedFor != due;

    public void RaiseEvaluationOverdue(DateTimeOffset now)
    {
        EvaluationOverdueRaisedFor = EvaluationDueOn;
        _events.Add(new OppOverdue(Id, SchoolOrganisationId, SchoolType, SchoolMunicipality, SwvId, "evaluation", EvaluationDueOn!.Value, now));
    }

    private static void RequireDay(string field, DateOnly day, DateOnly notBefore, string what, DateTimeOffset now)
    {
        if (day > DutchTime.DateOf(now)) throw new DomainRuleException(field, "Cannot be in the future.");
        if (day < notBefore) throw new DomainRuleException(field, $"Cannot be before {what} ({notBefore:yyyy-MM-dd}).");
    }
}
