using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.PlatformAdmin;
using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>
/// #26: a real region's first client, and the privacy officer's, come from the operators' configuration
/// (<c>Identity:OfficeClients</c>), with keys only, in Production too; the admin API then works for that client and still
/// never gives the protected roles.
/// </summary>
public sealed class OfficeClientsTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("office-").FullName;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_offices_client_from_configuration_signs_in_with_its_key_in_Production_and_administers_clients()
    {
        var now = DateTimeOffset.UtcNow;
        var certificate = SigningCertificates.Create(_folder, "current", now.AddDays(-1), now.AddDays(60));
        using var rsa = RSA.Create(3072);
        var jwk = KeyPairs.PublicJwk(rsa.ExportParameters(false));
        var jwksFile = Path.Combine(_folder, "office.jwks.json");
        await File.WriteAllTextAsync(jwksFile, JsonSerializer.Serialize(new { keys = new[] { jwk } }), Ct);
        await using var identity = new IdentityFactory(await IdentityFactory.NewDatabaseAsync(fixture.Servers), [certificate], new Dictionary<string, string>
        {
            ["Identity:OfficeClients:regio-zeeuws-vlaanderen-beheer:OrganisationId"] = "regio-zeeuws-vlaanderen",
            ["Identity:OfficeClients:regio-zeeuws-vlaanderen-beheer:OrganisationName"] = "Regiobureau Zeeuws-Vlaanderen",
            ["Identity:OfficeClients:regio-zeeuws-vlaanderen-beheer:Roles:0"] = "client-admin",
            ["Identity:OfficeClients:regio-zeeuws-vlaanderen-beheer:Roles:1"] = "directory-admin",
            ["Identity:OfficeClients:regio-zeeuws-vlaanderen-beheer:JwksFile"] = jwksFile,
        }) { Environment = "Production" };
        using var http = identity.CreateClient();

        var assertion = ClientAssertions.Create("regio-zeeuws-vlaanderen-beheer", IdentityFactory.Issuer,
            new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = jwk["kid"] }, SecurityAlgorithms.RsaSha256));
        using var tokenResponse = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["scope"] = "identity",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", ["client_assertion"] = assertion,
        }), Ct);
        var body = await tokenResponse.Content.ReadAsStringAsync(Ct);
        Assert.True(tokenResponse.IsSuccessStatusCode, body);
        var token = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
        var claims = new JsonWebToken(token);
        Assert.Equal("regio-zeeuws-vlaanderen", claims.GetClaim("org_id").Value);
        Assert.Equal("region", claims.GetClaim("org_type").Value);

        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/identity/clients");
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var listed = await http.SendAsync(list, Ct);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var only = Assert.Single((await listed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray());
        Assert.Equal("regio-zeeuws-vlaanderen-beheer", only.GetProperty("clientId").GetString());
        Assert.Equal("private_key_jwt", only.GetProperty("authentication").GetString());

        // The office's tool, signing with the same private key as the office's machine would.
        var keyFile = Path.Combine(_folder, "office.private.pem");
        await File.WriteAllTextAsync(keyFile, rsa.ExportPkcs8PrivateKeyPem(), Ct);
        var environment = new Dictionary<string, string>
        {
            ["PLATFORM_GATEWAY"] = "http://localhost/", ["PLATFORM_ADMIN_CLIENT_ID"] = "regio-zeeuws-vlaanderen-beheer", ["PLATFORM_ADMIN_KEY_FILE"] = keyFile,
        };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await AdminCommands.RunAsync(["clients", "list"], stdout, stderr, name => environment.GetValueOrDefault(name), Ct, identity.Server.CreateHandler());
        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("regio-zeeuws-vlaanderen-beheer", stdout.ToString());
    }

    [Fact]
    public async Task An_office_client_with_a_role_outside_the_office_or_without_keys_stops_Identity_at_start_up()
    {
        var now = DateTimeOffset.UtcNow;
        var certificate = SigningCertificates.Create(_folder, "current", now.AddDays(-1), now.AddDays(60));
        await using var identity = new IdentityFactory(await IdentityFactory.NewDatabaseAsync(fixture.Servers), [certificate], new Dictionary<string, string>
        {
            ["Identity:OfficeClients:regio-beheer:OrganisationId"] = "regio-x",
            ["Identity:OfficeClients:regio-beheer:OrganisationName"] = "Regiobureau X",
            ["Identity:OfficeClients:regio-beheer:Roles:0"] = "funder",
        }) { Environment = "Production" };
        var refused = Assert.Throws<InvalidOperationException>(() => identity.CreateClient());
        Assert.Contains("Identity:OfficeClients:regio-beheer:Roles", refused.Message);
    }
}
