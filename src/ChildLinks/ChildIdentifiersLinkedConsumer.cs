using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Children;
using Platform.Messaging.Inbox;

namespace Platform.ChildLinks;

/// <summary>
/// Another service (or this one) linked a child's references: record the link and re-key this service's records
/// (ADR-0015). Idempotent: a link already known changes nothing, so the publisher's own copy is a no-op.
/// </summary>
public sealed class ChildIdentifiersLinkedConsumer<TDbContext>(TDbContext db, IChildRecords records, ILogger<ChildIdentifiersLinkedConsumer<TDbContext>> logger, TimeProvider clock)
    : IdempotentConsumer<ChildIdentifiersLinked, TDbContext>(db, logger, clock) where TDbContext : DbContext
{
    protected override string ConsumerName => "ChildIdentifiersLinkedConsumer";

    protected override async Task HandleAsync(ChildIdentifiersLinked message, ConsumeContext<ChildIdentifiersLinked> context, CancellationToken ct)
    {
        if (await Db.Set<ChildReferenceLink>().AnyAsync(l => l.FromReference == message.FromReference, ct)) return;
        await records.RekeyAsync(message.FromReference, message.ToReference, ct);
        Db.Set<ChildReferenceLink>().Add(new ChildReferenceLink
        {
            FromReference = message.FromReference, ToReference = message.ToReference, LinkId = message.LinkId,
            LinkedByOrganisationId = message.LinkedByOrganisationId, LinkedIn = message.LinkedIn, LinkedAt = message.OccurredAt,
        });
    }
}
