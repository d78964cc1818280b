using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Http.OpenApi;

/// <summary>
/// On every operation that needs a token: the scheme with the service's scope, and the two answers
/// the authentication layer gives before any handler runs (401 without a valid token, 403 for a
/// token without the scope or the organisation type the endpoint is for). An anonymous operation
/// says so with an empty requirement.
/// </summary>
internal sealed class SecurityRequirementTransformer(ApiDocument api) : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
        if (anonymous)
        {
            operation.Security = [];
            return;
        }
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeTransformer.SchemeName, context.Document)] = [api.Scope] },
        ];
        operation.Responses ??= new OpenApiResponses();
        var problem = await ProblemSchema.ReferenceAsync(context, cancellationToken);
        Add(operation.Responses, StatusCodes.Status401Unauthorized, "No valid token: get one at the gateway's /connect/token.", problem);
        Add(operation.Responses, StatusCodes.Status403Forbidden, "The token is valid, but this is not for your organisation or role.", problem);
    }

    private static void Add(OpenApiResponses responses, int status, string description, IOpenApiSchema schema)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses.ContainsKey(key)) return;
        responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
        };
    }
}

/// <summary>The one shared problem-details schema (RFC 9457), referenced by every problem answer.</summary>
internal static class ProblemSchema
{
    public static async Task<IOpenApiSchema> ReferenceAsync(OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        const string id = nameof(ProblemDetails);
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(id) != true)
            document.AddComponent(id, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct));
        return new OpenApiSchemaReference(id, document);
    }
}
