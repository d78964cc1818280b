using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Platform.Contracts.Audit;
using Platform.Messaging.Outbox;
using Platform.ServiceDefaults;

namespace Platform.Auditing;

/// <summary>
/// A request's record of whose data it touched. Handlers say what they read (<see cref="Read"/>,
/// <see cref="Searched"/>) and what they change (<see cref="Changed"/>); the audit filter writes the
/// records with the request's outcome. A change's record is staged in the outbox of the handler's own
/// <c>SaveChanges</c>, so it commits with the change or not at all.
/// </summary>
public interface IAuditTrail
{
    void Read(string recordType, string recordId, string? childReference);
    void Searched(string recordType, IEnumerable<(string RecordId, string? ChildReference)> found);
    void Exported(string recordType, string recordId, string? childReference);
    /// <summary>A retry with the same Idempotency-Key was answered again (#25 point 6): a look at the record like a read.</summary>
    void Replayed(string recordType, string recordId, string? childReference);
    /// <summary>Stages the record of a change on <paramref name="db"/>: it commits with the change it describes.</summary>
    void Changed(DbContext db, string action, string recordType, string recordId, string? childReference);
}

public sealed record PendingEntry(string Action, string RecordType, string? RecordId, string? ChildReference);

public sealed class AuditTrail(IHttpContextAccessor http, IHostEnvironment environment, TimeProvider clock) : IAuditTrail
{
    private readonly List<PendingEntry> _reads = [];

    /// <summary>Whether anything was recorded, read or changed: without, a refused request is recorded by its route id.</summary>
    public bool Touched { get; private set; }

    public IReadOnlyList<PendingEntry> Reads => _reads;

    public void Read(string recordType, string recordId, string? childReference) => Add(AuditActions.Read, recordType, recordId, childReference);

    public void Searched(string recordType, IEnumerable<(string RecordId, string? ChildReference)> found)
    {
        foreach (var (id, child) in found) Add(AuditActions.Search, recordType, id, child);
        Touched = true;
    }

    public void Exported(string recordType, string recordId, string? childReference) => Add(AuditActions.Export, recordType, recordId, childReference);

    public void Replayed(string recordType, string recordId, string? childReference) => Add(AuditActions.Replay, recordType, recordId, childReference);

    public void Changed(DbContext db, string action, string recordType, string recordId, string? childReference)
    {
        Touched = true;
        db.AddIntegrationEvent(Record(action, recordType, recordId, childReference, AuditOutcomes.Success), clock);
    }

    private void Add(string action, string recordType, string? recordId, string? childReference)
    {
        Touched = true;
        _reads.Add(new PendingEntry(action, recordType, recordId, childReference));
    }

    /// <summary>One record, with who asked and why, from the request.</summary>
    public AuditRecorded Record(string action, string recordType, string? recordId, string? childReference, string outcome)
    {
        var context = http.HttpContext;
        var user = context?.User ?? new ClaimsPrincipal();
        var (purpose, explanation) = context is null ? ("unknown", null) : AuditPurpose.Of(context);
        return new AuditRecorded(Guid.CreateVersion7(), environment.ApplicationName.ToLowerInvariant(), action, recordType, recordId, childReference,
            user.OrganisationIdOf() ?? "anonymous", user.OrganisationTypeOf(), user.FindFirst(PlatformClaims.ClientId)?.Value,
            user.FindFirst("act_sub")?.Value, purpose, explanation, outcome,
            (context?.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText,
            Activity.Current?.TraceId.ToString(), clock.GetUtcNow());
    }
}
