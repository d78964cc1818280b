using Platform.Contracts;
using Platform.Contracts.Funding;
using Platform.Messaging.Outbox;

namespace Platform.Funding.Domain;

/// <summary>open → decided. The term (6 weeks, once extended to 10) and the temporary placement after 10 weeks are durable dates.</summary>
public enum ZorgplichtStatus
{
    Open,
    Decided,
}

/// <summary>What the board decides (RULES.md §4).</summary>
public static class ZorgplichtOutcomes
{
    public const string OwnSchool = "own-school";
    public const string OtherSchool = "other-school";
    public const string SpecialEducation = "special-education";
    public static readonly IReadOnlyList<string> All = [OwnSchool, OtherSchool, SpecialEducation];
}

/// <summary>
/// Zorgplicht (RULES.md §4): parents applied in writing to a school for a child with a support need; the board of that
/// school decides within 6 weeks of the application, extendable once by 4 weeks (with a notice to the parents); the outcome
/// is a place at its own school, at another regular school that accepted, or SBO/SO/VSO with a TLV; 10 weeks without a
/// decision place the child temporarily at the school applied to. A late decision is still a decision (flagged).
/// The platform holds dates, status and outcome: no reasons or file content (those stay at the school).
/// </summary>
public sealed class ZorgplichtApplication : IRecordsIntegrationEvents
{
    /// <summary>RULES.md §4: the board decides within 6 weeks.</summary>
    public const int DecisionTermDays = 42;
    /// <summary>RULES.md §4: extendable once by 4 weeks.</summary>
    public const int ExtensionDays = 28;
    /// <summary>RULES.md §4: after 10 weeks without a decision the child is placed temporarily.</summary>
    public const int TemporaryPlacementAfterDays = DecisionTermDays + ExtensionDays;

