using Microsoft.EntityFrameworkCore;

namespace Platform.Jobs;

/// <summary>The one shape every timer uses to claim and change rows.</summary>
public static class Transactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction under the database's retrying strategy, on a
    /// fresh change tracker each attempt (so a retried attempt reads the rows again), then saves and
    /// commits. Row locks the work takes (<c>FOR UPDATE SKIP LOCKED</c>) last until the commit.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async token =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await db.SaveChangesAsync(token);
            await tx.CommitAsync(token);
            return result;
        });
}
