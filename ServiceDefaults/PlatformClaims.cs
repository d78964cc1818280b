using System.Security.Claims;

namespace Platform.ServiceDefaults;

/// <summary>
/// The claims Identity puts in every access token, and how services read them. The organisation
/// in the token is the tenant: services filter every query by it.
/// </summary>
public static class PlatformClaims
{
    public const string ClientId = "client_id";
    public const string OrganisationId = "org_id";
    public const string OrganisationType = "org_type";
    public const string OrganisationName = "org_name";
    /// <summary>CBS municipality code (e.g. GM0935) the organisation is or belongs to.</summary>
    public const string Municipality = "municipality";
    /// <summary>Samenwerkingsverband the organisation is or belongs to.</summary>
    public const string Swv = "swv";
    public const string Role = "role";

    public static string? OrganisationIdOf(this ClaimsPrincipal user) => user.FindFirst(OrganisationId)?.Value;

    public static string RequiredOrganisationId(this ClaimsPrincipal user) =>
        user.OrganisationIdOf() ?? throw new InvalidOperationException("The token carries no organisation; the default policy should have refused it.");

    public static string? OrganisationTypeOf(this ClaimsPrincipal user) => user.FindFirst(OrganisationType)?.Value;
}
