using Platform.Contracts;
using Platform.Contracts.Handover;
using Platform.Messaging.Outbox;

namespace Platform.Handover.Domain;

/// <summary>started → accepted → meeting-held → completed; started → declined → (sent on) started.</summary>
public enum HandoverStatus
{
    Started,
    Accepted,
    Declined,
    MeetingHeld,
    Completed,
}

/// <summary>
/// Warme overdracht: one child's handover from a sending to a receiving organisation, with the
/// standard dossier, the warm meeting and the continuity of the child's care. Every move checks the
/// state and refuses illegal ones; completion also needs every care item confirmed.
/// </summary>
public sealed partial class HandoverProcess : IRecordsIntegrationEvents
{
    private readonly List<IIntegrationEvent> _events = [];

    public Guid Id { get; private set; }
    public ChildDetails Child { get; private set; } = null!;
    public string ChildReference { get; private set; } = "";
    public string SwitchMoment { get; private set; } = "";
    public bool Terugplaatsing { get; private set; }
    /// <summary>For a terugplaatsing: the TLV it ends (Funding ends it when the handover completes).</summary>
    public Guid? EndsTlvId { get; private set; }
    public string SendingOrganisationId { get; private set; } = "";
    public string ReceivingOrganisationId { get; private set; } = "";
    /// <summary>The receiving school's SWV, from its token when it accepts: it may follow the handover.</summary>
    public string? ReceivingSwv { get; private set; }
    public DateOnly DueOn { get; private set; }
    public HandoverStatus Status { get; private set; }
    public Dossier Dossier { get; private set; } = new();
    public List<CareItem> Care { get; private set; } = [];
    public WarmMeeting? Meeting { get; private set; }
    public List<Decline> Declines { get; private set; } = [];
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public DateTimeOffset? OverdueRaisedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<IIntegrationEvent> PendingEvents => _events;
    public void ClearPendingEvents() => _events.Clear();

    private HandoverProcess() { }

    public static HandoverProcess Start(ChildDetails child, string childReference, string switchMoment, string sender, string receiver,
        DateOnly dueOn, Dossier dossier, IEnumerable<CareItem> care, DateTimeOffset now, Guid? endsTlvId = null)
    {
        if (!SwitchMoments.All.TryGetValue(switchMoment, out var terugplaatsing))
            throw new DomainRuleException("switchMoment", $"One of: {string.Join(", ", SwitchMoments.All.Keys)}.");
        if (receiver == sender) throw new DomainRuleException("receivingOrganisationId", "The receiver must be another organisation than the sender.");
        if (dueOn < DutchTime.DateOf(now)) throw new DomainRuleException("dueOn", "Cannot be in the past.");
        var handover = new HandoverProcess
        {
            Id = Guid.CreateVersion7(now),
            Child = child,
            ChildReference = childReference,
            SwitchMoment = switchMoment,
            Terugplaatsing = terugplaatsing,
            EndsTlvId = terugplaatsing ? endsTlvId : null,
            SendingOrganisationId = sender,
            ReceivingOrganisationId = receiver,
            DueOn = dueOn,
            Status = HandoverStatus.Started,
            Dossier = dossier,
            Care = [.. care],
            StartedAt = now,
        };
        handover.RaiseStarted(now);
        return handover;
    }

    public void Accept(string? receivingSwv, DateTimeOffset now)
    {
        Require("accept", HandoverStatus.Started);
        Status = HandoverStatus.Accepted;
        ReceivingSwv = receivingSwv;
        _events.Add(new HandoverAccepted(Id, ReceivingOrganisationId, now));
    }

    public void Decline(string reason, DateTimeOffset now)
    {
        Require("decline", HandoverStatus.Started);
        Status = HandoverStatus.Declined;
        Declines.Add(new Decline(ReceivingOrganisationId, reason, now));
        _events.Add(new HandoverDeclined(Id, ReceivingOrganisationId, reason, now));
    }

    /// <summary>After a decline the sender sends it on to another receiver (not one that declined already).</summary>
    public void SendTo(string receiver, DateOnly? dueOn, DateTimeOffset now)
    {
        Require("send to another receiver", HandoverStatus.Declined);
        if (receiver == SendingOrganisationId) throw new DomainRuleException("receivingOrganisationId", "The receiver must be another organisation than the sender.");
        if (Declines.Any(d => d.ReceivingOrganisationId == receiver)) throw new DomainRuleException("receivingOrganisationId", "This receiver declined already.");
        if (dueOn is { } due && due < DutchTime.DateOf(now)) throw new DomainRuleException("dueOn", "Cannot be in the past.");
        ReceivingOrganisationId = receiver;
        DueOn = dueOn ?? DueOn;
        Status = HandoverStatus.Started;
        RaiseStarted(now);
    }

    public void RecordMeeting(WarmMeeting meeting, DateTimeOffset now)
    {
        Require("record the warm handover meeting", HandoverStatus.Accepted);
        if (meeting.HeldOn > DutchTime.DateOf(now)) throw new DomainRuleException("heldOn", "Cannot be in the future.");
        Meeting = meeting;
        Status = HandoverStatus.MeetingHeld;
        _events.Add(new WarmHandoverHeld(Id, meeting.HeldOn, meeting.Participants, meeting.ParentsPresent, now));
    }

    public void ConfirmCare(Guid careItemId, bool continues, string? successor, string by, DateTimeOffset now)
    {
        Require("confirm care", HandoverStatus.Accepted, HandoverStatus.MeetingHeld);
        var item = Care.SingleOrDefault(c => c.Id == careItemId) ?? throw new KeyNotFoundException($"No care item {careItemId} on this handover.");
        if (!continues && string.IsNullOrWhiteSpace(successor))
            throw new DomainRuleException("successor", "Care that does not continue needs its successor: care does not stop at the school gate.");
        (item.Continues, item.Successor, item.ConfirmedBy, item.ConfirmedAt) = (continues, successor, by, now);
        _events.Add(new CareContinuityConfirmed(Id, careItemId, continues, successor, now));
    }

    public void Complete(DateTimeOffset now)
    {
        Require("complete", HandoverStatus.MeetingHeld);
        if (Care.Any(c => !c.IsConfirmed))
            throw new IllegalTransitionException("Every item of the child's care needs its continuation or successor confirmed before completion.");
        Status = HandoverStatus.Completed;
        CompletedAt = now;
        _events.Add(new HandoverCompleted(Id, ChildReference, SwitchMoment, SendingOrganisationId, ReceivingOrganisationId, now,
            OnTime: DutchTime.DateOf(now) <= DueOn, Terugplaatsing, EndsTlvId));
    }

    public bool IsOverdue(DateOnly today) => Status != HandoverStatus.Completed && OverdueRaisedAt is null && today > DueOn;

    public void RaiseOverdue(DateTimeOffset now)
    {
        OverdueRaisedAt = now;
        _events.Add(new HandoverOverdue(Id, SendingOrganisationId, ReceivingOrganisationId, ReceivingSwv, DueOn, now));
    }

    private void RaiseStarted(DateTimeOffset now) => _events.Add(new HandoverStarted(
        Id, ChildReference, SwitchMoment, SendingOrganisationId, ReceivingOrganisationId, DueOn, Terugplaatsing, now));

    private void Require(string action, params HandoverStatus[] allowed)
    {
        if (!allowed.Contains(Status)) throw new IllegalTransitionException($"Cannot {action} while the handover is {Status.ToString().ToLowerInvariant()}.");
    }
}
