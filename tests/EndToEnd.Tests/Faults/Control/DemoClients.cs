using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests.Faults.Control;

/// <summary>The demo region's organisations, with the development secrets the README lists.</summary>
public static class DemoClients
{
    public const string School = "school-bs-de-linde";
    public const string Municipality = "gemeente-maastricht";
    public const string Swv = "swv-po-maastricht-heuvelland";

    /// <summary>The client-credentials request itself, for a caller that wants the answer as it came (status, Retry-After).</summary>
    public static Task<HttpResponseMessage> RequestTokenAsync(HttpClient gateway, string clientId, CancellationToken ct) =>
        gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = $"{clientId}-dev-secret",
        }), ct);

    public static async Task<string?> TokenAsync(HttpClient gateway, string clientId, CancellationToken ct)
    {
        try
        {
            using var response = await RequestTokenAsync(gateway, clientId, ct);
            if (!response.IsSuccessStatusCode) return null;
            return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("access_token").GetString();
        }
        catch (HttpRequestException) { return null; }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return null; }
    }

    /// <summary>
    /// A client of the gateway with the organisation's token (tokens live 15 minutes; each fault gets a new client).
    /// Its 3 s timeout is an integrator's for an API that answers in milliseconds: a request that hangs is retried.
    /// The token is asked for as an integrator would after an outage: retried with back-off for up to 90 s (the
    /// previous fault's restart may still be settling), then an error that says so.
    /// </summary>
    public static async Task<HttpClient> ClientAsync(HttpClient gateway, string clientId, CancellationToken ct, TimeSpan? timeout = null)
    {
        var patience = System.Diagnostics.Stopwatch.StartNew();
        string? token;
        for (var retry = 0; (token = await TokenAsync(gateway, clientId, ct)) is null; retry++)
        {
            if (patience.Elapsed > TimeSpan.FromSeconds(90)) throw new InvalidOperationException($"No token for {clientId} within 90 s.");
            await Task.Delay(Journeys.RetryDelay.After(retry, TimeSpan.Zero), ct);
        }
        var client = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(3) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
