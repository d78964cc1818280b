using Platform.Attendance.Domain;

namespace Platform.Attendance.Apis;

/// <summary>The child as a school or officer sends it.</summary>
public sealed record ChildRequest(string? Bsn, string? GivenName, string? FamilyName, DateOnly? DateOfBirth, string? HomeMunicipality);

public sealed record ChildResponse(string Bsn, string GivenName, string FamilyName, DateOnly DateOfBirth, string HomeMunicipality)
{
    public static ChildResponse From(ChildDetails c) => new(c.Bsn, c.GivenName, c.FamilyName, c.DateOfBirth, c.HomeMunicipality);
}
