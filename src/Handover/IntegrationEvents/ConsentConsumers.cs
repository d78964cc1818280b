using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Intake;
using Platform.Handover.Domain;
using Platform.Handover.Infrastructure;
using Platform.Messaging.Inbox;

namespace Platform.Handover.IntegrationEvents;

/// <summary>Intake recorded consent: the named organisations may see the child's handover dossier.</summary>
public sealed class ConsentGrantedConsumer(HandoverDbContext db, ILogger<ConsentGrantedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<ConsentGranted, HandoverDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(ConsentGranted message, ConsumeContext<ConsentGranted> context, CancellationToken ct)
    {
        if (await Db.Consents.AnyAsync(c => c.ConsentId == message.ConsentId, ct)) return;
        Db.Consents.Add(new ConsentGrant
        {
            ConsentId = message.ConsentId, ChildReference = message.ChildReference,
            Organisations = [.. message.Organisations], ExpiresOn = message.ExpiresOn,
        });
    }
}

/// <summary>Consent withdrawn: the dossier stops being visible to those organisations at once.</summary>
public sealed class ConsentWithdrawnConsumer(HandoverDbContext db, ILogger<ConsentWithdrawnConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<ConsentWithdrawn, HandoverDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(ConsentWithdrawn message, ConsumeContext<ConsentWithdrawn> context, CancellationToken ct)
    {
        var grant = await Db.Consents.FirstOrDefaultAsync(c => c.ConsentId == message.ConsentId, ct);
        if (grant is null)
        {
            // Withdrawal overtook the grant: remember it withdrawn, so a late grant cannot reopen access.
            Db.Consents.Add(new ConsentGrant { ConsentId = message.ConsentId, ChildReference = message.ChildReference, WithdrawnAt = message.OccurredAt });
            return;
        }
        grant.WithdrawnAt ??= message.OccurredAt;
    }
}
