using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Platform.Http.OpenApi;

/// <summary>
/// Title, description, licence and contact; the tags with their descriptions; and as the only
/// server the public gateway (<c>Platform:PublicGatewayUrl</c>), never the service's internal port.
/// </summary>
internal sealed class DocumentInfoTransformer(ApiDocument api) : IOpenApiDocumentTransformer
{
    /// <summary>The address in the committed documents; each environment sets its own.</summary>
    public const string DefaultGatewayUrl = "https://gateway.jeugdregio.example";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = api.Title,
            Version = "v1",
            Description = api.Description,
            License = new OpenApiLicense { Name = "EUPL-1.2", Url = new Uri("https://eupl.eu/1.2/en/") },
            Contact = new OpenApiContact { Name = "The region's platform office", Email = "platform@jeugdregio.example" },
        };
        document.Servers = [new OpenApiServer { Url = GatewayUrl(context.ApplicationServices), Description = "The region's gateway" }];
        document.Tags = new HashSet<OpenApiTag>(
            UsedTags(document).Select(name => new OpenApiTag { Name = name, Description = api.Tags.GetValueOrDefault(name) }));
        return Task.CompletedTask;
    }

    internal static string GatewayUrl(IServiceProvider services) =>
        (services.GetRequiredService<IConfiguration>()["Platform:PublicGatewayUrl"] ?? DefaultGatewayUrl).TrimEnd('/');

    private static IEnumerable<string> UsedTags(OpenApiDocument document) =>
        (document.Paths?.Values.AsEnumerable() ?? []).SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).OfType<string>().Distinct().Order();
}
