namespace Platform.Directory.Domain;

/// <summary>A sub-region of the region (Westelijke Mijnstreek, Maastricht-Heuvelland, Parkstad in the demo).</summary>
public sealed class SubRegion
{
    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";

    private SubRegion() { }

    public SubRegion(string id, string name) => (Id, Name) = (id, name);
}

/// <summary>Gemeente: a municipality of the region by its CBS code, and the sub-region it belongs to.</summary>
public sealed class Municipality
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string SubRegion { get; private set; } = "";

    private Municipality() { }

    public Municipality(string code, string name, string subRegion) => (Code, Name, SubRegion) = (code, name, subRegion);
}

/// <summary>The region the directory describes, and the version of its last published snapshot.</summary>
public sealed class DirectoryState
{
    public const int SingletonId = 1;
    public int Id { get; private set; } = SingletonId;
    public string Region { get; private set; } = "";
    public string RegionName { get; private set; } = "";
    public long Version { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    private DirectoryState() { }

    public DirectoryState(string region, string regionName) => (Region, RegionName) = (region, regionName);

    public long Next(DateTimeOffset now)
    {
        PublishedAt = now;
        return ++Version;
    }
}
