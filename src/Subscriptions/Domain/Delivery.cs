namespace Platform.Subscriptions.Domain;

/// <summary>pending → delivered; pending → (attempts exhausted) failed → (redelivery) pending.</summary>
public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>One attempt to deliver, kept in the delivery log.</summary>
public sealed record DeliveryAttempt(int Number, DateTimeOffset At, int? StatusCode, string? Error, int DurationMs);

/// <summary>
/// One notification for one subscription. The body is fixed at creation (the same delivery id and
/// body on every attempt, so receivers can deduplicate); each attempt signs it with a fresh timestamp.
/// </summary>
public sealed class Delivery
{
    public Guid Id { get; private set; }
    public Guid SubscriptionId { get; private set; }
    /// <summary>The integration event's message id: with the subscription, unique, so a redelivered event notifies once.</summary>
    public Guid MessageId { get; private set; }
    public string Channel { get; private set; } = "";
    public string EventType { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public List<DeliveryAttempt> Log { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }

    private Delivery() { }

    public static Delivery For(Subscription subscription, Guid messageId, string channel, string eventType, string body, Guid id, DateTimeOffset now) => new()
    {
        Id = id, SubscriptionId = subscription.Id, MessageId = messageId, Channel = channel, EventType = eventType, Body = body,
        Status = DeliveryStatus.Pending, NextAttemptAt = now, CreatedAt = now,
    };

    public void Succeeded(DeliveryAttempt attempt)
    {
        Attempts++;
        Log.Add(attempt);
        Status = DeliveryStatus.Delivered;
        DeliveredAt = attempt.At;
    }

    /// <summary>Exponential back-off (base × 2^(attempt-1), capped); after the last attempt it is failed, to be redelivered by hand.</summary>
    public void Failed(DeliveryAttempt attempt, TimeSpan baseDelay, TimeSpan maxDelay, int maxAttempts)
    {
        Attempts++;
        Log.Add(attempt);
        if (Attempts >= maxAttempts)
        {
            Status = DeliveryStatus.Failed;
            return;
        }
        var delay = TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, baseDelay.Ticks * (1L << Math.Min(Attempts - 1, 30))));
        NextAttemptAt = attempt.At + delay;
    }

    public uint Version { get; private set; }

    /// <summary>A failed (or, on request, a delivered) notification goes out again, same id and body. A pending one is on its way already.</summary>
    public void Redeliver(DateTimeOffset now)
    {
        if (Status == DeliveryStatus.Pending) throw new IllegalTransitionException("This notification is still being delivered.");
        Status = DeliveryStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }

    /// <summary>On resume: a notification backing off is due at once.</summary>
    public void DueNow(DateTimeOffset now)
    {
        if (Status == DeliveryStatus.Pending && NextAttemptAt > now) NextAttemptAt = now;
    }
}
