using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Funding;
using Platform.Directory.Domain;
using Platform.Directory.Infrastructure;
using Platform.Messaging.Inbox;

namespace Platform.Directory.IntegrationEvents;

/// <summary>A collective arrangement started running: the sociale kaart shows it at its location.</summary>
public sealed class ArrangementActivatedConsumer(DirectoryDbContext db, ILogger<ArrangementActivatedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<ArrangementActivated, DirectoryDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(ArrangementActivated message, ConsumeContext<ArrangementActivated> context, CancellationToken ct)
    {
        // Individual arrangements are one child's: they are not on the map.
        if (message.Kind != "collective") return;
        var offered = await Db.OfferedArrangements.FirstOrDefaultAsync(a => a.ArrangementId == message.ArrangementId, ct);
        if (offered is null) Db.OfferedArrangements.Add(offered = new OfferedArrangement { ArrangementId = message.ArrangementId });
        offered.LocationId = message.LocationId;
        offered.Title = message.Title ?? "";
        offered.TargetGroup = message.TargetGroup ?? "";
        offered.SupportDomains = [.. message.SupportDomains ?? []];
        offered.ServesMunicipalities = [.. message.ServesMunicipalities ?? []];
        offered.Places = message.Places;
        offered.StartsOn = message.StartsOn;
        offered.EndsOn = message.EndsOn;
    }
}

/// <summary>The arrangement ended: it is no longer offered.</summary>
public sealed class ArrangementEndedConsumer(DirectoryDbContext db, ILogger<ArrangementEndedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<ArrangementEnded, DirectoryDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(ArrangementEnded message, ConsumeContext<ArrangementEnded> context, CancellationToken ct) =>
        await Db.OfferedArrangements.Where(a => a.ArrangementId == message.ArrangementId).ExecuteDeleteAsync(ct);
}
