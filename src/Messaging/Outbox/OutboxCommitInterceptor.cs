using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Wakes the relay when outbox rows become visible to it: after <c>SaveChanges</c> when that ran
/// in its own transaction, or after the commit of an explicit transaction that contained it.
/// </summary>
internal sealed class OutboxCommitInterceptor<TDbContext>(OutboxSignal<TDbContext> signal)
    : SaveChangesInterceptor, IDbTransactionInterceptor where TDbContext : DbContext
{
    // Which contexts staged outbox rows in the save under way; weak so contexts are not kept alive.
    private static readonly ConditionalWeakTable<DbContext, object> Staging = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        RememberStaged(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        RememberStaged(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfVisible(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfVisible(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => signal.Notify();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        signal.Notify();
        return Task.CompletedTask;
    }

    private static void RememberStaged(DbContext? context)
    {
        if (context is null) return;
        Staging.Remove(context);
        if (context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
            Staging.Add(context, context);
    }

    private void NotifyIfVisible(DbContext? context)
    {
        // Inside an explicit transaction the rows are not visible yet: TransactionCommitted will wake the relay.
        if (context is not null && Staging.TryGetValue(context, out _) && context.Database.CurrentTransaction is null)
            signal.Notify();
    }
}
