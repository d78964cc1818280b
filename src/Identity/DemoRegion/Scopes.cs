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

    public static readonly string[] All = [Intake, Funding, Attendance, Handover, Monitoring, Subscriptions];

    public static string AudienceOf(string scope) => $"{scope}-api";

    /// <summary>Least privilege: which APIs each kind of organisation has any business calling.</summary>
    public static IReadOnlyList<string> For(string organisationType) => organisationType switch
    {
        OrganisationType.Municipality => All,
        OrganisationType.Swv => [Intake, Funding, Monitoring, Subscriptions],
        // A school reads the arrangements at its location; it decides nothing in Funding.
        OrganisationType.School => [Intake, Funding, Attendance, Handover, Monitoring, Subscriptions],
        OrganisationType.Childcare => [Intake, Handover, Monitoring, Subscriptions],
        OrganisationType.Jgz => [Intake, Handover, Monitoring, Subscriptions],
        OrganisationType.YouthCareProvider => [Intake, Handover, Monitoring, Subscriptions],
        OrganisationType.EscalationTable => [Funding, Attendance, Monitoring, Subscriptions],
        _ => [Monitoring],
    };
}
