namespace Platform.Subscriptions;

/// <summary>The delivery policy (docs/subscriptions.md). Development and tests loosen the callback rules; production never does.</summary>
public sealed class DeliveryOptions
{
    /// <summary>The gateway's public address: notifications point at resources behind it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";
    /// <summary>Allow http:// callbacks (Development only).</summary>
    public bool AllowInsecureCallbacks { get; set; }
    /// <summary>Allow loopback, link-local and private-range callback targets (Development only).</summary>
    public bool AllowPrivateCallbacks { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);
    public int MaxAttempts { get; set; } = 8;
    /// <summary>Failed attempts in a row (over all its deliveries) that pause a subscription.</summary>
    public int PauseAfterFailures { get; set; } = 10;
    public bool DispatcherEnabled { get; set; } = true;
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    /// <summary>How long a claimed delivery is left to its sender before another pass may take it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
}
