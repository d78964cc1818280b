using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.Identity.People;

namespace Platform.Identity.Upstream;

/// <summary>
/// The OpenID Connect options of an upstream provider's scheme, made from its registration the first time this replica
/// uses that scheme (<see cref="UpstreamSchemes"/> has just found it). Authorization code with PKCE; only <c>openid</c>
/// is asked, since nothing of the upstream identity is kept but the subject that finds the person.
/// </summary>
internal sealed class UpstreamSignInOptions(UpstreamProviderCache providers, IHostEnvironment environment, TimeProvider clock)
    : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(OpenIdConnectOptions options) { }

    public void Configure(string? name, OpenIdConnectOptions o)
    {
        if (name is null || !UpstreamSchemes.TryParse(name, out var id, out var version)) return;
        // Never null here: UpstreamSchemes found this very version in the cache before the handler asked for its options.
        var provider = providers.OfScheme(name)
            ?? throw new InvalidOperationException($"The upstream provider {id} (version {version}) was not loaded on this replica.");
        o.Authority = provider.Authority;
        o.ClientId = provider.ClientId;
        o.ClientSecret = provider.ClientSecret;
        o.CallbackPath = UpstreamSchemes.CallbackPathOf(id);
        // No front-channel sign-out from the provider: the handler would sign the person out of Identity on any GET to it,
        // which a link on another site could send (logout CSRF). Signing out is the person's own act (EndSessionEndpoint).
        o.RemoteSignOutPath = default;
        o.SignedOutCallbackPath = default;
        o.SignInScheme = People.SignInPage.Scheme;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        o.Scope.Clear();
        o.Scope.Add(OpenIdConnectScope.OpenId);
        // Entra ID sends its steady object id (oid) only with profile; the other profile claims are thrown away on arrival.
        o.Scope.Add("profile");
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.SaveTokens = false;
        o.TimeProvider = clock;
        // The answer comes back as a top-level GET, so the correlation and nonce cookies can be SameSite=Lax (a form_post
        // from another site would need SameSite=None).
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        // https always, but in Development and the test hosts for a provider on this very machine (the admin API allows
        // plain http only there, and only for a loopback address); Identity itself is then reached over plain http too.
        var local = DemoSignIn.IsDemoEnvironment(environment);
        o.RequireHttpsMetadata = !(local && UpstreamAuthority.IsLoopbackHttp(provider.Authority));
        if (local)
        {
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
        o.Events = UpstreamSignIn.EventsFor(provider);
    }
}

/// <summary>What an upstream provider's authority may be.</summary>
internal static class UpstreamAuthority
{
    public static bool IsLoopbackHttp(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    /// <summary>Why <paramref name="authority"/> cannot be a provider's issuer here, or null when it can.</summary>
    public static string? Refusal(string authority, bool demoEnvironment)
    {
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri)) return "An absolute https address.";
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            return "The issuer's address, without query, fragment or credentials.";
        if (uri.Scheme == Uri.UriSchemeHttps) return null;
        return uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && demoEnvironment
            ? null
            : "https: a provider's sign-in carries people's identities (plain http only for this machine, in Development).";
    }
}
