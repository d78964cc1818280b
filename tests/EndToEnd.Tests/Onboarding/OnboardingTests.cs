using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using OpenIddict.Abstractions;
using OpenIddict.Client;
using Platform.PlatformAdmin;
using Platform.ServiceDefaults;
using Platform.TestInfrastructure;

namespace Platform.EndToEnd.Tests.Onboarding;

/// <summary>
/// #26: an organisation is onboarded as data, the way the region's office does it. The directory keeper registers the
/// organisation in the Directory; the office generates nothing for it: the organisation makes its own key pair
/// (<c>platform-admin keys new</c>) and the office registers the public key (<c>platform-admin clients add</c>). The
/// organisation then gets tokens with a stock OAuth client (OpenIddict's, signing RFC 7523 assertions) and uses them
/// through the gateway; disabled, it gets none, and what it holds runs out within the token lifetime.
/// </summary>
public sealed class OnboardingTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const string Office = "regio-zuid-limburg";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_organisation_onboarded_as_data_gets_tokens_with_its_own_key_and_none_once_disabled()
    {
        var organisation = $"kinderopvang-onboarded-{Guid.NewGuid():N}"[..40];
        var keeper = await Demo.ClientAsync(platform.Gateway, Office);
        var registered = await keeper.PutAsJsonAsync($"/api/directory/organisations/{organisation}",
            new { name = "Kinderopvang Het Nieuwe Nest (Maastricht)", type = "childcare", municipality = "GM0935", subRegion = "maastricht-heuvelland", active = true }, Ct);
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync(Ct));

        // The organisation's own key pair, made on its own machine; only the public half goes to the office.
        var folder = Directory.CreateTempSubdirectory("onboarding-").FullName;
        var prefix = Path.Combine(folder, organisation);
        Assert.Equal(0, await AdminAsync("keys", "new", "--out", prefix));
        var jwks = JsonDocument.Parse(await File.ReadAllTextAsync($"{prefix}.jwks.json", Ct)).RootElement;
        Assert.False(jwks.GetProperty("keys")[0].TryGetProperty("d", out _), "The key set to register holds no private part.");

        // Identity learns of the new organisation from the Directory's next snapshot: until then, 422 on organisationId.
        await Eventually.TrueAsync(async () => await AdminAsync("clients", "add", organisation, "--jwks", $"{prefix}.jwks.json") == 0,
            "the office's registration of the new organisation's client", TimeSpan.FromSeconds(60), Ct);

        var kid = jwks.GetProperty("keys")[0].GetProperty("kid").GetString()!;
        await using var stock = StockClient.For(platform.Gateway.BaseAddress!, organisation, new KeyPairs.Written($"{prefix}.private.pem", $"{prefix}.jwks.json", kid));
        var token = await stock.TokenAsync(Ct, "directory", "intake");
        var claims = Payload(token);
        Assert.Equal(organisation, claims.GetProperty(PlatformClaims.OrganisationId).GetString());
        Assert.Equal("childcare", claims.GetProperty(PlatformClaims.OrganisationType).GetString());
        Assert.Equal("GM0935", claims.GetProperty(PlatformClaims.Municipality).GetString());

        using var organisationClient = new HttpClient { BaseAddress = platform.Gateway.BaseAddress };
        organisationClient.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var own = await organisationClient.GetAsync($"/api/directory/organisations/{organisation}", Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        // A childcare organisation's client may not ask for what its type may not have (the office gave it the defaults).
        var notItsApi = await Assert.ThrowsAsync<OpenIddictExceptions.ProtocolException>(() => stock.TokenAsync(Ct, "funding"));
        output.WriteLine($"A childcare client asking for funding: {notItsApi.Error} ({notItsApi.ErrorDescription})");

        Assert.Equal(0, await AdminAsync("clients", "disable", organisation, "--reason", "End of the contract"));
        var refused = await Assert.ThrowsAsync<OpenIddictExceptions.ProtocolException>(() => stock.TokenAsync(Ct, "directory"));
        Assert.Equal(OpenIddictConstants.Errors.InvalidClient, refused.Error);
        // What it already holds stops working within the token lifetime: 15 minutes at most (Identity:AccessTokenMinutes).
        var lifetime = claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64();
        Assert.InRange(lifetime, 1, 15 * 60);

        // Every change the office made is in the access log, with who made it.
        await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync(ResourceNames.AuditDb));
        await connection.OpenAsync(Ct);
        var lines = await Eventually.ValueAsync(async () =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT action || ' by ' || organisation_id FROM audit.records WHERE service = 'identity' AND record_type = 'api-client' AND record_id = @id ORDER BY sequence",
                connection);
            command.Parameters.AddWithValue("id", organisation);
            var found = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct)) found.Add(reader.GetString(0));
            return found;
        }, found => found.Count == 2, "the access log's lines of the registration and the disabling", ct: Ct);
        Assert.Equal([$"create by {Office}", $"update by {Office}"], lines);
    }

    /// <summary>The office's tool, as the office runs it: its client and the demo region's secret from the environment.</summary>
    private Task<int> AdminAsync(params string[] args) =>
        OfficeTool.RunAsync(platform.Gateway.BaseAddress!, Office, ("PLATFORM_ADMIN_CLIENT_SECRET", $"{Office}-dev-secret"), output, Ct, args);

    private static JsonElement Payload(string jwt) =>
        JsonDocument.Parse(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(jwt.Split('.')[1]))).RootElement;
}
