namespace Platform.Contracts.Handover;

/// <summary>A warm handover started: the sending organisation offers the child's dossier to a receiver.</summary>
/// <param name="HandoverId">Handover's id.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="SwitchMoment">e.g. primary-to-secondary, sbo-to-primary.</param>
/// <param name="SendingOrganisationId">Where the child comes from.</param>
/// <param name="ReceivingOrganisationId">Where the child goes.</param>
/// <param name="DueOn">When it must be complete (e.g. the first school day).</param>
/// <param name="Terugplaatsing">Whether it is a return from special to regular education.</param>
/// <param name="OccurredAt">When.</param>
public sealed record HandoverStarted(
    Guid HandoverId, string ChildReference, string SwitchMoment, string SendingOrganisationId, string ReceivingOrganisationId,
    DateOnly DueOn, bool Terugplaatsing, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The receiver accepted: the child applied to or enrolled at it.</summary>
/// <param name="HandoverId">Handover's id.</param>
/// <param name="ReceivingOrganisationId">The receiver.</param>
/// <param name="OccurredAt">When.</param>
public sealed record HandoverAccepted(Guid HandoverId, string ReceivingOrganisationId, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The receiver declined, with a reason; the sender may send it to another receiver.</summary>
/// <param name="HandoverId">Handover's id.</param>
/// <param name="ReceivingOrganisationId">The receiver that declined.</param>
/// <param name="Reason">Why.</param>
/// <param name="OccurredAt">When.</param>
public sealed record HandoverDeclined(Guid HandoverId, string ReceivingOrganisationId, string Reason, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The warm handover meeting was held.</summary>
/// <param name="HandoverId">Handover's id.</param>
/// <param name="HeldOn">The day.</param>
/// <param name="Participants">Organisations present.</param>
/// <param name="ParentsPresent">Whether the parents took part.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record WarmHandoverHeld(Guid HandoverId, DateOnly HeldOn, IReadOnlyList<string> Participants, bool ParentsPresent, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The receiving side confirmed how one item of care goes on after the switch.</summary>
/// <param name="HandoverId">Handover's id.</param>
/// <param name="CareItemId">The care item.</param>
/// <param name="Continues">True when it continues; false when a successor replaces it.</param>
/// <param name="Successor">The successor, when it does not continue.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CareContinuityConfirmed(Guid HandoverId, Guid CareItemId, bool Continues, string? Successor, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The handover passed its due date without completing; the receiving school's SWV is told.</summary>
/// <param name="HandoverId">Handover's id.</param>
/// <param name="SendingOrganisationId">Sender.</param>
/// <param name="ReceivingOrganisationId">Receiver.</param>
/// <param name="ReceivingSwv">The receiving school's samenwerkingsverband, when known.</param>
/// <param name="DueOn">The missed date.</param>
/// <param name="OccurredAt">When it was noticed.</param>
public sealed record HandoverOverdue(
    Guid HandoverId, string SendingOrganisationId, string ReceivingOrganisationId, string? ReceivingSwv, DateOnly DueOn, DateTimeOffset OccurredAt) : IIntegrationEvent;
