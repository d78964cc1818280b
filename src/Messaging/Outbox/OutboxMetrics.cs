using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Platform.Messaging.Outbox;

/// <summary>
/// The outbox as an operator's alert sees it (docs/operations.md, "Alerts"): how old the oldest row
/// waiting to be published is (<c>platform.outbox.oldest_pending_age</c>, seconds; 0 when nothing
/// waits), and how many rows were set aside as unpublishable. The age is computed when the exporter
/// collects, from the creation time of the oldest row the relay last saw waiting: a relay that stops
/// (the broker away, the database away, a hung process) shows as an age that keeps growing.
/// Observable, like the job figures: the relay runs with instrumentation suppressed.
/// </summary>
internal static class OutboxMetrics
{
    private static readonly Meter Meter = new(MessagingTelemetry.SourceName);
    private static readonly ConcurrentDictionary<string, DateTimeOffset?> OldestPending = new();
    private static readonly ConcurrentDictionary<string, long> DeadLettered = new();

    static OutboxMetrics()
    {
        Meter.CreateObservableGauge("platform.outbox.oldest_pending_age", () => OldestPending.Select(o => new Measurement<double>(
                o.Value is { } since ? Math.Max(0, (DateTimeOffset.UtcNow - since).TotalSeconds) : 0,
                new KeyValuePair<string, object?>("outbox", o.Key))),
            "s", "Age of the oldest outbox row waiting to be published; 0 when none waits.");
        Meter.CreateObservableCounter("platform.outbox.dead_lettered", () => DeadLettered.Select(o => new Measurement<long>(o.Value,
                new KeyValuePair<string, object?>("outbox", o.Key))),
            "{row}", "Outbox rows no code could publish, set aside for an operator.");
    }

    /// <summary>After a pass: the oldest row still waiting (null when the pass left none).</summary>
    public static void Waiting(string outbox, DateTimeOffset? oldest) => OldestPending[outbox] = oldest;

    public static void SetAside(string outbox) => DeadLettered.AddOrUpdate(outbox, 1, (_, n) => n + 1);
}
