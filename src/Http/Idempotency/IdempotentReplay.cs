using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.Http.Idempotency;

/// <summary>
/// The first answer to a keyed request, handed to the endpoint on a retry with the same key and body
/// (instead of being sent by the middleware) when the endpoint is <see cref="IdempotentReplays.ReplayedAfterAccessChecks"/>.
/// </summary>
public sealed record IdempotentReplay(int Status, string? ContentType, string? Location, byte[] Body);

/// <summary>Endpoint metadata: its retries go through its filters (tenancy, per-action checks) before the stored answer.</summary>
public sealed class ReplayedAfterAccessChecks;

public static class IdempotentReplays
{
    /// <summary>
    /// A retry with the same Idempotency-Key passes the endpoint's filters added before this one (who may
    /// see the record, whose move it is) as a new request would (#25 point 6): a caller that may no longer
    /// see the record gets what it would get now, never the stored answer. Then <paramref name="answer"/>
    /// gives the answer (<see cref="Stored"/> by default, or one rendered afresh); the handler never runs
    /// twice. Add it last, after the endpoint's access filters.
    /// </summary>
    public static TBuilder ReplayedAfterAccessChecks<TBuilder>(this TBuilder builder, Func<HttpContext, IdempotentReplay, Task<IResult>> answer)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new ReplayedAfterAccessChecks());
        return builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Features.Get<IdempotentReplay>() is { } replay ? await answer(context.HttpContext, replay) : await next(context));
    }

    /// <summary>The stored answer as it was first sent, marked <c>Idempotent-Replayed: true</c>.</summary>
    public static IResult Stored(IdempotentReplay replay) => new StoredAnswer(replay);

    private sealed class StoredAnswer(IdempotentReplay replay) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => replay.Status;

        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = replay.Status;
            if (replay.ContentType is not null) http.Response.ContentType = replay.ContentType;
            if (replay.Location is not null) http.Response.Headers.Location = replay.Location;
            http.Response.Headers[IdempotencyOptions.ReplayedHeader] = "true";
            if (replay.Body.Length > 0) await http.Response.Body.WriteAsync(replay.Body, http.RequestAborted);
        }
    }
}
