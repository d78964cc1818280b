using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Platform.TestInfrastructure;

/// <summary>
/// The service's OpenAPI document is a contract integrators generate code from. It is checked as
/// a generator would need it (every operation with an operationId, a summary, a documented success
/// answer with its schema, and a security requirement), and compared with the committed copy in
/// <c>docs/openapi/&lt;service&gt;.json</c>, so a change of the API shows in review and CI fails
/// on a document that no longer matches the code. <c>PLATFORM_WRITE_OPENAPI=1</c> (see
/// <c>scripts/openapi.sh</c>) writes the copy instead of comparing.
/// </summary>
public static class OpenApiContract
{
    // Written as a reviewer reads it ('+' and quotes as themselves); compared as JSON, not as text.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public static async Task VerifyAsync<TProgram, TDb>(ServiceFactory<TProgram, TDb> service)
        where TProgram : class where TDb : DbContext
    {
        var name = ServiceFactory<TProgram, TDb>.Name.ToLowerInvariant();
        using var client = service.CreateClient();
        var served = JsonNode.Parse(await client.GetStringAsync($"/api/{name}/openapi/v1.json", TestContext.Current.CancellationToken))!;

        var defects = Defects(served);
        var file = Path.Combine(RepositoryRoot(), "docs", "openapi", $"{name}.json");
        var text = served.ToJsonString(Indented) + "\n";
        if (Environment.GetEnvironmentVariable("PLATFORM_WRITE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
        }
        Assert.True(defects.Count == 0, $"The document of {name} is not complete for a client generator:\n" + string.Join("\n", defects));
        if (Environment.GetEnvironmentVariable("PLATFORM_WRITE_OPENAPI") == "1") return;
        Assert.True(File.Exists(file), $"No committed document {file}: run scripts/openapi.sh and commit it.");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        Assert.True(JsonNode.DeepEquals(committed, served),
            $"docs/openapi/{name}.json no longer matches what the service serves. If the change is meant, run scripts/openapi.sh, "
            + "check the diff for breaking changes (docs/api/versioning.md) and commit it.");
    }

    /// <summary>What a client generator would stumble on, one line per operation at fault.</summary>
    public static IReadOnlyList<string> Defects(JsonNode document)
    {
        var defects = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var method in Methods)
            {
                if (item![method] is not JsonObject operation) continue;
                var at = $"{method.ToUpperInvariant()} {path}";
                if (string.IsNullOrWhiteSpace((string?)operation["operationId"])) defects.Add($"{at}: no operationId");
                if (string.IsNullOrWhiteSpace((string?)operation["summary"])) defects.Add($"{at}: no summary");
                if (operation["security"] is null) defects.Add($"{at}: no security requirement");
                var responses = operation["responses"]?.AsObject() ?? [];
                var successes = responses.Where(r => r.Key.StartsWith('2')).ToList();
                if (successes.Count == 0) defects.Add($"{at}: no 2xx answer");
                foreach (var (status, response) in successes)
                    if (status is not ("204" or "202") && response?["content"] is not JsonObject { Count: > 0 })
                        defects.Add($"{at}: {status} without a body schema");
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                    if (response?["content"] is not JsonObject { Count: > 0 })
                        defects.Add($"{at}: {status} without a problem schema");
            }
        return defects;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
