using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity.Infrastructure;
using Platform.PlatformAdmin;
using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>
/// #26: the region's office onboards organisations' clients as data (Identity's admin API), and the rules around it:
/// who may, what a registration may hold (public keys only; roles and APIs the organisation's type allows; an
/// organisation the region's directory knows), and what a disabled client or a replayed assertion gets (nothing).
/// The whole journey through the gateway with a stock client is in the end-to-end suite (Onboarding/).
/// </summary>
public sealed class ClientAdministrationTests(TestServersFixture fixture) : IAsyncLifetime
{
    private const string Office = "regio-zuid-limburg";
    private const string PrivacyOfficer = "fg-zuid-limburg";
    private readonly string _certificates = Directory.CreateTempSubdirectory("signing-").FullName;
    private IdentityFactory _identity = null!;
    private HttpClient _http = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var database = await IdentityFactory.NewDatabaseAsync(fixture.Servers);
        var now = DateTimeOffset.UtcNow;
        var certificate = SigningCertificates.Create(_certificates, "current", now.AddDays(-1), now.AddDays(60));
        _identity = new IdentityFactory(database, [certificate], new Dictionary<string, string>
        {
            [$"DemoRegion:ClientSecrets:{Office}"] = "office-secret",
            [$"DemoRegion:ClientSecrets:{PrivacyOfficer}"] = "fg-secret",
            ["DemoRegion:ClientSecrets:school-bs-de-linde"] = "school-secret",
            ["Identity:Portal:BaseUrl"] = "http://gateway/portal",
            ["Identity:Portal:ClientSecret"] = "portal-secret",
        });
        _http = _identity.CreateClient();
        await DemoDirectory.SeedAsync<IdentityDbContext>(_identity.Services, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _identity.DisposeAsync();
        Directory.Delete(_certificates, recursive: true);
    }

