using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Platform.Identity.People;

/// <summary>
/// <c>/connect/logout</c>: ends the person's sign-in here and sends them back to the portal's signed-out page.
/// Only a sign-out the person asked for: the portal's request carries the person's own ID token as
/// <c>id_token_hint</c> (OpenIddict has checked its signature and client), or the person confirms on a page
/// of this server (a POST with its antiforgery token). A link or an image on another site, a GET without the
/// person's hint, gets that page instead of a silent sign-out (logout CSRF; OpenID Connect RP-Initiated
/// Logout 1.0, sections 2 and 6).
/// </summary>
internal static class EndSessionEndpoint
{
    public const string Path = "/connect/logout";

    public static IEndpointRouteBuilder MapEndSessionEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Path, ["GET", "POST"], async (HttpContext http, IAntiforgery antiforgery) =>
        {
            var request = http.GetOpenIddictServerRequest()
                          ?? throw new InvalidOperationException("The end-session request was not given to OpenIddict.");
            var person = (await http.AuthenticateAsync(SignInPage.Scheme)).Principal?.FindFirstValue("sub");
            if (person is not null && !await AskedByThePersonAsync(http, antiforgery, person))
                return ConfirmationPage(http, antiforgery, request);

            await http.SignOutAsync(SignInPage.Scheme);
            // OpenIddict validated post_logout_redirect_uri against the client's registration and redirects there.
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<bool> AskedByThePersonAsync(HttpContext http, IAntiforgery antiforgery, string person)
    {
        // The person's own ID token (the portal's sign-out), of this very person: not one an attacker got for themselves.
        var hint = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        if (hint?.FindFirstValue(OpenIddictConstants.Claims.Subject) == person) return true;
        // Or the confirmation page's own form.
        return HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(http);
    }

    private static IResult ConfirmationPage(HttpContext http, IAntiforgery antiforgery, OpenIddictRequest request)
    {
        var en = request.UiLocales?.StartsWith("en", StringComparison.Ordinal) == true;
        var tokens = antiforgery.GetAndStoreTokens(http);
        string T(string nl, string english) => WebUtility.HtmlEncode(en ? english : nl);
        string Hidden(string name, string? value) => value is null ? "" :
            $"<input type=\"hidden\" name=\"{name}\" value=\"{WebUtility.HtmlEncode(value)}\">";
        var main = $$"""
            <h1>{{T("Uitloggen bij It takes a village?", "Sign out of It takes a village?")}}</h1>
            <p>{{T("Een andere pagina vroeg om u uit te loggen. Wilt u dat?", "Another page asked to sign you out. Do you want to?")}}</p>
            <form method="post" action="{{Path}}">
              <input type="hidden" name="{{tokens.FormFieldName}}" value="{{tokens.RequestToken}}">
              {{Hidden(OpenIddictConstants.Parameters.ClientId, request.ClientId)}}
              {{Hidden(OpenIddictConstants.Parameters.PostLogoutRedirectUri, request.PostLogoutRedirectUri)}}
              {{Hidden(OpenIddictConstants.Parameters.State, request.State)}}
              {{Hidden(OpenIddictConstants.Parameters.UiLocales, request.UiLocales)}}
              <button type="submit">{{T("Uitloggen", "Sign out")}}</button>
            </form>
            """;
        return IdentityPage.Render(en, en ? "Sign out" : "Uitloggen", main);
    }
}
