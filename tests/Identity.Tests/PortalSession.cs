using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>
/// A person signed in at Identity in their browser, and the portal's side of their sign-in as its OpenID Connect handler
/// does it: the authorization request with an S256 proof key, the code redeemed with the portal's secret, the refresh
/// token redeemed for a new pair. The person's organisation is registered, so their tokens carry its claims.
/// </summary>
public sealed class PortalSession : IAsyncDisposable
{
    public const string Portal = PortalSignInServer.Portal;

    private PortalSession(PortalSignInServer server, DemoBrowser browser) => (Server, Browser) = (server, browser);

    public PortalSignInServer Server { get; }
    public DemoBrowser Browser { get; }

    public static async Task<PortalSession> StartAsync(TestServers servers, IReadOnlyDictionary<string, string>? settings = null, string? person = null)
    {
        var all = new Dictionary<string, string>
        {
            ["DemoRegion:UserPassword"] = DemoBrowser.Password,
            [$"DemoRegion:ClientSecrets:{Platform.DemoRegion.DemoPeople.All[0].OrganisationId}"] = "organisation-test-secret",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        var server = await PortalSignInServer.StartAsync(servers, all);
        var browser = new DemoBrowser(server.Identity);
        await browser.SignInAsync(TestContext.Current.CancellationToken, person);
        return new PortalSession(server, browser);
    }

    /// <summary>The authorization request for <paramref name="scope"/>; returns the code in the redirect back to the portal.</summary>
    public async Task<(string Code, string Verifier)> AuthorizeAsync(string scope, CancellationToken ct)
    {
        var verifier = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = "portal",
            ["redirect_uri"] = $"{Portal}/signin-oidc",
            ["response_type"] = "code",
            ["scope"] = scope,
            ["state"] = "state-1",
            ["code_challenge"] = Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        };
        using var response = await Browser.Client.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", query), ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith($"{Portal}/signin-oidc", location.ToString());
        var answer = QueryHelpers.ParseQuery(location.Query);
        Assert.True(answer.ContainsKey("code"), $"No code in the redirect: {location}");
        return (answer["code"].ToString(), verifier);
    }

    public Task<HttpResponseMessage> RedeemAsync(string code, string verifier, CancellationToken ct) => TokenRequestAsync(new()
    {
        ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = $"{Portal}/signin-oidc", ["code_verifier"] = verifier,
    }, ct);

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken, CancellationToken ct) =>
        TokenRequestAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, ct);

    /// <summary>RFC 7009: the portal revokes a token it holds (on sign-out, its session's refresh token).</summary>
    public Task<HttpResponseMessage> RevokeAsync(string token, CancellationToken ct, string clientSecret = "portal-test-secret") =>
        Server.Identity.CreateClient().PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["token_type_hint"] = "refresh_token", ["client_id"] = "portal", ["client_secret"] = clientSecret,
        }), ct);

    private Task<HttpResponseMessage> TokenRequestAsync(Dictionary<string, string> form, CancellationToken ct)
    {
        form["client_id"] = "portal";
        form["client_secret"] = "portal-test-secret";
        return Server.Identity.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(form), ct);
    }

    public async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        await Server.DisposeAsync();
    }
}
