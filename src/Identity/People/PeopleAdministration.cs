using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Identity.Clients;
using Platform.ServiceDefaults;

namespace Platform.Identity.People;

/// <summary>
/// The organisation an administrator of people acts for, its own client as the region's office left it (whose roles are
/// the most its people may hold), and the administrator's person id when a person (not a machine client) calls.
/// </summary>
internal sealed record PeopleAdministrator(string OrganisationId, ClientView OwnClient, string? PersonId);

/// <summary>
/// Who may administer an organisation's people: a caller of that organisation with the role <c>people-admin</c>, a
/// machine client (the organisation's own account provisioning) or a person, each checked again here against what holds
/// now (a client disabled, a person disabled or without the role since their token was issued, gets nothing). An
/// administrator only ever sees and changes people of their own organisation.
/// </summary>
internal static class PeopleAdministration
{
    public static async Task<(PeopleAdministrator? Administrator, ProblemHttpResult? Refusal)> CallerAsync(
        ClaimsPrincipal user, ClientRegistry clients, PeopleStore people, CancellationToken ct)
    {
        var organisation = user.FindFirst(PlatformClaims.OrganisationId)?.Value;
        if (organisation is null || !user.Claims.Any(c => c.Type == PlatformClaims.Role && c.Value == OrganisationRoles.PeopleAdmin))
            return (null, Forbidden("Only an organisation's administrator of people registers them.", $"It needs the role '{OrganisationRoles.PeopleAdmin}'."));
        // The organisation itself must still hold the role (its own client, as the region's office left it), whoever calls.
        if (await clients.FindAsync(organisation, ct) is not { DisabledAt: null } own || !own.Roles.Contains(OrganisationRoles.PeopleAdmin))
            return (null, Forbidden("This organisation does not administer its people here.", $"Its client no longer holds '{OrganisationRoles.PeopleAdmin}', or is disabled."));
        if (user.FindFirst("act_sub")?.Value is { } personId)
        {
            if (await people.FindActiveAsync(personId, ct) is not { } person || person.OrganisationId != organisation || !person.Roles.Contains(OrganisationRoles.PeopleAdmin))
                return (null, Forbidden("This person may no longer administer people.", "Their registration or their role has ended."));
            return (new PeopleAdministrator(organisation, own, personId), null);
        }
        // A machine client: the organisation's own (found above), or a second system of it, itself still enabled.
        var client = user.FindFirst(PlatformClaims.ClientId)?.Value;
        var caller = client == own.ClientId ? own : client is null ? null : await clients.FindAsync(client, ct);
        if (caller is not { DisabledAt: null } || caller.Organisation.Id != organisation)
            return (null, Forbidden("This client may no longer administer people.", "It has been disabled."));
        return (new PeopleAdministrator(organisation, own, null), null);
    }

    private static ProblemHttpResult Forbidden(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status403Forbidden);
}
