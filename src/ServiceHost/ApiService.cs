namespace Platform.ServiceHost;

/// <summary>
/// What makes one API service itself: the connection string name of its database (a
/// <c>ResourceNames</c> constant), the audience its tokens must carry, and its public route prefix
/// behind the gateway (<c>/api/intake</c>), under which its OpenAPI document is served too.
/// </summary>
public sealed record ApiService(string Database, string Audience, string Prefix);
