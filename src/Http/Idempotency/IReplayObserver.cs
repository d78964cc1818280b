using Microsoft.AspNetCore.Http;

namespace Platform.Http.Idempotency;

/// <summary>
/// Told before a stored answer is sent again to a retry with the same <c>Idempotency-Key</c>, so the
/// access log can record that the answer left the service once more (src/Auditing registers one).
/// If it throws, the answer is withheld (503).
/// </summary>
public interface IReplayObserver
{
    Task ReplayingAsync(HttpContext http, int status, string? location, CancellationToken ct);
}
