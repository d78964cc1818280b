using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Http.Idempotency;
using Platform.Messaging.Outbox;

namespace Platform.Auditing;

/// <summary>
/// An idempotent replay sends a stored answer (which may hold a child's data) again without running
/// the endpoint, so its audit filter never sees it: this records it (#25 point 7, NEN 7513) as a
/// <c>replay</c> of the record the route names, or the one the answer's <c>Location</c> points at,
/// committed before the answer leaves. The record's child reference is not known here; the Audit
/// service's report joins it to the child by the record id.
/// </summary>
public sealed class ReplayRecorder<TDbContext>(AuditTrail trail, IServiceScopeFactory scopes) : IReplayObserver where TDbContext : DbContext
{
    public async Task ReplayingAsync(HttpContext http, int status, string? location, CancellationToken ct)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<AuditedAttribute>() is not { } audited) return;
        var id = http.Request.RouteValues.TryGetValue("id", out var value) ? value?.ToString() : null;
        id ??= location?.TrimEnd('/').Split('/')[^1];
        var record = trail.Record(AuditActions.Replay, audited.RecordType, id, null, AuditOutcomes.Of(status));
        if (!AuditPurpose.Known.Contains(record.Purpose)) record = record with { Purpose = audited.Purpose };
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        db.AddIntegrationEvent(record);
        await db.SaveChangesAsync(ct);
    }
}
