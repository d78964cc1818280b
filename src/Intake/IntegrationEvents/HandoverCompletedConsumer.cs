using Platform.ChildLinks;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Handover;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Infrastructure;
using Platform.Messaging.Inbox;

namespace Platform.Intake.IntegrationEvents;

/// <summary>The child moved school with a warm handover: the child's open case shows where to.</summary>
public sealed class HandoverCompletedConsumer(IntakeDbContext db, ILogger<HandoverCompletedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<HandoverCompleted, IntakeDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(HandoverCompleted message, ConsumeContext<HandoverCompleted> context, CancellationToken ct)
    {
        // An event made before the child's identifiers were linked names the old reference (ADR-0015).
        var reference = await Db.CurrentReferenceAsync(message.ChildReference, ct);
        var @case = await Db.Cases.FirstOrDefaultAsync(c => c.ChildReference == reference && c.Status != CaseStatus.Closed, ct);
        @case?.AddNote(new CaseNote("handover", "handover", message.HandoverId,
            $"{message.SwitchMoment}: from {message.SendingOrganisationId} to {message.ReceivingOrganisationId}", message.OccurredAt));
    }
}
