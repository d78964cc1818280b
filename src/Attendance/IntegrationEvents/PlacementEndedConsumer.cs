using Platform.ChildLinks;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;
using Platform.Contracts.Funding;
using Platform.Messaging.Inbox;

namespace Platform.Attendance.IntegrationEvents;

/// <summary>
/// Funding ended a placement. Funding publishes no separate "cancelled" event: a <see cref="PlacementEnded"/> for the placement
/// that is a thuiszitter case's suitable offer, while the case still waits for the child to start on it, is that placement
/// cancelled before the start. The case is back without an offer, its clocks running from the original dates (RULES.md §2).
/// A placement the child already started on (case resolved), or any other placement, changes nothing.
/// </summary>
public sealed class PlacementEndedConsumer(AttendanceDbContext db, ILogger<PlacementEndedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<PlacementEnded, AttendanceDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(PlacementEnded message, ConsumeContext<PlacementEnded> context, CancellationToken ct)
    {
        // An event made before the child's identifiers were linked names the old reference (ADR-0015).
        var reference = await Db.CurrentReferenceAsync(message.ChildReference, ct);
        var open = await Db.Thuiszitters.FirstOrDefaultAsync(c => c.ChildReference == reference && c.Status != ThuiszitterStatus.Resolved, ct);
        open?.CancelPlacement(message.PlacementId, Clock.GetUtcNow());
    }
}
