using Microsoft.EntityFrameworkCore;
using Platform.Contracts;

namespace Platform.Messaging.Outbox;

/// <summary>
/// An aggregate that records the integration events its changes cause. The service's DbContext
/// calls <see cref="RecordedEvents.StageRecordedEvents"/> in <c>SaveChanges</c>, so every event
/// commits with the change that caused it and no API handler can forget one.
/// </summary>
public interface IRecordsIntegrationEvents
{
    IReadOnlyList<IIntegrationEvent> PendingEvents { get; }
    void ClearPendingEvents();
}

public static class RecordedEvents
{
    public static void StageRecordedEvents(this DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<IRecordsIntegrationEvents>().ToList())
        {
            foreach (var integrationEvent in entry.Entity.PendingEvents) db.AddIntegrationEvent(integrationEvent);
            entry.Entity.ClearPendingEvents();
        }
    }
}
