using Microsoft.EntityFrameworkCore;
using Platform.Funding.Domain;
using MassTransit;
using Platform.Contracts.Handover;
using Platform.Funding.Infrastructure;
using Platform.Funding.Placements;
using Platform.Messaging.Inbox;

namespace Platform.Funding.IntegrationEvents;

/// <summary>The child changed school: its placements follow where the arrangement allows it, or end and free their place.</summary>
public sealed class HandoverCompletedConsumer(FundingDbContext db, PlacementDesk desk, ILogger<HandoverCompletedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<HandoverCompleted, FundingDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(HandoverCompleted message, ConsumeContext<HandoverCompleted> context, CancellationToken ct)
    {
        await desk.FollowChildAsync(message.ChildReference, message.ReceivingOrganisationId, ct);
        // A terugplaatsing linked to the TLV it ends: back in regular education, the admission to special education ends.
        if (message.EndsTlvId is { } tlvId
            && await Db.Tlvs.FirstOrDefaultAsync(t => t.Id == tlvId && t.ChildReference == message.ChildReference, ct) is { Status: TlvStatus.Granted } tlv)
            tlv.EndWithTerugplaatsing(DutchTime.DateOf(message.OccurredAt), Clock.GetUtcNow());
    }
}
