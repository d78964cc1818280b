namespace Platform.Portal.Api;

/// <summary>
/// The region's organisations and locations by name, as the Directory lists them: pages say "Basisschool De Linde"
/// and "Gemeente Maastricht", never <c>27DL00</c> or <c>gemeente-maastricht</c>. The register is the same for every
/// person of the region and holds no personal data, so one copy is kept in memory and read again after
/// <see cref="Freshness"/>; an id the Directory does not know (yet) is shown as it is.
/// </summary>
public sealed class RegionNames(TimeProvider clock)
{
    /// <summary>How long a copy is used: a renamed school shows its new name within this.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(10);

    private static readonly Names Unnamed = new(new Dictionary<string, string>(), new Dictionary<string, string>());
    private readonly SemaphoreSlim _reading = new(1, 1);
    private Names? _names;
    private DateTimeOffset _readAt;

    /// <summary>The names, read through <paramref name="api"/> (the person's token) when the copy is missing or stale.</summary>
    public async Task<Names> GetAsync(PlatformApi api, CancellationToken ct)
    {
        if (_names is { } fresh && clock.GetUtcNow() - _readAt < Freshness) return fresh;
        await _reading.WaitAsync(ct);
        try
        {
            if (_names is { } read && clock.GetUtcNow() - _readAt < Freshness) return read;
            try
            {
                var (organisations, locations) = await api.DirectoryNamesAsync(ct);
                _names = new Names(organisations, locations);
                _readAt = clock.GetUtcNow();
                return _names;
            }
            catch (NotPermittedException)
            {
                // A session from before the portal asked for the directory scope: the page is still this person's
                // to see, with ids where names would be, and the next person's token fills the copy.
                return Unnamed;
            }
        }
        finally { _reading.Release(); }
    }

    public sealed class Names(IReadOnlyDictionary<string, string> organisations, IReadOnlyDictionary<string, string> locations)
    {
        public string Organisation(string? id) => id is null ? "–" : organisations.GetValueOrDefault(id, id);

        public string Location(string? id) => id is null ? "–" : locations.GetValueOrDefault(id, id);

        /// <summary>Every organisation of the region (id, name), by name: what a consent may name.</summary>
        public IReadOnlyList<NamedEntry> AllOrganisations() =>
            [.. organisations.Select(o => new NamedEntry(o.Key, o.Value)).OrderBy(o => o.Name, StringComparer.CurrentCulture)];
    }
}
