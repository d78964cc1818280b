using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>
/// The portal renews a person's access token with a refresh token (#26: "refresh tokens for the portal, no new sign-in
/// every 14 minutes"). Each refresh token is good once: its use gives a new pair; a second use of an old one (a copy
/// in someone else's hands, after the leeway for two renewals at once, here none) is refused and revokes the whole
/// chain, so the copy's holder and the person both have to sign in again.
/// </summary>
public sealed class RefreshTokenTests(TestServersFixture fixture) : IAsyncLifetime
{
    private PortalSession _session = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _session = await PortalSession.StartAsync(fixture.Servers, new Dictionary<string, string> { ["Identity:RefreshTokenReuseLeewaySeconds"] = "0" });

    public async ValueTask DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task A_refresh_gives_a_new_pair_and_a_refresh_token_used_twice_revokes_the_chain()
    {
        var signIn = await TokensAsync("openid offline_access monitoring");
        var first = signIn.GetProperty("refresh_token").GetString()!;

        var renewed = await ReadAsync(await _session.RefreshAsync(first, Ct));
        var second = renewed.GetProperty("refresh_token").GetString()!;
        using var replay = await _session.RefreshAsync(first, Ct);
        using var afterReplay = await _session.RefreshAsync(second, Ct);

        Assert.NotEqual(first, second);
        Assert.NotEqual(signIn.GetProperty("access_token").GetString(), renewed.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_grant", (await replay.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, afterReplay.StatusCode);
    }

    /// <summary>
    /// The portal's sign-out revokes the session's refresh token (RFC 7009): a copy of it (a shared computer's cookie, a
    /// stolen backup) can no longer be renewed into access tokens for the rest of its eight hours. Only the portal, with
    /// its secret, may revoke: a wrong secret is refused and the token still works.
    /// </summary>
    [Fact]
    public async Task A_revoked_refresh_token_is_refused_and_only_its_client_may_revoke_it()
    {
        var refreshToken = (await TokensAsync("openid offline_access monitoring")).GetProperty("refresh_token").GetString()!;

        using var forged = await _session.RevokeAsync(refreshToken, Ct, clientSecret: "not-the-portal's");
        var stillWorks = await ReadAsync(await _session.RefreshAsync(refreshToken, Ct));
        var current = stillWorks.GetProperty("refresh_token").GetString()!;
        using var revoked = await _session.RevokeAsync(current, Ct);
        using var afterRevocation = await _session.RefreshAsync(current, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, afterRevocation.StatusCode);
        Assert.Equal("invalid_grant", (await afterRevocation.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Without_offline_access_there_is_no_refresh_token()
    {
        var tokens = await TokensAsync("openid monitoring");

        Assert.False(tokens.TryGetProperty("refresh_token", out _));
    }

    private async Task<JsonElement> TokensAsync(string scope)
    {
        var (code, verifier) = await _session.AuthorizeAsync(scope, Ct);
        return await ReadAsync(await _session.RedeemAsync(code, verifier, Ct));
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            return JsonDocument.Parse(body).RootElement;
        }
    }
}
