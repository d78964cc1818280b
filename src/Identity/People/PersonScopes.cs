namespace Platform.Identity.People;

/// <summary>
/// Least privilege for people: which APIs each role's work needs. A person's token holds the APIs
/// of their roles that their organisation may use; everyone reads the monitor and the directory.
/// </summary>
internal static class PersonScopes
{
    private static readonly Dictionary<string, string[]> ByRole = new()
    {
        ["funder"] = [DemoRegion.Scopes.Funding],
        ["tlv"] = [DemoRegion.Scopes.Funding],
        ["youth-care"] = [DemoRegion.Scopes.Intake],
        ["referrer"] = [DemoRegion.Scopes.Intake],
        ["leerplicht"] = [DemoRegion.Scopes.Attendance],
        ["attendance-reporter"] = [DemoRegion.Scopes.Attendance],
        // The privacy officer reads the access log (who looked at a child's data), and no child's case itself.
        ["privacy-officer"] = [DemoRegion.Scopes.Audit],
        // The organisation's own administrator of its people (Identity's people API).
        [Clients.OrganisationRoles.PeopleAdmin] = [DemoRegion.Scopes.Identity],
    };

    public static HashSet<string> For(IEnumerable<string> roles) =>
        [DemoRegion.Scopes.Monitoring, DemoRegion.Scopes.Directory, .. roles.SelectMany(r => ByRole.GetValueOrDefault(r, []))];
}
