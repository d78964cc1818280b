using Platform.Monitoring.Domain;

namespace Platform.Monitoring.Tests.Domain;

/// <summary>Every indicator the monitor publishes is defined in docs/monitoring.md, and every one defined there exists.</summary>
public sealed class IndicatorDocumentationTests
{
    private static string Docs()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) dir = dir.Parent;
        return File.ReadAllText(Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("Platform.sln not found."), "docs", "monitoring.md"));
    }

    [Fact]
    public void Every_indicator_has_its_definition_with_its_source_events()
    {
        var docs = Docs();
        foreach (var indicator in IndicatorCatalog.All)
        {
            var row = docs.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{indicator.Id}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/monitoring.md has no row for {indicator.Id}.");
            foreach (var source in indicator.Sources) Assert.Contains($"`{source}`", row);
        }
    }

    [Fact]
    public void The_docs_define_no_indicator_the_monitor_does_not_publish()
    {
        var documented = Docs().Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l[3..l.IndexOf('`', 3)]).ToList();
        Assert.All(documented, id => Assert.True(IndicatorCatalog.ById.ContainsKey(id), $"{id} is documented but not published."));
    }
}
