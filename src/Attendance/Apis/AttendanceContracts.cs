using Platform.Attendance.Domain;

namespace Platform.Attendance.Apis;

/// <summary>The child as a school or officer sends it.</summary>
public sealed record ChildRequest(string? Bsn, string? GivenName, string? FamilyName, DateOnly? DateOfBirth, string? HomeMunicipality);

/// <summary>
/// The child as the platform holds it. <c>bsn</c> is null for the escalation table (the actietafel): it decides on the
/// case with the child's name, not its BSN (#25 point 6, minimum data per role; RULES.md §6).
/// </summary>
public sealed record ChildResponse(string? Bsn, string GivenName, string FamilyName, DateOnly DateOfBirth, string HomeMunicipality)
{
    public static ChildResponse From(ChildDetails c, bool withBsn = true) =>
        new(withBsn ? c.Bsn : null, c.GivenName, c.FamilyName, c.DateOfBirth, c.HomeMunicipality);
}
