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
/// retries, the calls that waited for another service to catch up. Retries follow the README's advice: the same
/// Idempotency-Key after a 5xx, a 429, a timeout or a refused connection, waiting Retry-After or backing off.
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

    /// <summary>The organisation's own client through the gateway.</summary>
    public Task<HttpClient> For(string organisation, CancellationToken ct) => _clients.GetOrAdd(organisation, id => new Lazy<Task<HttpClient>>(async () =>
        PlatformApi.Client(gateway, await RenewedToken.CreateAsync(_anonymous, id, ct)))).Value;

    /// <summary>One call that must answer <paramref name="expected"/>; its JSON body, or a <see cref="StepFailed"/>.</summary>
    public async Task<JsonElement> CallAsync(string step, string organisation, HttpMethod method, string path, object? body, HttpStatusCode expected,
        CancellationToken ct, string? idempotencyKey = null)
    {
        var (status, json, detail) = await SendAsync(organisation, method, path, body, idempotencyKey ?? (method == HttpMethod.Post ? Guid.NewGuid().ToString() : null), ct);
        if (status != expected) throw new StepFailed(step, (int)status, detail);
        return json;
    }

    /// <summary>
    /// A call another service answers 422 until an event has reached it (the consent a TLV or handover needs): repeated with a
    /// new Idempotency-Key each time (a stored 422 would otherwise come back), for up to a minute.
    /// </summary>
    public async Task<JsonElement> CallOnceCaughtUpAsync(string step, string organisation, string path, object body, HttpStatusCode expected, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (true)
        {
            var (status, json, detail) = await SendAsync(organisation, HttpMethod.Post, path, body, Guid.NewGuid().ToString(), ct);
            if (status == expected) return json;
            if (status != HttpStatusCode.UnprocessableEntity || Stopwatch.GetTimestamp() > until) throw new StepFailed(step, (int)status, detail);
            Interlocked.Increment(ref _waits);
            await Task.Delay(250, ct);
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Json, string Detail)> SendAsync(string organisation, HttpMethod method, string path, object? body,
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
                if (!((int)status >= 500 || status == HttpStatusCode.TooManyRequests) || attempt >= 5)
                    return (status, text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : default,
                        text.Length > 300 ? text[..300] : text);
                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested && attempt < 5)
            {
                Latency.RecordSince(started);
            }
            Interlocked.Increment(ref _retries);
            await Task.Delay(retryAfter ?? TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble() / 2)), ct);
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated && c.Value.IsCompletedSuccessfully)) client.Value.Result.Dispose();
        _anonymous.Dispose();
    }
}
