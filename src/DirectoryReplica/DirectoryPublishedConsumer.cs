using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Directory;
using Platform.Messaging.Inbox;

namespace Platform.DirectoryReplica;

/// <summary>Keeps this service's copy of the directory at the newest version published.</summary>
public sealed partial class DirectoryPublishedConsumer<TDbContext>(TDbContext db, ILogger<DirectoryPublishedConsumer<TDbContext>> logger, TimeProvider clock)
    : IdempotentConsumer<DirectoryPublished, TDbContext>(db, logger, clock) where TDbContext : DbContext
{
    protected override string ConsumerName => "DirectoryPublishedConsumer";

    protected override async Task HandleAsync(DirectoryPublished message, ConsumeContext<DirectoryPublished> context, CancellationToken ct)
    {
        if (await ReplicaWriter.ApplyAsync(Db, message, Clock.GetUtcNow(), ct))
            LogApplied(logger, message.Version, message.Organisations.Count, message.Locations.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory version {Version} applied: {Organisations} organisations, {Locations} locations.")]
    private static partial void LogApplied(ILogger logger, long version, int organisations, int locations);
}
