namespace Platform.Http.Idempotency;

/// <summary>
/// A POST an organisation sent with an <c>Idempotency-Key</c>: first a placeholder (the request is
/// running), then the answer it got, so a retry with the same key and body gets that answer again
/// instead of doing the work twice. Kept for <see cref="IdempotencyOptions.Retention"/>.
/// </summary>
public sealed class IdempotentRequest
{
    public string OrganisationId { get; private set; } = "";
    public string Key { get; private set; } = "";
    /// <summary>SHA-256 of method, path and body: the same key for another request is a conflict.</summary>
    public string RequestHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public int? Status { get; private set; }
    public string? ContentType { get; private set; }
    public string? Location { get; private set; }
    public byte[]? Body { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    private IdempotentRequest() { }

    public bool Completed => Status is not null;

    /// <summary>
    /// A commit marker (<see cref="IdempotencyClaim"/>): a row of its own, under a key no client can
    /// send (it holds a space), saying that one claim's work committed (<see cref="WorkCommitted"/>)
    /// or that a retry fenced the claim off so it never will (<see cref="Fenced"/>).
    /// </summary>
    public static IdempotentRequest Marker(string organisationId, string markerKey, string requestHash, int status, DateTimeOffset now, string? location = null) => new()
    {
        OrganisationId = organisationId, Key = markerKey, RequestHash = requestHash, Status = status, CreatedAt = now, CompletedAt = now, Location = location,
    };

    public const int WorkCommitted = 0;
    public const int Fenced = -1;
}
