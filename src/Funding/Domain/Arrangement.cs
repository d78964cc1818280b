using Platform.Contracts;
using Platform.Contracts.Funding;
using Platform.Funding.Budgets;
using Platform.Messaging.Outbox;

namespace Platform.Funding.Domain;

/// <summary>
/// A collective arrangement (doelgroeparrangement) or an individual one, and its shared approval
/// workflow: every funder approves its own share; the arrangement is active only when all have.
/// Every move checks the state and refuses illegal ones (409), touches <see cref="ChangedAt"/> so
/// that two funders deciding at the same moment always collide on the row version and are
/// serialised, and states its events in the same save.
/// </summary>
public sealed class Arrangement : IRecordsIntegrationEvents
{
    private readonly List<IIntegrationEvent> _events = [];

    public Guid Id { get; private set; }
    public string Kind { get; private set; } = ArrangementKinds.Collective;
    public string Title { get; private set; } = "";
    /// <summary>The location (vestiging, from the region's directory) where it runs.</summary>
    public string LocationId { get; private set; } = "";
    /// <summary>The organisation the location belongs to: a school sees the arrangements at its own locations.</summary>
    public string? LocationOrganisationId { get; private set; }
    public string TargetGroup { get; private set; } = "";
    public List<string> SupportDomains { get; private set; } = [];
    /// <summary>CBS codes of the municipalities whose children it also takes ("near" the child's school).</summary>
    public List<string> ServesMunicipalities { get; private set; } = [];
    public int Places { get; private set; }
    public int Occupied { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public bool Urgent { get; private set; }
    /// <summary>Whether a child's placement moves with the child after a completed handover.</summary>
    public bool Portable { get; private set; }
    public string? PreFinancerId { get; private set; }
    public CostSplit Costs { get; private set; } = new(0, 0, 0);
    public List<FunderShare> Shares { get; private set; } = [];
    public ArrangementStatus Status { get; private set; }
    public string? ProposedBy { get; private set; }
    public DateTimeOffset? ProposedAt { get; private set; }
    public DateOnly? DecisionDueOn { get; private set; }
    public List<ChangeRequest> ChangeRequests { get; private set; } = [];
    public EscalationRecord? Escalation { get; private set; }
    /// <summary>The table the arrangement was escalated to (beside <see cref="Escalation"/> so the table's list is a plain query).</summary>
    public string? EscalatedTo { get; private set; }
    public PreFinancing? PreFinancing { get; private set; }
    /// <summary>For an individual arrangement: the case that asked, the child and the paying municipality.</summary>
    public Guid? CaseId { get; private set; }
    public Guid? RequestId { get; private set; }
    public string? ChildReference { get; private set; }
    public string? HomeMunicipality { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<IIntegrationEvent> PendingEvents => _events;
    public void ClearPendingEvents() => _events.Clear();

    /// <summary>Every funder with a share, kept beside the shares so "the arrangements I fund" is an indexed query.</summary>
    public List<string> Funders { get; private set; } = [];

    public int BudgetYear => StartsOn.Year;
    public int FreePlaces => Places - Occupied;
    public IEnumerable<string> FunderIds => Shares.Select(s => s.FunderId).Distinct();

    /// <summary>Places can be filled once funding is settled, or earlier on pre-financing.</summary>
    public bool Running => Status == ArrangementStatus.Active
        || (PreFinancing is { SettledAt: null } && Status is ArrangementStatus.Proposed or ArrangementStatus.PartiallyApproved or ArrangementStatus.Escalated or ArrangementStatus.Draft);

    private Arrangement() { }

    public static Arrangement Draft(ArrangementDetails details, string proposer, BudgetBook book, DateTimeOffset now)
    {
        var arrangement = new Arrangement
        {
            Id = Guid.CreateVersion7(now), Status = ArrangementStatus.Draft, ProposedBy = proposer, CreatedAt = now,
        };
        arrangement.Apply(details, book, now);
        return arrangement;
    }

    /// <summary>Funding found no collective place for a child: an individual arrangement, for the home municipality to cost and propose.</summary>
    public static Arrangement DraftIndividual(Guid requestId, Guid caseId, string childReference, string homeMunicipality, string? schoolId,
        string? schoolLocationId, IReadOnlyList<string> supportDomains, bool urgent, string? proposer, DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        var arrangement = new Arrangement
        {
            Id = Guid.CreateVersion7(now), Kind = ArrangementKinds.Individual, Status = ArrangementStatus.Draft,
            Title = "Individual arrangement", LocationId = schoolLocationId ?? "", LocationOrganisationId = schoolId, TargetGroup = "One child", SupportDomains = [.. supportDomains],
            Places = 1, StartsOn = today, EndsOn = today.AddYears(1).AddDays(-1), Urgent = urgent, Portable = true,
            CaseId = caseId, RequestId = requestId, ChildReference = childReference, HomeMunicipality = homeMunicipality, ProposedBy = proposer,
            CreatedAt = now, ChangedAt = now,
        };
        arrangement._events.Add(new IndividualArrangementProposed(arrangement.Id, caseId, childReference, homeMunicipality, now));
        return arrangement;
    }

    /// <summary>The proposer revises a draft (after a change request, or an individual draft being costed).</summary>
    public void Revise(ArrangementDetails details, string by, BudgetBook book, DateTimeOffset now)
    {
        Require("revise", ArrangementStatus.Draft);
        // An individual arrangement is a child's; it cannot become a collective one by revision.
        if (details.Kind != Kind) throw new DomainRuleException("kind", $"An arrangement stays {Kind}.");
        ProposedBy ??= by;
        Apply(details, book, now);
    }

    public void Propose(DateOnly decisionDueOn, DateTimeOffset now)
    {
        Require("propose", ArrangementStatus.Draft);
        if (Shares.Count == 0) throw new DomainRuleException("shares", "Assign the cost to funders before proposing.");
        if (EndsOn < DutchTime.DateOf(now)) throw new DomainRuleException("endsOn", "The period is over already.");
        Status = ArrangementStatus.Proposed;
        ProposedAt = now;
        DecisionDueOn = decisionDueOn;
        Touch(now);
        _events.Add(new ArrangementProposed(Id, Kind, LocationId, ProposedBy ?? "", [.. FunderIds], Places, Costs.TotalCents,
            StartsOn, EndsOn, Urgent, decisionDueOn, now));
    }

    /// <summary>The funder approves all its pending shares, reserving each on its budget; the last approval activates.</summary>
    public void Approve(string funderId, BudgetBook book, DateTimeOffset now)
    {
        Require("approve", ArrangementStatus.Proposed, ArrangementStatus.PartiallyApproved);
        var mine = SharesOf(funderId).Where(s => s.Decision == ShareDecision.Pending).ToList();
        if (mine.Count == 0) throw new IllegalTransitionException($"{funderId} has decided on its share already.");
        foreach (var share in mine)
        {
            // The pre-financer holds what is not yet secured; an approved share is secured, so it leaves the hold.
            if (PreFinancing is { SettledAt: null } pre)
            {
                var moved = Math.Min(share.AmountCents, pre.HeldCents);
                book.For(pre.FunderId, pre.Line, BudgetYear, "preFinancing").Release(moved, now);
                pre.HeldCents -= moved;
            }
            book.For(funderId, share.Line, BudgetYear, "funderId").Reserve(share.AmountCents, now);
            (share.Decision, share.Reserved, share.DecidedAt) = (ShareDecision.Approved, true, now);
            _events.Add(new FunderShareApproved(Id, funderId, share.Part, share.AmountCents, now));
        }
        Status = ArrangementStatus.PartiallyApproved;
        Touch(now);
        if (Shares.All(s => s.Decision == ShareDecision.Approved)) Activate(book, byDecision: false, now);
    }

    /// <summary>A rejection does not end the matter: the arrangement escalates to the table at once.</summary>
    public void Reject(string funderId, string reason, string tableId, DateTimeOffset now)
    {
        Require("reject", ArrangementStatus.Proposed, ArrangementStatus.PartiallyApproved);
        var mine = SharesOf(funderId).Where(s => s.Decision == ShareDecision.Pending).ToList();
        if (mine.Count == 0) throw new IllegalTransitionException($"{funderId} has decided on its share already.");
        foreach (var share in mine) (share.Decision, share.Reason, share.DecidedAt) = (ShareDecision.Rejected, reason, now);
        _events.Add(new FunderShareRejected(Id, funderId, now));
        Escalate("rejected", tableId, now);
    }

    /// <summary>Back to the proposer: every approval is reset and its reservation released.</summary>
    public void RequestChange(string funderId, string reason, BudgetBook book, DateTimeOffset now)
    {
        Require("ask for a change", ArrangementStatus.Proposed, ArrangementStatus.PartiallyApproved);
        if (!SharesOf(funderId).Any()) throw new IllegalTransitionException($"{funderId} has no share in this arrangement.");
        // Help that runs on pre-financing goes on: what the approvals secured goes back into the hold.
        ReleaseReservations(book, now, backIntoHold: true);
        foreach (var share in Shares) (share.Decision, share.Reason, share.DecidedAt) = (ShareDecision.Pending, null, null);
        ChangeRequests.Add(new ChangeRequest(funderId, reason, now));
        Status = ArrangementStatus.Draft;
        DecisionDueOn = null;
        Touch(now);
        _events.Add(new ArrangementChangeRequested(Id, funderId, now));
    }

    public bool IsPastDecisionDeadline(DateOnly today) =>
        Status is ArrangementStatus.Proposed or ArrangementStatus.PartiallyApproved && DecisionDueOn is { } due && today > due;

    public void EscalateForMissedDeadline(string tableId, DateTimeOffset now)
    {
        if (!IsPastDecisionDeadline(DutchTime.DateOf(now))) throw new IllegalTransitionException("The decision deadline has not passed.");
        Escalate("deadline", tableId, now);
    }

    /// <summary>
    /// An urgent arrangement starts on the designated funder's money while the funding is not
    /// settled: what approved shares have not secured yet is held on the line it names, until the
    /// arrangement is active or the table has decided. Hold and approved shares always add up to the cost.
    /// </summary>
    public void StartPreFinancing(string funderId, string line, BudgetBook book, DateTimeOffset now)
    {
        if (!Urgent) throw new DomainRuleException("urgent", "Only an urgent arrangement can start on pre-financing.");
        if (PreFinancerId != funderId) throw new DomainRuleException("preFinancerId", $"{PreFinancerId ?? "No funder"} is designated to pre-finance this arrangement.");
        Require("start pre-financing", ArrangementStatus.Proposed, ArrangementStatus.PartiallyApproved, ArrangementStatus.Escalated);
        if (PreFinancing is not null) throw new IllegalTransitionException("Pre-financing has started already.");
        var held = Costs.TotalCents - Shares.Where(s => s.Reserved).Sum(s => s.AmountCents);
        book.For(funderId, line, BudgetYear, "budgetLine").Reserve(held, now);
        PreFinancing = new PreFinancing { FunderId = funderId, Line = line, AmountCents = Costs.TotalCents, HeldCents = held, StartedAt = now };
        Touch(now);
        _events.Add(new PreFinancingStarted(Id, funderId, Costs.TotalCents, now));
    }

    /// <summary>
    /// The table's binding decision. To fund: its allocation (or the proposed shares) is approved
    /// by decision and committed, and a pre-financer is repaid. To refuse: reservations are released,
    /// and a pre-financer bears the days the arrangement ran.
    /// </summary>
    public void Decide(string tableId, bool fund, string reason, IReadOnlyList<ShareProposal>? allocation, BudgetBook book, DateTimeOffset now)
    {
        Require("decide", ArrangementStatus.Escalated);
        if (Escalation!.TableId != tableId) throw new IllegalTransitionException($"{Escalation.TableId} decides this dispute.");
        (Escalation.Outcome, Escalation.DecisionReason, Escalation.DecidedAt) = (fund ? "fund" : "refuse", reason, now);
        _events.Add(new EscalationDecided(Id, Escalation.Outcome, Escalation.EscalatedAt, now));
        if (fund)
        {
            Status = ArrangementStatus.Decided;
            // The right funders take over from the pre-financer before their shares are reserved.
            SettlePreFinancing(book, borne: 0, now);
            if (allocation is not null)
            {
                ReleaseReservations(book, now, backIntoHold: false);
                Shares = BuildShares(allocation, Costs, book, BudgetYear, now, "allocation");
            }
            foreach (var share in Shares.Where(s => !s.Reserved))
            {
                book.For(share.FunderId, share.Line, BudgetYear, "allocation").Reserve(share.AmountCents, now);
                share.Reserved = true;
            }
            foreach (var share in Shares) (share.Decision, share.DecidedAt, share.Reason) = (ShareDecision.Approved, now, share.Reason ?? "decided by the escalation table");
            Activate(book, byDecision: true, now);
        }
        else
        {
            ReleaseReservations(book, now, backIntoHold: false);
            SettlePreFinancing(book, borne: ProRata(DutchTime.DateOf(now)), now);
            Status = ArrangementStatus.Rejected;
            EndedOn = DutchTime.DateOf(now);
            Touch(now);
            _events.Add(new ArrangementEnded(Id, "refused", EndedOn.Value, now));
        }
    }

    /// <summary>Withdraw before it runs, or end a running arrangement early (its commitment stays: the money was spent).</summary>
    public void End(DateOnly endedOn, BudgetBook book, DateTimeOffset now)
    {
        Require("end", ArrangementStatus.Draft, ArrangementStatus.Proposed, ArrangementStatus.PartiallyApproved, ArrangementStatus.Active);
        if (endedOn > EndsOn) throw new DomainRuleException("endedOn", $"After the period's last day ({EndsOn:yyyy-MM-dd}).");
        if (endedOn < DutchTime.DateOf(now) && Status == ArrangementStatus.Active) throw new DomainRuleException("endedOn", "A running arrangement cannot end in the past.");
        var withdrawn = Status != ArrangementStatus.Active;
        if (withdrawn)
        {
            ReleaseReservations(book, now, backIntoHold: false);
            SettlePreFinancing(book, borne: ProRata(endedOn), now);
        }
        Status = ArrangementStatus.Ended;
        EndedOn = endedOn;
        Touch(now);
        _events.Add(new ArrangementEnded(Id, withdrawn ? "withdrawn" : "ended", endedOn, now));
    }

    /// <summary>Takes one place; the row version and the check constraint keep concurrent placements within capacity.</summary>
    public void TakePlace(DateTimeOffset now)
    {
        if (!Running) throw new IllegalTransitionException("The arrangement does not run.");
        if (FreePlaces <= 0) throw new IllegalTransitionException("No free place.");
        Occupied++;
        Touch(now);
    }

    public void FreePlace(DateTimeOffset now)
    {
        if (Occupied > 0) Occupied--;
        Touch(now);
    }

    public IEnumerable<FunderShare> SharesOf(string funderId) => Shares.Where(s => s.FunderId == funderId);

    private void Activate(BudgetBook book, bool byDecision, DateTimeOffset now)
    {
        foreach (var share in Shares)
        {
            book.For(share.FunderId, share.Line, BudgetYear, "shares").Commit(share.AmountCents, now);
            share.Reserved = false;
        }
        SettlePreFinancing(book, borne: 0, now);
        Status = ArrangementStatus.Active;
        Touch(now);
        _events.Add(new ArrangementActivated(Id, Kind, LocationId, Places, Costs.TotalCents, StartsOn, EndsOn, byDecision, now,
            Title, TargetGroup, [.. SupportDomains], [.. ServesMunicipalities]));
    }

    private void Escalate(string cause, string tableId, DateTimeOffset now)
    {
        Status = ArrangementStatus.Escalated;
        Escalation = new EscalationRecord { Cause = cause, TableId = tableId, EscalatedAt = now };
        EscalatedTo = tableId;
        Touch(now);
        _events.Add(new ArrangementEscalated(Id, cause, tableId, now));
    }

    private void ReleaseReservations(BudgetBook book, DateTimeOffset now, bool backIntoHold)
    {
        foreach (var share in Shares.Where(s => s.Reserved))
        {
            book.For(share.FunderId, share.Line, BudgetYear, "shares").Release(share.AmountCents, now);
            share.Reserved = false;
            if (backIntoHold && PreFinancing is { SettledAt: null } pre)
            {
                book.For(pre.FunderId, pre.Line, BudgetYear, "preFinancing").Reserve(share.AmountCents, now);
                pre.HeldCents += share.AmountCents;
            }
        }
    }

    /// <summary>Ends a running pre-financing: the reservation is released and what the pre-financer bears is committed.</summary>
    private void SettlePreFinancing(BudgetBook book, long borne, DateTimeOffset now)
    {
        if (PreFinancing is not { SettledAt: null } pre) return;
        var budget = book.For(pre.FunderId, pre.Line, BudgetYear, "preFinancing");
        budget.Release(pre.HeldCents, now);
        pre.HeldCents = 0;
        if (borne > 0)
        {
            budget.Reserve(borne, now);
            budget.Commit(borne, now);
        }
        (pre.SettledAt, pre.BorneCents) = (now, borne);
    }

    /// <summary>
    /// The part of the cost for the days the arrangement ran on pre-financing, up to and including
    /// <paramref name="lastDay"/> (integer cents, rounded down; 128-bit so no amount overflows).
    /// </summary>
    private long ProRata(DateOnly lastDay)
    {
        if (PreFinancing is null) return 0;
        var days = EndsOn.DayNumber - StartsOn.DayNumber + 1;
        var from = Math.Max(StartsOn.DayNumber, DutchTime.DateOf(PreFinancing.StartedAt).DayNumber);
        var ran = Math.Clamp(lastDay.DayNumber - from + 1, 0, days);
        return (long)((Int128)PreFinancing.AmountCents * ran / days);
    }

    private void Apply(ArrangementDetails d, BudgetBook book, DateTimeOffset now)
    {
        if (d.EndsOn < d.StartsOn) throw new DomainRuleException("endsOn", "The period cannot end before it starts.");
        if (d.Kind == ArrangementKinds.Individual && d.Places != 1) throw new DomainRuleException("places", "An individual arrangement has one place.");
        if (d.PreFinancerId is not null && !d.Urgent) throw new DomainRuleException("preFinancerId", "Only an urgent arrangement has a pre-financer.");
        if (d.PreFinancerId is not null && d.Shares.All(s => s.FunderId != d.PreFinancerId))
            throw new DomainRuleException("preFinancerId", "The pre-financer must be one of the funders.");
        if (PreFinancing is { SettledAt: null } && (d.StartsOn.Year != StartsOn.Year || d.Costs != Costs || d.PreFinancerId != PreFinancerId))
            throw new DomainRuleException("preFinancerId", "While it runs on pre-financing, the budget year, the costs and the pre-financer stay as they are.");
        (Kind, Title, LocationId, LocationOrganisationId, TargetGroup, SupportDomains, ServesMunicipalities) =
            (d.Kind, d.Title, d.LocationId, d.LocationOrganisationId, d.TargetGroup, [.. d.SupportDomains], [.. d.ServesMunicipalities]);
        (Places, StartsOn, EndsOn, Urgent, Portable, PreFinancerId, Costs) =
            (d.Places, d.StartsOn, d.EndsOn, d.Urgent, d.Portable ?? d.Kind == ArrangementKinds.Individual, d.PreFinancerId, d.Costs);
        if (Occupied > Places) throw new DomainRuleException("places", $"{Occupied} places are taken.");
        Shares = BuildShares(d.Shares, d.Costs, book, d.StartsOn.Year, now, "shares");
        Touch(now);
    }

    /// <summary>Every part with a cost is assigned, each part's shares add up to it, and every funder holds the part's budget line.</summary>
    private static List<FunderShare> BuildShares(IReadOnlyList<ShareProposal> proposals, CostSplit costs, BudgetBook book, int year, DateTimeOffset now, string field)
    {
        for (var i = 0; i < proposals.Count; i++)
        {
            var p = proposals[i];
            if (!book.Has(p.FunderId, CostParts.LineOf(p.Part), year))
                throw new DomainRuleException($"{field}[{i}].funderId", $"{p.FunderId} holds no {CostParts.LineOf(p.Part)} budget for {year}: not a known funder for the {p.Part} part.");
        }
        foreach (var part in CostParts.All)
        {
            var assigned = proposals.Where(p => p.Part == part).Sum(p => p.AmountCents);
            if (assigned != costs.Of(part))
                throw new DomainRuleException(field, $"The {part} shares add up to {assigned} cents, the {part} part costs {costs.Of(part)} cents.");
        }
        if (proposals.GroupBy(p => (p.Part, p.FunderId)).Any(g => g.Count() > 1))
            throw new DomainRuleException(field, "One share per funder per part.");
        return [.. proposals.Select(p => new FunderShare { Id = Guid.CreateVersion7(now), Part = p.Part, FunderId = p.FunderId, AmountCents = p.AmountCents })];
    }

    private void Touch(DateTimeOffset now)
    {
        ChangedAt = now;
        Funders = [.. FunderIds];
    }

    private void Require(string action, params ArrangementStatus[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new IllegalTransitionException($"Cannot {action} while the arrangement is {Status.ToString().ToLowerInvariant()}.");
    }
}

/// <summary>What a proposer states about an arrangement (validated for shape by the API, for rules here).</summary>
public sealed record ArrangementDetails(
    string Kind, string Title, string LocationId, string TargetGroup, IReadOnlyList<string> SupportDomains,
    IReadOnlyList<string> ServesMunicipalities, int Places, DateOnly StartsOn, DateOnly EndsOn, bool Urgent, bool? Portable,
    string? PreFinancerId, CostSplit Costs, IReadOnlyList<ShareProposal> Shares, string? LocationOrganisationId = null);
