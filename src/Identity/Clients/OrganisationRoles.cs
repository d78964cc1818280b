using Platform.Contracts;

namespace Platform.Identity.Clients;

/// <summary>
/// Which roles an organisation of each kind may hold, and which it gets when the region's office names none.
/// A role opens actions inside the services (a funder decides arrangements, a leerplicht officer registers
/// thuiszitters); the organisation's type alone never does. Roles that run the platform itself (the directory,
/// the monitor's baseline, the access log, the clients) belong to the region's office and are never given by default.
/// </summary>
internal static class OrganisationRoles
{
    public const string ClientAdmin = "client-admin";
    public const string PrivacyOfficer = "privacy-officer";
    /// <summary>
    /// The organisation administers its own people (Identity's people API): who they are at its identity provider and
    /// which of the organisation's roles each holds. Any kind of organisation may hold it; none gets it by default.
    /// </summary>
    public const string PeopleAdmin = "people-admin";

    /// <summary>
    /// Roles the admin API never gives, and whose clients it never changes: the client administrator's own and the
    /// privacy officer's (who must stay independent of the office, AVG art. 38). Their clients come from the operators'
    /// configuration (<see cref="OfficeClients"/>), changed through the deployment's own review, never by one click.
    /// </summary>
    public static readonly IReadOnlyList<string> Protected = [ClientAdmin, PrivacyOfficer];

    private static readonly Dictionary<string, (string[] Allowed, string[] Default)> ByType = new()
    {
        [OrganisationTypes.Municipality] = (["funder", "leerplicht", "youth-care", PeopleAdmin], ["funder", "leerplicht", "youth-care"]),
        [OrganisationTypes.Swv] = (["funder", "tlv", PeopleAdmin], ["funder", "tlv"]),
        [OrganisationTypes.School] = (["referrer", "attendance-reporter", PeopleAdmin], ["referrer", "attendance-reporter"]),
        [OrganisationTypes.Childcare] = (["referrer", PeopleAdmin], ["referrer"]),
        [OrganisationTypes.Jgz] = (["referrer", "expert", PeopleAdmin], ["referrer", "expert"]),
        [OrganisationTypes.YouthCareProvider] = (["care-provider", "expert", PeopleAdmin], ["care-provider", "expert"]),
        [OrganisationTypes.EscalationTable] = (["escalation-table", PeopleAdmin], ["escalation-table"]),
        [OrganisationTypes.Region] = (["directory-admin", "monitoring-admin", PrivacyOfficer, ClientAdmin, PeopleAdmin], []),
    };

    public static IReadOnlyList<string> AllowedFor(string type) => ByType.TryGetValue(type, out var roles) ? roles.Allowed : [];

    public static IReadOnlyList<string> DefaultFor(string type) => ByType.TryGetValue(type, out var roles) ? roles.Default : [];
}
