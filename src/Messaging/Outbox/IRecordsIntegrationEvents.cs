using Microsoft.EntityFrameworkCore;
using Platform.Contracts;

namespace Platform.Messaging.Outbox;

/// <summary>
/// An aggregate that records the integration events its changes cause. The service's DbContext
/// saves through <see cref="RecordedEvents.SaveWithRecordedEventsAsync"/>, so every event
/// commits with the change that caused it and no API handler can forget one.
/// </summary>
public interface IRecordsIntegrationEvents
{
    IReadOnlyList<IIntegrationEvent> PendingEvents { get; }
    void ClearPendingEvents();
}

public static class RecordedEvents
{
    /// <summary>
    /// Stages every tracked aggregate's recorded events in the outbox, saves, and only after a
    /// successful save forgets them: if the save fails and the caller retries on a cleared context
    /// with the same aggregates, their events are staged again instead of being lost.
    /// </summary>
    public static async Task<int> SaveWithRecordedEventsAsync(this DbContext db, Func<Task<int>> save)
    {
        var recorders = db.ChangeTracker.Entries<IRecordsIntegrationEvents>().Select(e => e.Entity).ToList();
        foreach (var recorder in recorders)
            foreach (var integrationEvent in recorder.PendingEvents) db.AddIntegrationEvent(integrationEvent);
        var saved = await save();
        foreach (var recorder in recorders) recorder.ClearPendingEvents();
        return saved;
    }
}
