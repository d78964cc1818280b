using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests.Security;

/// <summary>One operation of a service's published API: its method, path template and request body.</summary>
internal sealed record Operation(string Method, string Path, string? ContentType, JsonElement? BodySchema, JsonElement Document)
{
    public string Key => $"{Method} {Path}";
    public bool HasBody => ContentType is not null;
    public bool Declares(string header) => Document.GetProperty("paths").GetProperty(Path).GetProperty(Method.ToLowerInvariant())
        .TryGetProperty("parameters", out var ps) && ps.EnumerateArray().Any(p => p.GetProperty("name").GetString() == header);
}

/// <summary>Every operation every service publishes, read from the OpenAPI documents through the gateway.</summary>
internal static class ApiSurface
{
    public static readonly string[] Services = ["intake", "funding", "attendance", "handover", "monitoring", "subscriptions", "directory", "audit"];

    public static async Task<IReadOnlyList<Operation>> ReadAsync(HttpClient gateway, CancellationToken ct)
    {
        var operations = new List<Operation>();
        foreach (var service in Services)
        {
            var document = await gateway.GetFromJsonAsync<JsonElement>($"/api/{service}/openapi/v1.json", ct);
            foreach (var path in document.GetProperty("paths").EnumerateObject())
                foreach (var op in path.Value.EnumerateObject())
                {
                    string? contentType = null;
                    JsonElement? schema = null;
                    if (op.Value.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content))
                    {
                        var first = content.EnumerateObject().First();
                        contentType = first.Name;
                        if (first.Value.TryGetProperty("schema", out var s)) schema = Resolve(document, s);
                    }
                    operations.Add(new Operation(op.Name.ToUpperInvariant(), path.Name, contentType, schema, document));
                }
        }
        return operations;
    }

    /// <summary>A schema with its <c>$ref</c> followed (one level; callers resolve nested ones the same way).</summary>
    public static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/').Last();
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }
        return schema;
    }
}
