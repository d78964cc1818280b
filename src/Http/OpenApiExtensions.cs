using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Platform.Http;

/// <summary>Endpoint metadata: the endpoint's accesses go to the access log (so it honours <c>X-Purpose</c>).</summary>
public interface IAccessLogged;

public static class OpenApiExtensions
{
    /// <summary>
    /// The service's OpenAPI document, with the headers every service honours described on each
    /// operation: <c>Idempotency-Key</c> on POSTs, <c>X-Purpose</c> and <c>X-Purpose-Reason</c> where the access log records the call.
    /// </summary>
    public static IServiceCollection AddPlatformOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddOperationTransformer((operation, context, _) =>
        {
            operation.Parameters ??= [];
            if (string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
                operation.Parameters.Add(Header("Idempotency-Key", 200,
                    "Makes a retry safe: the same key and body get the first answer again (Idempotent-Replayed: true); the same key with another body is 409. Kept 24 hours, per organisation."));
            if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IAccessLogged>().Any()) return Task.CompletedTask;
            operation.Parameters.Add(Header("X-Purpose", 40,
                "Why you access the data, for the access log: support, arrangement, tlv, handover, leerplicht. Without it, the endpoint's own purpose is logged."));
            operation.Parameters.Add(Header("X-Purpose-Reason", 200, "Your own words for the access log (like ZGW's X-Audit-Toelichting)."));
            return Task.CompletedTask;
        }));

    private static OpenApiParameter Header(string name, int maxLength, string description) => new()
    {
        Name = name, In = ParameterLocation.Header, Required = false, Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maxLength },
    };

    /// <summary>
    /// Serves the service's OpenAPI document under its own public prefix
    /// (e.g. <c>/api/intake/openapi/v1.json</c>) so the gateway can expose it unchanged.
    /// The document describes the API, not data, so it is anonymous.
    /// </summary>
    public static IEndpointConventionBuilder MapPlatformOpenApi(this WebApplication app, string publicPrefix) =>
        app.MapOpenApi($"{publicPrefix}/openapi/{{documentName}}.json").AllowAnonymous();
}
