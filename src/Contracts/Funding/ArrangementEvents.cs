namespace Platform.Contracts.Funding;

/// <summary>A proposer put an arrangement to its funders: each must now approve, reject or ask for a change.</summary>
/// <param name="ArrangementId">The arrangement.</param>
/// <param name="Kind">collective (doelgroeparrangement) or individual.</param>
/// <param name="LocationId">The location (from the region's directory, e.g. 27DL00) where it runs.</param>
/// <param name="ProposedBy">The proposing organisation.</param>
/// <param name="FunderIds">Every funder with a share.</param>
/// <param name="Places">Capacity (1 for an individual arrangement).</param>
/// <param name="TotalCents">Total cost in euro cents.</param>
/// <param name="StartsOn">First day.</param>
/// <param name="EndsOn">Last day.</param>
/// <param name="Urgent">Help must start before funding is settled (pre-financing allowed).</param>
/// <param name="DecisionDueOn">Funders decide before this date, or it escalates.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ArrangementProposed(
    Guid ArrangementId, string Kind, string LocationId, string ProposedBy, IReadOnlyList<string> FunderIds, int Places,
    long TotalCents, DateOnly StartsOn, DateOnly EndsOn, bool Urgent, DateOnly DecisionDueOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A funder approved its share; the amount is reserved on its budget.</summary>
/// <param name="ArrangementId">The arrangement.</param>
/// <param name="FunderId">The funder.</param>
/// <param name="Part">education, care or joint.</param>
/// <param name="AmountCents">The share, in euro cents.</param>
/// <param name="OccurredAt">When.</param>
public sealed record FunderShareApproved(Guid ArrangementId, string FunderId, string Part, long AmountCents, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A funder rejected its share. The reason stays in Funding (free text may identify a child);
/// the arrangement escalates.
/// </summary>
/// <param name="ArrangementId">The arrangement.</param>
/// <param name="FunderId">The funder.</param>
/// <param name="OccurredAt">When.</param>
public sealed record FunderShareRejected(Guid ArrangementId, string FunderId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A funder asked for a change: the arrangement is back with its proposer and every approval is reset.</summary>
/// <param name="ArrangementId">The arrangement.</param>
/// <param name="FunderId">The funder asking.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ArrangementChangeRequested(Guid ArrangementId, string FunderId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The arrangement went to the regional escalation table (doorzettingsmacht).</summary>
/// <param name="ArrangementId">The arrangement.</param>
/// <param name="Cause">rejected or deadline.</param>
/// <param name="EscalationTableId">The table that decides.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ArrangementEscalated(Guid ArrangementId, string Cause, string EscalationTableId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The escalation table decided; its decision is binding and closes the dispute.</summary>
/// <param name="ArrangementId">The arrangement.</param>
/// <param name="Outcome">fund or refuse.</param>
/// <param name="EscalatedAt">When the dispute started (for the escalation's duration).</param>
/// <param name="OccurredAt">When it was decided.</param>
public sealed record EscalationDecided(Guid ArrangementId, string Outcome, DateTimeOffset EscalatedAt, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Every share is approved (or the table decided to fund): the arrangement runs and its amounts are committed.</summary>
/// <param name="ArrangementId">The arrangement.</param>
/// <param name="Kind">collective or individual.</param>
/// <param name="LocationId">The location (from the region's directory) where it runs.</param>
/// <param name="Places">Capacity.</param>
/// <param name="TotalCents">Total committed cost.</param>
/// <param name="StartsOn">First day.</param>
/// <param name="EndsOn">Last day.</param>
/// <param name="ByDecision">Activated by the escalation table's decision rather than by all funders.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Title">What it is called (added later, for the sociale kaart; absent in older events).</param>
/// <param name="TargetGroup">For whom, in words (added later).</param>
/// <param name="SupportDomains">The support domains it covers (added later).</param>
/// <param name="ServesMunicipalities">CBS codes of the municipalities whose children it takes (added later).</param>
public sealed record ArrangementActivated(
    Guid ArrangementId, string Kind, string LocationId, int Places, long TotalCents, DateOnly StartsOn, DateOnly EndsOn,
    bool ByDecision, DateTimeOffset OccurredAt, string? Title = null, string? TargetGroup = null,
    IReadOnlyList<string>? SupportDomains = null, IReadOnlyList<string>? ServesMunicipalities = null) : IIntegrationEvent;

/// <summary>An urgent arrangement started on pre-financing by a designated funder while its funding is disputed.</summary>
/// <param name="ArrangementId">The arrangement.</param>
/// <param name="FunderId">The pre-financing funder.</param>
/// <param name="AmountCents">Reserved on the pre-financer's budget until the dispute is settled.</param>
/// <param name="OccurredAt">When.</param>
public sealed record PreFinancingStarted(Guid ArrangementId, string FunderId, long AmountCents, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// No collective arrangement fitted the request: an individual arrangement for one child is drafted
/// for the child's home municipality and SWV to cost and propose.
/// </summary>
/// <param name="ArrangementId">The drafted individual arrangement.</param>
/// <param name="CaseId">The Intake case that asked.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the paying municipality.</param>
/// <param name="OccurredAt">When.</param>
public sealed record IndividualArrangementProposed(Guid ArrangementId, Guid CaseId, string ChildReference, string HomeMunicipality, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The arrangement ended (its period is over, or its proposer ended it early, or it was withdrawn).</summary>
/// <param name="ArrangementId">The arrangement.</param>
/// <param name="Reason">ended, withdrawn or refused.</param>
/// <param name="EndedOn">The last day.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ArrangementEnded(Guid ArrangementId, string Reason, DateOnly EndedOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A child's placement ended (the child moved on, or the arrangement ended); the place is free again.</summary>
/// <param name="PlacementId">The placement.</param>
/// <param name="ArrangementId">The arrangement.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="Reason">handover, arrangement-ended.</param>
/// <param name="EndedOn">Last day.</param>
/// <param name="OccurredAt">When.</param>
public sealed record PlacementEnded(Guid PlacementId, Guid ArrangementId, string ChildReference, string Reason, DateOnly EndedOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A child's placement moved with the child to a new school after a completed handover (the arrangement allows it).</summary>
/// <param name="PlacementId">The placement.</param>
/// <param name="ArrangementId">The arrangement.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="FromLocationId">The school (organisation id) the child left.</param>
/// <param name="ToLocationId">The school (organisation id) the child goes to.</param>
/// <param name="OccurredAt">When.</param>
public sealed record PlacementMoved(Guid PlacementId, Guid ArrangementId, string ChildReference, string FromLocationId, string ToLocationId, DateTimeOffset OccurredAt) : IIntegrationEvent;
