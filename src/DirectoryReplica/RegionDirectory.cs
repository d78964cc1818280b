using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults;
using Platform.SharedKernel;

namespace Platform.DirectoryReplica;

/// <summary>
/// The region's directory as this service sees it: its own copy, kept current by the Directory's
/// snapshots. Services look organisations, locations and municipalities up here instead of taking
/// free text: an id the directory does not know is refused (422).
/// </summary>
public interface IRegionDirectory
{
    Task<KnownOrganisation?> OrganisationAsync(string id, CancellationToken ct);
    Task<KnownLocation?> LocationAsync(string id, CancellationToken ct);
    Task<KnownMunicipality?> MunicipalityAsync(string code, CancellationToken ct);
    Task<IReadOnlyList<KnownLocation>> LocationsOfAsync(string organisationId, CancellationToken ct);
}

internal sealed class RegionDirectory<TDbContext>(TDbContext db) : IRegionDirectory where TDbContext : DbContext
{
    public Task<KnownOrganisation?> OrganisationAsync(string id, CancellationToken ct) =>
        db.Set<KnownOrganisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);

    public Task<KnownLocation?> LocationAsync(string id, CancellationToken ct) =>
        db.Set<KnownLocation>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);

    public Task<KnownMunicipality?> MunicipalityAsync(string code, CancellationToken ct) =>
        db.Set<KnownMunicipality>().AsNoTracking().FirstOrDefaultAsync(m => m.Code == code, ct);

    public async Task<IReadOnlyList<KnownLocation>> LocationsOfAsync(string organisationId, CancellationToken ct) =>
        await db.Set<KnownLocation>().AsNoTracking().Where(l => l.OrganisationId == organisationId).OrderBy(l => l.Id).ToListAsync(ct);
}

/// <summary>The directory's rules as the services apply them: unknown or closed references are 422, naming the field.</summary>
public static class DirectoryRules
{
    public static async Task<KnownLocation> RequireLocationAsync(this IRegionDirectory directory, string field, string id, CancellationToken ct)
    {
        var location = await directory.LocationAsync(id, ct);
        if (location is null) throw new DomainRuleException(field, $"'{id}' is not a location in the region's directory.");
        if (!location.Active) throw new DomainRuleException(field, $"Location '{id}' is closed.");
        return location;
    }

    public static async Task<KnownOrganisation> RequireOrganisationAsync(this IRegionDirectory directory, string field, string id, CancellationToken ct)
    {
        var organisation = await directory.OrganisationAsync(id, ct);
        if (organisation is null) throw new DomainRuleException(field, $"'{id}' is not an organisation in the region's directory.");
        if (!organisation.Active) throw new DomainRuleException(field, $"Organisation '{id}' no longer takes part.");
        return organisation;
    }

    /// <summary>Checks every id of a list, naming the first unknown one by its index (e.g. <c>organisations[2]</c>).</summary>
    public static async Task RequireOrganisationsAsync(this IRegionDirectory directory, string field, IEnumerable<string> ids, CancellationToken ct)
    {
        var i = 0;
        foreach (var id in ids) await directory.RequireOrganisationAsync($"{field}[{i++}]", id, ct);
    }

    public static async Task<KnownMunicipality> RequireMunicipalityAsync(this IRegionDirectory directory, string field, string code, CancellationToken ct) =>
        await directory.MunicipalityAsync(code, ct)
        ?? throw new DomainRuleException(field, $"'{code}' is not a municipality of the region (a CBS code such as GM0935).");

    public static async Task RequireMunicipalitiesAsync(this IRegionDirectory directory, string field, IEnumerable<string> codes, CancellationToken ct)
    {
        var i = 0;
        foreach (var code in codes) await directory.RequireMunicipalityAsync($"{field}[{i++}]", code, ct);
    }
}
