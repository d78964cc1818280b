namespace Platform.Messaging.Outbox;

public sealed class OutboxRelayOptions
{
    /// <summary>Off only for tools and tests that drive <see cref="OutboxRelay{TDbContext}.PublishBatchAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Rows published per lease; the lease is held (and a transaction open) for one batch.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Publishes started before the first of them must be confirmed. 1 publishes strictly one at a
    /// time (each waits for its confirm before the next starts, so even a failure never lets a later
    /// row reach the broker before an earlier one). Larger windows send the rows in the same order
    /// but a failure mid-window can let rows after the failed one through first; they are sent again
    /// after it. Consumers take events in any order anyway (docs/monitoring.md).
    /// </summary>
    public int MaxInFlight { get; set; } = 100;

    /// <summary>How often the relay looks without being woken: catches commits by other replicas.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one publish may wait for the broker's confirm before the batch stops.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First and longest wait after a failed batch (broker or database down): doubling in between.</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);
}
