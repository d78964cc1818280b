namespace Platform.Directory;

/// <summary>Regional settings of the directory.</summary>
public sealed class DirectoryOptions
{
    /// <summary>The region's id and name, for a directory that starts empty.</summary>
    public string Region { get; set; } = "";
    public string RegionName { get; set; } = "";

    /// <summary>Fill an empty directory with the demo region South Limburg (Development and tests).</summary>
    public bool SeedDemoRegion { get; set; }
}
