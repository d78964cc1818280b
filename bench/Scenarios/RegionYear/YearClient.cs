using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Platform.Bench.LoadDriver;

namespace Platform.Bench.Scenarios.RegionYear;

/// <summary>A call answered with another status than the journey's next step needs: the journey stops there.</summary>
public sealed class StepFailed(string step, int status, string detail) : Exception($"{step}: {status} {detail}")
{
    public string Step { get; } = step;
    public int Status { get; } = status;
}

/// <summary>
/// Each organisation's client through the gateway (its own token, renewed), and every call of the year counted: latency,
/// retries, the calls that waited for another service to catch up. Retries follow the README's advice (see SendAsync).
/// </summary>
public sealed class YearClient(Uri gateway) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _anonymous = PlatformApi.Client(gateway, null);
    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _clients = new();
    private long _requests, _retries, _waits;

    public LatencyRecorder Latency { get; } = new();
    public long Requests => Interlocked.Read(ref _requests);
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Calls repeated because another service had not yet received the consent they need (a 422 the README says to repeat).</summary>
    public long Waits => Interlocked.Read(ref _waits);

    /// <summary>Referrals whose child turned out to have a case the school may not see (a random BSN met another step's child).</summary>
    public long KnownChildren => Interlocked.Read(ref _known);

    private long _known;

    public void KnownChild() => Interlocked.Increment(ref _known);

    /// <summary>The organisation's own client through the gateway (a failed token fetch is forgotten, so the next call tries again).</summary>
    public async Task<HttpClient> For(string organisation, CancellationToken ct)
    {
        var client = _clients.GetOrAdd(organisation, id => new Lazy<Task<HttpClient>>(async () =>
            PlatformApi.Client(gateway, await RenewedToken.CreateAsync(_anonymous, id, ct))));
        try
        {
            return await client.Value;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _clients.TryRemove(new KeyValuePair<string, Lazy<Task<HttpClient>>>(organisation, client));
            throw new StepFailed("token", 0, $"{organisation}: {ex.Message}");
        }
    }

    /// <summary>One call that must answer <paramref name="expected"/>; its JSON body, or a <see cref="StepFailed"/>.</summary>
    public async Task<JsonElement> CallAsync(string step, string organisation, HttpMethod method, string path, object? body, HttpStatusCode expected,
        CancellationToken ct, string? idempotencyKey = null)
    {
        var (status, json, text) = await SendAsync(step, organisation, method, path, body, idempotencyKey ?? (method == HttpMethod.Post ? Guid.NewGuid().ToString() : null), ct);
        if (status != expected) throw new StepFailed(step, (int)status, Short(text));
        return json;
    }

    /// <summary>
    /// A call another service answers 422 until an event has reached it (the consent a TLV or handover needs; <paramref name="notYet"/>
    /// tells that answer from a real refusal by its text): repeated with a new Idempotency-Key each time (a stored 422 would
    /// otherwise come back), for up to a minute. Any other answer ends it at once.
    /// </summary>
    public async Task<JsonElement> CallOnceCaughtUpAsync(string step, string organisation, string path, object body, HttpStatusCode expected,
        Func<string, bool> notYet, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (true)
        {
            var (status, json, text) = await SendAsync(step, organisation, HttpMethod.Post, path, body, Guid.NewGuid().ToString(), ct);
            if (status == expected) return json;
            if (status != HttpStatusCode.UnprocessableEntity || !notYet(text) || Stopwatch.GetTimestamp() > until) throw new StepFailed(step, (int)status, Short(text));
            Interlocked.Increment(ref _waits);
            await Task.Delay(250, ct);
        }
    }

    private static string Short(string text) => text.Length > 300 ? text[..300] : text;

    /// <summary>
    /// One request, retried as the README advises: after a 5xx, a 429, a 409 with Retry-After (the same key still being
    /// handled), a timeout or a refused connection, with the same Idempotency-Key, waiting Retry-After or backing off from
    /// 0.5 s doubling to 8 s; five attempts, then the journey stops at this step.
    /// </summary>
    private async Task<(HttpStatusCode Status, JsonElement Json, string Text)> SendAsync(string step, string organisation, HttpMethod method, string path, object? body,
        string? idempotencyKey, CancellationToken ct)
    {
        var client = await For(organisation, ct);
        var content = body is null ? null : JsonSerializer.Serialize(body, Json);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            if (content is not null) request.Content = new StringContent(content, Encoding.UTF8, "application/json");
            else if (method == HttpMethod.Post) request.Content = new StringContent("", Encoding.UTF8);
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
            Interlocked.Increment(ref _requests);
            var started = Stopwatch.GetTimestamp();
            TimeSpan? retryAfter = null;
            try
            {
                using var response = await client.SendAsync(request, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                Latency.RecordSince(started);
                var status = response.StatusCode;
                retryAfter = response.Headers.RetryAfter?.Delta;
                var again = (int)status >= 500 || status == HttpStatusCode.TooManyRequests || (status == HttpStatusCode.Conflict && retryAfter is not null);
                if (!again || attempt >= 5) return (status, Parse(step, text), text);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                Latency.RecordSince(started);
                if (attempt >= 5) throw new StepFailed(step, 0, $"{ex.GetType().Name}: {ex.Message}");
            }
            Interlocked.Increment(ref _retries);
            var backOff = TimeSpan.FromMilliseconds(Math.Min(8_000, 500 * Math.Pow(2, attempt - 1)) * (0.5 + Random.Shared.NextDouble() / 2));
            await Task.Delay(retryAfter ?? backOff, ct);
        }
    }

    private static JsonElement Parse(string step, string text)
    {
        if (text.Length == 0 || text[0] is not ('{' or '[')) return default;
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new StepFailed(step, 0, $"unreadable JSON: {ex.Message}");
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated && c.Value.IsCompletedSuccessfully)) client.Value.Result.Dispose();
        _anonymous.Dispose();
    }
}
