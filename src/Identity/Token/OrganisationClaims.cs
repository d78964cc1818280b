using System.Collections.Immutable;
using System.Security.Claims;
using OpenIddict.Abstractions;
using Platform.DirectoryReplica;
using Platform.Identity.Clients;
using Platform.ServiceDefaults;

namespace Platform.Identity.Token;

/// <summary>The organisation's claims every token carries, machine or person: the tenant every service filters on.</summary>
internal static class OrganisationClaims
{
    public static void Add(ClaimsIdentity identity, OrganisationAttributes organisation)
    {
        identity.SetClaim(PlatformClaims.OrganisationId, organisation.Id);
        identity.SetClaim(PlatformClaims.OrganisationName, organisation.Name);
        identity.SetClaim(PlatformClaims.OrganisationType, organisation.Type);
        identity.SetClaim(PlatformClaims.Municipality, organisation.Municipality);
        identity.SetClaim(PlatformClaims.Swv, organisation.Swv);
    }

    /// <summary>The client's roles that an organisation of <paramref name="type"/> may hold: a directory that changed an organisation's type takes the rest away.</summary>
    public static ImmutableArray<string> Roles(ImmutableDictionary<string, System.Text.Json.JsonElement> properties, string type) =>
        [.. ClientProperties.List(properties, ClientProperties.Roles).Where(OrganisationRoles.AllowedFor(type).Contains)];

    /// <summary>
    /// The organisation a client acts for, as the region's directory has it now (a school that moved to another SWV
    /// carries the new one from its next token on), or null when the directory says it no longer takes part. Until
    /// Identity's copy of the directory holds the organisation (the first minutes of a new region), what was recorded
    /// at registration.
    /// </summary>
    public static async Task<OrganisationAttributes?> CurrentAsync(
        IOpenIddictApplicationManager applications, object application, IRegionDirectory directory, CancellationToken ct)
    {
        var clientId = (await applications.GetClientIdAsync(application, ct))!;
        var properties = await applications.GetPropertiesAsync(application, ct);
        var id = ClientProperties.OrganisationOf(properties, clientId);
        var known = await directory.OrganisationAsync(id, ct);
        if (known is not null)
            return known.Active ? new OrganisationAttributes(known.Id, known.Name, known.Type, known.Municipality, known.Swv) : null;
        return new OrganisationAttributes(id, await applications.GetDisplayNameAsync(application, ct) ?? id,
            ClientProperties.Text(properties, ClientProperties.Type) ?? "", ClientProperties.Text(properties, ClientProperties.Municipality),
            ClientProperties.Text(properties, ClientProperties.Swv));
    }
}
