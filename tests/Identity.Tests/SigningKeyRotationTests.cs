using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.ServiceDefaults;
using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>
/// Rotating Identity's signing key without downtime, as the runbook says: the next certificate is
/// added with a NotBefore ahead, so it is published but does not sign yet; after that moment Identity
/// restarts and signs with it, while tokens the old key signed keep working (a service that never saw
/// the new key fetches the keys again when a token names one it does not know); once the old tokens
/// have expired the old certificate goes and the keys no longer list it.
/// </summary>
public sealed class SigningKeyRotationTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly string _certificates = Directory.CreateTempSubdirectory("signing-").FullName;
    private IdentityFactory? _identity;
    private WebApplication _service = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // A service validating tokens exactly as every platform service does, its metadata client pointed at whichever Identity runs now.
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Identity:MetadataAddress"] = $"{IdentityFactory.Issuer}.well-known/openid-configuration";
        // An hour and half a minute in production: the test waits a second for the unknown key.
        builder.Configuration["Identity:KeysRefreshInterval"] = "00:10:00";
        builder.Configuration["Identity:UnknownKeyRefreshInterval"] = "00:00:01";
        builder.AddPlatformAuthentication("directory-api");
        builder.Services.AddHttpClient("identity-metadata").ConfigurePrimaryHttpMessageHandler(() => new ToCurrentIdentity(() => _identity!));
        _service = builder.Build();
        _service.UseAuthentication();
        _service.UseAuthorization();
        _service.MapGet("/whoami", (System.Security.Claims.ClaimsPrincipal user) => user.OrganisationIdOf()).RequireAuthorization();
        await _service.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        if (_identity is not null) await _identity.DisposeAsync();
        Directory.Delete(_certificates, recursive: true);
    }

    private sealed class ToCurrentIdentity(Func<IdentityFactory> current) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            new HttpMessageInvoker(current().Server.CreateHandler()).SendAsync(request, ct);
    }

    private async Task RunIdentityWithAsync(string database, params string[] certificates)
    {
        if (_identity is not null) await _identity.DisposeAsync();
        _identity = new IdentityFactory(database, certificates);
        _ = _identity.Server;
    }

    private async Task<string> TokenAsync()
    {
        var response = await _identity!.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = IdentityFactory.Client, ["client_secret"] = IdentityFactory.Secret, ["scope"] = "directory",
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("access_token").GetString()!;
    }

    private async Task<HttpStatusCode> PresentAsync(string token)
    {
        var client = _service.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/whoami", Ct)).StatusCode;
    }

    private async Task<List<string>> PublishedKeysAsync() =>
        [.. (await _identity!.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/jwks", Ct)).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];

    private static string KeyOf(string token) => new JsonWebToken(token).Kid;

    /// <summary>The service's hourly fetch of Identity's keys, brought forward: how many keys it holds afterwards.</summary>
    private async Task<int> ServiceKeysAfterRefreshAsync()
    {
        var manager = _service.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager!;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
            manager.RequestRefresh();
            var keys = (await manager.GetConfigurationAsync(Ct)).SigningKeys.Count;
            if (keys > 1) return keys;
        }
        return 1;
    }

    [Fact]
    public async Task A_new_signing_certificate_is_published_first_then_signs_while_tokens_signed_by_the_old_one_keep_working()
    {
        // A migrated clone, so that Identity starts quickly. It checks validity on the real clock: the
        // next certificate is made just before step 1, valid "ahead" of then, which must cover one
        // start, a token and a key refresh on a busy CI machine (other test modules run beside this one).
        var database = await IdentityFactory.NewDatabaseAsync(fixture.Servers);
        var ahead = TimeSpan.FromSeconds(20);
        var now = DateTimeOffset.UtcNow;
        var current = SigningCertificates.Create(_certificates, "current", now.AddDays(-300), now.AddDays(60));

        await RunIdentityWithAsync(database, current);
        var before = await TokenAsync();
        Assert.Equal(HttpStatusCode.OK, await PresentAsync(before)); // the service now holds the current key only
        Assert.Single(await PublishedKeysAsync());

        // Step 1: the next certificate is added, valid from a moment ahead: published, not signing.
        now = DateTimeOffset.UtcNow;
        var next = SigningCertificates.Create(_certificates, "next", now + ahead, now.AddDays(425));
        await RunIdentityWithAsync(database, current, next);
        Assert.Equal(2, (await PublishedKeysAsync()).Count);
        Assert.Equal(KeyOf(before), KeyOf(await TokenAsync()));

        // Within the hour the service fetches the keys again (here: now) and knows both.
        Assert.Equal(2, await ServiceKeysAfterRefreshAsync());

        // Step 2, once it is valid: Identity restarts and signs with the next key.
        await Task.Delay(now + ahead + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, Ct);
        await RunIdentityWithAsync(database, current, next);
        var during = await TokenAsync();
        Assert.NotEqual(KeyOf(before), KeyOf(during));
        Assert.Equal(HttpStatusCode.OK, await PresentAsync(during)); // not one request refused
        Assert.Equal(HttpStatusCode.OK, await PresentAsync(before)); // and tokens already out keep working

        // Step 3, after the old tokens' 15 minutes: the old certificate goes.
        await RunIdentityWithAsync(database, next);
        var after = await TokenAsync();
        Assert.Equal(KeyOf(during), KeyOf(after));
        Assert.Equal([KeyOf(after)], await PublishedKeysAsync());
        Assert.Equal(HttpStatusCode.OK, await PresentAsync(after));
    }

    [Fact]
    public async Task Outside_Development_Identity_refuses_to_start_without_a_signing_certificate()
    {
        await using var unsigned = new IdentityFactory(TestDatabase.NewConnectionString(fixture.Servers, "identity"), []);
        var failure = Assert.ThrowsAny<Exception>(() => unsigned.Server);
        Assert.Contains("SigningCertificates", failure.ToString());
    }
}
