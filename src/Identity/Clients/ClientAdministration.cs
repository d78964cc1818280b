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

    /// <summary>
    /// The 403 for a caller who is not the region's office's client administrator, or whose own client has been
    /// disabled since its token was issued (a token lives 15 minutes: a disabled administrator must not use them to
    /// enable itself again or lock the others out); null for one who may.
    /// </summary>
    public static async Task<ProblemHttpResult?> RefusalAsync(ClaimsPrincipal user, ClientRegistry clients, CancellationToken ct)
    {
        if (user.FindFirst(PlatformClaims.OrganisationType)?.Value != OrganisationTypes.Region
            || !user.Claims.Any(c => c.Type == PlatformClaims.Role && c.Value == OrganisationRoles.ClientAdmin))
            return TypedResults.Problem(title: "Only the region's office registers clients.",
                detail: $"It needs an organisation of type '{OrganisationTypes.Region}' with the role '{OrganisationRoles.ClientAdmin}'.",
                statusCode: StatusCodes.Status403Forbidden);
        var caller = user.FindFirst(PlatformClaims.ClientId)?.Value;
        if (caller is null || await clients.FindAsync(caller, ct) is not { DisabledAt: null })
            return TypedResults.Problem(title: "This client may no longer administer clients.", detail: "It has been disabled.",
                statusCode: StatusCodes.Status403Forbidden);
        return null;
    }

    /// <summary>What a client administrator may not do to a client: change its own credentials or state, or touch a protected client.</summary>
    public static ProblemHttpResult? Untouchable(ClaimsPrincipal user, ClientView target)
    {
        if (target.ClientId == user.FindFirst(PlatformClaims.ClientId)?.Value)
            return TypedResults.Problem(title: "A client does not change itself.",
                detail: "Another client administrator of the region's office does, so that no stolen token can renew its own access.",
                statusCode: StatusCodes.Status409Conflict);
        if (target.Roles.Intersect(OrganisationRoles.Protected).Any())
            return TypedResults.Problem(title: "This client is configured by the operators.",
                detail: $"Clients with the roles {string.Join(" or ", OrganisationRoles.Protected)} come from Identity's configuration (Identity:OfficeClients), not from this API.",
                statusCode: StatusCodes.Status409Conflict);
        return null;
    }
}
