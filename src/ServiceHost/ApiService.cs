using Platform.Http.OpenApi;

namespace Platform.ServiceHost;

/// <summary>
/// What makes one API service itself: the connection string name of its database (a
/// <c>ResourceNames</c> constant), the audience its tokens must carry (<c>funding-api</c>, whose
/// scope is <c>funding</c>), and its public route prefix behind the gateway (<c>/api/funding</c>),
/// under which its OpenAPI document is served too; and what that document says of it.
/// </summary>
public sealed record ApiService(string Database, string Audience, string Prefix)
{
    /// <summary>The document's title, e.g. "Funding API".</summary>
    public required string Title { get; init; }

    /// <summary>What the service is for, in a few sentences an integrator reads first.</summary>
    public string Description { get; init; } = "";

    /// <summary>A description per tag of the service's endpoints.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>A working request body per operationId (the demo region's), as the document's examples.</summary>
    public IReadOnlyDictionary<string, object> RequestExamples { get; init; } = new Dictionary<string, object>();

    /// <summary>The OAuth2 scope that gives a token this service's audience.</summary>
    public string Scope => Audience.EndsWith("-api", StringComparison.Ordinal) ? Audience[..^4] : Audience;

    public ApiDocument Document => new(Title, Prefix, Scope) { Description = Description, Tags = Tags, RequestExamples = RequestExamples };
}
