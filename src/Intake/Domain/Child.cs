namespace Platform.Intake.Domain;

/// <summary>
/// The identifying data of the referred child. Intake is the one service that holds it; every
/// other service and every event knows the child only by <see cref="Referral.ChildReference"/>.
/// </summary>
public sealed class Child
{
    /// <summary>Exactly one of the BSN, DUO's onderwijsnummer or a platform child id (RULES.md §6, ADR-0015).</summary>
    public string? Bsn { get; private set; }
    /// <summary>Onderwijsnummer: DUO's number for a pupil without BSN.</summary>
    public string? Onderwijsnummer { get; private set; }
    /// <summary>The platform's id for a child with neither (ADR-0015).</summary>
    public string? PlatformChildId { get; private set; }
    public string GivenName { get; private set; } = "";
    public string FamilyName { get; private set; } = "";
    public DateOnly DateOfBirth { get; private set; }

    /// <summary>CBS code of the municipality of the child's BRP address (woonplaatsbeginsel), e.g. GM0935.</summary>
    public string HomeMunicipality { get; private set; } = "";

    private Child() { }

    public Child(Privacy.Bsn bsn, string givenName, string familyName, DateOnly dateOfBirth, string homeMunicipality)
        : this(Privacy.ChildIdentifier.Of(bsn), givenName, familyName, dateOfBirth, homeMunicipality) { }

    public Child(Privacy.ChildIdentifier identifier, string givenName, string familyName, DateOnly dateOfBirth, string homeMunicipality)
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
