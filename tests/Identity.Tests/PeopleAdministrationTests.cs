using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Identity.Tests;

/// <summary>
/// #26, "people sign in through their organisation's identity provider": the region's office connects an organisation's
/// provider as data (https only, its secret never shown again nor stored readable), and the organisation's own
/// administrator registers its people with roles the organisation holds, and no others. Attackers inside: an
/// administrator of another organisation, and an administrator changing their own registration. The sign-in through a
/// provider itself, in a browser, is in the end-to-end suite (PortalTests).
/// </summary>
public sealed class PeopleAdministrationTests(TestServersFixture fixture) : IAsyncLifetime
{
    private const string Office = "regio-zuid-limburg";
    private const string Heerlen = "gemeente-heerlen";
    private PortalSession _session = null!;
    private HttpClient _http = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Carla Willems (leerplicht officer of Maastricht) is signed in at Identity, as the portal's person would be.
        _session = await PortalSession.StartAsync(fixture.Servers, new Dictionary<string, string>
        {
            [$"DemoRegion:ClientSecrets:{Office}"] = "office-secret",
            [$"DemoRegion:ClientSecrets:{Heerlen}"] = "heerlen-secret",
        }, person: "carla.willems");
        _http = _session.Server.Identity.CreateClient();
        await DemoDirectory.SeedAsync<IdentityDbContext>(_session.Server.Identity.Services, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _session.DisposeAsync();
    }

