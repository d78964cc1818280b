using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Contracts.Intake;
using Platform.Messaging.Inbox;

namespace Platform.ConsentReplica;

/// <summary>Intake recorded consent: the organisations it names may see the child's data here, for its purposes.</summary>
public sealed class ConsentGrantedConsumer<TDbContext>(TDbContext db, ILogger<ConsentGrantedConsumer<TDbContext>> logger, TimeProvider clock)
    : IdempotentConsumer<ConsentGranted, TDbContext>(db, logger, clock) where TDbContext : DbContext
{
    protected override string ConsumerName => "ConsentGrantedConsumer";

    protected override async Task HandleAsync(ConsentGranted message, ConsumeContext<ConsentGranted> context, CancellationToken ct)
    {
        var copy = await Db.Set<ConsentCopy>().FirstOrDefaultAsync(c => c.ConsentId == message.ConsentId, ct);
        if (copy is null) Db.Set<ConsentCopy>().Add(copy = new ConsentCopy { ConsentId = message.ConsentId });
        // A withdrawal that overtook the grant stays: a late grant cannot reopen access.
        copy.CaseId = message.CaseId;
        copy.ChildReference = message.ChildReference;
        copy.Organisations = [.. message.Organisations];
        copy.Purposes = [.. message.Purposes ?? ConsentPurposes.Legacy];
        copy.ExpiresOn = message.ExpiresOn;
        copy.GrantedAt = message.OccurredAt;
    }
}

/// <summary>Consent withdrawn: sharing with the organisations it named stops here at once.</summary>
public sealed class ConsentWithdrawnConsumer<TDbContext>(TDbContext db, ILogger<ConsentWithdrawnConsumer<TDbContext>> logger, TimeProvider clock)
    : IdempotentConsumer<ConsentWithdrawn, TDbContext>(db, logger, clock) where TDbContext : DbContext
{
    protected override string ConsumerName => "ConsentWithdrawnConsumer";

    protected override async Task HandleAsync(ConsentWithdrawn message, ConsumeContext<ConsentWithdrawn> context, CancellationToken ct)
    {
        var copy = await Db.Set<ConsentCopy>().FirstOrDefaultAsync(c => c.ConsentId == message.ConsentId, ct);
        if (copy is null)
            Db.Set<ConsentCopy>().Add(new ConsentCopy
            {
                ConsentId = message.ConsentId, CaseId = message.CaseId, ChildReference = message.ChildReference, WithdrawnAt = message.OccurredAt,
            });
        else copy.WithdrawnAt ??= message.OccurredAt;
    }
}

/// <summary>A case opened: other services may now refer to it by its id.</summary>
public sealed class CaseOpenedConsumer<TDbContext>(TDbContext db, ILogger<CaseOpenedConsumer<TDbContext>> logger, TimeProvider clock)
    : IdempotentConsumer<CaseOpened, TDbContext>(db, logger, clock) where TDbContext : DbContext
{
    protected override string ConsumerName => "CaseOpenedConsumer";

    protected override async Task HandleAsync(CaseOpened message, ConsumeContext<CaseOpened> context, CancellationToken ct)
    {
        if (await Db.Set<CaseCopy>().AnyAsync(c => c.CaseId == message.CaseId, ct)) return;
        Db.Set<CaseCopy>().Add(new CaseCopy
        {
            CaseId = message.CaseId, ChildReference = message.ChildReference, HomeMunicipality = message.HomeMunicipality, OpenedAt = message.OccurredAt,
        });
    }
}

/// <summary>Intake erased the case after its retention term: the copies of it and its consents go too.</summary>
public sealed class CaseErasedConsumer<TDbContext>(TDbContext db, ILogger<CaseErasedConsumer<TDbContext>> logger, TimeProvider clock)
    : IdempotentConsumer<CaseErased, TDbContext>(db, logger, clock) where TDbContext : DbContext
{
    protected override string ConsumerName => "CaseErasedConsumer";

    protected override async Task HandleAsync(CaseErased message, ConsumeContext<CaseErased> context, CancellationToken ct)
    {
        await Db.Set<ConsentCopy>().Where(c => c.CaseId == message.CaseId).ExecuteDeleteAsync(ct);
        await Db.Set<CaseCopy>().Where(c => c.CaseId == message.CaseId).ExecuteDeleteAsync(ct);
    }
}
