using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;

namespace Platform.Messaging.Idempotency;

/// <summary>
/// Safe retries for every POST: a request with an <c>Idempotency-Key</c> is run once per organisation
/// and key; a retry with the same key and the same request gets the first answer again (with
/// <c>Idempotent-Replayed: true</c>), the same key with another request is 409, and a retry while the
/// first is still running is 409 with <c>Retry-After</c>. A first attempt that failed on the
/// server's side (5xx) is forgotten, so its retry runs afresh. Runs after authorisation: the key
/// belongs to the token's organisation, and a caller can never see another organisation's answer.
/// </summary>
public sealed partial class IdempotencyKeyMiddleware<TDbContext>(
    RequestDelegate next, IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock,
    ILogger<IdempotencyKeyMiddleware<TDbContext>> logger)
    where TDbContext : DbContext
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || http.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<HandlesIdempotencyKeyItself>() is not null
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
        var (claimed, earlier) = await ClaimAsync(organisation, key, hash, http.RequestAborted);
        if (!claimed)
        {
            await AnswerRetryAsync(http, earlier, hash);
            return;
        }
        await RunOnceAsync(http, organisation, key);
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
    private async Task<(bool Claimed, IdempotentRequest? Earlier)> ClaimAsync(string organisation, string key, string hash, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO messaging.idempotent_requests (organisation_id, key, request_hash, created_at)
                VALUES ({organisation}, {key}, {hash}, {clock.GetUtcNow()}) ON CONFLICT (organisation_id, key) DO NOTHING
                """, ct);
            if (inserted == 1) return (true, null);
            var earlier = await db.Set<IdempotentRequest>().AsNoTracking()
                .FirstOrDefaultAsync(r => r.OrganisationId == organisation && r.Key == key, ct);
            // Gone in between (its first attempt failed, or it expired): claim it again.
            if (earlier is not null) return (false, earlier);
        }
        throw new InvalidOperationException("An idempotency key could neither be claimed nor found.");
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
                await Conflict(http, "The outcome of the first request with this Idempotency-Key is unknown.",
                    "The service stopped while it ran. Look the resource up before you send it again with a new key.").ExecuteAsync(http);
            }
            return;
        }
        http.Response.StatusCode = earlier.Status!.Value;
        if (earlier.ContentType is not null) http.Response.ContentType = earlier.ContentType;
        if (earlier.Location is not null) http.Response.Headers.Location = earlier.Location;
        http.Response.Headers[ReplayedHeader] = "true";
        if (earlier.Body is { Length: > 0 } body) await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    private static IResult Conflict(HttpContext http, string title, string detail) => TypedResults.Problem(title: title, detail: detail,
        statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["field"] = IdempotencyOptions.Header });

    private async Task RunOnceAsync(HttpContext http, string organisation, string key)
    {
        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await next(http);
        }
        catch
        {
            http.Response.Body = original;
            await ForgetAsync(organisation, key);
            throw;
        }
        http.Response.Body = original;
        var status = http.Response.StatusCode;
        if (status >= 500) await ForgetAsync(organisation, key);
        else await StoreAsync(organisation, key, status, http.Response.ContentType, http.Response.Headers.Location.ToString(), captured.ToArray());
        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
    }

    private async Task StoreAsync(string organisation, string key, int status, string? contentType, string location, byte[] body)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            var loc = location.Length == 0 ? null : location;
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE messaging.idempotent_requests SET status = {status}, content_type = {contentType}, location = {loc}, body = {body}, completed_at = {clock.GetUtcNow()}
                WHERE organisation_id = {organisation} AND key = {key}
                """, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The work is done and its answer goes out; a retry is told the outcome is unknown, never run twice.
            LogNotStored(logger, ex);
        }
    }

    private async Task ForgetAsync(string organisation, string key)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"DELETE FROM messaging.idempotent_requests WHERE organisation_id = {organisation} AND key = {key} AND status IS NULL", CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The placeholder stays: a retry is told the outcome is unknown after the abandon time, never run twice.
            LogNotForgotten(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A request's answer could not be stored for its retries.")]
    private static partial void LogNotStored(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A failed request's idempotency placeholder could not be removed.")]
    private static partial void LogNotForgotten(ILogger logger, Exception ex);
}

public static class IdempotencyRegistration
{
    /// <summary>Safe retries for the service's POSTs. Call after <c>UseAuthorization</c>.</summary>
    public static IApplicationBuilder UseIdempotencyKeys<TDbContext>(this IApplicationBuilder app) where TDbContext : DbContext =>
        app.UseMiddleware<IdempotencyKeyMiddleware<TDbContext>>();
}
