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
/// <param name="EndedByWithdrawalOf">
/// Set when this consent ended because the family withdrew another one (#25): a withdrawal by the
/// people who gave a consent ends every consent of the case that rests on their word. Null for the
/// consent that was itself withdrawn. Added later; absent in older events.
/// </param>
public sealed record ConsentWithdrawn(
    Guid ConsentId, Guid CaseId, string ChildReference, IReadOnlyList<string> Organisations, DateTimeOffset OccurredAt,
    Guid? EndedByWithdrawalOf = null) : IIntegrationEvent;

/// <summary>
/// The child turned 12 or 16 after the case's consent was given: from 12 the child consents too, from
/// 16 the child alone (RULES.md §6). The coordinator asks the right people again and records their
/// consent. Raised once per birthday by Intake's deadline sweep; no name, no BSN, no date of birth (the day is not
/// carried; the sweep raises it on or soon after the birthday).
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="CoordinatorOrganisationId">Who asks the family (null before the case has a coordinator).</param>
/// <param name="TurnedAge">12 or 16.</param>
/// <param name="Parties">Who consents from now on: <c>parents</c> and <c>child</c> from 12, <c>child</c> from 16.</param>
/// <param name="OccurredAt">When it was raised.</param>
public sealed record ConsentRenewalDue(
    Guid CaseId, string ChildReference, string? CoordinatorOrganisationId, int TurnedAge,
    IReadOnlyList<string> Parties, DateTimeOffset OccurredAt) : IIntegrationEvent;
