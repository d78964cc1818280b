using Platform.Attendance.Domain;

namespace Platform.Attendance.Apis;

/// <summary>Body of <c>POST /thuiszitters</c>: absoluut verzuim, a child of compulsory school age not enrolled anywhere.</summary>
public sealed record RegisterThuiszitterRequest(ChildRequest? Child, DateOnly? AtHomeSince);

public sealed record OwnerRequest(string? Name);

/// <summary>Body of <c>POST /thuiszitters/{id}/onderwijsconsulent</c>: who was called in, or anything worth noting.</summary>
public sealed record OnderwijsconsulentRequest(string? Note);

/// <summary>Kind: education, care or combination.</summary>
public sealed record OfferRequest(string? Kind, string? Description, DateOnly? StartsOn);

/// <summary>Reason: attending-again, placed-in-arrangement, handover-completed, exempted, moved-away, offer-started.</summary>
public sealed record ResolveRequest(string? Reason, string? Note);

/// <summary>
/// A thuiszitter case. <c>status</c>: open, escalated or resolved (a case with a suitable offer stays open or escalated until the
/// child starts). <c>stage</c> (RULES.md §2): thuiszitter, over-3-months, suitable-offer or resolved; <c>offerStartsOn</c>: the
/// offer's start date, on which the case resolves. <c>onderwijsconsulentPossible</c>: more than 4 weeks at home with no prospect of a
/// place and none called in yet, so an onderwijsconsulent can be engaged (RULES.md §2); <c>onderwijsconsulentEngagedOn</c>: when one was.
/// </summary>
public sealed record ThuiszitterResponse(
    Guid Id, ChildResponse Child, string Kind, string Status, DateOnly AtHomeSince, int DaysAtHome, DateTimeOffset RegisteredAt,
    string? Owner, DateOnly PlanDueOn, DateOnly EscalationDueOn, DateOnly? NextDeadline, bool Escalated, SuitableOffer? Offer,
    string? Resolution, DateTimeOffset? ResolvedAt, string Stage, DateOnly? OfferStartsOn,
    bool OnderwijsconsulentPossible, DateOnly? OnderwijsconsulentEngagedOn)
{
    /// <param name="forEscalationTable">The actietafel reads the case without the child's BSN (#25 point 6).</param>
    public static ThuiszitterResponse From(ThuiszitterCase c, DateOnly today, bool forEscalationTable = false)
    {
        var end = c.ResolvedAt is { } resolved ? DutchTime.DateOf(resolved) : today;
        DateOnly? next = c.Status == ThuiszitterStatus.Resolved || c.Offer is not null ? null
            : c.PlanDueRaisedAt is null ? c.PlanDueOn : c.Status == ThuiszitterStatus.Open ? c.EscalationDueOn : null;
        return new(c.Id, ChildResponse.From(c.Child, withBsn: !forEscalationTable), c.Kind.Name(), c.Status.Name(), c.AtHomeSince, end.DayNumber - c.AtHomeSince.DayNumber,
            c.RegisteredAt, c.Owner, c.PlanDueOn, c.EscalationDueOn, next, c.EscalatedAt is not null, c.Offer, c.Resolution?.Name(), c.ResolvedAt,
            c.Stage, c.Offer?.StartsOn, c.CanEngageOnderwijsconsulent(today), c.OnderwijsconsulentEngagedOn);
    }
}
