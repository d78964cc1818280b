using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Funding;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Infrastructure;
using Platform.Messaging.Inbox;

namespace Platform.Intake.IntegrationEvents;

/// <summary>Funding placed the child: the case shows it, so the coordinator sees the whole picture.</summary>
public sealed partial class PlacementConfirmedConsumer(IntakeDbContext db, ILogger<PlacementConfirmedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<PlacementConfirmed, IntakeDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(PlacementConfirmed message, ConsumeContext<PlacementConfirmed> context, CancellationToken ct)
    {
        var @case = await Db.Cases.FirstOrDefaultAsync(c => c.Id == message.CaseId, ct);
        if (@case is null)
        {
            LogUnknownCase(logger, message.CaseId);
            return;
        }
        @case.AddNote(new CaseNote("placement", "funding", message.PlacementId,
            $"{message.Kind} arrangement {message.ArrangementId} from {message.StartsOn:yyyy-MM-dd}", message.OccurredAt));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Placement for unknown case {CaseId}; ignored.")]
    private static partial void LogUnknownCase(ILogger logger, Guid caseId);
}
