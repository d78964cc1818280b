using OpenIddict.Abstractions;
using Platform.Identity.DemoRegion;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.People;

/// <summary>
/// Registers the portal as a confidential client of the authorization code flow with PKCE, when
/// <c>Identity:Portal:BaseUrl</c> (where the browser reaches it, e.g. https://village.example/portal)
/// and <c>Identity:Portal:ClientSecret</c> are configured.
/// </summary>
internal static partial class PortalClient
{
    public const string ClientId = "portal";

    public static async Task SeedPortalClientAsync(this WebApplication app)
    {
        var baseUrl = app.Configuration["Identity:Portal:BaseUrl"]?.TrimEnd('/');
        var secret = app.Configuration["Identity:Portal:ClientSecret"];
        if (string.IsNullOrEmpty(baseUrl) || string.IsNullOrEmpty(secret)) return;

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "Portal",
            RedirectUris = { new Uri($"{baseUrl}/signin-oidc") },
            PostLogoutRedirectUris = { new Uri($"{baseUrl}/signout-callback-oidc") },
            Permissions =
            {
                // Revocation: signing out of the portal revokes the session's refresh token (RFC 7009).
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var api in Platform.Identity.DemoRegion.Scopes.All) descriptor.Permissions.Add(Permissions.Prefixes.Scope + api);

        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var existing = await manager.FindByClientIdAsync(ClientId);
        if (existing is null) await manager.CreateAsync(descriptor);
        else await manager.UpdateAsync(existing, descriptor);
        LogSeeded(scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalClient)), baseUrl);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal client registered for {BaseUrl}.")]
    private static partial void LogSeeded(ILogger logger, string baseUrl);
}
