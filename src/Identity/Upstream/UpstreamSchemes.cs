using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Platform.Identity.Upstream;

/// <summary>
/// The authentication schemes of the upstream providers, made from data rather than at start-up: each enabled provider is
/// an OpenID Connect scheme named <c>upstream:{id}:{version}</c> (a changed provider is a new name, so no replica keeps
/// options made from its old settings), with its callback at <c>/account/upstream/{id}/callback</c>. Every replica finds
/// them in identitydb (<see cref="UpstreamProviderCache"/>); a request to any other address never loads them.
/// </summary>
internal sealed class UpstreamSchemes(IOptions<AuthenticationOptions> options, UpstreamProviderCache providers, IHttpContextAccessor http)
    : AuthenticationSchemeProvider(options)
{
    private const string Prefix = "upstream:";
    public const string CallbackBase = "/account/upstream";

    public static string NameOf(string id, int version) => $"{Prefix}{id}:{version.ToString(CultureInfo.InvariantCulture)}";

    public static string CallbackPathOf(string id) => $"{CallbackBase}/{id}/callback";

    public static bool TryParse(string name, out string id, out int version)
    {
        id = "";
        version = 0;
        if (!name.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = name[Prefix.Length..];
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out version)) return false;
        id = rest[..colon];
        return true;
    }

    public override async Task<AuthenticationScheme?> GetSchemeAsync(string name)
    {
        if (await base.GetSchemeAsync(name) is { } configured) return configured;
        if (!TryParse(name, out var id, out var version)) return null;
        return await providers.FindAsync(id, version, CancellationToken.None) is null ? null : Upstream(name);
    }

    /// <summary>The schemes that may handle this request themselves: the configured ones, and an upstream provider's for its own callback.</summary>
    public override async Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
    {
        var configured = await base.GetRequestHandlerSchemesAsync();
        var request = http.HttpContext?.Request;
        if (request is null || !request.Path.StartsWithSegments(CallbackBase, StringComparison.Ordinal, out var rest)) return configured;
        var id = rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (id is null || await providers.FindAsync(id, version: null, request.HttpContext.RequestAborted) is not { } provider) return configured;
        return [.. configured, Upstream(provider.SchemeName)];
    }

    private static AuthenticationScheme Upstream(string name) => new(name, displayName: null, typeof(OpenIdConnectHandler));
}
