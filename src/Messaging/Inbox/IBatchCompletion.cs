namespace Platform.Messaging.Inbox;

/// <summary>
/// A database context with bookkeeping of its own to write once per transaction rather than once per message: the batch calls
/// it after the effects of all its messages, before it saves and commits (<see cref="InboxBatch{TDbContext}"/>).
/// </summary>
public interface IBatchCompletion
{
    Task CompleteBatchAsync(CancellationToken ct);
}
