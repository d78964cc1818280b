using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Platform.Identity.Upstream;

/// <summary>
/// The OpenID Connect options of an upstream provider's scheme, made from its registration the first time this replica
/// uses that scheme (<see cref="UpstreamSchemes"/> has just found it). Authorization code with PKCE; only <c>openid</c>
/// is asked, since nothing of the upstream identity is kept but the subject that finds the person.
/// </summary>
internal sealed class UpstreamSignInOptions(UpstreamProviderCache providers) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(OpenIdConnectOptions options) { }

    public void Configure(string? name, OpenIdConnectOptions o)
    {
        if (name is null || !UpstreamSchemes.TryParse(name, out var id, out var version)) return;
        var provider = providers.Loaded.FirstOrDefault(p => p.Id == id && p.Version == version)
            ?? throw new InvalidOperationException($"The upstream provider {id} (version {version}) is not among the enabled ones.");
        o.Authority = provider.Authority;
        o.ClientId = provider.ClientId;
        o.ClientSecret = provider.ClientSecret;
        o.CallbackPath = UpstreamSchemes.CallbackPathOf(id);
        // The handler also answers front-channel sign-outs at these addresses: the provider's own, never another's.
        o.RemoteSignOutPath = $"{UpstreamSchemes.CallbackBase}/{id}/signout";
        o.SignedOutCallbackPath = $"{UpstreamSchemes.CallbackBase}/{id}/signed-out";
        o.SignInScheme = People.SignInPage.Scheme;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        o.Scope.Clear();
        o.Scope.Add(OpenIdConnectScope.OpenId);
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.SaveTokens = false;
        o.TimeProvider = TimeProvider.System;
        // The answer comes back as a top-level GET, so the correlation and nonce cookies can be SameSite=Lax (a form_post
        // from another site would need SameSite=None).
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        // https always, but for a provider on this very machine (the tests', or a developer's): the admin API allows plain
        // http only for a loopback address, and only in Development and the test hosts.
        o.RequireHttpsMetadata = !UpstreamAuthority.IsLoopbackHttp(provider.Authority);
        if (!o.RequireHttpsMetadata)
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
