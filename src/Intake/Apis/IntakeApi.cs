namespace Platform.Intake.Apis;

public static class IntakeApi
{
    /// <summary>Public path prefix, identical behind the gateway and on the service itself.</summary>
    public const string Prefix = "/api/intake";

    /// <summary>The audience (resource) a token must name to be accepted here.</summary>
    public const string Audience = "intake-api";

    /// <summary>This service to the shared host: its database, audience and prefix.</summary>
    public static readonly ApiService Service = new(ResourceNames.IntakeDb, Audience, Prefix);
}
