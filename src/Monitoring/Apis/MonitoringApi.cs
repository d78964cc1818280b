using System.Security.Claims;

namespace Platform.Monitoring.Apis;

public static class MonitoringApi
{
    public const string Prefix = "/api/monitoring";
    public const string Audience = "monitoring-api";

    /// <summary>This service to the shared host: its database, audience and prefix, and what its OpenAPI document says of it.</summary>
    public static readonly ApiService Service = new(ResourceNames.MonitoringDb, Audience, Prefix)
    {
        Title = "Monitoring API",
        Description = "The region's indicators per period and municipality, with small numbers suppressed, and baselines to compare with. Figures, never records.",
    };

    /// <summary>The role of the region's office that takes baselines (the 0-meting).</summary>
    public const string AdminRole = "monitoring-admin";

    public static bool IsMonitoringAdmin(this ClaimsPrincipal user) => user.IsInRole(AdminRole);
}
