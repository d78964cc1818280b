namespace Platform.Directory.Apis;

public sealed record SetSubRegionRequest(string? Name);

public sealed record SetMunicipalityRequest(string? Name, string? SubRegion);

public sealed record SetOrganisationRequest(string? Name, string? Type, string? Municipality, string? Swv, string? SubRegion, bool? Active);

public sealed record AddressRequest(string? Street, string? PostalCode, string? Place);

public sealed record SetLocationRequest(
    string? OrganisationId, string? Name, string? Kind, string? Brin, string? BranchCode, string? Municipality, string? Swv,
    AddressRequest? Address, bool? Active);

public sealed record SetContactRequest(string? ProvidedBy, string? Name, string? Phone, string? Email);
