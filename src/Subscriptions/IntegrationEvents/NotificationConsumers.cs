using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Attendance;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using Platform.Contracts.Intake;
using Platform.Messaging.Inbox;
using Platform.Subscriptions.Delivery;
using Platform.Subscriptions.Domain;
using Platform.Subscriptions.Infrastructure;

namespace Platform.Subscriptions.IntegrationEvents;

/// <summary>The small notification a subscriber receives: what happened to which resource, never who.</summary>
public sealed record Notification(Guid DeliveryId, Guid SubscriptionId, string Channel, string EventType, string Resource, DateTimeOffset OccurredAt);

/// <summary>
/// Turns one integration event into one delivery per subscription that wants its channel and whose
/// organisation is in the event's audience. Paused subscriptions get theirs too, held until resumed.
/// In the inbox's transaction, so a redelivered event never notifies twice.
/// </summary>
public abstract class NotificationConsumer<TEvent>(SubscriptionsDbContext db, IOptions<DeliveryOptions> options, ILogger logger, TimeProvider time)
    : IdempotentConsumer<TEvent, SubscriptionsDbContext>(db, logger, time) where TEvent : class, IIntegrationEvent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected abstract NotificationRoute RouteOf(TEvent message);

    protected override async Task HandleAsync(TEvent message, ConsumeContext<TEvent> context, CancellationToken ct)
    {
        var route = RouteOf(message);
        var eventType = typeof(TEvent).Name;
        var candidates = await Db.Subscriptions.Where(s => s.Channels.Contains(route.Channel)).ToListAsync(ct);
        var now = Clock.GetUtcNow();
        foreach (var subscription in candidates.Where(s => s.Wants(route.Channel, eventType) && route.Audience.Includes(s)))
        {
            var id = Guid.CreateVersion7(now);
            var body = JsonSerializer.Serialize(new Notification(id, subscription.Id, route.Channel, eventType,
                options.Value.PublicBaseUrl.TrimEnd('/') + route.ResourcePath, message.OccurredAt), Json);
            Db.Deliveries.Add(Domain.Delivery.For(subscription, context.MessageId!.Value, route.Channel, eventType, body, id, now));
        }
    }

}

public sealed class ThuiszitterRegisteredNotifications(SubscriptionsDbContext db, IOptions<DeliveryOptions> o, ILogger<ThuiszitterRegisteredNotifications> l, TimeProvider c)
    : NotificationConsumer<ThuiszitterRegistered>(db, o, l, c) { protected override NotificationRoute RouteOf(ThuiszitterRegistered m) => Routes.Of(m); }

public sealed class ThuiszitterPlanDueNotifications(SubscriptionsDbContext db, IOptions<DeliveryOptions> o, ILogger<ThuiszitterPlanDueNotifications> l, TimeProvider c)
    : NotificationConsumer<ThuiszitterPlanDue>(db, o, l, c) { protected override NotificationRoute RouteOf(ThuiszitterPlanDue m) => Routes.Of(m); }

public sealed class ThuiszitterEscalatedNotifications(SubscriptionsDbContext db, IOptions<DeliveryOptions> o, ILogger<ThuiszitterEscalatedNotifications> l, TimeProvider c)
    : NotificationConsumer<ThuiszitterEscalated>(db, o, l, c) { protected override NotificationRoute RouteOf(ThuiszitterEscalated m) => Routes.Of(m); }

public sealed class ThuiszitterResolvedNotifications(SubscriptionsDbContext db, IOptions<DeliveryOptions> o, ILogger<ThuiszitterResolvedNotifications> l, TimeProvider c)
    : NotificationConsumer<ThuiszitterResolved>(db, o, l, c) { protected override NotificationRoute RouteOf(ThuiszitterResolved m) => Routes.Of(m); }

public sealed class ArrangementProposedNotifications(SubscriptionsDbContext db, IOptions<DeliveryOptions> o, ILogger<ArrangementProposedNotifications> l, TimeProvider c)
    : NotificationConsumer<ArrangementProposed>(db, o, l, c) { protected override NotificationRoute RouteOf(ArrangementProposed m) => Routes.Of(m); }

