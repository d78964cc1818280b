using System.Collections.Immutable;
using System.Text.Json;

namespace Platform.Identity.Clients;

/// <summary>
/// What Identity stores on an OAuth2 client (OpenIddict's application properties) besides OpenIddict's own fields:
/// the organisation it acts for, as the Directory knew it at registration (<see cref="OrganisationAttributes"/>),
/// the roles the region's office gave it, and whether it is disabled.
/// </summary>
internal static class ClientProperties
{
    public const string OrganisationId = "org_id";
    public const string Type = "org_type";
    public const string Roles = "roles";
    public const string Municipality = "municipality";
    public const string Swv = "swv";
    public const string DisabledAt = "disabled_at";
    public const string DisabledReason = "disabled_reason";

    public static string? Text(ImmutableDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static ImmutableArray<string> List(ImmutableDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!)]
            : [];

    /// <summary>A client registered before organisations and clients were told apart is its organisation.</summary>
    public static string OrganisationOf(ImmutableDictionary<string, JsonElement> properties, string clientId) =>
        Text(properties, OrganisationId) ?? clientId;

    public static bool IsDisabled(ImmutableDictionary<string, JsonElement> properties) => Text(properties, DisabledAt) is not null;

    public static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);

    /// <summary>The APIs (scopes) among a client's OpenIddict permissions (<c>scp:intake</c>, ...).</summary>
    public static IEnumerable<string> ScopesOf(IEnumerable<string> permissions) =>
        permissions.Where(p => p.StartsWith(OpenIddict.Abstractions.OpenIddictConstants.Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[OpenIddict.Abstractions.OpenIddictConstants.Permissions.Prefixes.Scope.Length..]);
}

/// <summary>The organisation a client acts for: the claims every one of its tokens carries (the tenant every service filters on).</summary>
internal sealed record OrganisationAttributes(string Id, string Name, string Type, string? Municipality, string? Swv);
