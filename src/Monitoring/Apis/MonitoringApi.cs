using Platform.Monitoring.Dashboard;
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
        Tags = new Dictionary<string, string>
        {
            ["Indicators"] = "The region's indicators for a month or school year, per sub-region, municipality and SWV, small counts hidden; as JSON and as CSV.",
            ["Baselines"] = "Baselines (0-metingen): a period's figures frozen under a name, to compare every later period with.",
            ["Dashboards"] = "The regional monitor as a server-rendered HTML page, for people.",
        },
    };

    /// <summary>Every endpoint of the service, in the order its OpenAPI document lists them.</summary>
    public static WebApplication MapMonitoringApis(this WebApplication app)
    {
        // Fails at start-up, not at the first request, when production has no cell-key secret.
        app.Services.GetRequiredService<Platform.Monitoring.Domain.CellKeyPerturbation>();
        app.MapIndicatorsApi();
        app.MapBaselinesApi();
        app.MapDashboardPage();
        return app;
    }

    /// <summary>The role of the region's office that takes baselines (the 0-meting).</summary>
    public const string AdminRole = "monitoring-admin";

    public static bool IsMonitoringAdmin(this ClaimsPrincipal user) => user.IsInRole(AdminRole);
}
