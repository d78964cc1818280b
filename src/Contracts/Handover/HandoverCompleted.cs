namespace Platform.Contracts.Handover;

/// <summary>
/// Warme overdracht voltooid: a child's handover to a receiving organisation completed.
/// Published by Handover; Intake shows it on the child's case.
/// </summary>
/// <param name="HandoverId">Handover's id.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="SwitchMoment">e.g. primary-to-secondary, special-to-regular.</param>
/// <param name="SendingOrganisationId">Where the child comes from.</param>
/// <param name="ReceivingOrganisationId">Where the child goes.</param>
/// <param name="OccurredAt">When it completed.</param>
/// <param name="OnTime">Whether it completed by its due date (an indicator).</param>
/// <param name="Terugplaatsing">Whether it was a return from special to regular education (an indicator).</param>
/// <param name="EndsTlvId">For a terugplaatsing: the TLV it ends (added later; Funding ends that TLV).</param>
public sealed record HandoverCompleted(
    Guid HandoverId, string ChildReference, string SwitchMoment, string SendingOrganisationId,
    string ReceivingOrganisationId, DateTimeOffset OccurredAt, bool OnTime = true, bool Terugplaatsing = false, Guid? EndsTlvId = null) : IIntegrationEvent;
