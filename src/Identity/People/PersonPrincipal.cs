using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Platform.Identity.Clients;
using Platform.Identity.Token;
using Platform.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.People;

/// <summary>
/// What a person's tokens say, made the same way at sign-in (<c>/connect/authorize</c>) and at every refresh
/// (<c>/connect/token</c>, refresh_token), so a refresh carries the person's roles and their organisation's
/// registration as they are now, not as they were at sign-in: the person (<c>sub</c>, and <c>act_sub</c> for the
/// access log's "on behalf of"), their organisation's claims exactly as a machine client of that organisation gets
/// them, and roles narrowed to the person's own.
/// </summary>
internal static class PersonPrincipal
{
    /// <summary>The principal, or why there is none (the organisation is not registered, or no longer).</summary>
    public static async Task<(ClaimsPrincipal? Principal, string? Refusal)> CreateAsync(
        Person person, string? idp, IEnumerable<string> requestedScopes, string clientId, IOpenIddictApplicationManager applications,
        Platform.DirectoryReplica.IRegionDirectory directory)
    {
        // The organisation's own client (its id is the organisation's) carries the organisation's roles and APIs for its
        // people too: disabled, its people get nothing either; one that acts for another organisation is not it.
        var organisation = await applications.FindByClientIdAsync(person.OrganisationId);
        if (organisation is null) return (null, $"The organisation {person.OrganisationId} is not registered here.");
        var properties = await applications.GetPropertiesAsync(organisation);
        if (ClientProperties.IsDisabled(properties) || ClientProperties.OrganisationOf(properties, person.OrganisationId) != person.OrganisationId)
            return (null, $"The organisation {person.OrganisationId} has no client in use here.");
        if (await OrganisationClaims.CurrentAsync(applications, organisation, directory, CancellationToken.None) is not { } current)
            return (null, $"The organisation {person.OrganisationId} no longer takes part in the region.");
        var permitted = ClientProperties.ScopesOf(await applications.GetPermissionsAsync(organisation)).ToHashSet();
        var roles = OrganisationClaims.Roles(properties, current.Type).Intersect(person.Roles).ToImmutableArray();
        // The APIs asked for that the organisation may use and the person's work needs (a leerplicht officer gets no
        // Intake audience, so no youth-care case); openid and profile for the portal itself; offline_access for the
        // portal's refresh token, which lets it renew the access token while the person works.
        var needed = PersonScopes.For(roles);
        var scopes = requestedScopes
            .Where(s => (permitted.Contains(s) && needed.Contains(s)) || s is Scopes.OpenId or Scopes.Profile or Scopes.OfflineAccess)
            .Distinct().ToImmutableArray();

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, PlatformClaims.Role);
        identity.SetClaim(Claims.Subject, person.Id);
        identity.SetClaim("act_sub", person.Id);
        identity.SetClaim(Claims.Name, person.Name);
        identity.SetClaim(PlatformClaims.ClientId, clientId);
        // Kept in the code and the refresh token only (no destination): each refresh checks the provider again (SignInSources).
        if (idp is not null) identity.SetClaim(SignInSources.Claim, idp);
        OrganisationClaims.Add(identity, current);
        identity.SetClaims(PlatformClaims.Role, roles);
        identity.SetScopes(scopes);
        identity.SetResources(scopes.Where(s => s is not (Scopes.OpenId or Scopes.Profile or Scopes.OfflineAccess)).Select(DemoRegion.Scopes.AudienceOf));
        // The portal shows who is signed in and fills what a form may take from the organisation (a leerplicht officer's
        // municipality) from the id token; the APIs get everything (access token).
        identity.SetDestinations(claim => claim.Type == SignInSources.Claim ? [] : claim.Type is Claims.Name or PlatformClaims.OrganisationId or PlatformClaims.OrganisationName or PlatformClaims.OrganisationType or PlatformClaims.Role
                or PlatformClaims.Municipality or PlatformClaims.Swv
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return (new ClaimsPrincipal(identity), null);
    }
}
