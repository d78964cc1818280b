using Platform.Contracts;
using Platform.Contracts.Funding;
using Platform.Messaging.Outbox;

namespace Platform.Funding.Domain;

/// <summary>
/// Toelaatbaarheidsverklaring: a school asks its samenwerkingsverband to admit a child to special
/// education (SBO, SO or VSO). The SWV asks experts for two separate, independent advices, hears the
/// parents, and decides within its term (a durable deadline); a granted TLV is always time-limited
/// and ends with a terugplaatsing or when it expires. The application holds no BSN (RULES.md §4).
/// </summary>
public sealed class Tlv : IRecordsIntegrationEvents
{
    private readonly List<IIntegrationEvent> _events = [];

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string ChildReference { get; private set; } = "";
    public string HomeMunicipality { get; private set; } = "";
    public string SchoolOrganisationId { get; private set; } = "";
    public string SchoolLocationId { get; private set; } = "";
    public string SwvId { get; private set; } = "";
    public string RequestedKind { get; private set; } = "";
    /// <summary>The special school the requester has in mind (for a direct start), when known.</summary>
    public string? ReceivingLocationId { get; private set; }
    /// <summary>Why: the support given so far and what the child needs (free text: stays in Funding).</summary>
    public string Substantiation { get; private set; } = "";
    public string ParentsView { get; private set; } = "";
    public TlvStatus Status { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateOnly DecisionDueOn { get; private set; }
    public DateTimeOffset? OverdueRaisedAt { get; private set; }
    public List<ExpertInvitation> Invitations { get; private set; } = [];
    public List<ExpertAdvice> Advices { get; private set; } = [];
    public TlvDecision? Decision { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    public string? EndReason { get; private set; }
    /// <summary>The parents' objection to the decision, once filed (RULES.md §4).</summary>
    public TlvObjection? Objection { get; private set; }
    /// <summary>The task before expiry: extend or plan a terugplaatsing (RULES.md §4).</summary>
    public TlvRenewal Renewal { get; private set; } = new();
    /// <summary>For an extension: the TLV this request would extend.</summary>
    public Guid? ExtendsTlvId { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<IIntegrationEvent> PendingEvents => _events;
    public void ClearPendingEvents() => _events.Clear();

    private Tlv() { }

    public static Tlv Request(Guid caseId, string childReference, string homeMunicipality, string school, string schoolLocation, string swv,
        string kind, string? receivingLocation, string substantiation, string parentsView, int decisionTermDays, DateTimeOffset now, Guid? extendsTlvId = null)
    {
        if (!TlvKinds.All.Contains(kind)) throw new DomainRuleException("kind", $"One of: {string.Join(", ", TlvKinds.All)}.");
        var tlv = new Tlv
        {
            Id = Guid.CreateVersion7(now), CaseId = caseId, ChildReference = childReference, HomeMunicipality = homeMunicipality,
            SchoolOrganisationId = school, SchoolLocationId = schoolLocation, SwvId = swv, RequestedKind = kind, ReceivingLocationId = receivingLocation,
            Substantiation = substantiation, ParentsView = parentsView, Status = TlvStatus.Requested, RequestedAt = now,
            DecisionDueOn = DutchTime.DateOf(now).AddDays(decisionTermDays), ExtendsTlvId = extendsTlvId,
        };
        tlv._events.Add(new TlvRequested(tlv.Id, caseId, childReference, homeMunicipality, school, schoolLocation, swv, kind, tlv.DecisionDueOn, now));
        return tlv;
    }

    /// <summary>The SWV asks an organisation for an advice in a profession. The requesting school cannot advise on its own request.</summary>
    public void Invite(string organisationId, string profession, DateTimeOffset now)
    {
        Require("ask for an advice", TlvStatus.Requested);
        if (!Professions.All.Contains(profession)) throw new DomainRuleException("profession", $"One of: {string.Join(", ", Professions.All)}.");
        if (organisationId == SchoolOrganisationId)
            throw new DomainRuleException("organisationId", "The requesting school's own experts cannot give the independent advice.");
        if (organisationId == SwvId) throw new DomainRuleException("organisationId", "The SWV decides; the advices come from experts it asks.");
        if (Invitations.Any(i => i.OrganisationId == organisationId && i.Profession == profession)) return;
        Invitations.Add(new ExpertInvitation { OrganisationId = organisationId, Profession = profession, InvitedAt = now });
    }

    public bool IsInvited(string organisationId) => Invitations.Any(i => i.OrganisationId == organisationId);

    /// <summary>
    /// An invited expert gives a separate advice: one per expert, in the profession the SWV asked for. With a registered
    /// person (<paramref name="person"/>): that person advises for the advising organisation in that discipline, is not the
    /// person of the other advice, and as the first expert does not work for the requesting school's board
    /// (<paramref name="schoolBoard"/>, which must be known) (RULES.md §4, LBT 2017/2019).
    /// </summary>
    /// <summary>
    /// One expert's advice, checked on the person's identity (RULES.md §4; LBT 2017, 2019): the person is registered in the
    /// Directory for the advising organisation and in the advice's discipline; it is not the person of the other advice,
    /// whatever name is typed; and the first advice's person does not work for the requesting school's board, which must
    /// be known (<paramref name="schoolBoard"/>), or the independence cannot be checked. Nor may the first advice come
    /// from a school run by that board (<paramref name="advisingOrganisationBoard"/>), whatever board the person has on record.
    /// </summary>
    public ExpertAdvice Advise(string organisationId, string expertName, string profession, string advice, string summary, DateOnly givenOn, DateTimeOffset now,
        AdvisingExpert person, string? schoolBoard, string? advisingOrganisationBoard = null)
    {
        Require("advise", TlvStatus.Requested);
        if (!Invitations.Any(i => i.OrganisationId == organisationId && i.Profession == profession))
            throw new DomainRuleException("profession", $"{organisationId} was not asked for an advice as {profession}.");
        if (advice is not ("favourable" or "unfavourable")) throw new DomainRuleException("advice", "favourable or unfavourable.");
        if (givenOn > DutchTime.DateOf(now)) throw new DomainRuleException("givenOn", "Cannot be in the future.");
        if (!person.Active)
            throw new DomainRuleException("expertPersonId", $"{person.PersonId} no longer advises (the Directory has the person inactive; RULES.md §4).");
        if (person.OrganisationId != organisationId)
            throw new DomainRuleException("expertPersonId", $"{person.PersonId} is not registered in the Directory as an expert of {organisationId} (RULES.md §4).");
        if (!person.Disciplines.Contains(profession))
            throw new DomainRuleException("expertPersonId", $"{person.PersonId} is not registered as {profession} (RULES.md §4: the advices come from the required disciplines).");
        if (Advices.Any(a => a.ExpertPersonId == person.PersonId))
            throw new DomainRuleException("expertPersonId", "Each advice comes from another person: two separate, independent advices (RULES.md §4).");
        if (Professions.First.Contains(profession))
        {
            if (schoolBoard is null)
                throw new DomainRuleException("expertPersonId",
                    $"The Directory knows no board (bevoegd gezag) of the requesting school {SchoolOrganisationId}: without it the first expert's independence cannot be checked (RULES.md §4).");
            if (person.BoardId == schoolBoard)
                throw new DomainRuleException("expertPersonId",
                    $"{person.PersonId} works for the requesting school's board ({schoolBoard}): the first expert may not be the school's own (RULES.md §4, LBT 2017/2019).");
            if (advisingOrganisationBoard == schoolBoard)
                throw new DomainRuleException("expertPersonId",
                    $"{person.PersonId} advises for {organisationId}, a school of the requesting school's board ({schoolBoard}): the first expert may not be the board's own (RULES.md §4, LBT 2017/2019).");
        }
        // An advice recorded before person ids were required has only a name: against it, the name still counts.
        if (Advices.Any(a => SameExpert(a, expertName, person.PersonId)))
            throw new DomainRuleException("expertPersonId", "Each advice comes from another expert: two separate, independent advices (RULES.md §4).");
        if (Advices.Any(a => a.OrganisationId == organisationId && a.Profession == profession))
            throw new IllegalTransitionException($"{organisationId} has advised as {profession} already.");
        var given = new ExpertAdvice
        {
            Id = Guid.CreateVersion7(now), OrganisationId = organisationId, ExpertName = expertName, ExpertPersonId = person.PersonId,
            ExpertBoardId = person.BoardId, Profession = profession, Advice = advice, Summary = summary, GivenOn = givenOn, RecordedAt = now,
        };
        Advices.Add(given);
        _events.Add(new TlvAdviceGiven(Id, profession, now));
        return given;
    }

    /// <summary>The same expert: by person id when both advices name one, otherwise by name.</summary>
    private static bool SameExpert(ExpertAdvice a, string name, string? personId) =>
        a.ExpertPersonId is not null && personId is not null
            ? a.ExpertPersonId == personId
            : string.Equals(a.ExpertName, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The two advices the law requires: one by an orthopedagoog or psycholoog and one by a second
    /// expert of another profession list, by two different experts (never the requesting school's own).
    /// </summary>
    public bool HasTheAdvicesItNeeds =>
        Advices.Any(a => Professions.First.Contains(a.Profession))
        && Advices.Any(b => Professions.Second.Contains(b.Profession)
                            && Advices.Any(a => Professions.First.Contains(a.Profession) && !SameExpert(a, b.ExpertName, b.ExpertPersonId)));

    public void Grant(string swv, string kind, string? category, string? receivingLocation, DateOnly validFrom, DateOnly validUntil,
        string parentsView, string reasons, DateTimeOffset now)
    {
        RequireDecision(swv);
        CheckGrantTerms(kind, category, validFrom, validUntil);
        if (validFrom < DutchTime.DateOf(RequestedAt)) throw new DomainRuleException("validFrom", "Cannot start before it was requested.");
        Decide(new TlvDecision
        {
            Outcome = "granted", Kind = kind, Category = category, ReceivingLocationId = receivingLocation ?? ReceivingLocationId,
            ValidFrom = validFrom, ValidUntil = validUntil, ParentsView = parentsView, Reasons = reasons, DecidedBy = swv, DecidedAt = now,
        }, TlvStatus.Granted);
    }

    public void Refuse(string swv, string parentsView, string reasons, DateTimeOffset now)
    {
        RequireDecision(swv);
        Decide(new TlvDecision { Outcome = "refused", ParentsView = parentsView, Reasons = reasons, DecidedBy = swv, DecidedAt = now }, TlvStatus.Refused);
        // A refusal ends the request: its retention term counts from here.
        EndedOn = DutchTime.DateOf(now);
    }

    public void Withdraw(DateTimeOffset now)
    {
        Require("withdraw", TlvStatus.Requested);
        Status = TlvStatus.Withdrawn;
        EndedOn = DutchTime.DateOf(now);
    }

    public bool IsOverdue(DateOnly today) => Status == TlvStatus.Requested && OverdueRaisedAt is null && today > DecisionDueOn;

    public void RaiseOverdue(DateTimeOffset now)
    {
        OverdueRaisedAt = now;
        _events.Add(new TlvDecisionOverdue(Id, SwvId, HomeMunicipality, DecisionDueOn, now));
    }

    /// <summary>The child went back to regular education (terugplaatsing), through a completed handover.</summary>
    public void EndWithTerugplaatsing(DateOnly on, DateTimeOffset now) => End("terugplaatsing", on, now);

    public bool HasExpired(DateOnly today) => Status == TlvStatus.Granted && Decision?.ValidUntil is { } until && today > until;

    public void Expire(DateTimeOffset now) => End("expired", Decision!.ValidUntil!.Value, now);

    private void End(string reason, DateOnly on, DateTimeOffset now)
    {
        Require("end", TlvStatus.Granted);
        Status = TlvStatus.Ended;
        (EndedOn, EndReason) = (on, reason);
        _events.Add(new TlvEnded(Id, ChildReference, SwvId, reason, on, now));
    }

    /// <summary>RULES.md §4: the objection term is 6 weeks after the decision.</summary>
    public const int ObjectionTermDays = 42;
    /// <summary>RULES.md §4: the SWV asks the LBT's advice within 2 weeks of the objection.</summary>
    public const int LbtRequestTermDays = 14;

    /// <summary>
    /// The last day the parents may object to the decision (6 weeks after it, RULES.md §4); none once the objection
    /// was decided (what follows is an appeal to the court) or while nothing is decided.
    /// </summary>
    public DateOnly? ObjectionDueOn => Decision is { } d && Objection?.Result is null ? DutchTime.DateOf(d.DecidedAt).AddDays(ObjectionTermDays) : null;

    /// <summary>
    /// The parents object to the decision, through the requesting school, within 6 weeks of it (RULES.md §4). One
    /// objection per TLV: after the decision on it, the next step is the administrative court, not the platform.
    /// </summary>
    public void FileObjection(string filedBy, string grounds, DateTimeOffset now)
    {
        Require("object", TlvStatus.Granted, TlvStatus.Refused);
        if (Objection is not null)
            throw new IllegalTransitionException(Objection.Result is null
                ? "An objection to this decision is being heard already."
                : "The objection was decided; what follows is an appeal to the administrative court (RULES.md §4), not a second objection.");
        var today = DutchTime.DateOf(now);
        if (today > ObjectionDueOn)
            throw new DomainRuleException("objection",
                $"Too late: an objection is filed within 6 weeks of the decision (RULES.md §4, Awb art. 6:7); the last day was {ObjectionDueOn:yyyy-MM-dd}.");
        Objection = new TlvObjection
        {
            FiledBy = filedBy, FiledAt = now, Grounds = grounds, LbtRequestDueOn = today.AddDays(LbtRequestTermDays),
            FormerOutcome = Decision!.Outcome,
        };
        _events.Add(new TlvObjectionFiled(Id, ChildReference, SwvId, filedBy, Objection.LbtRequestDueOn, now));
    }

    /// <summary>The SWV asks the LBT for its advice (RULES.md §4: within 2 weeks; later is recorded as late, not refused).</summary>
    public void AskLbt(DateTimeOffset now)
    {
        var objection = OpenObjection("ask the LBT's advice");
        if (objection.LbtAskedOn is not null) throw new IllegalTransitionException("The LBT was asked already.");
        objection.LbtAskedOn = DutchTime.DateOf(now);
        _events.Add(new TlvLbtAdviceRequested(Id, SwvId, objection.LbtAskedOn.Value, objection.LbtAskedOn <= objection.LbtRequestDueOn, now));
    }

    public bool IsLbtRequestOverdue(DateOnly today) =>
        Objection is { Result: null, LbtAskedOn: null, LbtOverdueRaisedAt: null } o && today > o.LbtRequestDueOn;

    public void RaiseLbtRequestOverdue(DateTimeOffset now)
    {
        Objection!.LbtOverdueRaisedAt = now;
        _events.Add(new TlvLbtRequestOverdue(Id, SwvId, Objection.LbtRequestDueOn, now));
    }

    /// <summary>
    /// The SWV decides on the objection, only after it asked the LBT's advice (RULES.md §4), with the LBT's advice
    /// and its reasons. Rejected: the decision stands. Upheld: <paramref name="replaceDecision"/> writes the new
    /// decision (granted with its terms, or refused) in the same step.
    /// </summary>
    public void DecideObjection(string swv, string result, string lbtAdvice, string reasons, DateTimeOffset now, Action<Tlv>? replaceDecision)
    {
        if (swv != SwvId) throw new IllegalTransitionException($"{SwvId} decides on this objection.");
        var objection = OpenObjection("decide on the objection");
        if (objection.LbtAskedOn is null)
            throw new IllegalTransitionException("No decision on an objection before the LBT was asked for its advice (RULES.md §4).");
        if (result is not ("upheld" or "rejected")) throw new DomainRuleException("result", "upheld or rejected.");
        if (lbtAdvice is not ("upheld" or "rejected")) throw new DomainRuleException("lbtAdvice", "What the LBT advised: upheld or rejected.");
        if (result == "upheld")
        {
            if (replaceDecision is null) throw new DomainRuleException("decision", "An upheld objection replaces the decision: give the new one.");
            replaceDecision(this);
        }
        (objection.Result, objection.LbtAdvice, objection.Reasons, objection.DecidedAt) = (result, lbtAdvice, reasons, now);
        var d = Decision!;
        _events.Add(new TlvObjectionDecided(Id, ChildReference, SwvId, result, d.Outcome, d.Kind, d.Category, d.ValidFrom, d.ValidUntil, now));
    }

    /// <summary>An upheld objection's new decision: the same rules as the first (RULES.md §4), the two advices already given.</summary>
    public void ReplaceWithGrant(string kind, string? category, string? receivingLocation, DateOnly validFrom, DateOnly validUntil, string parentsView, string reasons, DateTimeOffset now)
    {
        CheckGrantTerms(kind, category, validFrom, validUntil);
        Decision = new TlvDecision
        {
            Outcome = "granted", Kind = kind, Category = category, ReceivingLocationId = receivingLocation ?? Decision?.ReceivingLocationId ?? ReceivingLocationId,
            ValidFrom = validFrom, ValidUntil = validUntil, ParentsView = parentsView, Reasons = reasons, DecidedBy = SwvId, DecidedAt = now,
        };
        Status = TlvStatus.Granted;
        EndedOn = null;
        // New validity, new renewal task.
        Renewal = new TlvRenewal();
    }

    public void ReplaceWithRefusal(string parentsView, string reasons, DateTimeOffset now)
    {
        Decision = new TlvDecision { Outcome = "refused", ParentsView = parentsView, Reasons = reasons, DecidedBy = SwvId, DecidedAt = now };
        Status = TlvStatus.Refused;
        EndedOn = DutchTime.DateOf(now);
        Renewal = new TlvRenewal();
    }

    private TlvObjection OpenObjection(string action)
    {
        if (Objection is not { Result: null } objection) throw new IllegalTransitionException($"Cannot {action}: no objection is being heard.");
        return objection;
    }

    /// <summary>The day the renewal task is raised: <paramref name="warningMonths"/> before the last valid day.</summary>
    public DateOnly? RenewalDueFrom(int warningMonths) => Decision?.ValidUntil is { } until ? until.AddMonths(-warningMonths) : null;

    public bool IsRenewalDue(DateOnly today, int warningMonths) =>
        Status == TlvStatus.Granted && Renewal.DueRaisedAt is null && Renewal.Choice is null && today >= RenewalDueFrom(warningMonths);

    public void RaiseRenewalDue(DateTimeOffset now)
    {
        Renewal.DueRaisedAt = now;
        _events.Add(new TlvRenewalDue(Id, ChildReference, SwvId, SchoolOrganisationId, Decision!.ValidUntil!.Value, now));
    }

    /// <summary>
    /// Extension: the requesting school asks again (RULES.md §4: a new decision, with the two advices again).
    /// The new request is built by the caller; this records the choice.
    /// </summary>
    public void ChooseExtension(string by, Tlv extension, DateTimeOffset now)
    {
        RequireOpenRenewal();
        (Renewal.Choice, Renewal.ChosenBy, Renewal.ChosenAt, Renewal.ExtensionTlvId) = ("extend", by, now, extension.Id);
        _events.Add(new TlvRenewalChosen(Id, ChildReference, SwvId, "extend", extension.Id, null, by, now));
    }

    /// <summary>A planned terugplaatsing: on a day from today until the TLV's last valid day (the return itself ends it, through Handover).</summary>
    public void PlanTerugplaatsing(string by, DateOnly on, DateTimeOffset now)
    {
        RequireOpenRenewal();
        if (on < DutchTime.DateOf(now)) throw new DomainRuleException("plannedOn", "Cannot be in the past.");
        if (on > Decision!.ValidUntil) throw new DomainRuleException("plannedOn",
            $"The return is planned before the TLV expires (RULES.md §4): on or before {Decision.ValidUntil:yyyy-MM-dd}.");
        (Renewal.Choice, Renewal.ChosenBy, Renewal.ChosenAt, Renewal.PlannedReturnOn) = ("terugplaatsing", by, now, on);
        _events.Add(new TlvRenewalChosen(Id, ChildReference, SwvId, "terugplaatsing", null, on, by, now));
    }

    private void RequireOpenRenewal()
    {
        Require("choose an extension or a terugplaatsing", TlvStatus.Granted);
        if (Renewal.Choice is not null) throw new IllegalTransitionException($"Chosen already: {Renewal.Choice}.");
    }

    private static void CheckGrantTerms(string kind, string? category, DateOnly validFrom, DateOnly validUntil)
    {
        if (!TlvKinds.All.Contains(kind)) throw new DomainRuleException("kind", $"One of: {string.Join(", ", TlvKinds.All)}.");
        if (kind == TlvKinds.Sbo && category is not null) throw new DomainRuleException("category", "An SBO admission has no category.");
        if (kind != TlvKinds.Sbo && (category is null || !TlvKinds.Categories.Contains(category)))
            throw new DomainRuleException("category", $"An SO or VSO admission names its category: {string.Join(", ", TlvKinds.Categories)}.");
        if (validUntil <= validFrom) throw new DomainRuleException("validUntil", "A TLV is always time-limited: its last day comes after its first.");
    }

    private void RequireDecision(string swv)
    {
        Require("decide", TlvStatus.Requested);
        if (swv != SwvId) throw new IllegalTransitionException($"{SwvId} decides this request.");
        if (!HasTheAdvicesItNeeds)
            throw new IllegalTransitionException("No decision without two separate advices: one by an orthopedagoog or psycholoog, one by a second expert.");
    }

    private void Decide(TlvDecision decision, TlvStatus status)
    {
        Decision = decision;
        Status = status;
        _events.Add(new TlvDecided(Id, ChildReference, HomeMunicipality, SwvId, decision.Outcome, decision.Kind, decision.Category,
            decision.ReceivingLocationId, decision.ValidFrom, decision.ValidUntil, RequestedAt, decision.DecidedAt));
    }

    private void Require(string action, params TlvStatus[] allowed)
    {
        if (!allowed.Contains(Status)) throw new IllegalTransitionException($"Cannot {action} while the TLV is {Status.ToString().ToLowerInvariant()}.");
    }
}
