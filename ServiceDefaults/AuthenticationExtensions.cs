using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults;

public static class AuthenticationExtensions
{
    /// <summary>
    /// JWT bearer validation against Identity, for a service whose tokens must carry
    /// one of <paramref name="audiences"/>. Every service validates tokens itself even though the gateway
    /// already did (defence in depth): a request that reaches a service some other way still needs
    /// a token meant for that service.
    /// </summary>
    /// <remarks>
    /// Identity's metadata is fetched at <c>Identity:MetadataAddress</c> (default
    /// <c>http://identity/.well-known/openid-configuration</c>) through a service-discovery HTTP
    /// client, so the same setting works under Aspire and in Kubernetes.
    /// </remarks>
    public static IServiceCollection AddPlatformAuthentication(this IHostApplicationBuilder builder, params string[] audiences)
    {
        var services = builder.Services;
        services.AddHttpClient(IdentityMetadataClient);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>>(sp =>
            new ConfigureNamedOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                var config = sp.GetRequiredService<IConfiguration>();
                options.MetadataAddress = config["Identity:MetadataAddress"] ?? "http://identity/.well-known/openid-configuration";
                options.RequireHttpsMetadata = config.GetValue("Identity:RequireHttpsMetadata", false);
                options.Backchannel = sp.GetRequiredService<IHttpClientFactory>().CreateClient(IdentityMetadataClient);
                // Signing-key rotation (docs/operations.md): Identity publishes the next key before it signs with
                // it; services fetch the keys hourly, and at once (at most every 30 s) when a token names a key
                // they do not know.
                options.AutomaticRefreshInterval = config.GetValue("Identity:KeysRefreshInterval", TimeSpan.FromHours(1));
                options.RefreshInterval = config.GetValue("Identity:UnknownKeyRefreshInterval", TimeSpan.FromSeconds(30));
                // Keep claim names as issued (org_id, org_type, aud, ...) instead of legacy XML-namespace names.
                options.MapInboundClaims = false;
                options.TokenValidationParameters.ValidAudiences = audiences;
                options.TokenValidationParameters.NameClaimType = PlatformClaims.ClientId;
                options.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
                // Tokens live 15 minutes; a 30 s skew is enough for clocks kept by NTP.
                options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            }));

        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireClaim(PlatformClaims.OrganisationId)
                .Build())
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .Build());
        return services;
    }

    private const string IdentityMetadataClient = "identity-metadata";
}
