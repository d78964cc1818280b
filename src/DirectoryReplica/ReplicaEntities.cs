namespace Platform.DirectoryReplica;

/// <summary>A sub-region of the region (e.g. Parkstad).</summary>
public sealed class KnownSubRegion
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>A municipality of the region, as this service's copy of the directory knows it.</summary>
public sealed class KnownMunicipality
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string SubRegion { get; set; } = "";
}

/// <summary>An organisation of the region (its id is the <c>org_id</c> in its tokens).</summary>
public sealed class KnownOrganisation
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public string? Municipality { get; set; }
    public string? Swv { get; set; }
    public string? SubRegion { get; set; }
    public bool Active { get; set; }
}

/// <summary>A location (vestiging) of an organisation: for a school, its BRIN and branch code.</summary>
public sealed class KnownLocation
{
    public string Id { get; set; } = "";
    public string OrganisationId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Municipality { get; set; } = "";
    public string? Swv { get; set; }
    public bool Active { get; set; }
}

/// <summary>Pupils at a school location in a school year (the denominators of the monitor's percentages).</summary>
public sealed class KnownPupilCount
{
    public string LocationId { get; set; } = "";
    public string SchoolYear { get; set; } = "";
    public int Pupils { get; set; }
}

/// <summary>Which version of the directory this copy holds (0: none yet).</summary>
public sealed class ReplicaState
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    public long Version { get; set; }
    public string Region { get; set; } = "";
    public string RegionName { get; set; } = "";
    public DateTimeOffset? ReceivedAt { get; set; }
}

/// <summary>A school board (bevoegd gezag), in the copies of the services that check TLV experts.</summary>
public sealed class KnownBoard
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>Which board runs a school organisation (only schools whose board the Directory knows).</summary>
public sealed class KnownSchoolBoard
{
    public string OrganisationId { get; set; } = "";
    public string BoardId { get; set; } = "";
}

/// <summary>A person registered as a TLV expert (RULES.md §4), by person id: never a name or a BSN.</summary>
public sealed class KnownExpert
{
    public string PersonId { get; set; } = "";
    public string OrganisationId { get; set; } = "";
    public string? BoardId { get; set; }
    public List<string> Disciplines { get; set; } = [];
    public bool Active { get; set; }
}
