namespace Platform.Messaging.Outbox;

/// <summary>
/// Wakes the relay of one database right after a commit that may have written outbox rows, so an
/// event leaves within milliseconds instead of at the next poll. Polling stays as the safety net
/// (a commit by another replica, or a signal lost in a crash).
/// </summary>
public sealed class OutboxSignal<TDbContext>
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        // At most one pending wake-up: the relay drains everything committed so far anyway.
        if (_pending.CurrentCount == 0)
        {
            try { _pending.Release(); }
            catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _pending.WaitAsync(timeout, ct);
}
