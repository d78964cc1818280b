using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Platform.Portal;

/// <summary>
/// People sign in at Identity (authorization code with PKCE, a confidential client) and the portal
/// keeps their access token in its encrypted session cookie, to call the APIs through the gateway on
/// their behalf, renewing it with the session's refresh token while they work (<see cref="TokenRenewal"/>). The portal itself holds no data: every page is what the APIs let this person see.
/// </summary>
internal static class PortalAuthentication
{
    // The Directory's only for names: pages show organisations and locations by name (RegionNames).
    public static readonly string[] ApiScopes = ["intake", "funding", "attendance", "monitoring", "directory", "audit"];

    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services, IConfiguration config)
    {
        var authority = config["Portal:Authority"] ?? throw new InvalidOperationException(
            "Portal:Authority is required: the public address of the gateway, where Identity's discovery document is.");
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "village.portal";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                // As long as an Identity session (8 hours); the access token inside it (15 minutes) is renewed with the
                // session's refresh token when it is about to expire (TokenRenewal), so a page never fails half-way.
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = false;
                o.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<TokenRenewal>().ValidateAsync(context);
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = authority;
                // Inside a cluster the public address may not resolve from the pod: fetch discovery from the gateway's service.
                if (config["Portal:MetadataAddress"] is { Length: > 0 } metadata) o.MetadataAddress = metadata;
                o.RequireHttpsMetadata = config.GetValue("Portal:RequireHttpsMetadata", true);
                o.ClientId = config["Portal:ClientId"] ?? "portal";
                o.ClientSecret = config["Portal:ClientSecret"];
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = "role";
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.Scope.Add("offline_access");
                foreach (var scope in ApiScopes) o.Scope.Add(scope);
                o.CallbackPath = "/signin-oidc";
                // Identity and the portal share the gateway's host, so the code comes back by a same-site GET
                // (PKCE binds it), and the correlation cookies can be Lax; over plain http only when
                // metadata may be http too (development).
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                if (!o.RequireHttpsMetadata)
                {
                    o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }
                o.SignedOutCallbackPath = "/signout-callback-oidc";
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    // Identity's sign-in page speaks the portal's language.
                    context.ProtocolMessage.UiLocales = Localisation.Texts.LanguageOf(context.HttpContext);
                    return Task.CompletedTask;
                };
            });
        services.AddSingleton<TokenRenewal>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddAuthorization();
        return services;
    }

    public static Task<string?> AccessTokenAsync(this HttpContext http) => http.GetTokenAsync("access_token");
}
