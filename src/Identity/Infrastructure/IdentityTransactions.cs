using Microsoft.EntityFrameworkCore;

namespace Platform.Identity.Infrastructure;

internal static class IdentityTransactions
{
    /// <summary>
    /// An administrative change and its access-log record in one transaction, under the database's retrying strategy.
    /// Unlike the jobs' <c>InTransactionAsync</c> it keeps the change tracker: OpenIddict's managers cache the applications
    /// they found in this request, and a cleared tracker would meet a cached copy of the same row.
    /// </summary>
    public static Task<T> CommitAsync<T>(this IdentityDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(ct, async token =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await db.SaveChangesAsync(token);
            await tx.CommitAsync(token);
            return result;
        });
}
