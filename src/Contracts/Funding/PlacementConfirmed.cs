namespace Platform.Contracts.Funding;

/// <summary>
/// Plaatsing: a child from a case was placed in a collective arrangement, or given an individual
/// arrangement. Published by Funding; Intake shows it on the case. A collective placement is an individual decision replaced.
/// </summary>
/// <param name="PlacementId">Funding's id of the placement.</param>
/// <param name="CaseId">The Intake case that asked for it.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="ArrangementId">The arrangement.</param>
/// <param name="Kind">individual or collective.</param>
/// <param name="StartsOn">First day of the placement.</param>
/// <param name="OccurredAt">When it was made.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality (added later; absent in older events).</param>
public sealed record PlacementConfirmed(
    Guid PlacementId, Guid CaseId, string ChildReference, Guid ArrangementId, string Kind, DateOnly StartsOn, DateTimeOffset OccurredAt,
    string? HomeMunicipality = null) : IIntegrationEvent;