public sealed class ArrangementEscalatedNotifications(SubscriptionsDbContext db, IOptions<DeliveryOptions> o, ILogger<ArrangementEscalatedNotifications> l, TimeProvider c)
    : NotificationConsumer<ArrangementEscalated>(db, o, l, c) { protected override NotificationRoute RouteOf(ArrangementEscalated m) => Routes.Of(m); }

public sealed class HandoverStartedNotifications(SubscriptionsDbContext db, IOptions<DeliveryOptions> o, ILogger<HandoverStartedNotifications> l, TimeProvider c)
    : NotificationConsumer<HandoverStarted>(db, o, l, c) { protected override NotificationRoute RouteOf(HandoverStarted m) => Routes.Of(m); }

public sealed class HandoverOverdueNotifications(SubscriptionsDbContext db, IOptions<DeliveryOptions> o, ILogger<HandoverOverdueNotifications> l, TimeProvider c)
    : NotificationConsumer<HandoverOverdue>(db, o, l, c) { protected override NotificationRoute RouteOf(HandoverOverdue m) => Routes.Of(m); }

public sealed class HandoverCompletedNotifications(SubscriptionsDbContext db, IOptions<DeliveryOptions> o, ILogger<HandoverCompletedNotifications> l, TimeProvider c)
    : NotificationConsumer<HandoverCompleted>(db, o, l, c) { protected override NotificationRoute RouteOf(HandoverCompleted m) => Routes.Of(m); }

public sealed class CaseOpenedNotifications(SubscriptionsDbContext db, IOptions<DeliveryOptions> o, ILogger<CaseOpenedNotifications> l, TimeProvider c)
    : NotificationConsumer<CaseOpened>(db, o, l, c) { protected override NotificationRoute RouteOf(CaseOpened m) => Routes.Of(m); }

public sealed class ReferralLinkedNotifications(SubscriptionsDbContext db, IOptions<DeliveryOptions> o, ILogger<ReferralLinkedNotifications> l, TimeProvider c)
    : NotificationConsumer<ReferralLinkedToCase>(db, o, l, c) { protected override NotificationRoute RouteOf(ReferralLinkedToCase m) => Routes.Of(m); }

public sealed class CoordinatorReassignedNotifications(SubscriptionsDbContext db, IOptions<DeliveryOptions> o, ILogger<CoordinatorReassignedNotifications> l, TimeProvider c)
    : NotificationConsumer<CoordinatorReassigned>(db, o, l, c) { protected override NotificationRoute RouteOf(CoordinatorReassigned m) => Routes.Of(m); }

public sealed class KnooppuntScheduledNotifications(SubscriptionsDbContext db, IOptions<DeliveryOptions> o, ILogger<KnooppuntScheduledNotifications> l, TimeProvider c)
    : NotificationConsumer<KnooppuntScheduled>(db, o, l, c) { protected override NotificationRoute RouteOf(KnooppuntScheduled m) => Routes.Of(m); }

public sealed class PlanAgreedNotifications(SubscriptionsDbContext db, IOptions<DeliveryOptions> o, ILogger<PlanAgreedNotifications> l, TimeProvider c)
    : NotificationConsumer<PlanAgreed>(db, o, l, c) { protected override NotificationRoute RouteOf(PlanAgreed m) => Routes.Of(m); }

internal static class NotificationConsumers
{
    public static void AddAll(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ThuiszitterRegisteredNotifications>();
        bus.AddConsumer<ThuiszitterPlanDueNotifications>();
        bus.AddConsumer<ThuiszitterEscalatedNotifications>();
        bus.AddConsumer<ThuiszitterResolvedNotifications>();
        bus.AddConsumer<ArrangementProposedNotifications>();
        bus.AddConsumer<ArrangementEscalatedNotifications>();
        bus.AddConsumer<HandoverStartedNotifications>();
        bus.AddConsumer<HandoverOverdueNotifications>();
        bus.AddConsumer<HandoverCompletedNotifications>();
        bus.AddConsumer<CaseOpenedNotifications>();
        bus.AddConsumer<ReferralLinkedNotifications>();
        bus.AddConsumer<CoordinatorReassignedNotifications>();
        bus.AddConsumer<KnooppuntScheduledNotifications>();
        bus.AddConsumer<PlanAgreedNotifications>();
    }
}
