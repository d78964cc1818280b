namespace Platform.Contracts.Directory;

/// <summary>
/// The region's directory as a whole, in the form every service keeps a copy of: who the
/// organisations are, which locations they have and where, which municipalities make up which
/// sub-region, and how many pupils each school location has per school year. Published by the
/// Directory after every change and whenever a service asks; a copy is replaced only by a higher
/// <see cref="Version"/>, so redelivered or reordered snapshots do no harm.
/// </summary>
/// <remarks>Reference data only: no child, no contact person (contacts stay in the Directory's own API), and an
/// expert by person id only, never by name.</remarks>
/// <param name="Version">Increases with every change to the directory.</param>
/// <param name="Region">The region's id, e.g. zuid-limburg.</param>
/// <param name="RegionName">Its name, e.g. Zuid-Limburg.</param>
/// <param name="SubRegions">The region's sub-regions.</param>
/// <param name="Municipalities">The region's municipalities.</param>
/// <param name="Organisations">Every organisation, active or not (ids stay known once used).</param>
/// <param name="Locations">Every location.</param>
/// <param name="PupilCounts">Pupils per school location per school year (reference data, e.g. DUO's 1 October count).</param>
/// <param name="OccurredAt">When this version was made.</param>
/// <param name="Boards">The school boards (bevoegd gezag); null from a Directory before they were published.</param>
/// <param name="Experts">The persons registered as TLV experts (RULES.md §4); null from a Directory before they were published.</param>
public sealed record DirectoryPublished(
    long Version, string Region, string RegionName, IReadOnlyList<DirectorySubRegion> SubRegions, IReadOnlyList<DirectoryMunicipality> Municipalities, IReadOnlyList<DirectoryOrganisation> Organisations,
    IReadOnlyList<DirectoryLocation> Locations, IReadOnlyList<DirectoryPupilCount> PupilCounts, DateTimeOffset OccurredAt,
    IReadOnlyList<DirectoryBoard>? Boards = null, IReadOnlyList<DirectoryExpert>? Experts = null) : IIntegrationEvent;

/// <param name="Id">e.g. maastricht-heuvelland.</param>
/// <param name="Name">e.g. Maastricht-Heuvelland.</param>
public sealed record DirectorySubRegion(string Id, string Name);

/// <param name="Code">CBS gemeentecode, e.g. GM0935.</param>
/// <param name="Name">e.g. Maastricht.</param>
/// <param name="SubRegion">The sub-region it belongs to, e.g. maastricht-heuvelland.</param>
public sealed record DirectoryMunicipality(string Code, string Name, string SubRegion);

/// <param name="Id">The organisation's id, the <c>org_id</c> in its tokens.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">One of <see cref="OrganisationTypes"/>.</param>
/// <param name="Municipality">For a municipality its own CBS code; otherwise where it is seated, when local.</param>
/// <param name="Swv">The samenwerkingsverband a school belongs to (for an SWV: itself).</param>
/// <param name="SubRegion">The sub-region it works in, when it works in one.</param>
/// <param name="Active">False once it no longer takes part; its id stays known.</param>
/// <param name="BoardId">For a school: its board (bevoegd gezag, one of the snapshot's boards), when known.</param>
public sealed record DirectoryOrganisation(string Id, string Name, string Type, string? Municipality, string? Swv, string? SubRegion, bool Active,
    string? BoardId = null);

/// <param name="Id">The board's id, e.g. stichting-kindante.</param>
/// <param name="Name">e.g. Stichting Kindante.</param>
public sealed record DirectoryBoard(string Id, string Name);

/// <summary>A person who may give a TLV advice: an identity, never a name or a BSN.</summary>
/// <param name="PersonId">The person's stable id in the Directory, e.g. horizon-b-peters.</param>
/// <param name="OrganisationId">The organisation the person advises for.</param>
/// <param name="BoardId">The school board the person works for, if any (the first expert may not work for the requesting school's board).</param>
/// <param name="Disciplines">The professions of RULES.md §4 the person advises in: orthopedagoog, psycholoog (first advice); kinder-en-jeugdpsycholoog, pedagoog, kinderpsychiater, maatschappelijk-werker, arts (second).</param>
/// <param name="Active">False once the person no longer advises; the id stays known.</param>
public sealed record DirectoryExpert(string PersonId, string OrganisationId, string? BoardId, IReadOnlyList<string> Disciplines, bool Active);

/// <param name="Id">For a school: BRIN and branch code (e.g. 27DL00); otherwise the directory's id.</param>
/// <param name="OrganisationId">The organisation it belongs to.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">One of <see cref="LocationKinds"/>.</param>
/// <param name="Municipality">CBS code of the municipality it lies in.</param>
/// <param name="Swv">The samenwerkingsverband a school location belongs to.</param>
/// <param name="Active">False once closed.</param>
public sealed record DirectoryLocation(string Id, string OrganisationId, string Name, string Kind, string Municipality, string? Swv, bool Active);

/// <param name="LocationId">The school location.</param>
/// <param name="SchoolYear">e.g. 2026-2027.</param>
/// <param name="Pupils">Pupils enrolled on the count date.</param>
public sealed record DirectoryPupilCount(string LocationId, string SchoolYear, int Pupils);

/// <summary>A service has no copy of the directory yet (its first start) and asks the Directory to publish one.</summary>
/// <param name="RequestedBy">The asking service.</param>
/// <param name="OccurredAt">When.</param>
public sealed record DirectorySnapshotRequested(string RequestedBy, DateTimeOffset OccurredAt) : IIntegrationEvent;
