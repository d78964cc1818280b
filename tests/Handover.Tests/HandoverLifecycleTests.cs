using Platform.Handover.Domain;
using Platform.Privacy;
using Platform.SharedKernel;

namespace Platform.Handover.Tests;

/// <summary>Every move from every state: allowed where the protocol says so, refused (409) elsewhere.</summary>
public sealed class HandoverLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static HandoverProcess InState(HandoverStatus status)
    {
        Bsn.TryParse("111222333", out var bsn);
        var handover = HandoverProcess.Start(new ChildDetails(bsn, "Fenna", "Coenen", new DateOnly(2014, 8, 8)), "cr1-x", "sbo-to-primary",
            "school-sbo", "school-po", Today.AddDays(30), new Dossier(), [new CareItem { Id = Guid.NewGuid(), Source = "funding", Description = "x" }], Now);
        switch (status)
        {
            case HandoverStatus.Declined: handover.Decline("full", Now); break;
            case HandoverStatus.Accepted: handover.Accept("swv-po", Now); break;
            case HandoverStatus.MeetingHeld: handover.Accept("swv-po", Now); handover.RecordMeeting(new WarmMeeting(Today, ["school-sbo", "school-po"], true, false), Now); break;
            case HandoverStatus.Completed:
                handover.Accept("swv-po", Now);
                handover.RecordMeeting(new WarmMeeting(Today, ["school-sbo", "school-po"], true, false), Now);
                handover.ConfirmCare(handover.Care[0].Id, true, null, "school-po", Now);
                handover.Complete(Now);
                break;
        }
        return handover;
    }

    public static TheoryData<string, HandoverStatus, HandoverStatus?> Moves()
    {
        var data = new TheoryData<string, HandoverStatus, HandoverStatus?>();
        foreach (var from in Enum.GetValues<HandoverStatus>())
        {
            data.Add("accept", from, from == HandoverStatus.Started ? HandoverStatus.Accepted : null);
            data.Add("decline", from, from == HandoverStatus.Started ? HandoverStatus.Declined : null);
            data.Add("send-to", from, from == HandoverStatus.Declined ? HandoverStatus.Started : null);
            data.Add("meeting", from, from == HandoverStatus.Accepted ? HandoverStatus.MeetingHeld : null);
            data.Add("confirm-care", from, from is HandoverStatus.Accepted or HandoverStatus.MeetingHeld ? from : null);
            data.Add("complete", from, null); // never while a care item is unconfirmed (and only from meeting-held)
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void Each_move_is_allowed_only_where_the_protocol_permits(string move, HandoverStatus from, HandoverStatus? expected)
    {
        var handover = InState(from);
        Action act = move switch
        {
            "accept" => () => handover.Accept(null, Now),
            "decline" => () => handover.Decline("no place", Now),
            "send-to" => () => handover.SendTo("school-po-2", null, Now),
            "meeting" => () => handover.RecordMeeting(new WarmMeeting(Today, ["school-sbo", "school-po"], true, false), Now),
            "confirm-care" => () => handover.ConfirmCare(handover.Care[0].Id, true, null, "school-po", Now),
            _ => () => handover.Complete(Now),
        };
        if (expected is null)
        {
            Assert.Throws<IllegalTransitionException>(act);
            Assert.Equal(from, handover.Status);
        }
        else
        {
            act();
            Assert.Equal(expected, handover.Status);
        }
    }

    [Fact]
    public void Special_to_regular_is_a_terugplaatsing_and_completion_reports_whether_it_was_on_time()
    {
        var handover = InState(HandoverStatus.Completed);
        Assert.True(handover.Terugplaatsing);
        var completed = Assert.Single(handover.PendingEvents.OfType<Platform.Contracts.Handover.HandoverCompleted>());
        Assert.True(completed.OnTime);
        Assert.True(completed.Terugplaatsing);
    }
}
