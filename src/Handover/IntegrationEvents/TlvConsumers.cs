using Platform.ChildLinks;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Funding;
using Platform.Handover.Domain;
using Platform.Handover.Infrastructure;
using Platform.Messaging.Inbox;

namespace Platform.Handover.IntegrationEvents;

/// <summary>The SWV granted a TLV: a later terugplaatsing can say which TLV it ends.</summary>
public sealed class TlvDecidedConsumer(HandoverDbContext db, ILogger<TlvDecidedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<TlvDecided, HandoverDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(TlvDecided message, ConsumeContext<TlvDecided> context, CancellationToken ct)
    {
        if (message is not { Outcome: "granted", Kind: { } kind, ValidUntil: { } until }) return;
        if (await Db.Tlvs.AnyAsync(t => t.TlvId == message.TlvId, ct)) return;
        Db.Tlvs.Add(new KnownTlv { TlvId = message.TlvId, ChildReference = await Db.CurrentReferenceAsync(message.ChildReference, ct), Kind = kind, ValidUntil = until });
    }
}

/// <summary>A TLV ended (by a terugplaatsing, or it expired): it can no longer be ended again.</summary>
public sealed class TlvEndedConsumer(HandoverDbContext db, ILogger<TlvEndedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<TlvEnded, HandoverDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(TlvEnded message, ConsumeContext<TlvEnded> context, CancellationToken ct)
    {
        var tlv = await Db.Tlvs.FirstOrDefaultAsync(t => t.TlvId == message.TlvId, ct);
        if (tlv is not null) tlv.EndedOn ??= message.EndedOn;
    }
}
