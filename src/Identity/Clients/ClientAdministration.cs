using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Validation.AspNetCore;
using Platform.Contracts;
using Platform.ServiceDefaults;

namespace Platform.Identity.Clients;

/// <summary>
/// Who may administer clients. Identity checks the platform's own access tokens here (OpenIddict's validation with the
/// server's keys in process, no network call): audience <c>identity-api</c>, an organisation, and then, inside the handler,
/// the region's office with the role <c>client-admin</c>, so that the refusal can say what is missing.
/// </summary>
internal static class ClientAdministration
{
    public const string Policy = "client-administration";
    public const string Audience = "identity-api";

    public static IServiceCollection AddClientAdministration(this IServiceCollection services)
    {
        services.AddScoped<ClientRegistry>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(PlatformClaims.OrganisationId)
            .RequireClaim("aud", Audience));
        return services;
    }

    /// <summary>The 403 for a caller who is not the region's office's client administrator; null for one who is.</summary>
    public static ProblemHttpResult? Refusal(ClaimsPrincipal user) =>
        user.FindFirst(PlatformClaims.OrganisationType)?.Value == OrganisationTypes.Region
        && user.Claims.Any(c => c.Type == PlatformClaims.Role && c.Value == OrganisationRoles.ClientAdmin)
            ? null
            : TypedResults.Problem(title: "Only the region's office registers clients.",
                detail: $"It needs an organisation of type '{OrganisationTypes.Region}' with the role '{OrganisationRoles.ClientAdmin}'.",
                statusCode: StatusCodes.Status403Forbidden);
}
