using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using OpenIddict.Abstractions;
using Platform.Identity.DemoRegion;
using Platform.ServiceDefaults;

namespace Platform.Identity.Token;

/// <summary>The organisation's claims every token carries, machine or person: the tenant every service filters on.</summary>
internal static class OrganisationClaims
{
    public static void Add(ClaimsIdentity identity, string organisationId, string? displayName, ImmutableDictionary<string, JsonElement> properties)
    {
        identity.SetClaim(PlatformClaims.OrganisationId, organisationId);
        identity.SetClaim(PlatformClaims.OrganisationName, displayName);
        identity.SetClaim(PlatformClaims.OrganisationType, Text(properties, OrganisationProperties.Type));
        identity.SetClaim(PlatformClaims.Municipality, Text(properties, OrganisationProperties.Municipality));
        identity.SetClaim(PlatformClaims.Swv, Text(properties, OrganisationProperties.Swv));
    }

    public static ImmutableArray<string> Roles(ImmutableDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(OrganisationProperties.Roles, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(r => r.GetString()!).Where(r => r is not null)]
            : [];

    private static string? Text(ImmutableDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
