namespace Platform.Monitoring.Apis;

public static class MonitoringApi
{
    public const string Prefix = "/api/monitoring";
    public const string Audience = "monitoring-api";
}
