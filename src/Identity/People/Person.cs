namespace Platform.Identity.People;

/// <summary>
/// A person who may sign in: one of an organisation's people, with the roles the organisation's own administrator gave
/// (never more than the organisation itself holds), and the upstream identity they sign in with (their organisation's
/// identity provider and the subject it gives them). The platform keeps no password: outside Development, signing in
/// is always through the person's organisation (docs/identity.md).
/// </summary>
internal sealed class Person
{
    public required string Id { get; init; }
    public required string OrganisationId { get; init; }
    /// <summary>As colleagues in other organisations will read it on a case (the token's <c>name</c>).</summary>
    public required string Name { get; set; }
    /// <summary>What the person does ("Casusregisseur wijkteam"): shown to their administrator, not in tokens.</summary>
    public string? Function { get; set; }
    public List<string> Roles { get; set; } = [];
    /// <summary>The upstream provider the person signs in at; null for a demo person (Development only).</summary>
    public string? ProviderId { get; set; }
    /// <summary>The provider's subject for the person (its <c>sub</c>, or the claim the provider's registration names).</summary>
    public string? UpstreamSubject { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
}
