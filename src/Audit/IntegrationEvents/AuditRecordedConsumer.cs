using MassTransit;
using Platform.Audit.Domain;
using Platform.Audit.Infrastructure;
using Platform.Contracts.Audit;
using Platform.Messaging.Inbox;

namespace Platform.Audit.IntegrationEvents;

/// <summary>A service recorded an access: it goes into the log, chained to the line before.</summary>
public sealed class AuditRecordedConsumer(AuditDbContext db, ChainKeys keys, ILogger<AuditRecordedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<AuditRecorded, AuditDbContext>(db, logger, clock)
{
    protected override Task HandleAsync(AuditRecorded message, ConsumeContext<AuditRecorded> context, CancellationToken ct) =>
        AuditLog.AppendAsync(Db, keys, message, Clock.GetUtcNow(), ct);
}
