using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Http.OpenApi;

/// <summary>
/// A request body's field that may be null may also be left out: the services read bodies so (a
/// missing field is null), but the schema generator marks every positional record parameter
/// required, nullable or not. For the schemas request bodies use (and those they contain), a
/// nullable field is taken out of <c>required</c>, so the document says what the API accepts and a
/// generated client need not send nulls. Response schemas keep theirs: there a field is always
/// present, if only as null.
/// </summary>
internal sealed class OptionalNullableRequestFields : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return Task.CompletedTask;
        var requestSchemas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in (document.Paths?.Values.AsEnumerable() ?? []).SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
            foreach (var media in operation.RequestBody?.Content?.Values.AsEnumerable() ?? [])
                Collect(media.Schema, schemas, requestSchemas);
        foreach (var name in requestSchemas)
            if (schemas[name] is OpenApiSchema { Required: { Count: > 0 } required, Properties: { } properties })
                foreach (var (property, schema) in properties)
                    if (MayBeNull(schema)) required.Remove(property);
        return Task.CompletedTask;
    }

    private static void Collect(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> schemas, HashSet<string> found)
    {
        if (schema is null) return;
        if (schema is OpenApiSchemaReference { Reference.Id: { } id })
        {
            if (!found.Add(id) || !schemas.TryGetValue(id, out var target)) return;
            schema = target;
        }
        foreach (var child in (schema.Properties?.Values.AsEnumerable() ?? [])
                     .Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? [])
                     .Append(schema.Items))
            Collect(child, schemas, found);
    }

    private static bool MayBeNull(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Any(s => s is not OpenApiSchemaReference && s.Type == JsonSchemaType.Null);
}
