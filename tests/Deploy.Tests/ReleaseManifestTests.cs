using System.Text.Json;

namespace Platform.Deploy.Tests;

/// <summary>
/// What the production overlay must not leave to chance (#25 point 11): no image that would resolve to a
/// public registry's <c>:latest</c>, disruption budgets a drain can honour (RabbitMQ's keeps the quorum),
/// and backups encrypted at rest.
/// </summary>
public sealed class ReleaseManifestTests
{
    private static string Name(JsonElement o) => o.GetProperty("metadata").GetProperty("name").GetString()!;

    private static async Task<List<JsonElement>> ProductionAsync()
    {
        await Repository.EnsureValidatorAsync();
        return await Repository.ObjectsAsync(await Repository.RenderAsync("production"));
    }

    [Fact]
    public async Task Every_platform_image_in_production_names_its_registry_and_a_version_never_latest()
    {
        var images = Images(await ProductionAsync());
        Assert.Contains(images, i => i.Contains("/village-platform/portal", StringComparison.Ordinal));
        AssertPinned(images);
    }

    /// <summary>Every container's and init container's image of the rendered Deployments.</summary>
    internal static List<string> Images(IEnumerable<JsonElement> objects) => objects
        .Where(o => o.GetProperty("kind").GetString() == "Deployment")
        .SelectMany(o =>
        {
            var pod = o.GetProperty("spec").GetProperty("template").GetProperty("spec");
            var containers = pod.GetProperty("containers").EnumerateArray();
            return pod.TryGetProperty("initContainers", out var init) ? containers.Concat(init.EnumerateArray()) : containers;
        })
        .Select(c => c.GetProperty("image").GetString()!)
        .ToList();

    /// <summary>The platform's images name their registry and a version tag or a digest (also what scripts/release.sh writes: ImageTests).</summary>
    internal static void AssertPinned(IEnumerable<string> images) =>
        Assert.All(images.Where(i => i.Contains("village-platform/", StringComparison.Ordinal)), image =>
        {
            var registry = image.Split('/')[0];
            Assert.True(registry.Contains('.') || registry.Contains(':'), $"{image}: no registry, it would be looked up on Docker Hub");
            var pinned = image.Contains("@sha256:", StringComparison.Ordinal)
                         || (image.LastIndexOf(':') > image.LastIndexOf('/') && !image.EndsWith(":latest", StringComparison.Ordinal));
            Assert.True(pinned, $"{image}: neither a version tag nor a digest");
        });

    [Theory]
    [InlineData("dev")]
    [InlineData("production")]
    public async Task Every_disruption_budget_says_one_thing_and_RabbitMQ_loses_at_most_one_node(string overlay)
    {
        await Repository.EnsureValidatorAsync();
        var budgets = (await Repository.ObjectsAsync(await Repository.RenderAsync(overlay)))
            .Where(o => o.GetProperty("kind").GetString() == "PodDisruptionBudget").ToList();
        Assert.All(budgets, b =>
        {
            var spec = b.GetProperty("spec");
            Assert.True(spec.TryGetProperty("minAvailable", out _) ^ spec.TryGetProperty("maxUnavailable", out _),
                $"{Name(b)}: a budget has minAvailable or maxUnavailable, not both and not neither");
        });
        Assert.Equal(1, budgets.Single(b => Name(b) == "messaging").GetProperty("spec").GetProperty("maxUnavailable").GetInt32());
    }

    [Fact]
    public async Task Backups_and_WAL_archives_are_encrypted_at_rest()
    {
        var cluster = (await ProductionAsync()).Single(o => o.GetProperty("kind").GetString() == "Cluster" && Name(o) == "postgres");
        var store = cluster.GetProperty("spec").GetProperty("backup").GetProperty("barmanObjectStore");
        Assert.Equal("AES256", store.GetProperty("data").GetProperty("encryption").GetString());
        Assert.Equal("AES256", store.GetProperty("wal").GetProperty("encryption").GetString());
    }
}
