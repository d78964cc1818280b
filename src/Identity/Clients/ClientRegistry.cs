using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Clients;

/// <summary>A client to register: who it acts for, what it may do, and how it proves who it is (keys or a secret).</summary>
internal sealed record ClientRegistration(
    string ClientId, OrganisationAttributes Organisation, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes,
    JsonWebKeySet? Keys, string? Secret);

/// <summary>A registered client as the region's office sees it (never its secret or keys, only the keys' ids).</summary>
internal sealed record ClientView(
    string ClientId, OrganisationAttributes Organisation, string Authentication, IReadOnlyList<string> KeyIds,
    IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes, DateTimeOffset? DisabledAt, string? DisabledReason);

/// <summary>
/// The organisations' OAuth2 clients, as OpenIddict applications: the one place that writes them, for the admin API
/// and for the demo region's seed step alike. The caller's scope owns the unit of work (the admin API commits the
/// change together with its access-log record).
/// </summary>
internal sealed class ClientRegistry(IOpenIddictApplicationManager applications)
{
    public const string PrivateKeyJwt = "private_key_jwt";
    public const string ClientSecret = "client_secret";

    /// <summary>A secret of 256 random bits, for clients that cannot sign assertions (shown once, stored hashed).</summary>
    public static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public async Task<bool> ExistsAsync(string clientId, CancellationToken ct) => await applications.FindByClientIdAsync(clientId, ct) is not null;

    /// <summary>
    /// An organisation's client (confidential, client credentials), or null: the portal, a client of people configured
    /// by the operators, is never found here, so the admin API can neither read nor change it.
    /// </summary>
    private async Task<object?> FindOrganisationClientAsync(string clientId, CancellationToken ct) =>
        await applications.FindByClientIdAsync(clientId, ct) is { } application && await IsOrganisationClientAsync(application, ct) ? application : null;

    private async Task<bool> IsOrganisationClientAsync(object application, CancellationToken ct) =>
        await applications.HasClientTypeAsync(application, ClientTypes.Confidential, ct)
        && (await applications.GetPermissionsAsync(application, ct)).Contains(Permissions.GrantTypes.ClientCredentials);

    public async Task CreateAsync(ClientRegistration registration, CancellationToken ct) =>
        await applications.CreateAsync(Describe(registration, new OpenIddictApplicationDescriptor()), ct);

    /// <summary>Creates the client or makes an existing one what <paramref name="registration"/> says (the demo region's seed step).</summary>
    public async Task CreateOrUpdateAsync(ClientRegistration registration, CancellationToken ct)
    {
        var existing = await applications.FindByClientIdAsync(registration.ClientId, ct);
        if (existing is null) await CreateAsync(registration, ct);
        else await applications.UpdateAsync(existing, Describe(registration, new OpenIddictApplicationDescriptor()), ct);
    }

    public async Task<ClientView?> FindAsync(string clientId, CancellationToken ct) =>
        await FindOrganisationClientAsync(clientId, ct) is { } application ? await ViewAsync(application, ct) : null;

