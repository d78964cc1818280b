using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.Intake.Apis;

/// <summary>
/// A success answer that honestly has two shapes. Minimal APIs keep one body type per status in the
/// OpenAPI document (the last one declared), so an endpoint answering <c>Ok&lt;A&gt;</c> or
/// <c>Ok&lt;B&gt;</c> states here that its 200 is <c>oneOf</c> the two, each by reference.
/// </summary>
internal static class OneOfAnswer
{
    /// <param name="builder">The endpoint.</param>
    /// <param name="discriminator">The property both shapes carry whose value says which one it is, so a generated client can tell them apart.</param>
    /// <param name="first">Its value in <typeparamref name="TFirst"/>.</param>
    /// <param name="second">Its value in <typeparamref name="TSecond"/>.</param>
    public static RouteHandlerBuilder OkIsOneOf<TFirst, TSecond>(this RouteHandlerBuilder builder, string discriminator, string first, string second) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            if (operation.Responses is null || !operation.Responses.TryGetValue("200", out var ok)
                || ok.Content is null || !ok.Content.TryGetValue("application/json", out var json)) return;
            json.Schema = new OpenApiSchema
            {
                OneOf = [await ReferenceAsync(typeof(TFirst), context, ct), await ReferenceAsync(typeof(TSecond), context, ct)],
                Discriminator = new OpenApiDiscriminator
                {
                    PropertyName = discriminator,
                    Mapping = new Dictionary<string, OpenApiSchemaReference>
                    {
                        [first] = new(typeof(TFirst).Name, context.Document),
                        [second] = new(typeof(TSecond).Name, context.Document),
                    },
                },
            };
        });

    /// <summary>The type's component (the one the document already has, or a new one).</summary>
    private static async Task<IOpenApiSchema> ReferenceAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
            document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, ct));
        return new OpenApiSchemaReference(type.Name, document);
    }
}
