using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.DirectoryReplica;
using Platform.Monitoring.Projection;

namespace Platform.Monitoring.Figures;

/// <summary>
/// The region as the monitor divides it, from this service's copy of the directory: sub-regions and
/// their municipalities, the SWVs, and where every school and location belongs. A subject's area is
/// decided here, when figures are made, so a change in the directory needs no rebuild.
/// </summary>
public sealed class RegionMap
{
    public const string Unknown = "unknown";
    public const string NoSwv = "none";

    public string RegionName { get; private init; } = "";
    public IReadOnlyList<(string Id, string Name)> SubRegions { get; private init; } = [];
    public IReadOnlyList<(string Code, string Name, string SubRegion)> Municipalities { get; private init; } = [];
    public IReadOnlyList<(string Id, string Name)> Swvs { get; private init; } = [];
    private Dictionary<string, string> _subRegionOf = [];
    private Dictionary<string, KnownOrganisation> _organisations = [];
    private Dictionary<string, KnownLocation> _locations = [];
    private List<KnownPupilCount> _pupils = [];

    public static async Task<RegionMap> LoadAsync(DbContext db, CancellationToken ct)
    {
        var state = await db.Set<ReplicaState>().AsNoTracking().SingleAsync(ct);
        var subRegions = await db.Set<KnownSubRegion>().AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var municipalities = await db.Set<KnownMunicipality>().AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct);
        var organisations = await db.Set<KnownOrganisation>().AsNoTracking().ToListAsync(ct);
        return new RegionMap
        {
            RegionName = state.RegionName,
            SubRegions = [.. subRegions.Select(s => (s.Id, s.Name))],
            Municipalities = [.. municipalities.Select(m => (m.Code, m.Name, m.SubRegion))],
            Swvs = [.. organisations.Where(o => o.Type == OrganisationTypes.Swv).OrderBy(o => o.Name).Select(o => (o.Id, o.Name))],
            _subRegionOf = municipalities.ToDictionary(m => m.Code, m => m.SubRegion),
            _organisations = organisations.ToDictionary(o => o.Id),
            _locations = await db.Set<KnownLocation>().AsNoTracking().ToDictionaryAsync(l => l.Id, ct),
            _pupils = await db.Set<KnownPupilCount>().AsNoTracking().ToListAsync(ct),
        };
    }

    public string SubRegionOf(string? municipality) =>
        municipality is not null && _subRegionOf.TryGetValue(municipality, out var subRegion) ? subRegion : Unknown;

    public bool IsMunicipality(string? code) => code is not null && _subRegionOf.ContainsKey(code);

    public KnownLocation? Location(string? id) => id is not null && _locations.TryGetValue(id, out var l) ? l : null;

    public KnownOrganisation? Organisation(string? id) => id is not null && _organisations.TryGetValue(id, out var o) ? o : null;

    /// <summary>The child's home municipality when known; otherwise the school location's the event named, or where the location, school or parent is.</summary>
    public string? MunicipalityOf(Subject subject, Func<string, Subject?> find, int depth = 0) =>
        subject.HomeMunicipality
        ?? subject.SchoolMunicipality
        ?? Location(subject.LocationId)?.Municipality
        ?? Organisation(subject.SchoolOrganisationId)?.Municipality
        ?? (depth < 2 && subject.Parent is { } parent && find(parent) is { } p ? MunicipalityOf(p, find, depth + 1) : null);

    /// <summary>The SWV the event named, else the school's, else the location's, else the parent's.</summary>
    public string? SwvOf(Subject subject, Func<string, Subject?> find, int depth = 0) =>
        subject.Swv
        ?? Organisation(subject.SchoolOrganisationId)?.Swv
        ?? Location(subject.LocationId)?.Swv
        ?? (depth < 2 && subject.Parent is { } parent && find(parent) is { } p ? SwvOf(p, find, depth + 1) : null);

    /// <summary>
    /// The school type (<see cref="SchoolTypes"/>) of a school organisation, from its locations in the directory: the one type all
    /// its school locations share, else <see cref="SchoolTypes.Unknown"/> (several types, or none known).
    /// </summary>
    public string SchoolTypeOf(string organisationId)
    {
        _schoolTypes ??= _locations.Values.GroupBy(l => l.OrganisationId).ToDictionary(g => g.Key, g =>
            g.Select(l => SchoolTypes.Of(l.Kind)).OfType<string>().Distinct().ToList() is [var only] ? only : SchoolTypes.Unknown);
        return _schoolTypes.GetValueOrDefault(organisationId, SchoolTypes.Unknown);
    }

    private Dictionary<string, string>? _schoolTypes;

    /// <summary>Pupils at the school locations of one school year, with where each location belongs.</summary>
    public IEnumerable<(KnownLocation Location, int Pupils)> PupilsIn(string schoolYear) =>
        _pupils.Where(p => p.SchoolYear == schoolYear && _locations.ContainsKey(p.LocationId)).Select(p => (_locations[p.LocationId], p.Pupils));
}
