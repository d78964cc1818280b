using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.Identity.Upstream;

internal static class UpstreamRegistration
{
    /// <summary>
    /// Sign-in through the organisations' own providers: their schemes come from identitydb (<see cref="UpstreamSchemes"/>
    /// replaces the configured-only scheme provider), their options from each provider's registration.
    /// </summary>
    public static IServiceCollection AddUpstreamSignIn(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddWebEncoders();
        services.AddSingleton<UpstreamProviderCache>();
        services.Replace(ServiceDescriptor.Singleton<IAuthenticationSchemeProvider, UpstreamSchemes>());
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, UpstreamSignInOptions>();
        // What AddOpenIdConnect would add for a scheme known at start-up: the protocol's defaults (state protection, the
        // provider's discovery document and keys, the back channel).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        return services;
    }
}
