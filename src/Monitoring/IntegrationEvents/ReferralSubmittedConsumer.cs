using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Intake;
using Platform.Messaging.Inbox;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Infrastructure;

namespace Platform.Monitoring.IntegrationEvents;

/// <summary>Counts a referral for the referrals indicator.</summary>
public sealed class ReferralSubmittedConsumer(MonitoringDbContext db, ILogger<ReferralSubmittedConsumer> logger, TimeProvider clock)
    : IdempotentConsumer<ReferralSubmitted, MonitoringDbContext>(db, logger, clock)
{
    protected override async Task HandleAsync(ReferralSubmitted message, ConsumeContext<ReferralSubmitted> context, CancellationToken ct)
    {
        // The inbox already stops redeliveries; the key check also covers an event Intake published twice
        // under different message ids (e.g. a replay by an operator), so a referral is counted once.
        if (await Db.Referrals.AnyAsync(f => f.ReferralId == message.ReferralId, ct)) return;
        Db.Referrals.Add(new ReferralFact(message.ReferralId, message.HomeMunicipality, message.OccurredAt));
    }
}
