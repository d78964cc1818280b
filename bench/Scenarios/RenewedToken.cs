using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Bench.Scenarios;

/// <summary>
/// An organisation's client-credentials token, fetched again when it is ten minutes old: access tokens
/// live fifteen, and a full run takes longer. Demo clients' secrets are <c>&lt;id&gt;-dev-secret</c>.
/// </summary>
internal sealed class RenewedToken(HttpClient anonymous, string clientId, string first)
{
    private (string Value, DateTime At) _current = (first, DateTime.UtcNow);
    private readonly SemaphoreSlim _renewing = new(1, 1);

    public static async Task<RenewedToken> CreateAsync(HttpClient anonymous, string clientId, CancellationToken ct) =>
        new(anonymous, clientId, await FetchAsync(anonymous, clientId, ct));

    public async ValueTask<string> GetAsync(CancellationToken ct)
    {
        if (DateTime.UtcNow - _current.At < TimeSpan.FromMinutes(10)) return _current.Value;
        await _renewing.WaitAsync(ct);
        try
        {
            if (DateTime.UtcNow - _current.At >= TimeSpan.FromMinutes(10)) _current = (await FetchAsync(anonymous, clientId, ct), DateTime.UtcNow);
            return _current.Value;
        }
        finally
        {
            _renewing.Release();
        }
    }

    /// <summary>A client-credentials token; the gateway may still be warming up, so it is retried for up to two minutes.</summary>
    public static async Task<string> FetchAsync(HttpClient gateway, string clientId, CancellationToken ct)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                using var response = await gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = clientId,
                    ["client_secret"] = $"{clientId}-dev-secret",
                }), ct);
                if (response.IsSuccessStatusCode)
                    return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("access_token").GetString()!;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until) { }
            if (DateTime.UtcNow >= until) throw new InvalidOperationException($"No token for {clientId} from the gateway within two minutes.");
            await Task.Delay(500, ct);
        }
    }
}

/// <summary>Puts the organisation's current token on every request.</summary>
internal sealed class BearerHandler(RenewedToken token) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAsync(ct));
        return await base.SendAsync(request, ct);
    }
}
