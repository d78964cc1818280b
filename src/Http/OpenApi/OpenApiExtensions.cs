using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Http.OpenApi;

public static class OpenApiExtensions
{
    /// <summary>
    /// The service's OpenAPI document as an integrator generates a client from it: who it is and
    /// where (the gateway) it is reached, how to get a token (OAuth2 client credentials at the
    /// gateway's <c>/connect/token</c>, with the service's scope), and on every operation the
    /// answers the platform gives besides the handler's own (401/403, the 404 of a record the
    /// caller may not see, the 409/422 of a broken rule) and the headers every service honours.
    /// </summary>
    public static IServiceCollection AddPlatformOpenApi(this IServiceCollection services, ApiDocument api) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(new DocumentInfoTransformer(api));
            options.AddDocumentTransformer(new SecuritySchemeTransformer(api));
            options.AddDocumentTransformer(new OptionalNullableRequestFields());
            options.AddOperationTransformer(new SecurityRequirementTransformer(api));
            options.AddOperationTransformer(new PlatformHeadersTransformer());
            options.AddOperationTransformer(Deprecation.MarkAsync);
            options.AddOperationTransformer(new RequestExampleTransformer(api));
        });

    /// <summary>
    /// Serves the service's OpenAPI document under its own public prefix
    /// (e.g. <c>/api/intake/openapi/v1.json</c>) so the gateway can expose it unchanged.
    /// The document describes the API, not data, so it is anonymous.
    /// </summary>
    public static IEndpointConventionBuilder MapPlatformOpenApi(this WebApplication app, string publicPrefix) =>
        app.MapOpenApi($"{publicPrefix}/openapi/{{documentName}}.json").AllowAnonymous();
}
