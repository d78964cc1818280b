using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Http.Idempotency;

/// <summary>
/// Adds the running request's commit marker (<see cref="IdempotencyClaim"/>) to the first SaveChanges
/// of its work, so the marker commits in the same transaction as the work or not at all.
/// </summary>
internal sealed class IdempotencyCommitInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && ClaimOf(db) is { } claim
            && !db.ChangeTracker.Entries<IdempotentRequest>().Any(e => e.Entity.OrganisationId == claim.OrganisationId && e.Entity.Key == claim.MarkerKey))
        {
            db.Add(IdempotentRequest.Marker(claim.OrganisationId, claim.MarkerKey, claim.RequestHash, IdempotentRequest.WorkCommitted, clock.GetUtcNow(), claim.ResourceLocation));
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // Committed now, unless an explicit transaction is still open: then only when it commits, which
        // the handler does before it answers. Either way, a handler that fails after this point leaves
        // the placeholder for a retry to find, rather than forgetting work that is done.
        if (eventData.Context is { } db && ClaimOf(db) is { } claim) claim.WorkCommitted = true;
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    private IdempotencyClaim? ClaimOf(DbContext db) =>
        http.HttpContext?.Features.Get<IdempotencyClaim>() is { WorkCommitted: false } claim && db.Model.FindEntityType(typeof(IdempotentRequest)) is not null
            ? claim
            : null;
}
