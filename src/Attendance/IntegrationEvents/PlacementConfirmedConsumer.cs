using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;
using Platform.Contracts.Funding;
using Platform.Messaging.Inbox;

namespace Platform.Attendance.IntegrationEvents;

/// <summary>Funding placed the child in an arrangement: the child's open thuiszitter case is resolved.</summary>
public sealed class PlacementConfirmedConsumer(AttendanceDbContext db, ILogger<PlacementConfirmedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<PlacementConfirmed, AttendanceDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(PlacementConfirmed message, ConsumeContext<PlacementConfirmed> context, CancellationToken ct)
    {
        var open = await Db.Thuiszitters.FirstOrDefaultAsync(c => c.ChildReference == message.ChildReference && c.Status != ThuiszitterStatus.Resolved, ct);
        open?.Resolve(ResolutionReason.PlacedInArrangement, $"{message.Kind} arrangement {message.ArrangementId} from {message.StartsOn:yyyy-MM-dd}", message.OccurredAt);
    }
}
