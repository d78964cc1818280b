namespace Platform.EndToEnd.Tests.Security;

/// <summary>
/// One demo organisation per organisation type (and the privacy officer), none of them involved in
/// <see cref="SecurityRecords"/>: the columns of the policy table in docs/security.md.
/// </summary>
internal static class Representatives
{
    public static readonly IReadOnlyList<(string Column, string ClientId)> All =
    [
        ("municipality", "gemeente-vaals"),
        ("swv", "swv-vo-westelijke-mijnstreek"),
        ("school", "school-bs-het-palet"),
        ("childcare", "kinderopvang-de-kleine-wereld"),
        ("jgz", "jgz-zuid-limburg"),
        ("youth-care-provider", "jeugdhulp-horizon"),
        ("escalation-table", "escalatietafel-zuid-limburg"),
        ("region", "regio-zuid-limburg"),
        ("privacy-officer", "fg-zuid-limburg"),
    ];
}
