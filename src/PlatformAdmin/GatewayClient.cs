using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.PlatformAdmin;

/// <summary>
/// The region's office's client on the platform's gateway: a client-credentials token with scope <c>identity</c>
/// (renewed when it runs out), then Identity's admin API.
/// </summary>
public sealed class GatewayClient(HttpClient http, string clientId, string clientSecret) : IDisposable
{
    private string? _token;
    private DateTimeOffset _expires;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var token = await TokenAsync(ct);
        return await WithinLimitsAsync(() =>
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null) request.Content = JsonContent.Create(body);
            else if (method == HttpMethod.Post) request.Content = JsonContent.Create(new { });
            return request;
        }, ct);
    }

    /// <summary>The gateway's rate limits answer 429 with Retry-After: wait as it says, a few times, as every client should.</summary>
    private async Task<HttpResponseMessage> WithinLimitsAsync(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            var response = await http.SendAsync(message, ct);
            if (response.StatusCode != System.Net.HttpStatusCode.TooManyRequests || attempt == 5) return response;
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2);
            response.Dispose();
            await Task.Delay(wait < TimeSpan.FromSeconds(30) ? wait : TimeSpan.FromSeconds(30), ct);
        }
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (_token is not null && DateTimeOffset.UtcNow < _expires) return _token;
        using var response = await WithinLimitsAsync(() => new HttpRequestMessage(HttpMethod.Post, "connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = clientSecret, ["scope"] = "identity",
            }),
        }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        JsonElement json;
        try { json = JsonDocument.Parse(body).RootElement; }
        catch (JsonException) { throw new AdminException($"No token for {clientId}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 500)]}"); }
        if (!response.IsSuccessStatusCode || !json.TryGetProperty("access_token", out var token))
            throw new AdminException($"No token for {clientId}: {(int)response.StatusCode} {json.GetRawText()}");
        _token = token.GetString()!;
        _expires = DateTimeOffset.UtcNow.AddSeconds(json.TryGetProperty("expires_in", out var seconds) ? seconds.GetInt32() - 30 : 60);
        return _token;
    }

    public void Dispose() => http.Dispose();
}

/// <summary>A failure to tell the user about in one line (exit code 1), not a stack trace.</summary>
public sealed class AdminException(string message) : Exception(message);
