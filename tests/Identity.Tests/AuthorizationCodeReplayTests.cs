using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Platform.Identity.Token;
using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>
/// A person's authorization code is good once (RFC 6749 §4.1.2; #26 "authorization codes stored so a replayed code is
/// refused"): the portal redeems it, and anyone who redeems it again (an attacker who copied it from a log or a
/// referrer, racing the portal) gets <c>invalid_grant</c>, with what the first redemption issued revoked.
/// </summary>
public sealed class AuthorizationCodeReplayTests(TestServersFixture fixture) : IAsyncLifetime
{
    private const string Portal = PortalSignInServer.Portal;
    private PortalSignInServer _server = null!;
    private DemoBrowser _browser = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // The person's organisation is registered (its tokens carry the organisation's claims).
        _server = await PortalSignInServer.StartAsync(fixture.Servers, new Dictionary<string, string>
        {
            ["DemoRegion:UserPassword"] = DemoBrowser.Password,
            [$"DemoRegion:ClientSecrets:{Platform.DemoRegion.DemoPeople.All[0].OrganisationId}"] = "organisation-test-secret",
        });
        _browser = new DemoBrowser(_server.Identity);
        await _browser.SignInAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_code_redeemed_twice_is_refused_the_second_time_and_the_first_redemptions_tokens_are_revoked()
    {
        var verifier = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var code = await CodeAsync(verifier);

        using var first = await RedeemAsync(code, verifier);
        using var replay = await RedeemAsync(code, verifier);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_grant", (await replay.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        await using var scope = _server.Identity.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var stored = new List<string?>();
        await foreach (var token in tokens.ListAsync(count: null, offset: null, Ct)) stored.Add(await tokens.GetStatusAsync(token, Ct));
        Assert.NotEmpty(stored);
        Assert.All(stored, status => Assert.NotEqual(OpenIddictConstants.Statuses.Valid, status));
    }

    [Fact]
    public async Task Pruning_keeps_a_used_up_code_for_a_day_then_removes_it()
    {
        var verifier = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        using var redeemed = await RedeemAsync(await CodeAsync(verifier), verifier);
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        var pruning = _server.Identity.Services.GetRequiredService<TokenPruning>();

        await pruning.RunOnceAsync(Ct);
        var kept = await TokenCountAsync();
        await using (var scope = _server.Identity.Services.CreateAsyncScope())
        {
            // The code was issued a day and a minute ago, as far as the store knows.
            var db = scope.ServiceProvider.GetRequiredService<Infrastructure.IdentityDbContext>();
            await db.Database.ExecuteSqlRawAsync("UPDATE identity.\"OpenIddictTokens\" SET creation_date = creation_date - interval '1 day 1 minute'", Ct);
        }
        await pruning.RunOnceAsync(Ct);

        Assert.True(kept > 0, "Nothing was stored for the redeemed code.");
        Assert.True(await TokenCountAsync() < kept, "Pruning left the day-old, used-up code.");
    }

    private async Task<long> TokenCountAsync()
    {
        await using var scope = _server.Identity.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().CountAsync(Ct);
    }

    /// <summary>The portal's authorization request, with the person signed in: the code in the redirect back to the portal.</summary>
    private async Task<string> CodeAsync(string verifier)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = "portal",
            ["redirect_uri"] = $"{Portal}/signin-oidc",
            ["response_type"] = "code",
            ["scope"] = "openid",
            ["state"] = "state-1",
            ["code_challenge"] = Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        };
        using var response = await _browser.Client.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", query), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith($"{Portal}/signin-oidc", location.ToString());
        var answer = QueryHelpers.ParseQuery(location.Query);
        Assert.True(answer.ContainsKey("code"), $"No code in the redirect: {location}");
        return answer["code"].ToString();
    }

    private Task<HttpResponseMessage> RedeemAsync(string code, string verifier) =>
        _server.Identity.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = $"{Portal}/signin-oidc",
            ["code_verifier"] = verifier,
            ["client_id"] = "portal",
            ["client_secret"] = "portal-test-secret",
        }), Ct);
}
