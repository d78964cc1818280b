using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Http.OpenApi;

/// <summary>
/// A request body that works, on the operations the service gives one for (by operationId): what an
/// integrator copies first. Written as the API reads JSON (camelCase); the services' tests post the
/// same objects, so an example that stops working fails a test.
/// </summary>
internal sealed class RequestExampleTransformer(ApiDocument api) : IOpenApiOperationTransformer
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is not { } id || !api.RequestExamples.TryGetValue(id, out var example)) return Task.CompletedTask;
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true)
            json.Example = JsonSerializer.SerializeToNode(example, Web);
        return Task.CompletedTask;
    }
}
