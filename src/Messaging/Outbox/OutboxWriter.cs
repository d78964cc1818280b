using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;

namespace Platform.Messaging.Outbox;

public static class OutboxWriter
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stages <paramref name="integrationEvent"/> in the outbox of <paramref name="db"/>. It is
    /// written by the caller's next <c>SaveChanges</c>, in the same transaction as the state
    /// change, and published by the relay after commit. The current trace context is kept with
    /// it so consumers join the caller's trace.
    /// </summary>
    public static void AddIntegrationEvent(this DbContext db, IIntegrationEvent integrationEvent, TimeProvider? clock = null)
    {
        var activity = Activity.Current;
        var type = integrationEvent.GetType();
        db.Set<OutboxMessage>().Add(new OutboxMessage(
            Guid.CreateVersion7(),
            ContractTypes.NameOf(type),
            JsonSerializer.Serialize(integrationEvent, type, Json),
            activity?.Id is { } id && activity.IdFormat == ActivityIdFormat.W3C ? id : null,
            activity?.TraceStateString,
            (clock ?? TimeProvider.System).GetUtcNow()));
    }
}
