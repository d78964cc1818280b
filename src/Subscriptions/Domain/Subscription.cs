namespace Platform.Subscriptions.Domain;

public enum SubscriptionStatus { Active, Paused }

/// <summary>
/// An organisation's standing request to be told what happened: a callback URL, the channels it
/// wants and, optionally, which event types. Its signing secret is shown once, at registration.
/// Repeated delivery failures pause it; the organisation resumes it when its receiver is fixed.
/// </summary>
public sealed class Subscription
{
    public Guid Id { get; private set; }
    public string OrganisationId { get; private set; } = "";
    public string OrganisationType { get; private set; } = "";
    public string? Municipality { get; private set; }
    public string CallbackUrl { get; private set; } = "";
    public List<string> Channels { get; private set; } = [];
    /// <summary>Empty: every event type of the channels.</summary>
    public List<string> EventTypes { get; private set; } = [];
    /// <summary>The HMAC key for this subscription's signatures (base64). Needed in clear to sign.</summary>
    public string Secret { get; private set; } = "";
    public SubscriptionStatus Status { get; private set; }
    public string? PausedReason { get; private set; }
    public DateTimeOffset? PausedAt { get; private set; }
    /// <summary>Failed attempts in a row, over all its deliveries; a success resets it.</summary>
    public int ConsecutiveFailures { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>
    /// While a dispatcher (on any replica) is sending one of its notifications: taken with a
    /// conditional UPDATE, so exactly one sender per subscription at a time, in order.
    /// </summary>
    public DateTimeOffset? LeaseUntil { get; private set; }
    public uint Version { get; private set; }

    private Subscription() { }

    public static Subscription Register(string organisationId, string organisationType, string? municipality, string callbackUrl,
        IEnumerable<string> channels, IEnumerable<string> eventTypes, string secret, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), OrganisationId = organisationId, OrganisationType = organisationType,
        Municipality = organisationType == "municipality" ? municipality : null, CallbackUrl = callbackUrl,
        Channels = [.. channels.Distinct()], EventTypes = [.. eventTypes.Distinct()], Secret = secret,
        Status = SubscriptionStatus.Active, CreatedAt = now,
    };

    public bool Wants(string channel, string eventType) =>
        Channels.Contains(channel) && (EventTypes.Count == 0 || EventTypes.Contains(eventType));

    public void Pause(string reason, DateTimeOffset now)
    {
        Status = SubscriptionStatus.Paused;
        PausedReason = reason;
        PausedAt = now;
    }

    public void Resume()
    {
        Status = SubscriptionStatus.Active;
        PausedReason = null;
        PausedAt = null;
        ConsecutiveFailures = 0;
    }

    /// <summary>Counts a failed attempt; pauses the subscription after <paramref name="pauseAfter"/> in a row.</summary>
    public void Failed(int pauseAfter, DateTimeOffset now)
    {
        ConsecutiveFailures++;
        if (ConsecutiveFailures >= pauseAfter && Status == SubscriptionStatus.Active)
            Pause($"{ConsecutiveFailures} failed deliveries in a row.", now);
    }

    public void Succeeded() => ConsecutiveFailures = 0;

    public void ReleaseLease() => LeaseUntil = null;
}
