using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Deploy.Tests;

/// <summary>
/// deploy/ renders with kustomize, is valid against the Kubernetes schemas, has a probed
/// Deployment for every service the AppHost runs, and carries no secret value.
/// </summary>
public sealed partial class ManifestTests
{
    /// <summary>Every overlay: the developer's cluster, a region's production, and a second region on the same images (#26).</summary>
    public static TheoryData<string> Overlays => ["dev", "production", "zeeuws-vlaanderen"];

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_overlay_renders_and_is_valid_against_the_Kubernetes_schemas(string overlay)
    {
        await Repository.EnsureValidatorAsync();
        var (code, output) = await Repository.ValidateAsync(await Repository.RenderAsync(overlay));
        Assert.True(code == 0, output);
        Assert.Contains(", 0 invalid", output);
    }

    [Fact]
    public async Task The_validator_refuses_a_manifest_that_breaks_the_schema()
    {
        await Repository.EnsureValidatorAsync();
        const string broken = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: broken }
            spec:
              replicas: two
              selector: { matchLabels: { app: broken } }
              template:
                metadata: { labels: { app: broken } }
                spec: { containers: [{ name: broken, image: x }] }
            """;
        var (code, output) = await Repository.ValidateAsync(broken);
        Assert.NotEqual(0, code);
        Assert.Contains("INVALID Deployment/broken", output);
    }

    /// <summary>The project resources in AppHost.cs (AddProject or AddApiService&lt;Projects.X&gt;), by their deployment name.</summary>
    private static List<string> AppHostServices()
    {
        var appHost = File.ReadAllText(Repository.PathOf("AppHost", "AppHost.cs"));
        return [.. ProjectResource().Matches(appHost).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct()];
    }

    [GeneratedRegex(@"(?:AddProject|AddApiService|AddAuditService)<Projects\.(\w+)>")]
    private static partial Regex ProjectResource();

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_service_in_the_AppHost_has_a_Deployment_with_readiness_on_health_and_liveness_on_alive_and_two_replicas(string overlay)
    {
        await Repository.EnsureValidatorAsync();
        var objects = await Repository.ObjectsAsync(await Repository.RenderAsync(overlay));
        var services = AppHostServices();
        Assert.Contains("funding", services);
        Assert.True(services.Count >= 7, string.Join(", ", services));

        foreach (var service in services)
        {
            var deployment = objects.SingleOrDefault(o => o.GetProperty("kind").GetString() == "Deployment" && Name(o) == service);
            Assert.True(deployment.ValueKind == JsonValueKind.Object, $"No Deployment for {service} in {overlay}.");
            Assert.True(deployment.GetProperty("spec").GetProperty("replicas").GetInt32() >= 2, $"{service}: fewer than 2 replicas.");
            var container = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0];
            Assert.Equal("/health", container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
            Assert.Equal("/alive", container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
            Assert.True(container.GetProperty("resources").TryGetProperty("limits", out _), $"{service}: no resource limits.");
            foreach (var kind in new[] { "Service", "ConfigMap", "HorizontalPodAutoscaler", "PodDisruptionBudget" })
                Assert.True(objects.Any(o => o.GetProperty("kind").GetString() == kind && (Name(o) == service || Name(o) == $"{service}-config")),
                    $"No {kind} for {service} in {overlay}.");
        }

        // The gateway is the only way in to the platform's services (the dev overlay's other Ingress is the
        // operators' Aspire dashboard, which is no service).
        var backends = objects.Where(o => o.GetProperty("kind").GetString() == "Ingress")
            .SelectMany(i => i.GetProperty("spec").GetProperty("rules").EnumerateArray())
            .SelectMany(r => r.GetProperty("http").GetProperty("paths").EnumerateArray())
            .Select(p => p.GetProperty("backend").GetProperty("service").GetProperty("name").GetString()!).ToList();
        Assert.Contains("gateway", backends);
        Assert.All(backends.Where(services.Contains), b => Assert.Equal("gateway", b));
        Assert.All(backends.Where(b => b != "gateway"), b => Assert.Equal(overlay == "dev" ? "aspire-dashboard" : "(none)", b));
        Assert.Contains(objects, o => o.GetProperty("kind").GetString() == "RabbitmqCluster");
        Assert.Contains(objects, o => o.GetProperty("kind").GetString() == "Cluster" && o.GetProperty("apiVersion").GetString()!.StartsWith("postgresql.cnpg.io", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Secrets_are_referenced_never_written_into_the_manifests(string overlay)
    {
        await Repository.EnsureValidatorAsync();
        var objects = await Repository.ObjectsAsync(await Repository.RenderAsync(overlay));
        Assert.DoesNotContain(objects, o => o.GetProperty("kind").GetString() == "Secret");
        foreach (var o in objects)
        {
            if (o.GetProperty("kind").GetString() == "ConfigMap")
                foreach (var entry in o.GetProperty("data").EnumerateObject())
                    Assert.False(SecretName().IsMatch(entry.Name) && !entry.Name.EndsWith("Path", StringComparison.Ordinal),
                        $"ConfigMap {Name(o)} holds {entry.Name}: secrets belong in a Secret.");
            if (o.GetProperty("kind").GetString() != "Deployment") continue;
            foreach (var container in o.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers").EnumerateArray())
                foreach (var env in container.TryGetProperty("env", out var list) ? list.EnumerateArray() : default)
                    if (SecretName().IsMatch(env.GetProperty("name").GetString()!))
                        Assert.True(env.TryGetProperty("valueFrom", out var from) && from.TryGetProperty("secretKeyRef", out _)
                                    || ComposedOfSecrets(env, container),
                            $"{Name(o)}: {env.GetProperty("name").GetString()} must come from a Secret.");
        }
    }

    [Fact]
    public void No_secret_value_is_committed_in_deploy_or_in_the_services_production_settings()
    {
        foreach (var file in Directory.EnumerateFiles(Repository.PathOf("deploy"), "*.yaml", SearchOption.AllDirectories))
        {
            if (file.Contains("node_modules", StringComparison.Ordinal)) continue;
            var text = File.ReadAllText(file);
            Assert.False(Regex.IsMatch(text, @"^\s*kind:\s*Secret\s*$", RegexOptions.Multiline), $"{file} defines a Secret.");
            Assert.False(Regex.IsMatch(text, @"(?im)^[ \t]*(password|secret|token|stringData)[ \t]*:[ \t]*[^\s{]"), $"{file} has a literal secret.");
            Assert.DoesNotContain("BEGIN PRIVATE KEY", text);
        }
        // appsettings.json is what runs in production; development secrets live only in appsettings.Development.json.
        foreach (var file in Directory.EnumerateFiles(Repository.PathOf("src"), "appsettings.json", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            foreach (var (key, value) in Leaves(JsonDocument.Parse(File.ReadAllText(file)).RootElement, ""))
                Assert.False(SecretName().IsMatch(key) && value.Length > 0, $"{file}: {key} has a value; secrets come from the environment.");
        }
    }

    /// <summary>
    /// A value put together by Kubernetes from variables that each come from a Secret (the broker's
    /// <c>amqps://$(MESSAGING_USERNAME):$(MESSAGING_PASSWORD)@…</c>): it holds no secret itself.
    /// </summary>
    private static bool ComposedOfSecrets(JsonElement env, JsonElement container)
    {
        if (!env.TryGetProperty("value", out var value)) return false;
        var references = Regex.Matches(value.GetString()!, @"\$\((\w+)\)").Select(m => m.Groups[1].Value).ToList();
        var fromSecrets = container.GetProperty("env").EnumerateArray()
            .Where(e => e.TryGetProperty("valueFrom", out var f) && f.TryGetProperty("secretKeyRef", out _))
            .Select(e => e.GetProperty("name").GetString()).ToHashSet();
        var withoutReferences = Regex.Replace(value.GetString()!, @"\$\(\w+\)", "");
        // Only the password may be secret: nothing after "user:" but a reference, and every reference a Secret's.
        return references.Count > 0 && references.All(fromSecrets.Contains) && !Regex.IsMatch(withoutReferences, @"://[^@/]*:[^@/]+@");
    }

    private static IEnumerable<(string Key, string Value)> Leaves(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Leaves(p.Value, path.Length == 0 ? p.Name : $"{path}:{p.Name}")),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((e, i) => Leaves(e, $"{path}:{i}")),
        JsonValueKind.String => [(path, element.GetString()!)],
        _ => [],
    };

    /// <summary>Setting names that hold secrets: passwords, keys, secrets and connection strings (which carry passwords).</summary>
    [GeneratedRegex(@"(?i)(password|secret|key$|keys$|connectionstrings)")]
    private static partial Regex SecretName();

    private static string? Name(JsonElement o) => o.GetProperty("metadata").GetProperty("name").GetString();
}
