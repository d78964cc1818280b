namespace Platform.Messaging.Inbox;

public sealed class InboxOptions
{
    /// <summary>
    /// How long a handled message id is remembered. Redeliveries come within minutes; a replay
    /// from the error queue by an operator may come days later, so keep it generous.
    /// </summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The most messages of batched consumers handled in one transaction (<see cref="InboxBatch{TDbContext}"/>). A batch is what
    /// arrived while the previous one committed: under a trickle, one message; under a backlog, up to this many.
    /// </summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How many batches are written side by side (each on its own connection): a batch waits mostly on round trips.</summary>
    public int BatchWriters { get; set; } = 4;

    /// <summary>How many messages a batched consumer's queue hands the service at once: enough to fill a batch while the last commits.</summary>
    public int BatchPrefetch { get; set; } = 128;
}
