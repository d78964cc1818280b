using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.DirectoryReplica;
using Platform.Http;
using Platform.Identity.Clients;
using Platform.Identity.Infrastructure;
using Platform.Identity.Upstream;

namespace Platform.Identity.People;

/// <summary>
/// An organisation administers its own people: who each is at the organisation's identity provider, and which of the
/// organisation's roles their work needs. The region's office connects the provider (<see cref="ProvidersApi"/>) and
/// gives the organisation its roles (<see cref="ClientsApi"/>); inside that, the organisation decides. A person never gets
/// a role the organisation does not hold, an administrator never sees another organisation's people (404, as for none),
/// and never changes their own roles or registration. Every change is in the access log.
/// </summary>
internal static class PeopleApi
{
    public const string Prefix = "/api/identity/people";
    public const string RecordType = "person";
    public const string Purpose = "people-administration";

    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("People").RequireAuthorization(ClientAdministration.Policy)
            .WithMetadata(new AuditedAttribute(RecordType, Purpose)).WithDomainProblems().ExcludeFromDescription();
        group.MapPost("/", RegisterAsync).WithName("RegisterPerson");
        group.MapGet("/", ListAsync).WithName("ListPeople");
        group.MapGet("/{personId}", GetAsync).WithName("GetPerson");
        group.MapPut("/{personId}/roles", SetRolesAsync).WithName("SetPersonRoles");
        group.MapPost("/{personId}/disable", DisableAsync).WithName("DisablePerson");
        group.MapPost("/{personId}/enable", EnableAsync).WithName("EnablePerson");
        return app;
    }

    private static async Task<Results<Created<PersonResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        HttpRequest request, ClientRegistry clients, PeopleStore people, IRegionDirectory directory, IdentityDbContext db,
        UpstreamProviderCache providers, TimeProvider clock, CancellationToken ct)
    {
        var (admin, refused) = await PeopleAdministration.CallerAsync(request.HttpContext.User, clients, people, ct);
        if (refused is not null) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<RegisterPersonRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var name = v.Required("name", body!.Name, 200);
        var function = v.Optional("function", body.Function, 200);
        var providerId = v.Required("providerId", body.ProviderId, 100);
        var subject = v.Required("upstreamSubject", body.UpstreamSubject, 200);
        if (body.Roles is null) v.Add("roles", "Required: the roles the person's work needs (may be empty).");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The person cannot be registered like this.");

        if (await RolesRefusalAsync(admin!, body.Roles!, directory, ct) is { } wrongRoles) return wrongRoles;
        // Only a provider that vouches for this organisation's people: another organisation's provider is not theirs to use.
        var provider = await db.UpstreamProviders.AsNoTracking().SingleOrDefaultAsync(p => p.Id == providerId, ct);
        if (provider is null || !provider.OrganisationIds.Contains(admin!.OrganisationId))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["providerId"] = [$"'{providerId}' is not an identity provider of {admin!.OrganisationId}; the region's office connects it."] },
                title: "Not a provider of this organisation.");
        if (await db.People.AnyAsync(p => p.ProviderId == providerId && p.UpstreamSubject == subject && p.DisabledAt == null, ct)) return LoginTaken();

        var person = new Person
        {
            Id = $"p-{Guid.CreateVersion7():N}", OrganisationId = admin.OrganisationId, Name = name!, Function = function,
            Roles = [.. body.Roles!.Distinct()], ProviderId = providerId, UpstreamSubject = subject, CreatedAt = clock.GetUtcNow(),
        };
        try
        {
            await db.CommitAsync(async token =>
            {
                db.People.Add(person);
                request.HttpContext.Audit().Changed(db, AuditActions.Create, RecordType, person.Id, null);
                return await Task.FromResult(true);
            }, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return LoginTaken();
        }
        return TypedResults.Created($"{Prefix}/{person.Id}", PersonResponse.From(person));
    }

    private static async Task<Results<Ok<PersonListResponse>, ProblemHttpResult>> ListAsync(
        HttpContext http, ClientRegistry clients, PeopleStore people, IdentityDbContext db, CancellationToken ct)
    {
        var (admin, refused) = await PeopleAdministration.CallerAsync(http.User, clients, people, ct);
        if (refused is not null) return refused;
        var list = await db.People.AsNoTracking().Where(p => p.OrganisationId == admin!.OrganisationId).OrderBy(p => p.Name).ToListAsync(ct);
        return TypedResults.Ok(new PersonListResponse([.. list.Select(PersonResponse.From)]));
    }

    private static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> GetAsync(
        string personId, HttpContext http, ClientRegistry clients, PeopleStore people, IdentityDbContext db, CancellationToken ct)
    {
        var (admin, refused) = await PeopleAdministration.CallerAsync(http.User, clients, people, ct);
        if (refused is not null) return refused;
        return await OwnAsync(db, admin!, personId, ct) is { } person ? TypedResults.Ok(PersonResponse.From(person)) : NotFound(personId);
    }

    private static async Task<Results<Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> SetRolesAsync(
        string personId, HttpRequest request, ClientRegistry clients, PeopleStore people, IRegionDirectory directory, IdentityDbContext db, CancellationToken ct)
    {
        var (admin, refused) = await PeopleAdministration.CallerAsync(request.HttpContext.User, clients, people, ct);
        if (refused is not null) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<SetPersonRolesRequest>(request);
        if (malformed is not null) return malformed;
        if (body!.Roles is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["roles"] = ["Required: the complete list (may be empty)."] });
        if (await RolesRefusalAsync(admin!, body.Roles, directory, ct) is { } wrongRoles) return wrongRoles;
        return await ChangeAsync(request.HttpContext, db, admin!, personId, p => p.Roles = [.. body.Roles.Distinct()], ct);
    }

    private static async Task<Results<Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> DisableAsync(
        string personId, HttpRequest request, ClientRegistry clients, PeopleStore people, IdentityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (admin, refused) = await PeopleAdministration.CallerAsync(request.HttpContext.User, clients, people, ct);
        if (refused is not null) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<DisablePersonRequest>(request, allowEmpty: true);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var reason = v.Optional("reason", body?.Reason, 200);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        // From the next sign-in and the next refresh of their tokens on; an access token already issued runs out within 15 minutes.
        return await ChangeAsync(request.HttpContext, db, admin!, personId, p => (p.DisabledAt, p.DisabledReason) = (clock.GetUtcNow(), reason), ct);
    }

    private static async Task<Results<Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> EnableAsync(
        string personId, HttpContext http, ClientRegistry clients, PeopleStore people, IdentityDbContext db, CancellationToken ct)
    {
        var (admin, refused) = await PeopleAdministration.CallerAsync(http.User, clients, people, ct);
        if (refused is not null) return refused;
        // Enabled again only while no one else holds the login (it may have been registered anew meanwhile).
        if (await OwnAsync(db, admin!, personId, ct) is { ProviderId: not null, DisabledAt: not null } disabled
            && await db.People.AnyAsync(p => p.ProviderId == disabled.ProviderId && p.UpstreamSubject == disabled.UpstreamSubject && p.DisabledAt == null, ct))
            return LoginTaken();
        return await ChangeAsync(http, db, admin!, personId, p => (p.DisabledAt, p.DisabledReason) = (null, null), ct);
    }

    private static async Task<Results<Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        HttpContext http, IdentityDbContext db, PeopleAdministrator admin, string personId, Action<Person> change, CancellationToken ct)
    {
        if (await OwnAsync(db, admin, personId, ct, tracked: true) is not { } person) return NotFound(personId);
        // No one raises their own roles or re-enables themself: another administrator of the organisation does.
        if (person.Id == admin.PersonId)
            return TypedResults.Problem(title: "An administrator does not change their own registration.",
                detail: "Another administrator of people of the organisation does.", statusCode: StatusCodes.Status409Conflict);
        change(person);
        await db.CommitAsync(async token =>
        {
            http.Audit().Changed(db, AuditActions.Update, RecordType, person.Id, null);
            return await Task.FromResult(true);
        }, ct);
        return TypedResults.Ok(PersonResponse.From(person));
    }

    /// <summary>The person, if of the administrator's organisation: another organisation's is answered as none at all.</summary>
    private static Task<Person?> OwnAsync(IdentityDbContext db, PeopleAdministrator admin, string personId, CancellationToken ct, bool tracked = false) =>
        (tracked ? db.People : db.People.AsNoTracking()).SingleOrDefaultAsync(p => p.Id == personId && p.OrganisationId == admin.OrganisationId, ct);

    /// <summary>The roles must be the organisation's own, as its client holds them now and its type (the directory's) allows.</summary>
    private static async Task<ValidationProblem?> RolesRefusalAsync(PeopleAdministrator admin, IReadOnlyList<string> roles, IRegionDirectory directory,
        CancellationToken ct)
    {
        var type = (await directory.OrganisationAsync(admin.OrganisationId, ct))?.Type ?? admin.OwnClient.Organisation.Type;
        var v = new Validation();
        ClientsApi.CheckSubset(v, "roles", roles, [.. admin.OwnClient.Roles.Where(OrganisationRoles.AllowedFor(type).Contains)], type);
        // The client administrator's role opens nothing to a person (no API of a person's token uses it), and is never handed on.
        for (var i = 0; i < roles.Count; i++)
            if (roles[i] == OrganisationRoles.ClientAdmin) v.Add($"roles[{i}]", $"'{OrganisationRoles.ClientAdmin}' is a client's role, never a person's.");
        return v.IsValid ? null : TypedResults.ValidationProblem(v.Errors(), title: "Only the organisation's own roles.");
    }

    private static ProblemHttpResult LoginTaken() =>
        TypedResults.Problem(title: "This login is registered already.", detail: "The provider's subject belongs to a person registered before; change that person instead.",
            statusCode: StatusCodes.Status409Conflict);

    private static ProblemHttpResult NotFound(string personId) =>
        TypedResults.Problem(title: "No such person.", detail: $"No person '{personId}' is registered for your organisation.", statusCode: StatusCodes.Status404NotFound);
}
