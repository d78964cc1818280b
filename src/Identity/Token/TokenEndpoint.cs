using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.DemoRegion;
using Platform.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.Token;

/// <summary>
/// <c>POST /connect/token</c> for the client-credentials grant (and the portal's authorization codes and refresh tokens). OpenIddict has already checked
/// the client's secret and its permission for each requested scope; here we decide what the
/// token says: who the organisation is (the tenant every service filters on) and which APIs
/// (audiences) it may call.
/// </summary>
internal static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", IssueAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> IssueAsync(HttpContext http, IOpenIddictApplicationManager applications, Platform.DirectoryReplica.IRegionDirectory directory,
        People.PeopleStore people, Upstream.UpstreamProviderCache providers)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing.");
        // A person's code (the portal): the principal was made at /connect/authorize; OpenIddict has checked
        // the code, its PKCE verifier and the client, and carries the claims over.
        if (request.IsAuthorizationCodeGrantType())
        {
            var signedIn = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return signedIn.Principal is { } person
                ? Results.SignIn(person, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
                : ServerResults.Forbid(Errors.InvalidGrant, "The code is no longer valid.");
        }
        // The portal renews a person's access token: OpenIddict has checked the refresh token (one use each, rolling; a
        // second use of one revokes everything issued from the same sign-in) and the client. The claims are made anew,
        // so a person whose roles changed or who left the region gets the change, or nothing.
        if (request.IsRefreshTokenGrantType())
        {
            var refreshed = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (refreshed.Principal is not { } previous || await people.FindActiveAsync(previous.GetClaim(Claims.Subject), http.RequestAborted) is not { } person)
                return ServerResults.Forbid(Errors.InvalidGrant, "The refresh token is no longer valid, or the person no longer known.");
            var idp = previous.GetClaim(People.SignInSources.Claim);
            if (await People.SignInSources.RefusalAsync(person, idp, providers, http.RequestAborted) is { } gone)
                return ServerResults.Forbid(Errors.InvalidGrant, gone);
            var (principal, refusal) = await People.PersonPrincipal.CreateAsync(person, idp, previous.GetScopes(), request.ClientId!, applications, directory);
            return principal is null
                ? ServerResults.Forbid(Errors.InvalidGrant, refusal!)
                : Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (!request.IsClientCredentialsGrantType())
            return ServerResults.Forbid(Errors.UnsupportedGrantType, "Only the client_credentials, authorization_code and refresh_token grants are supported.");

        var application = await applications.FindByClientIdAsync(request.ClientId!);
        if (application is null)
            return ServerResults.Forbid(Errors.InvalidClient, "Unknown client.");

        var properties = await applications.GetPropertiesAsync(application);
        var permitted = Clients.ClientProperties.ScopesOf(await applications.GetPermissionsAsync(application)).ToImmutableArray();
        // The directory has the last word on who the organisation is, and whether it still takes part.
        if (await OrganisationClaims.CurrentAsync(applications, application, directory, http.RequestAborted) is not { } organisation)
            return ServerResults.Forbid(Errors.InvalidClient, "The client's organisation no longer takes part in the region.");

        // No scope asked: everything the client is permitted, so `curl -d grant_type=client_credentials ...` just works.
        // Only API scopes make audiences (openid or profile mean nothing for a machine client), and only those an
        // organisation of its type may use now (the directory may have changed the type since the registration).
        var roles = OrganisationClaims.Roles(properties, organisation.Type);
        var allowed = DemoRegion.Scopes.For(organisation.Type, roles);
        var scopes = (request.GetScopes().IsEmpty ? permitted : [.. request.GetScopes().Where(DemoRegion.Scopes.All.Contains)])
            .Where(allowed.Contains).ToImmutableArray();

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, PlatformClaims.ClientId, PlatformClaims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        OrganisationClaims.Add(identity, organisation);
        identity.SetClaims(PlatformClaims.Role, roles);
        identity.SetScopes(scopes);
        identity.SetResources(scopes.Select(DemoRegion.Scopes.AudienceOf));
        identity.SetDestinations(_ => [Destinations.AccessToken]);

        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