    [Fact]
    public async Task The_region_office_connects_a_provider_over_https_with_its_secret_never_shown_nor_stored_readable()
    {
        var office = await AccessTokenAsync(Office, "office-secret");
        var maastricht = await AccessTokenAsync(IdentityFactory.Client, IdentityFactory.Secret);
        var provider = Provider("maastricht-entra", "https://login.example/maastricht/v2.0", IdentityFactory.Client);

        using var plainHttp = await SendAsync(office, HttpMethod.Post, "/api/identity/providers", Provider("plain", "http://login.example", IdentityFactory.Client));
        await AssertProblemAsync(plainHttp, HttpStatusCode.BadRequest, "authority");
        using var unknown = await SendAsync(office, HttpMethod.Post, "/api/identity/providers", Provider("unknown", "https://login.example", "gemeente-nergens"));
        await AssertProblemAsync(unknown, HttpStatusCode.UnprocessableEntity, "organisationIds[0]");
        // An organisation administers its people, not the region's providers.
        using var notTheOffice = await SendAsync(maastricht, HttpMethod.Post, "/api/identity/providers", provider);
        Assert.Equal(HttpStatusCode.Forbidden, notTheOffice.StatusCode);
        // A claim that can pass to another person (an e-mail address) cannot identify people.
        using var byEmail = await SendAsync(office, HttpMethod.Post, "/api/identity/providers", new
        {
            id = "by-email", displayName = "By e-mail", authority = "https://login.example", clientId = "village", clientSecret = "s",
            organisationIds = new[] { IdentityFactory.Client }, subjectClaim = "email",
        });
        await AssertProblemAsync(byEmail, HttpStatusCode.BadRequest, "subjectClaim");

        using var created = await SendAsync(office, HttpMethod.Post, "/api/identity/providers", provider);
        var body = await created.Content.ReadAsStringAsync(Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        Assert.Equal("/account/upstream/maastricht-entra/callback", JsonDocument.Parse(body).RootElement.GetProperty("callbackPath").GetString());
        Assert.DoesNotContain("upstream-secret", body);
        using var twice = await SendAsync(office, HttpMethod.Post, "/api/identity/providers", provider);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        await using (var scope = _session.Server.Identity.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().UpstreamProviders.SingleAsync(p => p.Id == "maastricht-entra", Ct);
            Assert.DoesNotContain("upstream-secret", stored.ProtectedClientSecret);
        }

        // Another issuer is another provider: the stored secret is never sent there, so a new one must come with it.
        using var moved = await SendAsync(office, HttpMethod.Put, "/api/identity/providers/maastricht-entra", new { authority = "https://attacker.example" });
        await AssertProblemAsync(moved, HttpStatusCode.BadRequest, "clientSecret");

        // The sign-in page offers it by its name; disabled, it is gone from there at once (the office's own replica).
        Assert.Contains("Gemeente Maastricht (Entra ID)", await _session.Browser.Client.GetStringAsync("/account/login", Ct));
        using var disabled = await SendAsync(office, HttpMethod.Post, "/api/identity/providers/maastricht-entra/disable", null);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.DoesNotContain("Gemeente Maastricht (Entra ID)", await _session.Browser.Client.GetStringAsync("/account/login", Ct));
    }

    [Fact]
    public async Task An_organisation_registers_its_own_people_with_its_own_roles_and_sees_no_other_organisations_people()
    {
        var office = await AccessTokenAsync(Office, "office-secret");
        (await SendAsync(office, HttpMethod.Post, "/api/identity/providers", Provider("maastricht-idp", "https://login.example/m", IdentityFactory.Client))).EnsureSuccessStatusCode();
        (await SendAsync(office, HttpMethod.Post, "/api/identity/providers", Provider("heerlen-idp", "https://login.example/h", Heerlen))).EnsureSuccessStatusCode();
        var maastricht = await AccessTokenAsync(IdentityFactory.Client, IdentityFactory.Secret);
        var heerlen = await AccessTokenAsync(Heerlen, "heerlen-secret");

        // A role the municipality does not hold (an SWV's), and another municipality's provider: refused, the field named.
        using var swvRole = await SendAsync(maastricht, HttpMethod.Post, "/api/identity/people", Person("tlv", "maastricht-idp", "s-1"));
        await AssertProblemAsync(swvRole, HttpStatusCode.BadRequest, "roles[0]");
        using var othersProvider = await SendAsync(maastricht, HttpMethod.Post, "/api/identity/people", Person("youth-care", "heerlen-idp", "s-1"));
        await AssertProblemAsync(othersProvider, HttpStatusCode.BadRequest, "providerId");

        using var created = await SendAsync(maastricht, HttpMethod.Post, "/api/identity/people", Person("youth-care", "maastricht-idp", "s-1"));
        var person = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = person.GetProperty("id").GetString()!;
        Assert.StartsWith("p-", id);
        Assert.Equal(IdentityFactory.Client, person.GetProperty("organisationId").GetString());
        using var sameLogin = await SendAsync(maastricht, HttpMethod.Post, "/api/identity/people", Person("leerplicht", "maastricht-idp", "s-1"));
        Assert.Equal(HttpStatusCode.Conflict, sameLogin.StatusCode);

        // Heerlen's administrator: Maastricht's person does not exist for them, neither to read nor to change.
        using var read = await SendAsync(heerlen, HttpMethod.Get, $"/api/identity/people/{id}", null);
        using var change = await SendAsync(heerlen, HttpMethod.Put, $"/api/identity/people/{id}/roles", new { roles = Array.Empty<string>() });
        using var list = await SendAsync(heerlen, HttpMethod.Get, "/api/identity/people", null);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
        Assert.DoesNotContain(id, await list.Content.ReadAsStringAsync(Ct));

        using var roles = await SendAsync(maastricht, HttpMethod.Put, $"/api/identity/people/{id}/roles", new { roles = new[] { "youth-care", "leerplicht" } });
        using var disabled = await SendAsync(maastricht, HttpMethod.Post, $"/api/identity/people/{id}/disable", new { reason = "Left the wijkteam" });
        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        Assert.True(JsonDocument.Parse(await disabled.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("disabled").GetBoolean());
    }

    /// <summary>
    /// A person who administers their organisation's people may change their colleagues' roles, never their own (no one
    /// raises their own access), and loses the API as soon as their own role is taken away, with the token they hold.
    /// </summary>
    [Fact]
    public async Task A_person_administering_people_changes_colleagues_but_not_themself_and_loses_it_with_the_role()
    {
        var maastricht = await AccessTokenAsync(IdentityFactory.Client, IdentityFactory.Secret);
        (await SendAsync(maastricht, HttpMethod.Put, "/api/identity/people/carla.willems/roles", new { roles = new[] { "leerplicht", "people-admin" } })).EnsureSuccessStatusCode();
        var (code, verifier) = await _session.AuthorizeAsync("openid identity", Ct);
        using var redeemed = await _session.RedeemAsync(code, verifier, Ct);
        var carla = JsonDocument.Parse(await redeemed.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("access_token").GetString()!;

        using var own = await SendAsync(carla, HttpMethod.Put, "/api/identity/people/carla.willems/roles", new { roles = new[] { "leerplicht", "people-admin", "funder" } });
        using var ownDisable = await SendAsync(carla, HttpMethod.Post, "/api/identity/people/carla.willems/disable", null);
        using var colleague = await SendAsync(carla, HttpMethod.Put, "/api/identity/people/dirk.janssen/roles", new { roles = new[] { "youth-care", "leerplicht" } });
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, ownDisable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, colleague.StatusCode);

        (await SendAsync(maastricht, HttpMethod.Put, "/api/identity/people/carla.willems/roles", new { roles = new[] { "leerplicht" } })).EnsureSuccessStatusCode();
        using var afterwards = await SendAsync(carla, HttpMethod.Get, "/api/identity/people", null);
        Assert.Equal(HttpStatusCode.Forbidden, afterwards.StatusCode);
    }

    /// <summary>A person disabled by their organisation gets no new access token: the portal's next refresh is refused.</summary>
    [Fact]
    public async Task A_disabled_person_gets_no_new_token_from_their_refresh_token()
    {
        var (code, verifier) = await _session.AuthorizeAsync("openid offline_access monitoring", Ct);
        using var redeemed = await _session.RedeemAsync(code, verifier, Ct);
        var refreshToken = JsonDocument.Parse(await redeemed.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("refresh_token").GetString()!;
        var maastricht = await AccessTokenAsync(IdentityFactory.Client, IdentityFactory.Secret);
        (await SendAsync(maastricht, HttpMethod.Post, "/api/identity/people/carla.willems/disable", new { reason = "Left" })).EnsureSuccessStatusCode();

        using var refreshed = await _session.RefreshAsync(refreshToken, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
        Assert.Equal("invalid_grant", (await refreshed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
    }

    private static object Provider(string id, string authority, string organisation) => new
    {
        id, displayName = id.StartsWith("maastricht-entra", StringComparison.Ordinal) ? "Gemeente Maastricht (Entra ID)" : id, authority,
        clientId = "village", clientSecret = "upstream-secret-1", organisationIds = new[] { organisation },
    };

    private static object Person(string role, string provider, string subject) => new
    {
        name = "Sanne Vos", function = "Casusregisseur wijkteam", roles = new[] { role }, providerId = provider, upstreamSubject = subject,
    };

    private async Task<string> AccessTokenAsync(string clientId, string secret)
    {
        using var response = await _http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "identity",
        }), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return _http.SendAsync(request, Ct);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }
}
