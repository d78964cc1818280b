using MassTransit;
using Platform.Contracts;
using Platform.Messaging.Inbox;
using Platform.Monitoring.Infrastructure;
using Platform.Monitoring.Projection;

namespace Platform.Monitoring.IntegrationEvents;

/// <summary>
/// Every event the monitor uses arrives here: it goes into the journal (the source of every rebuild)
/// and through the projector into the read model, in one transaction with the inbox row.
/// </summary>
public sealed class JournalConsumer<TEvent>(MonitoringDbContext db, ILogger<JournalConsumer<TEvent>> logger, TimeProvider clock)
    : IdempotentConsumer<TEvent, MonitoringDbContext>(db, logger, clock) where TEvent : class, IIntegrationEvent
{
    protected override string ConsumerName => $"Journal:{typeof(TEvent).Name}";

    protected override async Task HandleAsync(TEvent message, ConsumeContext<TEvent> context, CancellationToken ct)
    {
        await Journal.AppendAsync(Db, context.MessageId!.Value, message, Clock.GetUtcNow(), ct);
        await new Projector(Db).ApplyAsync(message, ct);
    }
}
