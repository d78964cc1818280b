namespace Platform.Handover.Domain;

/// <summary>The child as the sending school identifies it to the receiving school (schools may use the BSN).</summary>
public sealed class ChildDetails
{
    public string Bsn { get; private set; } = "";
    public string GivenName { get; private set; } = "";
    public string FamilyName { get; private set; } = "";
    public DateOnly DateOfBirth { get; private set; }

    private ChildDetails() { }

    public ChildDetails(Privacy.Bsn bsn, string givenName, string familyName, DateOnly dateOfBirth)
    {
        Bsn = bsn.Value;
        GivenName = givenName;
        FamilyName = familyName;
        DateOfBirth = dateOfBirth;
    }
}