    public async Task<IReadOnlyList<ClientView>> ListAsync(CancellationToken ct)
    {
        var views = new List<ClientView>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, ct))
        {
            // The portal is a client of people, not of an organisation: it is configured, not registered.
            if (await IsOrganisationClientAsync(application, ct)) views.Add(await ViewAsync(application, ct));
        }
        return [.. views.OrderBy(v => v.ClientId, StringComparer.Ordinal)];
    }

    /// <summary>Disabled: no new token from the next request on; tokens already issued run out within their lifetime.</summary>
    public Task<ClientView?> DisableAsync(string clientId, DateTimeOffset at, string reason, CancellationToken ct) =>
        ChangeAsync(clientId, d =>
        {
            d.Properties[ClientProperties.DisabledAt] = ClientProperties.Json(at.ToString("O"));
            d.Properties[ClientProperties.DisabledReason] = ClientProperties.Json(reason);
        }, ct);

    public Task<ClientView?> EnableAsync(string clientId, CancellationToken ct) =>
        ChangeAsync(clientId, d =>
        {
            d.Properties.Remove(ClientProperties.DisabledAt);
            d.Properties.Remove(ClientProperties.DisabledReason);
        }, ct);

    /// <summary>The client's public keys replaced: to rotate with overlap, first a set with both keys, later the new one alone.</summary>
    public Task<ClientView?> SetKeysAsync(string clientId, JsonWebKeySet keys, CancellationToken ct) =>
        ChangeAsync(clientId, d =>
        {
            d.JsonWebKeySet = keys;
            d.ClientSecret = null;
        }, ct);

    /// <summary>A new secret replaces the old one at once (no overlap: docs/identity.md advises keys for that).</summary>
    public Task<ClientView?> SetSecretAsync(string clientId, string secret, CancellationToken ct) =>
        ChangeAsync(clientId, d =>
        {
            d.ClientSecret = secret;
            d.JsonWebKeySet = null;
        }, ct);

    private async Task<ClientView?> ChangeAsync(string clientId, Action<OpenIddictApplicationDescriptor> change, CancellationToken ct)
    {
        var application = await FindOrganisationClientAsync(clientId, ct);
        if (application is null) return null;
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, ct);
        change(descriptor);
        await applications.UpdateAsync(application, descriptor, ct);
        return await ViewAsync(application, ct);
    }

    private static OpenIddictApplicationDescriptor Describe(ClientRegistration r, OpenIddictApplicationDescriptor descriptor)
    {
        descriptor.ClientId = r.ClientId;
        descriptor.ClientType = ClientTypes.Confidential;
        descriptor.DisplayName = r.Organisation.Name;
        descriptor.ClientSecret = r.Keys is null ? r.Secret : null;
        descriptor.JsonWebKeySet = r.Keys;
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        foreach (var scope in r.Scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        descriptor.Properties[ClientProperties.OrganisationId] = ClientProperties.Json(r.Organisation.Id);
        descriptor.Properties[ClientProperties.Type] = ClientProperties.Json(r.Organisation.Type);
        descriptor.Properties[ClientProperties.Roles] = ClientProperties.Json(r.Roles);
        if (r.Organisation.Municipality is not null) descriptor.Properties[ClientProperties.Municipality] = ClientProperties.Json(r.Organisation.Municipality);
        if (r.Organisation.Swv is not null) descriptor.Properties[ClientProperties.Swv] = ClientProperties.Json(r.Organisation.Swv);
        return descriptor;
    }

    private async Task<ClientView> ViewAsync(object application, CancellationToken ct)
    {
        var clientId = (await applications.GetClientIdAsync(application, ct))!;
        var properties = await applications.GetPropertiesAsync(application, ct);
        var keys = await applications.GetJsonWebKeySetAsync(application, ct);
        var scopes = ClientProperties.ScopesOf(await applications.GetPermissionsAsync(application, ct)).Order().ToImmutableArray();
        var disabledAt = ClientProperties.Text(properties, ClientProperties.DisabledAt) is { } at ? DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
        return new ClientView(
            clientId,
            new OrganisationAttributes(ClientProperties.OrganisationOf(properties, clientId), await applications.GetDisplayNameAsync(application, ct) ?? clientId,
                ClientProperties.Text(properties, ClientProperties.Type) ?? "", ClientProperties.Text(properties, ClientProperties.Municipality),
                ClientProperties.Text(properties, ClientProperties.Swv)),
            keys is { Keys.Count: > 0 } ? PrivateKeyJwt : ClientSecret, ClientKeys.IdsOf(keys),
            ClientProperties.List(properties, ClientProperties.Roles), scopes, disabledAt,
            ClientProperties.Text(properties, ClientProperties.DisabledReason));
    }
}
