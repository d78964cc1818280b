using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.Token;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.People;

/// <summary>
/// <c>/connect/authorize</c>: the authorization code flow with PKCE for people (the portal). OpenIddict
/// has checked the client, its redirect URI and the PKCE challenge; here the person signs in (if not
/// yet), and <see cref="PersonPrincipal"/> decides what their tokens say.
/// </summary>
internal static class AuthorizeEndpoint
{
    public static IEndpointRouteBuilder MapAuthorizeEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, IOpenIddictApplicationManager applications, Platform.DirectoryReplica.IRegionDirectory directory,
        PeopleStore people, Upstream.UpstreamProviderCache providers)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict server request is missing.");
        // The session says who signed in (at their organisation's provider, or on the demo page); the people store says
        // whether they still may, and as whom.
        var session = await http.AuthenticateAsync(SignInPage.Scheme);
        var person = session.Succeeded ? await people.FindActiveAsync(session.Principal?.FindFirst("sub")?.Value, http.RequestAborted) : null;
        var idp = session.Principal?.FindFirst(SignInSources.Claim)?.Value;
        // A session through a provider the office has since disabled (or that left the person's organisation) is no session.
        if (person is not null && await SignInSources.RefusalAsync(person, idp, providers, http.RequestAborted) is not null)
        {
            await http.SignOutAsync(SignInPage.Scheme);
            person = null;
        }
        if ((!session.Succeeded || person is null) && request.HasPromptValue(PromptValues.None))
            return ServerResults.Forbid(Errors.LoginRequired, "The person is not signed in.");
        if (!session.Succeeded || person is null || request.HasPromptValue(PromptValues.Login))
        {
            var query = QueryString.Create(request.GetParameters()
                .Where(p => p.Key != Parameters.Prompt)
                .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())));
            var back = $"/connect/authorize{query}";
            return Results.Redirect($"{SignInPage.Path}?returnUrl={Uri.EscapeDataString(back)}&lang={(request.UiLocales?.StartsWith("en", StringComparison.Ordinal) == true ? "en" : "nl")}");
        }

        var (principal, refusal) = await PersonPrincipal.CreateAsync(person, idp, request.GetScopes(), request.ClientId!, applications, directory);
        return principal is null
            ? ServerResults.Forbid(Errors.AccessDenied, refusal!)
            : Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
