namespace Platform.Funding.Domain;

/// <summary>
/// draft → proposed → partially-approved → active → ended; a rejection or a missed decision
/// deadline → escalated → (the table decides) active or rejected. A change request sends a
/// proposed arrangement back to draft. "Decided" is the table's binding decision to fund, which
/// activates the arrangement in the same step.
/// </summary>
public enum ArrangementStatus
{
    Draft,
    Proposed,
    PartiallyApproved,
    Active,
    Escalated,
    Decided,
    Rejected,
    Ended,
}

public static class ArrangementKinds
{
    /// <summary>Doelgroeparrangement: places at a location for a target group.</summary>
    public const string Collective = "collective";
    /// <summary>An individual arrangement for one child (an individual decision).</summary>
    public const string Individual = "individual";
}

public enum ShareDecision { Pending, Approved, Rejected }

/// <summary>One funder's share of one part of the cost. Approval reserves it on the funder's budget for that part's line.</summary>
public sealed class FunderShare
{
    public Guid Id { get; set; }
    public string Part { get; set; } = "";
    public string FunderId { get; set; } = "";
    public long AmountCents { get; set; }
    public ShareDecision Decision { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>Whether the amount is currently reserved on the funder's budget.</summary>
    public bool Reserved { get; set; }
    public string Line => CostParts.LineOf(Part);
}

/// <summary>What a share looks like before it is part of an arrangement (from a request or the table's allocation).</summary>
public sealed record ShareProposal(string Part, string FunderId, long AmountCents);

/// <summary>The cost split: an education part, a care part and a joint part, in euro cents.</summary>
public sealed record CostSplit(long EducationCents, long CareCents, long JointCents)
{
    public long TotalCents => EducationCents + CareCents + JointCents;

    public long Of(string part) => part switch
    {
        CostParts.Education => EducationCents,
        CostParts.Care => CareCents,
        _ => JointCents,
    };
}

public sealed record ChangeRequest(string FunderId, string Reason, DateTimeOffset At);

/// <summary>The dispute at the escalation table, and its binding decision.</summary>
public sealed class EscalationRecord
{
    public string Cause { get; set; } = "";
    public string TableId { get; set; } = "";
    public DateTimeOffset EscalatedAt { get; set; }
    public string? Outcome { get; set; }
    public string? DecisionReason { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>Pre-financing by a designated funder while the funding is disputed; settled after the decision.</summary>
public sealed class PreFinancing
{
    public string FunderId { get; set; } = "";
    public string Line { get; set; } = "";
    /// <summary>The whole cost the pre-financer advanced.</summary>
    public long AmountCents { get; set; }
    /// <summary>What is still reserved under the pre-financing (its own approved share moves out of it).</summary>
    public long HeldCents { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? SettledAt { get; set; }
    /// <summary>What the pre-financer finally bears: 0 when the right funders took over, the days it ran when the table refused.</summary>
    public long? BorneCents { get; set; }
}
