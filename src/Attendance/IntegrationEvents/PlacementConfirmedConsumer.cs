using Platform.ChildLinks;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;
using Platform.Contracts.Funding;
using Platform.Messaging.Inbox;

namespace Platform.Attendance.IntegrationEvents;

/// <summary>
/// Funding placed the child in an arrangement: a suitable offer with the placement's start date (RULES.md §2). The case
/// resolves when the child starts: at once when the placement starts today or earlier, else on its start date by
/// <see cref="Jobs.ThuiszitterDeadlineWatcher"/>. Only a placement made after the case was registered counts: one from
/// before evidently did not keep the child in school, and an event that arrives late must not close a newer case.
/// </summary>
public sealed class PlacementConfirmedConsumer(AttendanceDbContext db, ILogger<PlacementConfirmedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<PlacementConfirmed, AttendanceDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(PlacementConfirmed message, ConsumeContext<PlacementConfirmed> context, CancellationToken ct)
    {
        // An event made before the child's identifiers were linked names the old reference (ADR-0015).
        var reference = await Db.CurrentReferenceAsync(message.ChildReference, ct);
        var open = await Db.Thuiszitters.FirstOrDefaultAsync(c => c.ChildReference == reference && c.Status != ThuiszitterStatus.Resolved && c.RegisteredAt <= message.OccurredAt, ct);
        open?.RecordOffer(message.Kind, $"{message.Kind} arrangement {message.ArrangementId}", message.StartsOn, Clock.GetUtcNow(),
            SuitableOffer.ByPlacement, message.PlacementId, $"{message.Kind} arrangement {message.ArrangementId} from {message.StartsOn:yyyy-MM-dd}");
    }
}
