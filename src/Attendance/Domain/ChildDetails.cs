using Platform.Privacy;

namespace Platform.Attendance.Domain;

/// <summary>
/// The child as the school reports it. The leerplicht administration may hold the BSN (schools and
/// municipalities use it lawfully), or for a pupil without one DUO's onderwijsnummer or a platform child id
/// (RULES.md §6, ADR-0015): exactly one of the three. Shown only to the reporting school and the home
/// municipality, and never leaves this service: events carry the child reference.
/// </summary>
public sealed class ChildDetails
{
    public string? Bsn { get; private set; }
    /// <summary>Onderwijsnummer: DUO's number for a pupil without BSN.</summary>
    public string? Onderwijsnummer { get; private set; }
    /// <summary>The platform's id for a child with neither (ADR-0015).</summary>
    public string? PlatformChildId { get; private set; }
    public string GivenName { get; private set; } = "";
    public string FamilyName { get; private set; } = "";
    public DateOnly DateOfBirth { get; private set; }
    public string HomeMunicipality { get; private set; } = "";

    private ChildDetails() { }

    /// <summary>A copy for another record: EF owns a child's details per record, so two records never share one instance.</summary>
    public ChildDetails Copy() => (ChildDetails)MemberwiseClone();

    public ChildDetails(Privacy.Bsn bsn, string givenName, string familyName, DateOnly dateOfBirth, string homeMunicipality)
        : this(ChildIdentifier.Of(bsn), givenName, familyName, dateOfBirth, homeMunicipality) { }

    public ChildDetails(ChildIdentifier identifier, string givenName, string familyName, DateOnly dateOfBirth, string homeMunicipality)
    {
        Bsn = identifier.Bsn;
        Onderwijsnummer = identifier.Onderwijsnummer;
        PlatformChildId = identifier.PlatformChildId;
        GivenName = givenName;
        FamilyName = familyName;
        DateOfBirth = dateOfBirth;
        HomeMunicipality = homeMunicipality;
    }
}
