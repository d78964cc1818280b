namespace Platform.Contracts.Intake;

/// <summary>
/// Toestemming: consent was recorded for sharing a case with the named organisations for a purpose.
/// Services other than Intake may hold data on the child for these organisations only while a
/// consent covers them.
/// </summary>
/// <param name="ConsentId">Intake's id of the consent.</param>
/// <param name="CaseId">The case it covers.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="Organisations">The organisations sharing is allowed with.</param>
/// <param name="Purpose">What the sharing is for, in words.</param>
/// <param name="GivenBy">Who consented: parents, child, or both.</param>
/// <param name="ExpiresOn">Last day the consent is valid; null when it has no end date.</param>
/// <param name="OccurredAt">When it was recorded.</param>
/// <param name="Purposes">What sharing is allowed for: <see cref="ConsentPurposes"/> (added later; absent means support only).</param>
public sealed record ConsentGranted(
    Guid ConsentId, Guid CaseId, string ChildReference, IReadOnlyList<string> Organisations, string Purpose,
    IReadOnlyList<string> GivenBy, DateOnly? ExpiresOn, DateTimeOffset OccurredAt, IReadOnlyList<string>? Purposes = null) : IIntegrationEvent;

/// <summary>
/// Consent was withdrawn: every service stops sharing the case's data with the organisations it
/// named, at once.
/// </summary>
/// <param name="ConsentId">The withdrawn consent.</param>
/// <param name="CaseId">The case it covered.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="Organisations">The organisations that lose access.</param>
/// <param name="OccurredAt">When it was withdrawn.</param>
public sealed record ConsentWithdrawn(
    Guid ConsentId, Guid CaseId, string ChildReference, IReadOnlyList<string> Organisations, DateTimeOffset OccurredAt) : IIntegrationEvent;
