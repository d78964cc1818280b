namespace Platform.Intake.Domain;

/// <summary>
/// The identifying data of the referred child. Intake is the one service that holds it; every
/// other service and every event knows the child only by <see cref="Referral.ChildReference"/>.
/// </summary>
public sealed class Child
{
    public string Bsn { get; private set; } = "";
    public string GivenName { get; private set; } = "";
    public string FamilyName { get; private set; } = "";
    public DateOnly DateOfBirth { get; private set; }

    /// <summary>CBS code of the municipality of the child's BRP address (woonplaatsbeginsel), e.g. GM0935.</summary>
    public string HomeMunicipality { get; private set; } = "";

    private Child() { }

    public Child(Privacy.Bsn bsn, string givenName, string familyName, DateOnly dateOfBirth, string homeMunicipality)
    {
        Bsn = bsn.Value;
        GivenName = givenName;
        FamilyName = familyName;
        DateOfBirth = dateOfBirth;
        HomeMunicipality = homeMunicipality;
    }
}
