using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Platform.Portal;

/// <summary>
/// Keeps a signed-in person's access token fresh while they work: when the token in their session expires within
/// <c>Portal:RenewBefore</c> (a minute), the portal redeems the session's refresh token at Identity for a new pair and
/// rewrites the session cookie. Identity refuses a refresh token it sees a second time and revokes the sign-in's whole
/// chain (a stolen copy); then, or when the person no longer exists, the session ends and the next page asks them to
/// sign in. If Identity cannot be reached, the session carries on while its token is valid and ends when it is not.
/// </summary>
internal sealed partial class TokenRenewal(IOptionsMonitor<OpenIdConnectOptions> oidc, IConfiguration config, TimeProvider clock, ILogger<TokenRenewal> logger)
{
    private TimeSpan RenewBefore => config.GetValue("Portal:RenewBefore", TimeSpan.FromMinutes(1));

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var now = clock.GetUtcNow();
        var expiresAt = context.Properties.GetTokenValue("expires_at") is { } text
                        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : (DateTimeOffset?)null;
        if (expiresAt is { } expiry && expiry - now > RenewBefore) return;

        var refreshToken = context.Properties.GetTokenValue("refresh_token");
        var (renewed, refused) = refreshToken is null ? (null, false) : await RenewAsync(refreshToken, context.HttpContext.RequestAborted);
        if (renewed is { } tokens)
        {
            context.Properties.UpdateTokenValue("access_token", tokens.GetProperty("access_token").GetString()!);
            context.Properties.UpdateTokenValue("refresh_token", tokens.GetProperty("refresh_token").GetString()!);
            var lifetime = TimeSpan.FromSeconds(tokens.TryGetProperty("expires_in", out var seconds) ? seconds.GetInt32() : 300);
            context.Properties.UpdateTokenValue("expires_at", (now + lifetime).ToString("o", CultureInfo.InvariantCulture));
            context.ShouldRenew = true;
            return;
        }
        // Identity could not be reached: carry on while the token still works. Identity refused (the person or their
        // organisation's provider was disabled, the refresh token revoked or replayed): the session ends now, not when the
        // access token runs out, and the person signs in again.
        if (!refused && expiresAt is { } still && still > now) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>The new token pair; or none, and whether Identity refused (an OAuth error) rather than could not be reached (logged).</summary>
    private async Task<(JsonElement? Tokens, bool Refused)> RenewAsync(string refreshToken, CancellationToken ct)
    {
        try
        {
            using var response = (await PostAsPortalAsync(c => c.TokenEndpoint, new()
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
            }, ct)) ?? throw new InvalidOperationException("Identity advertises no token endpoint.");
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode) return (JsonDocument.Parse(body).RootElement.Clone(), false);
            LogRefused(logger, (int)response.StatusCode);
            // 400 and 401 are Identity's answer about this token (RFC 6749 §5.2); a 5xx or 429 is Identity not answering now.
            return (null, response.StatusCode is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.Unauthorized);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            LogUnreachable(logger, ex);
            return (null, false);
        }
    }

    /// <summary>
    /// On sign-out: the session's refresh token revoked at Identity (RFC 7009), so a copy of the session cookie or of the
    /// token (a shared computer, a stolen backup) cannot be renewed into new access tokens for the rest of its 8 hours.
    /// Best effort: a sign-out is never refused because Identity cannot be reached (logged; the token then lasts out
    /// its lifetime, as before).
    /// </summary>
    public async Task RevokeAsync(HttpContext http)
    {
        if (await http.GetTokenAsync(CookieAuthenticationDefaults.AuthenticationScheme, "refresh_token") is not { Length: > 0 } refreshToken) return;
        var ct = http.RequestAborted;
        try
        {
            using var response = await PostAsPortalAsync(c => c.AdditionalData.TryGetValue("revocation_endpoint", out var endpoint) ? endpoint?.ToString() : null,
                new() { ["token"] = refreshToken, ["token_type_hint"] = "refresh_token" }, ct);
            if (response is null) LogNoRevocation(logger);
            else if (!response.IsSuccessStatusCode) LogNotRevoked(logger, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            LogUnreachableOnSignOut(logger, ex);
        }
    }

    /// <summary>
    /// Posts <paramref name="form"/> to one of Identity's endpoints (from its discovery document) as the portal's client;
    /// null when Identity advertises no such endpoint.
    /// </summary>
    private async Task<HttpResponseMessage?> PostAsPortalAsync(
        Func<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration, string?> endpointOf, Dictionary<string, string> form, CancellationToken ct)
    {
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(ct);
        if (endpointOf(configuration) is not { Length: > 0 } endpoint) return null;
        form["client_id"] = options.ClientId!;
        form["client_secret"] = options.ClientSecret ?? "";
        return await options.Backchannel.PostAsync(endpoint, new FormUrlEncodedContent(form), ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity advertises no revocation endpoint: a signed-out session's refresh token stays valid until it expires.")]
    private static partial void LogNoRevocation(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity refused to revoke a signed-out session's refresh token ({Status}).")]
    private static partial void LogNotRevoked(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity could not be reached to revoke a signed-out session's refresh token.")]
    private static partial void LogUnreachableOnSignOut(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity refused to renew a session's token ({Status}); the person signs in again.")]
    private static partial void LogRefused(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity could not be reached to renew a session's token.")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);
}
