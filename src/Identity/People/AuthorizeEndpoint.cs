using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.DemoRegion;
using Platform.Identity.Token;
using Platform.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.People;

/// <summary>
/// <c>/connect/authorize</c>: the authorization code flow with PKCE for people (the portal). OpenIddict
/// has checked the client, its redirect URI and the PKCE challenge; here the person signs in (if not
/// yet) and we decide what their tokens say: the person (<c>sub</c>, and <c>act_sub</c> for the access
/// log's "on behalf of"), their organisation's claims exactly as a machine client of that
/// organisation gets them, and roles narrowed to the person's own.
/// </summary>
internal static class AuthorizeEndpoint
{
    public static IEndpointRouteBuilder MapAuthorizeEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, IOpenIddictApplicationManager applications)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict server request is missing.");
        var session = await http.AuthenticateAsync(DemoSignIn.Scheme);
        var person = DemoPeople.Find(session.Principal?.FindFirst("sub")?.Value);
        if ((!session.Succeeded || person is null) && request.HasPromptValue(PromptValues.None))
            return ServerResults.Forbid(Errors.LoginRequired, "The person is not signed in.");
        if (!session.Succeeded || person is null || request.HasPromptValue(PromptValues.Login))
        {
            var query = QueryString.Create(request.GetParameters()
                .Where(p => p.Key != Parameters.Prompt)
                .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())));
            var back = $"/connect/authorize{query}";
            return Results.Redirect($"{DemoSignIn.Path}?returnUrl={Uri.EscapeDataString(back)}&lang={(request.UiLocales?.StartsWith("en", StringComparison.Ordinal) == true ? "en" : "nl")}");
        }

        var organisation = await applications.FindByClientIdAsync(person.OrganisationId);
        if (organisation is null)
            return ServerResults.Forbid(Errors.AccessDenied, $"The organisation {person.OrganisationId} is not registered here.");
        var properties = await applications.GetPropertiesAsync(organisation);
        var permitted = (await applications.GetPermissionsAsync(organisation))
            .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..]).ToHashSet();
        var roles = OrganisationClaims.Roles(properties).Intersect(person.Roles).ToImmutableArray();
        // The APIs asked for that the organisation may use and the person's work needs (a leerplicht
        // officer gets no Intake audience, so no youth-care case); openid and profile for the portal itself.
        var needed = PersonScopes.For(roles);
        var scopes = request.GetScopes().Where(s => (permitted.Contains(s) && needed.Contains(s)) || s is Scopes.OpenId or Scopes.Profile).ToImmutableArray();

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, PlatformClaims.Role);
        identity.SetClaim(Claims.Subject, person.Id);
        identity.SetClaim("act_sub", person.Id);
        identity.SetClaim(Claims.Name, person.Name);
        identity.SetClaim(PlatformClaims.ClientId, request.ClientId);
        OrganisationClaims.Add(identity, person.OrganisationId, await applications.GetDisplayNameAsync(organisation), properties);
        identity.SetClaims(PlatformClaims.Role, roles);
        identity.SetScopes(scopes);
        identity.SetResources(scopes.Where(s => s is not (Scopes.OpenId or Scopes.Profile)).Select(DemoRegion.Scopes.AudienceOf));
        // The portal shows who is signed in (id token); the APIs get everything (access token).
        identity.SetDestinations(claim => claim.Type is Claims.Name or PlatformClaims.OrganisationId or PlatformClaims.OrganisationName or PlatformClaims.OrganisationType or PlatformClaims.Role
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
