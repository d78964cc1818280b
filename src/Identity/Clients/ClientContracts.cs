using System.Text.Json;

namespace Platform.Identity.Clients;

/// <param name="OrganisationId">The organisation in the region's directory the client acts for: its tokens carry this <c>org_id</c>, its type, municipality and SWV.</param>
/// <param name="ClientId">The client's id; the organisation's id when left out (an organisation with a second system gives that one its own id).</param>
/// <param name="Authentication">private_key_jwt (the default: a JSON Web Key Set of public keys in jwks) or client_secret (a secret made here and shown once).</param>
/// <param name="Jwks">For private_key_jwt: the organisation's public signing keys, each with a kid. Never a private key.</param>
/// <param name="Roles">The organisation's roles inside the services; the defaults of its type when left out.</param>
/// <param name="Scopes">The APIs it may ask tokens for; all its type may use when left out.</param>
public sealed record RegisterClientRequest(string? OrganisationId, string? ClientId, string? Authentication, JsonElement? Jwks,
    IReadOnlyList<string>? Roles, IReadOnlyList<string>? Scopes);

/// <param name="Jwks">The complete new key set: to rotate with overlap, the old and the new key first, the new one alone later.</param>
public sealed record SetClientKeysRequest(JsonElement? Jwks);

/// <param name="Reason">Why, for the record (at most 200 characters).</param>
public sealed record DisableClientRequest(string? Reason);

/// <summary>A registered client. Its secret is never shown again, its keys only by their ids.</summary>
public sealed record ClientResponse(
    string ClientId, string OrganisationId, string OrganisationName, string OrganisationType, string? Municipality, string? Swv,
    string Authentication, IReadOnlyList<string> KeyIds, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes,
    bool Disabled, DateTimeOffset? DisabledAt, string? DisabledReason)
{
    internal static ClientResponse From(ClientView v) => new(v.ClientId, v.Organisation.Id, v.Organisation.Name, v.Organisation.Type,
        v.Organisation.Municipality, v.Organisation.Swv, v.Authentication, v.KeyIds, v.Roles, v.Scopes, v.DisabledAt is not null,
        v.DisabledAt, v.DisabledReason);
}

/// <param name="ClientSecret">Only for client_secret, and only in this answer: hand it to the organisation over a safe channel.</param>
public sealed record RegisteredClientResponse(ClientResponse Client, string? ClientSecret);

public sealed record ClientListResponse(IReadOnlyList<ClientResponse> Items);
