namespace Platform.Identity.Upstream;

/// <summary>
/// An organisation's own OpenID Connect provider (a municipality's Entra ID, a school board's provider), registered by
/// the region's office as data. People of the organisations it serves sign in there; Identity maps the identity it
/// vouches for to a <see cref="People.Person"/> and issues the platform's tokens as for anyone else.
/// </summary>
internal sealed class UpstreamProvider
{
    /// <summary>Lower-case letters, digits and hyphens: part of the callback address (<c>/account/upstream/{id}/callback</c>).</summary>
    public required string Id { get; init; }
    /// <summary>What people see on the sign-in page ("Gemeente Maastricht (Entra ID)").</summary>
    public required string DisplayName { get; set; }
    /// <summary>The issuer; its discovery document is at <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public required string Authority { get; set; }
    public required string ClientId { get; set; }
    /// <summary>The client secret Identity uses at the provider, encrypted with the shared data-protection keys; never shown again.</summary>
    public required string ProtectedClientSecret { get; set; }
    /// <summary>The claim of the provider's ID token that identifies a person there (<c>sub</c>; Entra ID's <c>oid</c> is steadier across apps).</summary>
    public string SubjectClaim { get; set; } = "sub";
    /// <summary>The organisations whose people this provider vouches for (a school board's provider serves its schools).</summary>
    public List<string> OrganisationIds { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>Raised by every change: a replica builds the sign-in's options afresh for a new version (its scheme's name carries it).</summary>
    public int Version { get; set; } = 1;

    public string SchemeName => UpstreamSchemes.NameOf(Id, Version);
}
