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
    protected override Task HandleAsync(HandoverCompleted message, ConsumeContext<HandoverCompleted> context, CancellationToken ct) =>
        desk.FollowChildAsync(message.ChildReference, message.ReceivingOrganisationId, ct);
}
