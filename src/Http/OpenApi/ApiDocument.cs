namespace Platform.Http.OpenApi;

/// <summary>
/// What a service's OpenAPI document says about itself: its title and description, its public
/// route prefix behind the gateway (<c>/api/funding</c>), the OAuth2 scope a client asks for
/// (<c>funding</c>), and a description per tag (Redocly's <c>tag-description</c>).
/// </summary>
public sealed record ApiDocument(string Title, string Prefix, string Scope)
{
    public string Description { get; init; } = "";
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>A working request body per operationId, shown as the operation's example.</summary>
    public IReadOnlyDictionary<string, object> RequestExamples { get; init; } = new Dictionary<string, object>();
}
