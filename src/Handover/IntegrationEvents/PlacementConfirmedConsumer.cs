using Platform.ChildLinks;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Funding;
using Platform.Handover.Domain;
using Platform.Handover.Infrastructure;
using Platform.Messaging.Inbox;

namespace Platform.Handover.IntegrationEvents;

/// <summary>Funding placed the child: the arrangement becomes care that must continue across the child's next switch.</summary>
public sealed class PlacementConfirmedConsumer(HandoverDbContext db, ILogger<PlacementConfirmedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<PlacementConfirmed, HandoverDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(PlacementConfirmed message, ConsumeContext<PlacementConfirmed> context, CancellationToken ct)
    {
        if (await Db.Arrangements.AnyAsync(a => a.PlacementId == message.PlacementId, ct)) return;
        Db.Arrangements.Add(new KnownArrangement
        {
            // Under the reference the child's records are kept under now (ADR-0015).
            PlacementId = message.PlacementId, ChildReference = await Db.CurrentReferenceAsync(message.ChildReference, ct), ArrangementId = message.ArrangementId,
            Kind = message.Kind, StartsOn = message.StartsOn,
        });
    }
}
