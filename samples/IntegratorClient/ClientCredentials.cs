using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Village.Samples.IntegratorClient;

/// <summary>
/// OAuth2 client credentials at the gateway's <c>/connect/token</c>, as the documents' security
/// scheme says: a token per scope, fetched when needed and renewed a minute before it expires.
/// A real integration keeps its secret in a vault (or uses private_key_jwt) rather than in code.
/// </summary>
public sealed class ClientCredentials(HttpClient gateway, string clientId, string clientSecret, string scope) : IAccessTokenProvider
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    public AllowedHostsValidator AllowedHostsValidator { get; } = new();

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && DateTimeOffset.UtcNow < _renewAt) return _token;
            var response = await RequestAsync(cancellationToken);
            // The gateway limits token requests per address: wait as it says, a few times.
            for (var attempt = 1; response.StatusCode == System.Net.HttpStatusCode.TooManyRequests && attempt < 10; attempt++)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2);
                response.Dispose();
                await Task.Delay(wait, cancellationToken);
                response = await RequestAsync(cancellationToken);
            }
            using var answered = response;
            response.EnsureSuccessStatusCode();
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                        ?? throw new InvalidOperationException("The token endpoint answered without a token.");
            _renewAt = DateTimeOffset.UtcNow.AddSeconds(Math.Max(0, token.ExpiresIn - 60));
            return _token = token.AccessToken;
        }
        finally
        {
            _lock.Release();
        }
    }

    private Task<HttpResponseMessage> RequestAsync(CancellationToken ct) =>
        gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["scope"] = scope,
        }), ct);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
