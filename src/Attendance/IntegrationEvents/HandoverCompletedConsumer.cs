using Platform.ChildLinks;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;
using Platform.Contracts.Handover;
using Platform.Messaging.Inbox;

namespace Platform.Attendance.IntegrationEvents;

/// <summary>A warm handover to a new school completed: the child's open thuiszitter case is resolved.</summary>
public sealed class HandoverCompletedConsumer(AttendanceDbContext db, ILogger<HandoverCompletedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<HandoverCompleted, AttendanceDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(HandoverCompleted message, ConsumeContext<HandoverCompleted> context, CancellationToken ct)
    {
        // An event made before the child's identifiers were linked names the old reference (ADR-0015).
        var reference = await Db.CurrentReferenceAsync(message.ChildReference, ct);
        var open = await Db.Thuiszitters.FirstOrDefaultAsync(c => c.ChildReference == reference && c.Status != ThuiszitterStatus.Resolved, ct);
        open?.Resolve(ResolutionReason.HandoverCompleted, $"{message.SwitchMoment} to {message.ReceivingOrganisationId}", message.OccurredAt);
    }
}
