using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace Platform.Identity.People;

/// <summary><c>/connect/logout</c>: ends the person's sign-in here and sends them back to the portal's signed-out page.</summary>
internal static class EndSessionEndpoint
{
    public static IEndpointRouteBuilder MapEndSessionEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/logout", ["GET", "POST"], async (HttpContext http) =>
        {
            await http.SignOutAsync(DemoSignIn.Scheme);
            // OpenIddict validated post_logout_redirect_uri against the client's registration and redirects there.
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
