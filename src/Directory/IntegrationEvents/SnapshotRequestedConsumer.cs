using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Directory;
using Platform.Directory.Infrastructure;
using Platform.Directory.Publishing;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;

namespace Platform.Directory.IntegrationEvents;

/// <summary>A service without a copy asks: the current version is published again (a copy that has it ignores it).</summary>
public sealed class SnapshotRequestedConsumer(DirectoryDbContext db, ILogger<SnapshotRequestedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<DirectorySnapshotRequested, DirectoryDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(DirectorySnapshotRequested message, ConsumeContext<DirectorySnapshotRequested> context, CancellationToken ct)
    {
        var state = await Db.State.AsNoTracking().SingleOrDefaultAsync(ct);
        if (state is not { Version: > 0 }) return; // nothing published yet: the first change will be
        Db.AddIntegrationEvent(await DirectoryChanges.SnapshotAsync(Db, state, state.Version, Clock.GetUtcNow(), ct), Clock);
    }
}
