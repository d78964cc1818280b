using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;

namespace Platform.Http.Idempotency;

/// <summary>
/// Safe retries for every POST: a request with an <c>Idempotency-Key</c> is run once per organisation
/// and key; a retry with the same key and the same request gets the first answer again (with
/// <c>Idempotent-Replayed: true</c>), the same key with another request is 409, and a retry while the
/// first is still running is 409 with <c>Retry-After</c>. A first attempt that failed on the
/// server's side (5xx) before its work committed is forgotten, so its retry runs afresh; one that
/// stopped mid-way (a crash) is fenced off and run again after <see cref="IdempotencyOptions.Abandoned"/>
/// (<see cref="IdempotencyClaim"/>). Runs after authorisation: the key
/// belongs to the token's organisation, and a caller can never see another organisation's answer.
/// </summary>
public sealed partial class IdempotencyKeyMiddleware<TDbContext>(
    RequestDelegate next, IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock,
    ILogger<IdempotencyKeyMiddleware<TDbContext>> logger)
    where TDbContext : DbContext
{
    public const string ReplayedHeader = IdempotencyOptions.ReplayedHeader;

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || http.GetEndpoint() is not { } endpoint
            || http.Request.Headers[IdempotencyOptions.Header].ToString() is not { Length: > 0 } key
            || http.User.OrganisationIdOf() is not { } organisation)
        {
            await next(http);
            return;
        }
        if (!IsValidKey(key))
        {
            await TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [IdempotencyOptions.Header] = [$"1 to {IdempotencyOptions.MaxKeyLength} visible ASCII characters, e.g. a UUID."],
            }, title: "The Idempotency-Key is not valid.").ExecuteAsync(http);
            return;
        }

        var hash = await HashAsync(http.Request);
        var (claim, earlier) = await ClaimAsync(organisation, key, hash, http.RequestAborted);
        if (claim is null && earlier is { Completed: false } && earlier.RequestHash == hash
            && clock.GetUtcNow() - earlier.CreatedAt >= options.Value.Abandoned)
        {
            // The first attempt stopped mid-way (a crash): fence it off, then find out what it left.
            (claim, var done, var location) = await TakeOverAsync(earlier, http.RequestAborted);
            if (done)
            {
                // Where the work's resource is, when its handler said so before saving: the caller looks it up there.
                if (location is not null) http.Response.Headers.Location = location;
                await TypedResults.Problem(title: "The request with this Idempotency-Key was carried out, but its answer was lost.",
                    detail: location is null
                        ? "The service stopped just after doing the work. Look the resource up; do not send it again with a new key."
                        : $"The service stopped just after doing the work. Its result is at {location}; do not send it again with a new key.",
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["field"] = IdempotencyOptions.Header, ["location"] = location }).ExecuteAsync(http);
                return;
            }
        }
        if (claim is null)
        {
            // A replay through the endpoint (#25): its access checks run again and it answers as it would now.
            if (earlier is { Completed: true } && earlier.RequestHash == hash
                && endpoint.Metadata.GetMetadata<ReplayedAfterAccessChecks>() is not null)
            {
                if (Unprotect(http, earlier.Body) is not { } answer) { await UnreadableAsync(http, earlier); return; }
                http.Features.Set(new IdempotentReplay(earlier.Status!.Value, earlier.ContentType, earlier.Location, answer));
                await next(http);
                return;
            }
            await AnswerRetryAsync(http, earlier, hash);
            return;
        }
        http.Features.Set(claim);
        await RunOnceAsync(http, claim);
    }

    private static bool IsValidKey(string key) => key.Length <= IdempotencyOptions.MaxKeyLength && key.All(c => c is > ' ' and <= '~');

    /// <summary>Method, path with query, and body: what makes two requests "the same".</summary>
    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) sha.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Inserts the placeholder; if the key is taken, returns the row that took it.</summary>
    private async Task<(IdempotencyClaim? Claim, IdempotentRequest? Earlier)> ClaimAsync(string organisation, string key, string hash, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = IdempotencyClaim.Truncate(clock.GetUtcNow());
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO messaging.idempotent_requests (organisation_id, key, request_hash, created_at)
                VALUES ({organisation}, {key}, {hash}, {now}) ON CONFLICT (organisation_id, key) DO NOTHING
                """, ct);
            if (inserted == 1) return (new IdempotencyClaim(organisation, key, hash, now), null);
            var earlier = await db.Set<IdempotentRequest>().AsNoTracking()
                .FirstOrDefaultAsync(r => r.OrganisationId == organisation && r.Key == key, ct);
            // Gone in between (its first attempt failed, or it expired): claim it again.
            if (earlier is not null) return (null, earlier);
        }
        throw new InvalidOperationException("An idempotency key could neither be claimed nor found.");
    }

    /// <summary>
    /// For a placeholder whose attempt stopped without an answer: inserts that claim's commit marker
    /// as a fence. Inserted: the first attempt can no longer commit, and the key is claimed afresh.
    /// Already there: the work was done (<c>Done</c>), or another retry fenced it first (neither).
    /// </summary>
    private async Task<(IdempotencyClaim? Claim, bool Done, string? Location)> TakeOverAsync(IdempotentRequest earlier, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var marker = IdempotencyClaim.MarkerKeyOf(earlier.Key, earlier.CreatedAt);
        var now = IdempotencyClaim.Truncate(clock.GetUtcNow());
        var fenced = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO messaging.idempotent_requests (organisation_id, key, request_hash, created_at, status, completed_at)
            VALUES ({earlier.OrganisationId}, {marker}, {earlier.RequestHash}, {now}, {IdempotentRequest.Fenced}, {now})
            ON CONFLICT (organisation_id, key) DO NOTHING
            """, ct);
        if (fenced == 0)
        {
            var existing = await db.Set<IdempotentRequest>().AsNoTracking()
                .FirstOrDefaultAsync(r => r.OrganisationId == earlier.OrganisationId && r.Key == marker, ct);
            return (null, existing?.Status == IdempotentRequest.WorkCommitted, existing?.Location);
        }
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE messaging.idempotent_requests SET created_at = {now}
            WHERE organisation_id = {earlier.OrganisationId} AND key = {earlier.Key} AND status IS NULL AND created_at = {earlier.CreatedAt}
            """, ct);
        if (claimed == 1) LogTakenOver(logger, earlier.CreatedAt);
        return (claimed == 1 ? new IdempotencyClaim(earlier.OrganisationId, earlier.Key, earlier.RequestHash, now) : null, false, null);
    }

    private async Task AnswerRetryAsync(HttpContext http, IdempotentRequest? earlier, string hash)
    {
        if (earlier!.RequestHash != hash)
        {
            await Conflict(http, "This Idempotency-Key was used for another request.",
                "The same key with a different method, path or body: use a new key for a new request.").ExecuteAsync(http);
            return;
        }
        if (!earlier.Completed)
        {
            if (clock.GetUtcNow() - earlier.CreatedAt < options.Value.Abandoned)
            {
                http.Response.Headers.RetryAfter = "1";
                await Conflict(http, "The first request with this Idempotency-Key is still running.", "Retry shortly for its answer.").ExecuteAsync(http);
            }
            else
            {
                // Another retry is taking it over right now.
                http.Response.Headers.RetryAfter = "1";
                await Conflict(http, "The request with this Idempotency-Key is being run again after an interruption.", "Retry shortly for its answer.").ExecuteAsync(http);
            }
            return;
        }
        if (Unprotect(http, earlier.Body) is not { } answer) { await UnreadableAsync(http, earlier); return; }
        // The stored answer leaves the service again: on record first (the access log), or not at all.
        if (http.RequestServices.GetService<IReplayObserver>() is { } observer)
        {
            try
            {
                await observer.ReplayingAsync(http, earlier.Status!.Value, earlier.Location, http.RequestAborted);
            }
            catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
            {
                LogReplayUnrecorded(logger, ex);
                await TypedResults.Problem(title: "Temporarily unavailable.", statusCode: StatusCodes.Status503ServiceUnavailable,
                    detail: "The repeated answer could not be recorded, so it is not shown. Retry shortly.").ExecuteAsync(http);
                return;
            }
        }
        http.Response.StatusCode = earlier.Status!.Value;
        if (earlier.ContentType is not null) http.Response.ContentType = earlier.ContentType;
        if (earlier.Location is not null) http.Response.Headers.Location = earlier.Location;
        http.Response.Headers[ReplayedHeader] = "true";
        if (answer.Length > 0) await http.Response.Body.WriteAsync(answer, http.RequestAborted);
    }

    /// <summary>
    /// The stored answer as it was sent (a service with <see cref="IStoredAnswerProtection"/> keeps it
    /// encrypted); null when it can no longer be decrypted (the service's key was rotated since).
    /// </summary>
    private static byte[]? Unprotect(HttpContext http, byte[]? stored)
    {
        if (stored is not { Length: > 0 }) return [];
        try
        {
            return http.RequestServices.GetService<IStoredAnswerProtection>()?.Unprotect(stored) ?? stored;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Done, but its answer cannot be read any more: as for a lost answer, the caller looks the resource up.</summary>
    private static Task UnreadableAsync(HttpContext http, IdempotentRequest earlier)
    {
        if (earlier.Location is not null) http.Response.Headers.Location = earlier.Location;
        return TypedResults.Problem(title: "The request with this Idempotency-Key was carried out, but its answer can no longer be read.",
            detail: "Look the resource up; do not send it again with a new key.", statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["field"] = IdempotencyOptions.Header, ["location"] = earlier.Location }).ExecuteAsync(http);
    }

    private static IResult Conflict(HttpContext http, string title, string detail) => TypedResults.Problem(title: title, detail: detail,
        statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["field"] = IdempotencyOptions.Header });

    private async Task RunOnceAsync(HttpContext http, IdempotencyClaim claim)
    {
        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        // A keyed request runs to its end even if its caller hangs up (a client timeout): the retry is
        // owed the whole answer. Under the caller's cancellation the answer's body could be cut off,
        // and a cut-off body stored as the answer would be replayed to every retry.
        var callerGone = http.RequestAborted;
        http.RequestAborted = CancellationToken.None;
        try
        {
            await next(http);
        }
        catch
        {
            http.Response.Body = original;
            http.RequestAborted = callerGone;
            await ForgetUnlessDoneAsync(claim);
            throw;
        }
        http.Response.Body = original;
        http.RequestAborted = callerGone;
        var status = http.Response.StatusCode;
        var body = captured.ToArray();
        // An answer that says it has content but has none was interrupted: never store it as the answer.
        if (status >= 500 || (body.Length == 0 && http.Response.ContentType is not null)) await ForgetUnlessDoneAsync(claim);
        else await StoreAsync(claim, status, http.Response.ContentType, http.Response.Headers.Location.ToString(),
            http.RequestServices.GetService<IStoredAnswerProtection>() is { } protection && body.Length > 0 ? protection.Protect(body) : body);
        captured.Position = 0;
        await captured.CopyToAsync(original, callerGone);
    }

    /// <summary>Each update names the claim's time: a claim that was fenced off never touches its successor's row.</summary>
    private async Task StoreAsync(IdempotencyClaim claim, int status, string? contentType, string location, byte[] body)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            var loc = location.Length == 0 ? null : location;
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE messaging.idempotent_requests SET status = {status}, content_type = {contentType}, location = {loc}, body = {body}, completed_at = {clock.GetUtcNow()}
                WHERE organisation_id = {claim.OrganisationId} AND key = {claim.Key} AND created_at = {claim.ClaimedAt}
                """, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The work is done and its answer goes out; a retry finds the commit marker and is told the work was done, never runs it twice.
            LogNotStored(logger, ex);
        }
    }

    /// <summary>
    /// A failed attempt gives its key back so a retry runs afresh, unless its work committed before it
    /// failed: then the placeholder stays and a retry learns from the commit marker that it was done.
    /// </summary>
    private async Task ForgetUnlessDoneAsync(IdempotencyClaim claim)
    {
        if (claim.WorkCommitted) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"DELETE FROM messaging.idempotent_requests WHERE organisation_id = {claim.OrganisationId} AND key = {claim.Key} AND status IS NULL AND created_at = {claim.ClaimedAt}",
                CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The placeholder stays: after the abandon time a retry fences it off and runs the work, never twice.
            LogNotForgotten(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A replayed answer could not be recorded; it was withheld.")]
    private static partial void LogReplayUnrecorded(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A request's answer could not be stored for its retries.")]
    private static partial void LogNotStored(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A failed request's idempotency placeholder could not be removed.")]
    private static partial void LogNotForgotten(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An Idempotency-Key claimed at {ClaimedAt} had no answer after the abandon time; its attempt was fenced off and the request runs again.")]
    private static partial void LogTakenOver(ILogger logger, DateTimeOffset claimedAt);
}
