namespace Platform.Identity.People;

/// <param name="Name">As colleagues in other organisations will read it on a case.</param>
/// <param name="Function">What the person does ("Casusregisseur wijkteam"); for the administrator's overview.</param>
/// <param name="Roles">Of the organisation's own roles, those the person's work needs.</param>
/// <param name="ProviderId">The organisation's identity provider, as the region's office connected it.</param>
/// <param name="UpstreamSubject">Who the person is there: the claim the provider's registration names (<c>sub</c>; Entra ID's object id).</param>
public sealed record RegisterPersonRequest(string? Name, string? Function, IReadOnlyList<string>? Roles, string? ProviderId, string? UpstreamSubject);

/// <param name="Roles">The person's roles from now on (the complete list): their next token carries them.</param>
public sealed record SetPersonRolesRequest(IReadOnlyList<string>? Roles);

/// <param name="Reason">Why, for the record (at most 200 characters).</param>
public sealed record DisablePersonRequest(string? Reason);

public sealed record PersonResponse(string Id, string OrganisationId, string Name, string? Function, IReadOnlyList<string> Roles,
    string? ProviderId, string? UpstreamSubject, bool Disabled, DateTimeOffset? DisabledAt, string? DisabledReason)
{
    internal static PersonResponse From(Person p) => new(p.Id, p.OrganisationId, p.Name, p.Function, p.Roles, p.ProviderId, p.UpstreamSubject,
        p.DisabledAt is not null, p.DisabledAt, p.DisabledReason);
}

public sealed record PersonListResponse(IReadOnlyList<PersonResponse> Items);
