using Platform.Directory.Domain;

namespace Platform.Directory.Apis;

public sealed record SetSubRegionRequest(string? Name);

public sealed record SetMunicipalityRequest(string? Name, string? SubRegion);

/// <summary><c>boardId</c>: a school's board (bevoegd gezag); left out keeps the one recorded.</summary>
public sealed record SetOrganisationRequest(string? Name, string? Type, string? Municipality, string? Swv, string? SubRegion, bool? Active, string? BoardId = null);

public sealed record AddressRequest(string? Street, string? PostalCode, string? Place);

public sealed record SetLocationRequest(
    string? OrganisationId, string? Name, string? Kind, string? Brin, string? BranchCode, string? Municipality, string? Swv,
    AddressRequest? Address, bool? Active);

public sealed record SetContactRequest(string? ProvidedBy, string? Name, string? Phone, string? Email);

public sealed record RegionResponse(string Region, string Name, long Version, IReadOnlyList<SubRegionResponse> SubRegions);

public sealed record SubRegionResponse(string Id, string Name, IReadOnlyList<MunicipalityResponse> Municipalities);

public sealed record MunicipalityResponse(string Code, string Name, string SubRegion)
{
    public static MunicipalityResponse From(Municipality m) => new(m.Code, m.Name, m.SubRegion);
}

public sealed record OrganisationResponse(
    string Id, string Name, string Type, string? Municipality, string? Swv, string? SubRegion, bool Active, IReadOnlyList<string> Locations,
    string? BoardId = null)
{
    public static OrganisationResponse From(Organisation o, IEnumerable<string> locations) =>
        new(o.Id, o.Name, o.Type, o.Municipality, o.Swv, o.SubRegion, o.Active, [.. locations], o.BoardId);
}

/// <summary>A location as the regional sociale kaart shows it: where, what kind, whom to call, what it offers (HSDS-like).</summary>
public sealed record LocationResponse(
    string Id, string OrganisationId, string Name, string Kind, string? Brin, string? BranchCode, string Municipality, string? SubRegion,
    string? Swv, Address Address, bool Active, IReadOnlyList<FixedContact> Contacts, IReadOnlyList<OfferedArrangementResponse> Services)
{
    public static LocationResponse From(Location l, string? subRegion, IEnumerable<OfferedArrangement> services) =>
        new(l.Id, l.OrganisationId, l.Name, l.Kind, l.Brin, l.BranchCode, l.Municipality, subRegion, l.Swv, l.Address, l.Active,
            [.. l.Contacts.OrderBy(c => c.Role)], [.. services.Select(OfferedArrangementResponse.From)]);
}

/// <summary>A collective arrangement offered at a location.</summary>
public sealed record OfferedArrangementResponse(
    Guid ArrangementId, string LocationId, string Title, string TargetGroup, IReadOnlyList<string> SupportDomains,
    IReadOnlyList<string> ServesMunicipalities, int Places, DateOnly StartsOn, DateOnly EndsOn)
{
    public static OfferedArrangementResponse From(OfferedArrangement a) =>
        new(a.ArrangementId, a.LocationId, a.Title, a.TargetGroup, a.SupportDomains, a.ServesMunicipalities, a.Places, a.StartsOn, a.EndsOn);
}

public sealed record PupilCountResponse(string LocationId, string SchoolYear, int Pupils, string Source);

/// <summary>The counts of a school year as imported: every line of the file, with the totals.</summary>
public sealed record PupilCountsResponse(string SchoolYear, int Locations, int Pupils, IReadOnlyList<PupilCountResponse> Counts);

/// <summary>
/// A page of a school year's pupil counts, by location id: the page's <see cref="Items"/> and the
/// link to the <see cref="Next"/> one, as every list; <see cref="Locations"/> and <see cref="Pupils"/>
/// total the whole selection (every page), not just this one.
/// </summary>
public sealed record PupilCountsPage(string SchoolYear, int Locations, int Pupils, IReadOnlyList<PupilCountResponse> Items, string? Next);
