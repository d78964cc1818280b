namespace Platform.Handover.Domain;

/// <summary>
/// The child as the sending school identifies it to the receiving school (schools may use the BSN; a pupil without
/// one has DUO's onderwijsnummer, RULES.md §6, or a platform child id, ADR-0015): exactly one of the three.
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

    private ChildDetails() { }

    public ChildDetails(Privacy.Bsn bsn, string givenName, string familyName, DateOnly dateOfBirth)
        : this(Privacy.ChildIdentifier.Of(bsn), givenName, familyName, dateOfBirth) { }

    public ChildDetails(Privacy.ChildIdentifier identifier, string givenName, string familyName, DateOnly dateOfBirth)
    {
        Bsn = identifier.Bsn;
        Onderwijsnummer = identifier.Onderwijsnummer;
        PlatformChildId = identifier.PlatformChildId;
        GivenName = givenName;
        FamilyName = familyName;
        DateOfBirth = dateOfBirth;
    }
}