    [Fact]
    public async Task Only_the_region_office_with_the_client_admin_role_administers_clients()
    {
        // A school (no administrator of its people here) may not even ask for Identity's API; the privacy officer (region's
        // office, other role) may ask, and is refused; so is a municipality that administers its own people (people-admin).
        using var school = await TokenAsync("school-bs-de-linde", "school-secret", "identity");
        Assert.Equal(HttpStatusCode.BadRequest, school.StatusCode);
        var peopleAdmin = await AccessTokenAsync(IdentityFactory.Client, IdentityFactory.Secret, "identity");
        using var notTheOffice = await SendAsync(peopleAdmin, HttpMethod.Get, "", null);
        Assert.Equal(HttpStatusCode.Forbidden, notTheOffice.StatusCode);
        var officer = await AccessTokenAsync(PrivacyOfficer, "fg-secret", "identity");
        using var refused = await SendAsync(officer, HttpMethod.Get, "", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("client-admin", await refused.Content.ReadAsStringAsync(Ct));
        // A token for another API (the directory) is not a token for this one (as at every service: 401; the gateway answers 403).
        var directoryToken = await AccessTokenAsync(Office, "office-secret", "directory");
        using var wrongAudience = await SendAsync(directoryToken, HttpMethod.Get, "", null);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAudience.StatusCode);
        using var anonymous = await _http.GetAsync("/api/identity/clients", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_registration_holds_only_public_keys_known_organisations_and_what_their_type_allows()
    {
        var office = await AccessTokenAsync(Office, "office-secret", "identity");
        using var rsa = RSA.Create(2048);
        var withPrivatePart = JsonSerializer.SerializeToElement(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa) { KeyId = "k1" }) } });
        using var leaked = await SendAsync(office, HttpMethod.Post, "", new { organisationId = "jgz-zuid-limburg", jwks = withPrivatePart });
        await AssertProblemAsync(leaked, HttpStatusCode.BadRequest, "jwks.keys[0]");

        using var unknown = await SendAsync(office, HttpMethod.Post, "", new { organisationId = "gemeente-nergenshuizen", authentication = "client_secret" });
        await AssertProblemAsync(unknown, HttpStatusCode.UnprocessableEntity, "organisationId");

        using var tooMuch = await SendAsync(office, HttpMethod.Post, "", new { organisationId = "school-bs-het-palet", authentication = "client_secret", roles = new[] { "referrer", "directory-admin" } });
        await AssertProblemAsync(tooMuch, HttpStatusCode.BadRequest, "roles[1]");
        using var wrongApi = await SendAsync(office, HttpMethod.Post, "", new { organisationId = "kinderopvang-de-kleine-wereld", authentication = "client_secret", scopes = new[] { "funding" } });
        await AssertProblemAsync(wrongApi, HttpStatusCode.BadRequest, "scopes[0]");

        using var smallKey = await SendAsync(office, HttpMethod.Post, "", new { organisationId = "jgz-zuid-limburg", jwks = Jwks(RSA.Create(1024), "small") });
        await AssertProblemAsync(smallKey, HttpStatusCode.BadRequest, "jwks.keys[0].n");
        using var taken = await SendAsync(office, HttpMethod.Post, "", new { organisationId = "gemeente-maastricht", authentication = "client_secret" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
    }

    [Fact]
    public async Task The_office_cannot_give_itself_the_protected_roles_nor_touch_the_privacy_officer_the_portal_or_itself()
    {
        var office = await AccessTokenAsync(Office, "office-secret", "identity");
        // A key sent with its private part in capitals is still a private key.
        using var rsa = RSA.Create(2048);
        var jwk = JsonSerializer.SerializeToElement(JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa) { KeyId = "k1" }));
        var shouted = JsonSerializer.SerializeToElement(new
        {
            keys = new[] { jwk.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(p => p.Name is "d" or "p" or "q" or "dp" or "dq" or "qi" ? p.Name.ToUpperInvariant() : p.Name, p => p.Value.GetString()) },
        });
        using var leaked = await SendAsync(office, HttpMethod.Post, "", new { organisationId = "jgz-zuid-limburg", jwks = shouted });
        await AssertProblemAsync(leaked, HttpStatusCode.BadRequest, "jwks.keys[0]");
        // The privacy officer's and the client administrator's roles come from the operators' configuration only.
        using var officer = await SendAsync(office, HttpMethod.Post, "", new { organisationId = Office, clientId = "regio-second-system", authentication = "client_secret", roles = new[] { "privacy-officer" } });
        await AssertProblemAsync(officer, HttpStatusCode.BadRequest, "roles[0]");
        // A client named after another organisation would be taken for that organisation's own.
        using var impostor = await SendAsync(office, HttpMethod.Post, "", new { organisationId = "school-bs-het-palet", clientId = "gemeente-heerlen", authentication = "client_secret" });
        await AssertProblemAsync(impostor, HttpStatusCode.BadRequest, "clientId");

        using var privacyOfficer = await SendAsync(office, HttpMethod.Post, $"/{PrivacyOfficer}/disable", new { reason = "Quiet, please" });
        Assert.Equal(HttpStatusCode.Conflict, privacyOfficer.StatusCode);
        using var itself = await SendAsync(office, HttpMethod.Post, $"/{Office}/disable", null);
        Assert.Equal(HttpStatusCode.Conflict, itself.StatusCode);
        // The portal is a client of people that the operators configure: not found here, so not changed here.
        using var portal = await SendAsync(office, HttpMethod.Post, "/portal/secret", null);
        Assert.Equal(HttpStatusCode.NotFound, portal.StatusCode);

        // Disabled meanwhile (by the operators), the office's token of a minute ago administers nothing more.
        await using (var scope = _identity.Services.CreateAsyncScope())
        {
            var registry = scope.ServiceProvider.GetRequiredService<Clients.ClientRegistry>();
            await registry.DisableAsync(Office, DateTimeOffset.UtcNow, "Key lost", Ct);
            await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().SaveChangesAsync(Ct);
        }
        using var afterwards = await SendAsync(office, HttpMethod.Post, $"/{Office}/enable", null);
        Assert.Equal(HttpStatusCode.Forbidden, afterwards.StatusCode);
    }

    [Fact]
    public async Task A_client_signs_in_with_its_key_a_replayed_or_misaddressed_assertion_is_refused_and_a_disabled_client_gets_nothing()
    {
        var office = await AccessTokenAsync(Office, "office-secret", "identity");
        using var rsa = RSA.Create(3072);
        using var registered = await SendAsync(office, HttpMethod.Post, "", new { organisationId = "jgz-zuid-limburg", jwks = Jwks(rsa, "jgz-2026") });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var client = (await registered.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("client");
        Assert.Equal("private_key_jwt", client.GetProperty("authentication").GetString());
        Assert.Equal(["expert", "referrer"], client.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).Order());

        var key = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "jgz-2026" }, SecurityAlgorithms.RsaSha256);
        var assertion = Assertion("jgz-zuid-limburg", IdentityFactory.Issuer, key);
        using var signedIn = await AssertionTokenAsync("jgz-zuid-limburg", assertion);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var claims = new JsonWebToken((await signedIn.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("access_token").GetString());
        Assert.Equal("jgz-zuid-limburg", claims.GetClaim("org_id").Value);
        Assert.Equal("jgz", claims.GetClaim("org_type").Value);

        // RFC 7523 §3: a JWT is used once. A copy of the assertion (a log, a proxy) gets nothing.
        using var replayed = await AssertionTokenAsync("jgz-zuid-limburg", assertion);
        Assert.Equal("invalid_client", await ErrorOfAsync(replayed));
        // An assertion addressed to another server is not good here.
        using var elsewhere = await AssertionTokenAsync("jgz-zuid-limburg", Assertion("jgz-zuid-limburg", "https://other.example/", key));
        Assert.NotNull(await ErrorOfAsync(elsewhere));

        using var disabled = await SendAsync(office, HttpMethod.Post, "/jgz-zuid-limburg/disable", new { reason = "Key lost" });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        using var afterDisabling = await AssertionTokenAsync("jgz-zuid-limburg", Assertion("jgz-zuid-limburg", IdentityFactory.Issuer, key));
        Assert.Equal("invalid_client", await ErrorOfAsync(afterDisabling));
        using var enabled = await SendAsync(office, HttpMethod.Post, "/jgz-zuid-limburg/enable", null);
        using var again = await AssertionTokenAsync("jgz-zuid-limburg", Assertion("jgz-zuid-limburg", IdentityFactory.Issuer, key));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_client_with_a_secret_gets_it_once_and_a_new_one_replaces_it()
    {
        var office = await AccessTokenAsync(Office, "office-secret", "identity");
        using var registered = await SendAsync(office, HttpMethod.Post, "", new { organisationId = "jeugdhulp-horizon", authentication = "client_secret" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var first = (await registered.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("clientSecret").GetString()!;
        using (var shown = await SendAsync(office, HttpMethod.Get, "/jeugdhulp-horizon", null))
            Assert.DoesNotContain(first, await shown.Content.ReadAsStringAsync(Ct));
        Assert.NotNull(await AccessTokenAsync("jeugdhulp-horizon", first, "intake"));

        using var rotated = await SendAsync(office, HttpMethod.Post, "/jeugdhulp-horizon/secret", null);
        var second = (await rotated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("clientSecret").GetString()!;
        using var old = await TokenAsync("jeugdhulp-horizon", first, "intake");
        Assert.Equal("invalid_client", await ErrorOfAsync(old));
        Assert.NotNull(await AccessTokenAsync("jeugdhulp-horizon", second, "intake"));
    }

    [Fact]
    public async Task The_office_tool_makes_a_key_pair_whose_public_half_registers_and_whose_private_half_stays_with_its_owner()
    {
        var prefix = Path.Combine(_certificates, "horizon");
        var stdout = new StringWriter();
        Assert.Equal(0, await AdminCommands.RunAsync(["keys", "new", "--out", prefix], stdout, new StringWriter(), _ => null, Ct));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode($"{prefix}.private.pem"));
        var jwks = JsonDocument.Parse(await File.ReadAllTextAsync($"{prefix}.jwks.json", Ct)).RootElement;
        var office = await AccessTokenAsync(Office, "office-secret", "identity");
        using var registered = await SendAsync(office, HttpMethod.Post, "", new { organisationId = "school-vo-college-parkstad", jwks });
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync(Ct));
        // Without the office's credentials the tool says what is missing and calls nobody.
        var stderr = new StringWriter();
        Assert.Equal(1, await AdminCommands.RunAsync(["clients", "list"], new StringWriter(), stderr, _ => null, Ct));
        Assert.Contains("PLATFORM_ADMIN_CLIENT_ID", stderr.ToString());
        Assert.Equal(2, await AdminCommands.RunAsync(["clients", "add", "x"], new StringWriter(), new StringWriter(), _ => null, Ct));
    }

    private static object Jwks(RSA rsa, string kid)
    {
        var jwk = KeyPairs.PublicJwk(rsa.ExportParameters(false));
        jwk["kid"] = kid;
        return new { keys = new[] { jwk } };
    }

    private static string Assertion(string clientId, string audience, SigningCredentials key) => ClientAssertions.Create(clientId, audience, key);

    private Task<HttpResponseMessage> AssertionTokenAsync(string clientId, string assertion) =>
        _http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["scope"] = "intake",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", ["client_assertion"] = assertion,
        }), Ct);

    private Task<HttpResponseMessage> TokenAsync(string clientId, string secret, string scope) =>
        _http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = scope,
        }), Ct);

    private async Task<string> AccessTokenAsync(string clientId, string secret, string scope)
    {
        using var response = await TokenAsync(clientId, secret, scope);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, "/api/identity/clients" + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return _http.SendAsync(request, Ct);
    }

    /// <summary>The OAuth error of a refused token request (RFC 6749 §5.2).</summary>
    private static async Task<string?> ErrorOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("error").GetString();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }
}
