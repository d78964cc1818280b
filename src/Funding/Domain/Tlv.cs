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
    public uint Version { get; private set; }

    public IReadOnlyList<IIntegrationEvent> PendingEvents => _events;
    public void ClearPendingEvents() => _events.Clear();

    private Tlv() { }

    public static Tlv Request(Guid caseId, string childReference, string homeMunicipality, string school, string schoolLocation, string swv,
        string kind, string? receivingLocation, string substantiation, string parentsView, int decisionTermDays, DateTimeOffset now)
    {
        if (!TlvKinds.All.Contains(kind)) throw new DomainRuleException("kind", $"One of: {string.Join(", ", TlvKinds.All)}.");
        var tlv = new Tlv
        {
            Id = Guid.CreateVersion7(now), CaseId = caseId, ChildReference = childReference, HomeMunicipality = homeMunicipality,
            SchoolOrganisationId = school, SchoolLocationId = schoolLocation, SwvId = swv, RequestedKind = kind, ReceivingLocationId = receivingLocation,
            Substantiation = substantiation, ParentsView = parentsView, Status = TlvStatus.Requested, RequestedAt = now,
            DecisionDueOn = DutchTime.DateOf(now).AddDays(decisionTermDays),
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

    /// <summary>An invited expert gives a separate advice: one per expert, in the profession the SWV asked for.</summary>
    public ExpertAdvice Advise(string organisationId, string expertName, string profession, string advice, string summary, DateOnly givenOn, DateTimeOffset now)
    {
        Require("advise", TlvStatus.Requested);
        if (!Invitations.Any(i => i.OrganisationId == organisationId && i.Profession == profession))
            throw new DomainRuleException("profession", $"{organisationId} was not asked for an advice as {profession}.");
        if (advice is not ("favourable" or "unfavourable")) throw new DomainRuleException("advice", "favourable or unfavourable.");
        if (givenOn > DutchTime.DateOf(now)) throw new DomainRuleException("givenOn", "Cannot be in the future.");
        if (Advices.Any(a => string.Equals(a.ExpertName, expertName, StringComparison.OrdinalIgnoreCase)))
            throw new DomainRuleException("expertName", "Each advice comes from another expert: two separate, independent advices.");
        if (Advices.Any(a => a.OrganisationId == organisationId && a.Profession == profession))
            throw new IllegalTransitionException($"{organisationId} has advised as {profession} already.");
        var given = new ExpertAdvice
        {
            Id = Guid.CreateVersion7(now), OrganisationId = organisationId, ExpertName = expertName, Profession = profession,
            Advice = advice, Summary = summary, GivenOn = givenOn, RecordedAt = now,
        };
        Advices.Add(given);
        _events.Add(new TlvAdviceGiven(Id, profession, now));
        return given;
    }

    /// <summary>
    /// The two advices the law requires: one by an orthopedagoog or psycholoog and one by a second
    /// expert of another profession list, by two different experts (never the requesting school's own).
    /// </summary>
    public bool HasTheAdvicesItNeeds =>
        Advices.Any(a => Professions.First.Contains(a.Profession))
        && Advices.Any(b => Professions.Second.Contains(b.Profession)
                            && Advices.Any(a => Professions.First.Contains(a.Profession) && !string.Equals(a.ExpertName, b.ExpertName, StringComparison.OrdinalIgnoreCase)));

    public void Grant(string swv, string kind, string? category, string? receivingLocation, DateOnly validFrom, DateOnly validUntil,
        string parentsView, string reasons, DateTimeOffset now)
    {
        RequireDecision(swv);
        if (!TlvKinds.All.Contains(kind)) throw new DomainRuleException("kind", $"One of: {string.Join(", ", TlvKinds.All)}.");
        if (kind == TlvKinds.Sbo && category is not null) throw new DomainRuleException("category", "An SBO admission has no category.");
        if (kind != TlvKinds.Sbo && (category is null || !TlvKinds.Categories.Contains(category)))
            throw new DomainRuleException("category", $"An SO or VSO admission names its category: {string.Join(", ", TlvKinds.Categories)}.");
        if (validUntil <= validFrom) throw new DomainRuleException("validUntil", "A TLV is always time-limited: its last day comes after its first.");
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
