using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Platform.ServiceDefaults;

public static class OpenApiExtensions
{
    /// <summary>
    /// Serves the service's OpenAPI document under its own public prefix
    /// (e.g. <c>/api/intake/openapi/v1.json</c>) so the gateway can expose it unchanged.
    /// The document describes the API, not data, so it is anonymous.
    /// </summary>
    public static IEndpointConventionBuilder MapPlatformOpenApi(this WebApplication app, string publicPrefix) =>
        app.MapOpenApi($"{publicPrefix}/openapi/{{documentName}}.json").AllowAnonymous();
}
