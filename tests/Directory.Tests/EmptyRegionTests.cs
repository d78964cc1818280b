using Platform.TestInfrastructure;

namespace Platform.Directory.Tests;

/// <summary>
/// #26, "the region is data": a region other than the demo one starts with an empty directory that names the region
/// (Directory:Region, Directory:RegionName), and publishes it at once as version 1. Every service waits for a copy of the
/// directory before it is ready, and the gateway waits for every service: without this first, empty version a new region's
/// office could never reach the Directory to fill it (found by the second region's end-to-end test).
/// </summary>
public sealed class EmptyRegionTests(TestServersFixture fixture) : DirectoryTestBase(fixture)
{
    protected override ServiceSetup Setup => base.Setup with
    {
        Settings = new Dictionary<string, string?>
        {
            ["Directory:SeedDemoRegion"] = "false",
            ["Directory:Region"] = "zeeuws-vlaanderen",
            ["Directory:RegionName"] = "Zeeuws-Vlaanderen",
        },
    };

    [Fact]
    public async Task A_new_regions_empty_directory_is_published_as_version_one_at_first_start()
    {
        var published = Assert.Single(await SnapshotsAsync());
        Assert.Equal(1, published.Version);
        Assert.Equal("zeeuws-vlaanderen", published.Region);
        Assert.Equal("Zeeuws-Vlaanderen", published.RegionName);
        Assert.Empty(published.Organisations);
        Assert.Empty(published.Municipalities);
    }
}
