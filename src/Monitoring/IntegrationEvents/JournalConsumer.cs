using MassTransit;
using Platform.Contracts;
using Platform.Messaging.Inbox;
using Platform.Monitoring.Figures;
using Platform.Monitoring.Infrastructure;
using Platform.Monitoring.Projection;

namespace Platform.Monitoring.IntegrationEvents;

/// <summary>
/// Every event the monitor uses arrives here: it goes into the journal (the source of every rebuild)
/// and through the projector into the read model, in one transaction with the inbox row and the
/// record of which figures it changed. Batched (<see cref="InboxBatch{TDbContext}"/>): under a backlog,
/// up to a hundred events share one transaction, each still exactly once.
/// </summary>
public sealed class JournalConsumer<TEvent>(InboxBatch<MonitoringDbContext> batch, TimeProvider clock)
    : BatchedIdempotentConsumer<TEvent, MonitoringDbContext>(batch) where TEvent : class, IIntegrationEvent
{
    protected override string ConsumerName => $"Journal:{typeof(TEvent).Name}";

    protected override Task HandleAsync(MonitoringDbContext db, Guid messageId, TEvent message, CancellationToken ct) =>
        JournalConsumer.RecordAsync(db, messageId, message, clock.GetUtcNow(), ct);
}

public static class JournalConsumer
{
    /// <summary>
    /// What a journal consumer does with one event, inside the caller's transaction; the transaction's figure change is
    /// written by <see cref="MonitoringDbContext.CompleteBatchAsync"/> before it commits (the batch calls it; so must any other
    /// caller).
    /// </summary>
    public static async Task RecordAsync(MonitoringDbContext db, Guid messageId, IIntegrationEvent message, DateTimeOffset receivedAt, CancellationToken ct)
    {
        // The journal row first, then the projector's upserts (each recording which figures it changed): one round trip.
        var readModel = new SqlReadModel(db);
        readModel.Add(Journal.Append(messageId, message, receivedAt));
        await new Projector(readModel).ApplyAsync(message, ct);
        await readModel.FlushAsync(ct);
    }
}
