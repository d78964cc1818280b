using Platform.Subscriptions.Domain;

namespace Platform.Subscriptions.Apis;

public static class SubscriptionsApi
{
    public const string Prefix = "/api/subscriptions";
    public const string Audience = "subscriptions-api";

    /// <summary>This service to the shared host: its database, audience and prefix, and what its OpenAPI document says of it.</summary>
    public static readonly ApiService Service = new(ResourceNames.SubscriptionsDb, Audience, Prefix)
    {
        Title = "Subscriptions API",
        Description = "Webhook subscriptions: an organisation's system is notified (signed, retried) when something it may see happens, and reads the record through the other APIs.",
        Tags = new Dictionary<string, string>
        {
            ["Subscriptions"] = "Your organisation's callbacks: which channels they get, their delivery log, pausing, resuming and sending again.",
        },
    };
}

/// <summary>Body of <c>POST /subscriptions</c>: where to call, which channels, optionally which event types.</summary>
public sealed record SubscribeRequest(string? CallbackUrl, IReadOnlyList<string>? Channels, IReadOnlyList<string>? EventTypes);

public sealed record SubscriptionResponse(
    Guid Id, string CallbackUrl, IReadOnlyList<string> Channels, IReadOnlyList<string> EventTypes, string Status,
    string? PausedReason, DateTimeOffset? PausedAt, int ConsecutiveFailures, DateTimeOffset CreatedAt)
{
    public static SubscriptionResponse From(Subscription s) => new(s.Id, s.CallbackUrl, s.Channels, s.EventTypes,
        s.Status.ToString().ToLowerInvariant(), s.PausedReason, s.PausedAt, s.ConsecutiveFailures, s.CreatedAt);
}

/// <summary>Only the registration's answer carries the secret: store it, it is never shown again.</summary>
public sealed record CreatedSubscriptionResponse(SubscriptionResponse Subscription, string Secret, string SignatureHeader, string DeliveryHeader);

public sealed record DeliveryResponse(
    Guid Id, string Channel, string EventType, string Status, int Attempts, DateTimeOffset NextAttemptAt,
    DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, IReadOnlyList<DeliveryAttempt> Log)
{
    public static DeliveryResponse From(Domain.Delivery d) => new(d.Id, d.Channel, d.EventType, d.Status.ToString().ToLowerInvariant(),
        d.Attempts, d.NextAttemptAt, d.CreatedAt, d.DeliveredAt, d.Log);
}

/// <summary>How many failed notifications are due to be sent again.</summary>
public sealed record RedeliveryResponse(int Redelivering);
