using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Messaging.Outbox;

namespace Platform.Auditing;

/// <summary>
/// Writes the audit records of a request to child-level data when it has its outcome: what the
/// handler read, and, for a refused or denied request that read nothing, the attempt itself (by the
/// record id in its route). Reads are recorded before the data leaves: if the records cannot be
/// written, the caller gets 503, not the data. Records go through the service's outbox to the Audit
/// service, which keeps them apart from the data.
/// </summary>
public sealed partial class AuditFilter<TDbContext>(AuditTrail trail, IServiceScopeFactory scopes, ILogger<AuditFilter<TDbContext>> logger)
    : IEndpointFilter where TDbContext : DbContext
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (AuditPurpose.Invalid(http) is var (field, message))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The purpose header is not valid.");
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            await RecordFailureAsync(http, ex);
            throw;
        }
        var status = StatusOf(result);
        try
        {
            await FlushAsync(Entries(http, AuditOutcomes.Of(status)), http.RequestAborted);
        }
        catch (Exception ex) when (HttpMethods.IsGet(http.Request.Method) && status < 400)
        {
            LogUnrecorded(logger, ex);
            return TypedResults.Problem(title: "Temporarily unavailable.", statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: "The access could not be recorded, so nothing is shown. Retry shortly.");
        }
        return result;
    }

    /// <summary>
    /// The status the answer will have. A typed handler's <c>Results&lt;...&gt;</c> carries no status
    /// itself: the result it wraps does (else a typed 404 would be logged as a success).
    /// </summary>
    private static int StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } code } => code,
        _ => StatusCodes.Status200OK,
    };

    private List<Contracts.Audit.AuditRecorded> Entries(HttpContext http, string outcome)
    {
        var records = trail.Reads.Select(e => trail.Record(e.Action, e.RecordType, e.RecordId, e.ChildReference, outcome)).ToList();
        if (!trail.Touched && outcome != AuditOutcomes.Success)
        {
            var audited = http.GetEndpoint()?.Metadata.GetMetadata<AuditedAttribute>();
            var id = http.Request.RouteValues.TryGetValue("id", out var value) ? value?.ToString() : null;
            records.Add(trail.Record(ActionOf(http.Request.Method, id), audited?.RecordType ?? "unknown", id, null, outcome));
        }
        return records;
    }

    internal static string ActionOf(string method, string? id) => method switch
    {
        "GET" => id is null ? AuditActions.Search : AuditActions.Read,
        "POST" => id is null ? AuditActions.Create : AuditActions.Update,
        "DELETE" => AuditActions.Delete,
        _ => AuditActions.Update,
    };

    /// <summary>A request that failed on an exception is recorded as failed (when the database lets us); the exception goes on.</summary>
    private async Task RecordFailureAsync(HttpContext http, Exception ex)
    {
        try
        {
            await FlushAsync(Entries(http, AuditOutcomes.Failed), CancellationToken.None);
        }
        catch (Exception flush)
        {
            LogUnrecordedFailure(logger, flush, ex.GetType().Name);
        }
    }

    private async Task FlushAsync(IReadOnlyList<Contracts.Audit.AuditRecorded> records, CancellationToken ct)
    {
        if (records.Count == 0) return;
        // A scope of its own: a refused request may leave unsaved changes on the request's context.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        foreach (var record in records) db.AddIntegrationEvent(record);
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit records could not be written; the read was refused.")]
    private static partial void LogUnrecorded(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit records of a failed request ({Failure}) could not be written.")]
    private static partial void LogUnrecordedFailure(ILogger logger, Exception ex, string failure);
}
