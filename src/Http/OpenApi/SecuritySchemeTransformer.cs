using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Http.OpenApi;

/// <summary>
/// The one way in: OAuth2 client credentials at the gateway's token endpoint (organisations'
/// systems), and the authorization code flow with PKCE for people (the portal), both with the
/// service's scope.
/// </summary>
internal sealed class SecuritySchemeTransformer(ApiDocument api) : IOpenApiDocumentTransformer
{
    public const string SchemeName = "oauth2";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var gateway = DocumentInfoTransformer.GatewayUrl(context.ApplicationServices);
        var scopes = new Dictionary<string, string> { [api.Scope] = $"Calls to the {api.Title}." };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "A token from the platform's Identity service through the gateway. Organisations' systems use client credentials (a client secret or private_key_jwt); people sign in through the portal.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow { TokenUrl = new Uri($"{gateway}/connect/token"), Scopes = scopes },
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri($"{gateway}/connect/authorize"),
                    TokenUrl = new Uri($"{gateway}/connect/token"),
                    Scopes = scopes,
                },
            },
        };
        return Task.CompletedTask;
    }
}
