namespace Platform.Attendance.Domain;

/// <summary>
/// The child as the school reports it. The leerplicht administration may hold the BSN (schools and
/// municipalities use it lawfully); it is shown only to the reporting school and the home
/// municipality, and never leaves this service: events carry the child reference.
/// </summary>
public sealed class ChildDetails
{
    public string Bsn { get; private set; } = "";
    public string GivenName { get; private set; } = "";
    public string FamilyName { get; private set; } = "";
    public DateOnly DateOfBirth { get; private set; }
    public string HomeMunicipality { get; private set; } = "";

    private ChildDetails() { }

    /// <summary>A copy for another record: EF owns a child's details per record, so two records never share one instance.</summary>
    public ChildDetails Copy() => (ChildDetails)MemberwiseClone();

    public ChildDetails(Privacy.Bsn bsn, string givenName, string familyName, DateOnly dateOfBirth, string homeMunicipality)
    {
        Bsn = bsn.Value;
        GivenName = givenName;
        FamilyName = familyName;
        DateOfBirth = dateOfBirth;
        HomeMunicipality = homeMunicipality;
    }
}
