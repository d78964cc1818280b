using Platform.ServiceDefaults;

namespace Platform.Gateway;

/// <summary>
/// The gateway accepts a token meant for any platform API, then each route's policy demands the
/// audience of the service behind it: a token for Monitoring does not open Intake.
/// </summary>
internal static class GatewayAuthentication
{
    // Routes anyone may reach (token endpoint, discovery, OpenAPI documents) use YARP's reserved
    // policy name "anonymous"; every other route names its service's policy, and the fallback
    // policy (authenticated) covers a route someone forgets to mark.

    public static readonly string[] Services = ["intake", "funding", "attendance", "handover", "monitoring", "subscriptions", "directory", "audit", "identity"];

    public static IHostApplicationBuilder AddGatewayAuthentication(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformAuthentication([.. Services.Select(s => $"{s}-api")]);
        var policies = builder.Services.AddAuthorizationBuilder();
        foreach (var service in Services)
            policies.AddPolicy(service, p => p
                .RequireAuthenticatedUser()
                .RequireClaim(PlatformClaims.OrganisationId)
                .RequireClaim("aud", $"{service}-api"));
        return builder;
    }
}
