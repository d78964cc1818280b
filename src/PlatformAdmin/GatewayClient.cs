using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.PlatformAdmin;

/// <summary>
/// The region's office's client on the platform's gateway: a client-credentials token with scope <c>identity</c>
/// (renewed when it runs out), then Identity's admin API.
/// </summary>
public sealed class GatewayClient(HttpClient http, string clientId, OfficeCredential credential) : IDisposable
{
    private string? _token;
    private DateTimeOffset _expires;
    private string? _issuer;

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
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["scope"] = "identity" };
        if (credential.Secret is { } secret) form["client_secret"] = secret;
        else
        {
            // A new assertion for each request (each is good once), addressed to the issuer the discovery document names.
            _issuer ??= await IssuerAsync(ct);
            form["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
            form["client_assertion"] = credential.Assertion(clientId, _issuer);
        }
        using var response = await WithinLimitsAsync(() => new HttpRequestMessage(HttpMethod.Post, "connect/token")
        {
            Content = new FormUrlEncodedContent(form),
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

    private async Task<string> IssuerAsync(CancellationToken ct)
    {
        using var response = await http.GetAsync(".well-known/openid-configuration", ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return JsonDocument.Parse(text).RootElement.GetProperty("issuer").GetString()
                ?? throw new AdminException("The gateway's discovery document names no issuer.");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new AdminException($"No discovery document at the gateway: {(int)response.StatusCode}");
        }
    }

    public void Dispose() => http.Dispose();
}

/// <summary>
/// How the office's client proves who it is: a private key (PEM, RS256; the configured office clients have keys only)
/// or, for the demo region's office client, a secret.
/// </summary>
public sealed class OfficeCredential
{
    private readonly Microsoft.IdentityModel.Tokens.SigningCredentials? _key;

    private OfficeCredential(string? secret, Microsoft.IdentityModel.Tokens.SigningCredentials? key) => (Secret, _key) = (secret, key);

    public string? Secret { get; }

    public static OfficeCredential FromSecret(string secret) => new(secret, null);

    /// <summary>The private key in <paramref name="pemFile"/>; its key id is the public key's RFC 7638 thumbprint, as <c>keys new</c> wrote it.</summary>
    public static OfficeCredential FromKeyFile(string pemFile)
    {
        var rsa = System.Security.Cryptography.RSA.Create();
        try { rsa.ImportFromPem(File.ReadAllText(pemFile)); }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new AdminException($"Cannot read the private key {pemFile}: {ex.Message}");
        }
        var kid = KeyPairs.PublicJwk(rsa.ExportParameters(false))["kid"];
        return new(null, new Microsoft.IdentityModel.Tokens.SigningCredentials(
            new Microsoft.IdentityModel.Tokens.RsaSecurityKey(rsa) { KeyId = kid }, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256));
    }

    /// <summary>RFC 7523 with the explicit type of draft-ietf-oauth-rfc7523bis: iss and sub the client, aud the issuer, a new jti, two minutes.</summary>
    public string Assertion(string clientId, string issuer) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = issuer,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString() },
            Expires = DateTime.UtcNow.AddMinutes(2),
            SigningCredentials = _key,
            TokenType = "client-authentication+jwt",
        });
}

/// <summary>A failure to tell the user about in one line (exit code 1), not a stack trace.</summary>
public sealed class AdminException(string message) : Exception(message);