    private readonly List<IIntegrationEvent> _events = [];

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string ChildReference { get; private set; } = "";
    public string HomeMunicipality { get; private set; } = "";
    public string SchoolOrganisationId { get; private set; } = "";
    public string SchoolLocationId { get; private set; } = "";
    public string SchoolType { get; private set; } = "";
    public string SchoolMunicipality { get; private set; } = "";
    public string SwvId { get; private set; } = "";
    public DateOnly ReceivedOn { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public bool CompulsorySchoolAge { get; private set; }
    /// <summary>Whether the child has a school place now (enrolled elsewhere while applying here).</summary>
    public bool HasPlaceElsewhere { get; private set; }
    public Guid? ThuiszitterCaseId { get; private set; }
    public ZorgplichtStatus Status { get; private set; }
    /// <summary>The last day of the current term: 6 weeks after the application, 10 once extended.</summary>
    public DateOnly DecisionDueOn { get; private set; }
    public DateOnly TemporaryPlacementOn { get; private set; }
    public DateTimeOffset? ExtendedAt { get; private set; }
    public DateOnly? ParentsNotifiedOfExtensionOn { get; private set; }
    /// <summary>The due day the "term due" reminder was raised for (a new one after an extension).</summary>
    public DateOnly? DueRaisedFor { get; private set; }
    public DateTimeOffset? ExceededRaisedAt { get; private set; }
    public DateOnly? TemporarilyPlacedOn { get; private set; }
    /// <summary>Another regular school the board asked to take the child, and whether it accepted.</summary>
    public string? OtherSchoolLocationId { get; private set; }
    public string? OtherSchoolOrganisationId { get; private set; }
    public string? OtherSchoolKind { get; private set; }
    public DateTimeOffset? OtherSchoolAcceptedAt { get; private set; }
    public string? Outcome { get; private set; }
    public string? PlacementLocationId { get; private set; }
    public string? PlacementType { get; private set; }
    public Guid? TlvId { get; private set; }
    public DateOnly? DecidedOn { get; private set; }
    /// <summary>The day the child starts at the placement location: the OPP's enrolment (the decision day unless the board says otherwise).</summary>
    public DateOnly? StartsOn { get; private set; }
    /// <summary>The OPP of the child at the placement location: opened by the decision, or the one it already had there.</summary>
    public Guid? OppId { get; private set; }
    public string? Timeliness { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<IIntegrationEvent> PendingEvents => _events;
    public void ClearPendingEvents() => _events.Clear();

    public bool IsExtended => ExtendedAt is not null;
    public DateOnly OriginalDueOn => ReceivedOn.AddDays(DecisionTermDays);

    /// <summary>A child of compulsory school age without a school place, the term passed and no decision: the leerplicht officer's.</summary>
    public bool NeedsLeerplichtAttention =>
        Status == ZorgplichtStatus.Open && ExceededRaisedAt is not null && CompulsorySchoolAge && !HasPlaceElsewhere && TemporarilyPlacedOn is null;

    private ZorgplichtApplication() { }

    public static ZorgplichtApplication Register(Guid caseId, string childReference, string homeMunicipality, string school, string schoolLocation,
        string schoolType, string schoolMunicipality, string swv, DateOnly receivedOn, bool compulsorySchoolAge, bool hasPlaceElsewhere,
        Guid? thuiszitterCaseId, DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        if (receivedOn > today) throw new DomainRuleException("receivedOn", "Cannot be in the future: the day the parents' written application was received.");
        // Registered late is still registered: the next sweep raises what the dates say (exceeded, temporary placement).
        if (receivedOn < today.AddYears(-1)) throw new DomainRuleException("receivedOn", "More than a year ago: not an application still open.");
        var application = new ZorgplichtApplication
        {
            Id = Guid.CreateVersion7(now), CaseId = caseId, ChildReference = childReference, HomeMunicipality = homeMunicipality,
            SchoolOrganisationId = school, SchoolLocationId = schoolLocation, SchoolType = schoolType, SchoolMunicipality = schoolMunicipality, SwvId = swv,
            ReceivedOn = receivedOn, RegisteredAt = now, CompulsorySchoolAge = compulsorySchoolAge, HasPlaceElsewhere = hasPlaceElsewhere,
            ThuiszitterCaseId = thuiszitterCaseId, Status = ZorgplichtStatus.Open,
            DecisionDueOn = receivedOn.AddDays(DecisionTermDays), TemporaryPlacementOn = receivedOn.AddDays(TemporaryPlacementAfterDays + 1),
        };
        application._events.Add(new ZorgplichtApplicationRegistered(application.Id, caseId, childReference, homeMunicipality, school, schoolLocation,
            schoolType, schoolMunicipality, swv, receivedOn, application.DecisionDueOn, compulsorySchoolAge, thuiszitterCaseId, now));
        return application;
    }

    /// <summary>
    /// The board extends the term once by 4 weeks, within the 6 weeks, and tells the parents (RULES.md §4). A second extension, or
    /// one after the 6 weeks passed, breaks the rule.
    /// </summary>
    public void Extend(DateOnly parentsNotifiedOn, DateTimeOffset now)
    {
        RequireOpen("extend the term");
        var today = DutchTime.DateOf(now);
        if (IsExtended)
            throw new DomainRuleException("extension",
                $"The term was extended already (until {DecisionDueOn:yyyy-MM-dd}): it may be extended once, by 4 weeks (RULES.md §4, zorgplicht).");
        if (today > OriginalDueOn)
            throw new DomainRuleException("extension",
                $"The 6 weeks ended on {OriginalDueOn:yyyy-MM-dd}: the term is extended within them (RULES.md §4, zorgplicht).");
        if (parentsNotifiedOn > today) throw new DomainRuleException("parentsNotifiedOn", "Cannot be in the future: the day the parents were told.");
        if (parentsNotifiedOn < ReceivedOn) throw new DomainRuleException("parentsNotifiedOn", "Cannot be before the application was received.");
        ExtendedAt = now;
        ParentsNotifiedOfExtensionOn = parentsNotifiedOn;
        DecisionDueOn = OriginalDueOn.AddDays(ExtensionDays);
        _events.Add(new ZorgplichtTermExtended(Id, ChildReference, SchoolOrganisationId, SchoolType, SchoolMunicipality, SwvId, OriginalDueOn,
            DecisionDueOn, parentsNotifiedOn, now));
    }

    /// <summary>The board asks another regular school to take the child; a new ask replaces one not yet accepted.</summary>
    public void AskOtherSchool(string locationId, string organisationId, string kind, DateTimeOffset now)
    {
        RequireOpen("ask another school");
        if (organisationId == SchoolOrganisationId)
            throw new DomainRuleException("locationId", "A location of your own school is the outcome own-school, not another school.");
        if (!RegularSchoolKinds.Contains(kind))
            throw new DomainRuleException("locationId", $"{locationId} is not a regular school: special education is the outcome special-education, with a TLV (RULES.md §4).");
        if (OtherSchoolAcceptedAt is not null)
            throw new IllegalTransitionException($"{OtherSchoolLocationId} accepted already: decide, or the school withdraws its acceptance first.");
        (OtherSchoolLocationId, OtherSchoolOrganisationId, OtherSchoolKind) = (locationId, organisationId, kind);
    }

    /// <summary>The other school accepts the child: only then can the board decide on "another regular school" (RULES.md §4).</summary>
    public void AcceptAsOtherSchool(string organisationId, DateTimeOffset now)
    {
        RequireOpen("accept");
        if (OtherSchoolOrganisationId != organisationId) throw new IllegalTransitionException("Your school was not asked to take this child.");
        if (OtherSchoolAcceptedAt is not null) throw new IllegalTransitionException("Accepted already.");
        OtherSchoolAcceptedAt = now;
    }

    /// <summary>Regular schools (the other school of the outcome other-school).</summary>
    public static readonly IReadOnlyList<string> RegularSchoolKinds = [LocationKinds.Po, LocationKinds.Vo];

    /// <summary>
    /// The board's decision. Own school: one of its locations. Another school: only the one that accepted. Special education: only
    /// with a TLV granted for this child, and to a location of its kind. Late is allowed and recorded as exceeded (RULES.md §4).
    /// </summary>
    public void Decide(string outcome, string placementLocationId, string placementOrganisationId, string placementKind, Tlv? tlv, DateOnly? startsOn,
        DateTimeOffset now)
    {
        if (Status == ZorgplichtStatus.Decided)
            throw new IllegalTransitionException(
                $"The board decided already ({Outcome}, {DecidedOn:yyyy-MM-dd}): the outcome is fixed; the parents' route is the Geschillencommissie passend onderwijs (RULES.md §4).");
        var today = DutchTime.DateOf(now);
        if (startsOn < ReceivedOn)
            throw new DomainRuleException("startsOn", $"Cannot be before the parents' application ({ReceivedOn:yyyy-MM-dd}).");
        // A plausibility bound, not a rule of law: a placement decided now starts within the year.
        if (startsOn > today.AddYears(1))
            throw new DomainRuleException("startsOn", "More than a year ahead: not the start of the place decided now.");
        switch (outcome)
        {
            case ZorgplichtOutcomes.OwnSchool:
                if (placementOrganisationId != SchoolOrganisationId)
                    throw new DomainRuleException("placementLocationId", $"{placementLocationId} is not a location of your school.");
                if (!RegularSchoolKinds.Contains(placementKind) && placementKind != LocationKinds.Pro)
                    throw new DomainRuleException("placementLocationId", $"{placementLocationId} is special education: that outcome is special-education, with a TLV (RULES.md §4).");
                break;
            case ZorgplichtOutcomes.OtherSchool:
                if (OtherSchoolAcceptedAt is null || placementLocationId != OtherSchoolLocationId)
                    throw new DomainRuleException("placementLocationId",
                        "Another regular school only once it accepted the child (RULES.md §4, zorgplicht): ask it, and let it accept, first.");
                break;
            case ZorgplichtOutcomes.SpecialEducation:
                if (tlv is null)
                    throw new DomainRuleException("tlvId", "SBO or SO/VSO only with a TLV (RULES.md §4, zorgplicht): name the child's granted TLV.");
                if (tlv.ChildReference != ChildReference || tlv.Status != TlvStatus.Granted || tlv.Decision?.Kind is not { } kind)
                    throw new DomainRuleException("tlvId", "Not a granted TLV of this child (RULES.md §4: SBO or SO/VSO only with a TLV in force).");
                if (!LocationKinds.IsSpecialEducation(placementKind) || placementKind != kind)
                    throw new DomainRuleException("placementLocationId", $"The TLV admits to {kind}: {placementLocationId} is {placementKind} (RULES.md §4).");
                break;
            default:
                throw new DomainRuleException("outcome", $"One of: {string.Join(", ", ZorgplichtOutcomes.All)}.");
        }
        Status = ZorgplichtStatus.Decided;
        (Outcome, PlacementLocationId, PlacementType, TlvId, DecidedOn, StartsOn) = (outcome, placementLocationId, placementKind, tlv?.Id, today, startsOn ?? today);
        Timeliness = today <= OriginalDueOn ? "on-time" : today <= DecisionDueOn && IsExtended ? "extended" : "exceeded";
        _events.Add(new ZorgplichtDecided(Id, ChildReference, HomeMunicipality, SchoolOrganisationId, SchoolType, SchoolMunicipality, SwvId, outcome,
            placementLocationId, placementKind, TlvId, ReceivedOn, today, Timeliness, TemporarilyPlacedOn is not null, now));
    }

    /// <summary>The OPP that follows the placement (opened with the decision, or the child's OPP already at that location).</summary>
    public void LinkOpp(Guid oppId)
    {
        if (Status != ZorgplichtStatus.Decided) throw new IllegalTransitionException("The OPP follows the decision's placement.");
        OppId = oppId;
    }

    /// <summary>The current term's last day has come (raised once per term, also when noticed late).</summary>
    public bool IsDue(DateOnly today) => Status == ZorgplichtStatus.Open && today >= DecisionDueOn && DueRaisedFor != DecisionDueOn;

    public void RaiseDue(DateTimeOffset now)
    {
        DueRaisedFor = DecisionDueOn;
        _events.Add(new ZorgplichtDecisionDue(Id, SchoolOrganisationId, SchoolType, SchoolMunicipality, SwvId, DecisionDueOn, IsExtended, now));
    }

    /// <summary>The current term passed: once (an extension after the 6 weeks is not allowed, so there is no second term to pass).</summary>
    public bool IsExceeded(DateOnly today) => Status == ZorgplichtStatus.Open && ExceededRaisedAt is null && today > DecisionDueOn;

    public void RaiseExceeded(DateTimeOffset now)
    {
        ExceededRaisedAt = now;
        _events.Add(new ZorgplichtTermExceeded(Id, ChildReference, HomeMunicipality, SchoolOrganisationId, SchoolType, SchoolMunicipality, SwvId,
            DecisionDueOn, IsExtended, CompulsorySchoolAge && !HasPlaceElsewhere, now));
    }

    public bool IsTemporaryPlacementDue(DateOnly today) => Status == ZorgplichtStatus.Open && TemporarilyPlacedOn is null && today >= TemporaryPlacementOn;

    /// <summary>RULES.md §4: after 10 weeks without a decision the child is placed temporarily at the school applied to.</summary>
    public void PlaceTemporarily(DateTimeOffset now)
    {
        TemporarilyPlacedOn = TemporaryPlacementOn;
        _events.Add(new ZorgplichtTemporarilyPlaced(Id, ChildReference, HomeMunicipality, SchoolOrganisationId, SchoolLocationId, SchoolType,
            SchoolMunicipality, SwvId, TemporaryPlacementOn, now));
    }

    private void RequireOpen(string action)
    {
        if (Status != ZorgplichtStatus.Open)
            throw new IllegalTransitionException($"Cannot {action}: the board decided already ({Outcome}); the outcome is fixed (RULES.md §4).");
    }
}
