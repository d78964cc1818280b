namespace Platform.ServiceDefaults;

/// <summary>
/// The AppHost's resource names, defined once: the AppHost names its resources with them, each service
/// finds its database's connection string by them, and the tests and the benchmark address resources by them.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Messaging = "messaging";
    public const string Identity = "identity";
    public const string Portal = "portal";
    public const string Gateway = "gateway";
    public const string Intake = "intake";
    public const string Monitoring = "monitoring";
    public const string Attendance = "attendance";
    public const string Handover = "handover";
    public const string Funding = "funding";
    public const string Subscriptions = "subscriptions";
    public const string Directory = "directory";
    public const string Audit = "audit";
    /// <summary>The local Prometheus beside the platform (AppHost, local processes only).</summary>
    public const string Prometheus = "prometheus";

    public const string IdentityDb = "identitydb";
    public const string IntakeDb = "intakedb";
    public const string MonitoringDb = "monitoringdb";
    public const string AttendanceDb = "attendancedb";
    public const string HandoverDb = "handoverdb";
    public const string FundingDb = "fundingdb";
    public const string SubscriptionsDb = "subscriptionsdb";
    public const string DirectoryDb = "directorydb";
    public const string AuditDb = "auditdb";
    /// <summary>The portal's: only the data-protection keys its replicas share.</summary>
    public const string PortalDb = "portaldb";
}
