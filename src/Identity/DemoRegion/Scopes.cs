using Platform.Contracts;

namespace Platform.Identity.DemoRegion;

/// <summary>
/// The APIs a client may ask tokens for. A scope <c>x</c> gives a token with audience
/// <c>x-api</c>, which only that service (and the gateway's route to it) accepts.
/// </summary>
public static class Scopes
{
    public const string Intake = "intake";
    public const string Funding = "funding";
    public const string Attendance = "attendance";
    public const string Handover = "handover";
    public const string Monitoring = "monitoring";
    public const string Subscriptions = "subscriptions";
    public const string Directory = "directory";
    /// <summary>The access log: only an organisation of the region's office type, and within it only the privacy officer, reads it.</summary>
    public const string Audit = "audit";
    /// <summary>Identity's own admin API (the organisations' clients): only the region's office, and within it the client administrator.</summary>
    public const string Identity = "identity";

    public static readonly string[] All = [Intake, Funding, Attendance, Handover, Monitoring, Subscriptions, Directory, Audit, Identity];

    public static string AudienceOf(string scope) => $"{scope}-api";

    /// <summary>
    /// What an organisation of <paramref name="organisationType"/> holding <paramref name="roles"/> may call: the APIs of its
    /// type, and Identity's own API for an organisation that administers its people (<c>people-admin</c>) itself.
    /// </summary>
    public static IReadOnlyList<string> For(string organisationType, IEnumerable<string> roles)
    {
        var apis = For(organisationType);
        return roles.Contains(Clients.OrganisationRoles.PeopleAdmin) && !apis.Contains(Identity) ? [.. apis, Identity] : apis;
    }

    /// <summary>Least privilege: which APIs each kind of organisation has any business calling.</summary>
    public static IReadOnlyList<string> For(string organisationType) => organisationType switch
    {
        OrganisationTypes.Municipality => [Intake, Funding, Attendance, Handover, Monitoring, Subscriptions, Directory],
        // The SWV follows the handovers to its schools (read only).
        OrganisationTypes.Swv => [Intake, Funding, Handover, Monitoring, Subscriptions, Directory],
        // A school reads the arrangements at its location and requests TLVs; it decides nothing in Funding.
        OrganisationTypes.School => [Intake, Funding, Attendance, Handover, Monitoring, Subscriptions, Directory],
        OrganisationTypes.Childcare => [Intake, Handover, Monitoring, Subscriptions, Directory],
        // JGZ and youth-care providers give the expert advice a TLV needs (Funding).
        OrganisationTypes.Jgz => [Intake, Funding, Handover, Monitoring, Subscriptions, Directory],
        OrganisationTypes.YouthCareProvider => [Intake, Funding, Handover, Monitoring, Subscriptions, Directory],
        OrganisationTypes.EscalationTable => [Funding, Attendance, Monitoring, Subscriptions, Directory],
        // The region's office keeps the directory, takes the monitor's baseline and onboards the clients; it sees no child.
        OrganisationTypes.Region => [Monitoring, Directory, Audit, Identity],
        _ => [Monitoring, Directory],
    };
}
