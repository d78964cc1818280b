using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace Platform.Identity.Token;

/// <summary>An OAuth2 error answer (error and description) as OpenIddict writes it, for the token and authorization endpoints.</summary>
internal static class ServerResults
{
    public static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
