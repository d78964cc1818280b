using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Contracts.Attendance;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using Platform.Contracts.Intake;
using Platform.Messaging.Inbox;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Infrastructure;

namespace Platform.Monitoring.IntegrationEvents;

/// <summary>Turns an event into the facts it contributes; the same fact key is stored once, however often it arrives.</summary>
public abstract class FactConsumer<TEvent>(MonitoringDbContext db, ILogger logger, TimeProvider clock)
    : IdempotentConsumer<TEvent, MonitoringDbContext>(db, logger, clock) where TEvent : class, IIntegrationEvent
{
    protected abstract IEnumerable<EventFact> FactsOf(TEvent message);

    protected override async Task HandleAsync(TEvent message, ConsumeContext<TEvent> context, CancellationToken ct)
    {
        foreach (var fact in FactsOf(message))
            if (!await Db.Facts.AnyAsync(f => f.Key == fact.Key, ct)) Db.Facts.Add(fact);
    }
}

public sealed class ThuiszitterRegisteredFacts(MonitoringDbContext db, ILogger<ThuiszitterRegisteredFacts> logger, TimeProvider clock)
    : FactConsumer<ThuiszitterRegistered>(db, logger, clock)
{
    protected override IEnumerable<EventFact> FactsOf(ThuiszitterRegistered m) => [new("thuiszitters-new", m.CaseId, m.HomeMunicipality, m.OccurredAt, m.Kind)];
}

public sealed class ThuiszitterResolvedFacts(MonitoringDbContext db, ILogger<ThuiszitterResolvedFacts> logger, TimeProvider clock)
    : FactConsumer<ThuiszitterResolved>(db, logger, clock)
{
    protected override IEnumerable<EventFact> FactsOf(ThuiszitterResolved m) => [new("thuiszitters-resolved", m.CaseId, m.HomeMunicipality, m.OccurredAt, m.Reason)];
}

public sealed class ThuiszitterEscalatedFacts(MonitoringDbContext db, ILogger<ThuiszitterEscalatedFacts> logger, TimeProvider clock)
    : FactConsumer<ThuiszitterEscalated>(db, logger, clock)
{
    protected override IEnumerable<EventFact> FactsOf(ThuiszitterEscalated m) => [new("thuiszitters-escalated", m.CaseId, m.HomeMunicipality, m.OccurredAt)];
}

public sealed class ExemptionGrantedFacts(MonitoringDbContext db, ILogger<ExemptionGrantedFacts> logger, TimeProvider clock)
    : FactConsumer<ExemptionGranted>(db, logger, clock)
{
    protected override IEnumerable<EventFact> FactsOf(ExemptionGranted m) => [new("exemptions-granted", m.ExemptionId, m.HomeMunicipality, m.OccurredAt, m.Article)];
}

public sealed class KnooppuntHeldFacts(MonitoringDbContext db, ILogger<KnooppuntHeldFacts> logger, TimeProvider clock)
    : FactConsumer<KnooppuntHeld>(db, logger, clock)
{
    protected override IEnumerable<EventFact> FactsOf(KnooppuntHeld m) => [new("knooppunt-held", m.KnooppuntId, m.HomeMunicipality, m.OccurredAt)];
}

public sealed class KnooppuntOverdueFacts(MonitoringDbContext db, ILogger<KnooppuntOverdueFacts> logger, TimeProvider clock)
    : FactConsumer<KnooppuntOverdue>(db, logger, clock)
{
    protected override IEnumerable<EventFact> FactsOf(KnooppuntOverdue m) => [new("knooppunt-overdue", m.CaseId, m.HomeMunicipality, m.OccurredAt)];
}

/// <summary>Handover events carry no municipality yet (the directory, #13, will give the school's); counted region-wide.</summary>
public sealed class HandoverCompletedFacts(MonitoringDbContext db, ILogger<HandoverCompletedFacts> logger, TimeProvider clock)
    : FactConsumer<HandoverCompleted>(db, logger, clock)
{
    public const string Region = "region";

    protected override IEnumerable<EventFact> FactsOf(HandoverCompleted m)
    {
        yield return new("handovers-completed", m.HandoverId, Region, m.OccurredAt, m.OnTime ? "on-time" : "late");
        if (m.Terugplaatsing) yield return new("terugplaatsingen", m.HandoverId, Region, m.OccurredAt, m.SwitchMoment);
    }
}

/// <summary>A collective placement is an individual decision replaced (the seeds' headline indicator); counted by kind.</summary>
public sealed class PlacementConfirmedFacts(MonitoringDbContext db, ILogger<PlacementConfirmedFacts> logger, TimeProvider clock)
    : FactConsumer<PlacementConfirmed>(db, logger, clock)
{
    protected override IEnumerable<EventFact> FactsOf(PlacementConfirmed m) =>
        [new("placements", m.PlacementId, m.HomeMunicipality ?? HandoverCompletedFacts.Region, m.OccurredAt, m.Kind)];
}

public sealed class IndividualArrangementProposedFacts(MonitoringDbContext db, ILogger<IndividualArrangementProposedFacts> logger, TimeProvider clock)
    : FactConsumer<IndividualArrangementProposed>(db, logger, clock)
{
    protected override IEnumerable<EventFact> FactsOf(IndividualArrangementProposed m) =>
        [new("individual-arrangements-proposed", m.ArrangementId, m.HomeMunicipality, m.OccurredAt)];
}

/// <summary>Arrangements are the region's, not a municipality's: counted region-wide, by kind.</summary>
public sealed class ArrangementActivatedFacts(MonitoringDbContext db, ILogger<ArrangementActivatedFacts> logger, TimeProvider clock)
    : FactConsumer<ArrangementActivated>(db, logger, clock)
{
    protected override IEnumerable<EventFact> FactsOf(ArrangementActivated m) =>
        [new("arrangements-activated", m.ArrangementId, HandoverCompletedFacts.Region, m.OccurredAt, m.Kind)];
}

public sealed class ArrangementEscalatedFacts(MonitoringDbContext db, ILogger<ArrangementEscalatedFacts> logger, TimeProvider clock)
    : FactConsumer<ArrangementEscalated>(db, logger, clock)
{
    protected override IEnumerable<EventFact> FactsOf(ArrangementEscalated m) =>
        [new("funding-escalations", m.ArrangementId, HandoverCompletedFacts.Region, m.OccurredAt, m.Cause)];
}

public sealed class EscalationDecidedFacts(MonitoringDbContext db, ILogger<EscalationDecidedFacts> logger, TimeProvider clock)
    : FactConsumer<EscalationDecided>(db, logger, clock)
{
    protected override IEnumerable<EventFact> FactsOf(EscalationDecided m) =>
        [new("funding-escalations-decided", m.ArrangementId, HandoverCompletedFacts.Region, m.OccurredAt, m.Outcome)];
}
