using MassTransit;
using Platform.Contracts.Intake;
using Platform.Funding.Infrastructure;
using Platform.Funding.Placements;
using Platform.Messaging.Inbox;

namespace Platform.Funding.IntegrationEvents;

/// <summary>A plan asked for an arrangement: place the child in a collective arrangement, or draft an individual one.</summary>
public sealed class ArrangementRequestedConsumer(FundingDbContext db, PlacementDesk desk, ILogger<ArrangementRequestedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<ArrangementRequested, FundingDbContext>(db, logger, clock)
{
    protected override Task HandleAsync(ArrangementRequested message, ConsumeContext<ArrangementRequested> context, CancellationToken ct) =>
        desk.HandleRequestAsync(message, ct);
}
