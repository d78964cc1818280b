using System.Diagnostics;

namespace Platform.Messaging;

internal static class MessagingTelemetry
{
    /// <summary>Same name as ServiceDefaults' <c>Telemetry.PlatformSourceName</c>, which subscribes to it.</summary>
    public const string SourceName = "Platform.Messaging";
    public static readonly ActivitySource Source = new(SourceName);
}
