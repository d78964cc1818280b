using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Platform.Subscriptions.Delivery;
using Platform.Subscriptions.IntegrationEvents;

namespace Platform.Subscriptions.Apis;

/// <summary>
/// What a subscriber's callback receives, as an OpenAPI 3.1 <c>webhooks</c> entry in this service's
/// document: the POST with the <see cref="Notification"/> body and its signature header, and what
/// the platform does with each answer. A subscriber generates its receiver from it as it generates
/// a client from the paths.
/// </summary>
internal sealed class NotificationWebhook : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(nameof(Notification)))
            document.AddComponent(nameof(Notification), await context.GetOrCreateSchemaAsync(typeof(Notification), null, cancellationToken));
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        document.Webhooks["notification"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = new()
                {
                    OperationId = "ReceiveNotification",
                    Summary = "The platform tells your callback URL that something you may see happened; read the record at 'resource' with your own token.",
                    Description = "Sent for each event on a channel you subscribed to, once per delivery id (a retry repeats the same deliveryId: drop what you have seen). "
                        + $"Verify the {NotificationSigner.SignatureHeader} header before acting: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, \"<t>.<body>\")>, and refuse a t older than five minutes. "
                        + "The notification never names a child: it points at the resource.",
                    Tags = new HashSet<OpenApiTagReference> { new("Subscriptions", document) },
                    Security = [],
                    Parameters =
                    [
                        new OpenApiParameter
                        {
                            Name = NotificationSigner.SignatureHeader, In = ParameterLocation.Header, Required = true,
                            Description = "The signature over the timestamp and the raw body, with your subscription's secret.",
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
                        },
                    ],
                    RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = new OpenApiSchemaReference(nameof(Notification), document) },
                        },
                    },
                    Responses = new OpenApiResponses
                    {
                        ["204"] = new OpenApiResponse { Description = "Received (any 2xx). The delivery is done." },
                        ["default"] = new OpenApiResponse { Description = "Anything else, or no answer within the timeout: retried with back-off, then the subscription is paused and the delivery waits in its log." },
                    },
                },
            },
        };
    }
}
