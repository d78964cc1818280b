using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>
/// People's sign-in (the portal's authorization code flow) needs a proof key, and only its S256 form: with "plain"
/// the challenge is the verifier itself, so whoever sees the authorization request (a log, a proxy, the browser's
/// history) could redeem an intercepted code. Identity says so in its discovery document and refuses the rest
/// before anyone is asked to sign in.
/// </summary>
public sealed class ProofKeyTests(TestServersFixture fixture) : IAsyncLifetime
{
    private const string Portal = PortalSignInServer.Portal;
    private PortalSignInServer _server = null!;
    private IdentityFactory _identity = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await PortalSignInServer.StartAsync(fixture.Servers);
        _identity = _server.Identity;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_discovery_document_offers_S256_only()
    {
        var discovery = await _identity.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration", Ct);
        var methods = discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Equal(["S256"], methods);
    }

    [Theory]
    [InlineData("plain", "the verifier itself")]
    [InlineData(null, "no proof key at all")]
    public async Task An_authorization_request_without_an_S256_proof_key_is_refused_before_sign_in(string? method, string what)
    {
        var verifier = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = "portal",
            ["redirect_uri"] = $"{Portal}/signin-oidc",
            ["response_type"] = "code",
            ["scope"] = "openid",
            ["state"] = "state-1",
        };
        if (method is not null)
        {
            query["code_challenge"] = method == "plain" ? verifier : Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            query["code_challenge_method"] = method;
        }
        var client = _identity.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", query), Ct);

        // Refused with invalid_request, either back to the portal or at once, and never on to the sign-in page.
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = response.Headers.Location!;
            Assert.True(location.ToString().StartsWith($"{Portal}/signin-oidc", StringComparison.Ordinal), $"{what}: redirected to {location}");
            Assert.Equal("invalid_request", QueryHelpers.ParseQuery(location.Query)["error"].ToString());
        }
        else
        {
            // OpenIddict answers an authorization request it refuses before trusting its redirect_uri on the spot, as text.
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith("error:invalid_request", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }
}
