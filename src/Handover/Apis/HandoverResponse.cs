using Platform.Handover.Domain;

namespace Platform.Handover.Apis;

/// <param name="Dossier">Null unless you may see it: the sender always; the receiver once it accepted and while a consent covers it.</param>
/// <param name="Child">Null for those who may not see the dossier; the BSN is left out for the SWV.</param>
public sealed record HandoverResponse(
    Guid Id, string SwitchMoment, bool Terugplaatsing, string Status, string SendingOrganisationId, string ReceivingOrganisationId,
    DateOnly DueOn, bool Overdue, ChildView? Child, Dossier? Dossier, IReadOnlyList<CareItem> Care, WarmMeeting? Meeting,
    IReadOnlyList<Decline> Declines, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, Guid? EndsTlvId)
{
    public static HandoverResponse From(HandoverProcess h, bool dossier, bool bsn) => new(
        h.Id, h.SwitchMoment, h.Terugplaatsing, h.Status.ToString().ToLowerInvariant(), h.SendingOrganisationId, h.ReceivingOrganisationId,
        h.DueOn, h.OverdueRaisedAt is not null,
        dossier ? new ChildView(bsn ? h.Child.Bsn : null, h.Child.GivenName, h.Child.FamilyName, h.Child.DateOfBirth) : null,
        dossier ? h.Dossier : null, h.Care, h.Meeting, h.Declines, h.StartedAt, h.CompletedAt, h.EndsTlvId);
}

public sealed record ChildView(string? Bsn, string GivenName, string FamilyName, DateOnly DateOfBirth);
