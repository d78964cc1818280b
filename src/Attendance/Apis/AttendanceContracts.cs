using Platform.Attendance.Domain;

namespace Platform.Attendance.Apis;

/// <summary>
/// The child as a school or officer sends it: exactly one of <c>bsn</c>, <c>onderwijsnummer</c> (DUO's number for a pupil
/// without BSN) or <c>platformChildId</c> (POST /api/attendance/children), ADR-0015.
/// </summary>
public sealed record ChildRequest(string? Bsn, string? GivenName, string? FamilyName, DateOnly? DateOfBirth, string? HomeMunicipality,
    string? Onderwijsnummer = null, string? PlatformChildId = null);

/// <summary>
/// The child as the platform holds it. <c>bsn</c> is null for the escalation table (the actietafel): it decides on the
/// case with the child's name, not its BSN (#25 point 6, minimum data per role; RULES.md §6).
/// </summary>
/// <remarks><c>onderwijsnummer</c> and <c>platformChildId</c> (ADR-0015): the identifier a child without BSN is registered by; withheld from the escalation table as the BSN is.</remarks>
public sealed record ChildResponse(string? Bsn, string GivenName, string FamilyName, DateOnly DateOfBirth, string HomeMunicipality,
    string? Onderwijsnummer = null, string? PlatformChildId = null)
{
    public static ChildResponse From(ChildDetails c, bool withBsn = true) =>
        new(withBsn ? c.Bsn : null, c.GivenName, c.FamilyName, c.DateOfBirth, c.HomeMunicipality,
            withBsn ? c.Onderwijsnummer : null, withBsn ? c.PlatformChildId : null);
}
