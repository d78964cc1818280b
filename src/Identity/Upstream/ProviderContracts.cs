namespace Platform.Identity.Upstream;

/// <param name="Id">Lower-case letters, digits and hyphens; part of the callback address the provider must allow.</param>
/// <param name="DisplayName">The button on the sign-in page ("Gemeente Maastricht").</param>
/// <param name="Authority">The provider's issuer (https), where its discovery document is.</param>
/// <param name="ClientId">Identity's client id at the provider.</param>
/// <param name="ClientSecret">Identity's client secret at the provider; stored encrypted, never shown again.</param>
/// <param name="OrganisationIds">The organisations whose people this provider vouches for.</param>
/// <param name="SubjectClaim">The ID token's claim that identifies a person there; <c>sub</c> when left out.</param>
public sealed record RegisterProviderRequest(string? Id, string? DisplayName, string? Authority, string? ClientId, string? ClientSecret,
    IReadOnlyList<string>? OrganisationIds, string? SubjectClaim);

/// <summary>What changes; a field left out stays as it is (a new secret, for one, without retyping the rest).</summary>
public sealed record ChangeProviderRequest(string? DisplayName, string? Authority, string? ClientId, string? ClientSecret,
    IReadOnlyList<string>? OrganisationIds, string? SubjectClaim);

/// <param name="CallbackPath">Where the provider sends people back, under the platform's public address: register it at the provider.</param>
public sealed record ProviderResponse(string Id, string DisplayName, string Authority, string ClientId, string SubjectClaim,
    IReadOnlyList<string> OrganisationIds, string CallbackPath, bool Disabled, DateTimeOffset? DisabledAt)
{
    internal static ProviderResponse From(UpstreamProvider p) => new(p.Id, p.DisplayName, p.Authority, p.ClientId, p.SubjectClaim,
        p.OrganisationIds, UpstreamSchemes.CallbackPathOf(p.Id), p.DisabledAt is not null, p.DisabledAt);
}

public sealed record ProviderListResponse(IReadOnlyList<ProviderResponse> Items);
