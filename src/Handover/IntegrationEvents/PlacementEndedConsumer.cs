using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Funding;
using Platform.Handover.Domain;
using Platform.Handover.Infrastructure;
using Platform.Messaging.Inbox;

namespace Platform.Handover.IntegrationEvents;

/// <summary>
/// Funding ended a placement: from its end date it is no longer the child's current care, so a later handover does not list it
/// (#24 point 6). Should the end arrive before the placement itself, the row is kept as a marker so the late
/// <see cref="PlacementConfirmed"/> does not bring it back. Handovers already running keep their care items: the receiver
/// confirms them as they were offered.
/// </summary>
public sealed class PlacementEndedConsumer(HandoverDbContext db, ILogger<PlacementEndedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<PlacementEnded, HandoverDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(PlacementEnded message, ConsumeContext<PlacementEnded> context, CancellationToken ct)
    {
        var known = await Db.Arrangements.FirstOrDefaultAsync(a => a.PlacementId == message.PlacementId, ct);
        if (known is null)
            Db.Arrangements.Add(new KnownArrangement
            {
                PlacementId = message.PlacementId, ChildReference = message.ChildReference, ArrangementId = message.ArrangementId,
                EndedOn = message.EndedOn,
            });
        else known.EndedOn = message.EndedOn;
    }
}
