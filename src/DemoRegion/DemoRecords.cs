namespace Platform.DemoRegion;

/// <summary>
/// An organisation of the demo region and the client it integrates with (its id is its OAuth2
/// client id and its <c>org_id</c>). <see cref="Municipality"/> is the CBS code of the municipality
/// it is or lies in; <see cref="Swv"/> the samenwerkingsverband it is or belongs to.
/// </summary>
public sealed record DemoOrganisation(
    string Id, string Name, string Type, IReadOnlyList<string> Roles,
    string? Municipality = null, string? Swv = null, string? SubRegion = null, string? BoardId = null);

/// <summary>A school board (bevoegd gezag) of the demo region (invented).</summary>
public sealed record DemoBoard(string Id, string Name);

/// <summary>
/// A person registered as a TLV expert (RULES.md §4): advises for <see cref="OrganisationId"/>, works for
/// <see cref="BoardId"/> if any, in <see cref="Disciplines"/>. Invented.
/// </summary>
public sealed record DemoExpert(string PersonId, string Name, string OrganisationId, string? BoardId, IReadOnlyList<string> Disciplines);

/// <summary>A fixed contact (vast aanspreekpunt) at a location, for one role, provided by an organisation.</summary>
public sealed record DemoContact(string Role, string ProvidedBy, string Name, string Phone, string Email);

/// <summary>A location (vestiging); for a school, <see cref="Id"/> is its BRIN and branch code.</summary>
public sealed record DemoLocation(
    string Id, string OrganisationId, string Name, string Kind, string Municipality, string? Swv,
    string Street, string PostalCode, string Place, IReadOnlyList<DemoContact> Contacts);

/// <summary>Pupils at a school location on the count date of a school year (invented, DUO-like).</summary>
public sealed record DemoPupilCount(string LocationId, string SchoolYear, int Pupils);

/// <summary>
/// A person at a demo organisation who signs in to the portal. What they may do through the APIs is
/// what their organisation may do, narrowed to their own roles (a leerplicht officer approves no
/// arrangement even though the municipality funds them).
/// </summary>
public sealed record DemoPerson(string Id, string Name, string Function, string OrganisationId, IReadOnlyList<string> Roles);
