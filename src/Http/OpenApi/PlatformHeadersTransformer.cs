using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Http.OpenApi;

/// <summary>
/// The headers every service honours, on each operation they apply to: <c>Idempotency-Key</c> on
/// POSTs, <c>X-Purpose</c> and <c>X-Purpose-Reason</c> where the access log records the call.
/// </summary>
internal sealed class PlatformHeadersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
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
    }

    private static OpenApiParameter Header(string name, int maxLength, string description) => new()
    {
        Name = name, In = ParameterLocation.Header, Required = false, Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maxLength },
    };
}
