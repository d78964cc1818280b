using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Auditing;
using Platform.Contracts;
using Platform.DirectoryReplica;
using Platform.Http;
using Platform.Identity.DemoRegion;
using Platform.Identity.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Platform.Identity.Clients;

/// <summary>
/// The region's office onboards organisations as data: it registers an organisation's API client, tied to the
/// organisation in the region's directory, gives it keys (private_key_jwt) or a secret, and disables it at once when
/// needed. Only an organisation of the region's office with the role <c>client-admin</c> (a token with audience
/// <c>identity-api</c>) may; every change is in the access log with who made it. The <c>PlatformAdmin</c> tool calls this API.
/// </summary>
internal static class ClientsApi
{
    public const string Prefix = "/api/identity/clients";
    public const string RecordType = "api-client";
    /// <summary>The access log's purpose for the office's administration of clients.</summary>
    public const string Purpose = "platform-administration";
    private const int MaxIdLength = 100;

    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("Clients").RequireAuthorization(ClientAdministration.Policy)
            .WithMetadata(new AuditedAttribute(RecordType, Purpose)).WithDomainProblems().ExcludeFromDescription();
        group.MapPost("/", RegisterAsync).WithName("RegisterClient");
        group.MapGet("/", ListAsync).WithName("ListClients");
        group.MapGet("/{clientId}", GetAsync).WithName("GetClient");
        group.MapPut("/{clientId}/keys", SetKeysAsync).WithName("SetClientKeys");
        group.MapPost("/{clientId}/secret", NewSecretAsync).WithName("NewClientSecret");
        group.MapPost("/{clientId}/disable", DisableAsync).WithName("DisableClient");
        group.MapPost("/{clientId}/enable", EnableAsync).WithName("EnableClient");
        return app;
    }

    private static async Task<Results<Created<RegisteredClientResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        HttpRequest request, ClientRegistry clients, IRegionDirectory directory, IdentityDbContext db, CancellationToken ct)
    {
        if (await ClientAdministration.RefusalAsync(request.HttpContext.User, clients, ct) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<RegisterClientRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var organisationId = v.Required("organisationId", body!.OrganisationId, MaxIdLength);
        var clientId = v.Optional("clientId", body.ClientId, MaxIdLength) ?? organisationId;
        if (clientId is not null && !ClientIds.IsValid(clientId)) v.Add(body.ClientId is null ? "organisationId" : "clientId", ClientIds.Rule);
        var method = body.Authentication ?? ClientRegistry.PrivateKeyJwt;
        Microsoft.IdentityModel.Tokens.JsonWebKeySet? keys = null;
        if (method == ClientRegistry.PrivateKeyJwt) keys = ClientKeys.Read(body.Jwks, v, "jwks");
        else if (method != ClientRegistry.ClientSecret) v.Add("authentication", $"{ClientRegistry.PrivateKeyJwt} or {ClientRegistry.ClientSecret}.");
        else if (body.Jwks is not null) v.Add("jwks", $"Keys go with {ClientRegistry.PrivateKeyJwt}, not with a secret.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The client cannot be registered like this.");

        // The organisation as the region's directory has it now: its type decides the roles and APIs it may have.
        var organisation = await directory.RequireOrganisationAsync("organisationId", organisationId!, ct);
        var roles = body.Roles ?? OrganisationRoles.DefaultFor(organisation.Type);
        var scopes = body.Scopes ?? Scopes.For(organisation.Type, roles);
        CheckSubset(v, "roles", roles, OrganisationRoles.AllowedFor(organisation.Type), organisation.Type);
        CheckSubset(v, "scopes", scopes, Scopes.For(organisation.Type, roles), organisation.Type);
        var i = 0;
        foreach (var role in roles)
        {
            if (OrganisationRoles.Protected.Contains(role))
                v.Add($"roles[{i}]", $"'{role}' is given only by the operators' configuration (Identity:OfficeClients), never through this API.");
            i++;
        }
        // A client named after another organisation would be taken for that organisation's own (its people's roles).
        if (clientId != organisation.Id && await directory.OrganisationAsync(clientId!, ct) is not null)
            v.Add("clientId", $"'{clientId}' is another organisation's id; give a client of {organisation.Id} an id of its own.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "Not for an organisation of this kind.");
        if (await clients.ExistsAsync(clientId!, ct))
            return TypedResults.Problem(title: "A client with this id exists.", detail: $"Change '{clientId}' through its own address, or give the new client another clientId.",
                statusCode: StatusCodes.Status409Conflict);

        var secret = keys is null ? ClientRegistry.NewSecret() : null;
        var registration = new ClientRegistration(clientId!,
            new OrganisationAttributes(organisation.Id, organisation.Name, organisation.Type, organisation.Municipality, organisation.Swv),
            [.. roles.Distinct()], [.. scopes.Distinct()], keys, secret);
        try
        {
            await db.CommitAsync(async token =>
            {
                await clients.CreateAsync(registration, token);
                request.HttpContext.Audit().Changed(db, AuditActions.Create, RecordType, clientId!, null);
                return true;
            }, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Two registrations of one id at once: the second finds the first's row.
            return TypedResults.Problem(title: "A client with this id exists.", detail: $"'{clientId}' was registered meanwhile.", statusCode: StatusCodes.Status409Conflict);
        }
        var view = await clients.FindAsync(clientId!, ct);
        return TypedResults.Created($"{Prefix}/{clientId}", new RegisteredClientResponse(ClientResponse.From(view!), secret));
    }

    private static async Task<Results<Ok<ClientListResponse>, ProblemHttpResult>> ListAsync(HttpContext http, ClientRegistry clients, CancellationToken ct)
    {
        if (await ClientAdministration.RefusalAsync(http.User, clients, ct) is { } refused) return refused;
        return TypedResults.Ok(new ClientListResponse([.. (await clients.ListAsync(ct)).Select(ClientResponse.From)]));
    }

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> GetAsync(string clientId, HttpContext http, ClientRegistry clients, CancellationToken ct)
    {
        if (await ClientAdministration.RefusalAsync(http.User, clients, ct) is { } refused) return refused;
        return await clients.FindAsync(clientId, ct) is { } view ? TypedResults.Ok(ClientResponse.From(view)) : NotFound(clientId);
    }

    private static async Task<Results<Ok<ClientResponse>, ValidationProblem, ProblemHttpResult>> SetKeysAsync(
        string clientId, HttpRequest request, ClientRegistry clients, IdentityDbContext db, CancellationToken ct)
    {
        if (await ClientAdministration.RefusalAsync(request.HttpContext.User, clients, ct) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<SetClientKeysRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var keys = ClientKeys.Read(body!.Jwks, v, "jwks");
        if (keys is null) return TypedResults.ValidationProblem(v.Errors(), title: "Not a key set to register.");
        if (await clients.FindAsync(clientId, ct) is not { } target) return NotFound(clientId);
        if (ClientAdministration.Untouchable(request.HttpContext.User, target) is { } untouchable) return untouchable;
        return await ChangeAsync(request.HttpContext, db, clientId, AuditActions.Update, token => clients.SetKeysAsync(clientId, keys, token), ct);
    }

    private static async Task<Results<Ok<RegisteredClientResponse>, ProblemHttpResult>> NewSecretAsync(
        string clientId, HttpContext http, ClientRegistry clients, IdentityDbContext db, CancellationToken ct)
    {
        if (await ClientAdministration.RefusalAsync(http.User, clients, ct) is { } refused) return refused;
        if (await clients.FindAsync(clientId, ct) is not { } current) return NotFound(clientId);
        if (ClientAdministration.Untouchable(http.User, current) is { } untouchable) return untouchable;
        if (current.Authentication == ClientRegistry.PrivateKeyJwt)
            return TypedResults.Problem(title: "This client signs with keys.", detail: "It has no secret to replace; register its new keys instead (PUT .../keys).",
                statusCode: StatusCodes.Status409Conflict);
        var secret = ClientRegistry.NewSecret();
        var changed = await ChangeAsync(http, db, clientId, AuditActions.Update, token => clients.SetSecretAsync(clientId, secret, token), ct);
        return changed.Result is Ok<ClientResponse> ok ? TypedResults.Ok(new RegisteredClientResponse(ok.Value!, secret)) : NotFound(clientId);
    }

    private static async Task<Results<Ok<ClientResponse>, ValidationProblem, ProblemHttpResult>> DisableAsync(
        string clientId, HttpRequest request, ClientRegistry clients, IdentityDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await ClientAdministration.RefusalAsync(request.HttpContext.User, clients, ct) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<DisableClientRequest>(request, allowEmpty: true);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var reason = v.Optional("reason", body?.Reason, 200) ?? "";
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        if (await clients.FindAsync(clientId, ct) is not { } target) return NotFound(clientId);
        if (ClientAdministration.Untouchable(request.HttpContext.User, target) is { } untouchable) return untouchable;
        return await ChangeAsync(request.HttpContext, db, clientId, AuditActions.Update, token => clients.DisableAsync(clientId, clock.GetUtcNow(), reason, token), ct);
    }

    private static async Task<Results<Ok<ClientResponse>, ValidationProblem, ProblemHttpResult>> EnableAsync(
        string clientId, HttpContext http, ClientRegistry clients, IdentityDbContext db, CancellationToken ct)
    {
        if (await ClientAdministration.RefusalAsync(http.User, clients, ct) is { } refused) return refused;
        if (await clients.FindAsync(clientId, ct) is not { } target) return NotFound(clientId);
        if (ClientAdministration.Untouchable(http.User, target) is { } untouchable) return untouchable;
        return await ChangeAsync(http, db, clientId, AuditActions.Update, token => clients.EnableAsync(clientId, token), ct);
    }

    /// <summary>One change and its access-log record, in one transaction.</summary>
    private static async Task<Results<Ok<ClientResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        HttpContext http, IdentityDbContext db, string clientId, string action, Func<CancellationToken, Task<ClientView?>> change, CancellationToken ct)
    {
        var view = await db.CommitAsync(async token =>
        {
            var changed = await change(token);
            if (changed is not null) http.Audit().Changed(db, action, RecordType, clientId, null);
            return changed;
        }, ct);
        return view is null ? NotFound(clientId) : TypedResults.Ok(ClientResponse.From(view));
    }

    internal static void CheckSubset(Validation v, string field, IEnumerable<string> asked, IReadOnlyList<string> allowed, string type)
    {
        var i = 0;
        foreach (var item in asked)
        {
            if (!allowed.Contains(item)) v.Add($"{field}[{i}]", $"'{item}' is not for an organisation of type {type}; one of: {string.Join(", ", allowed)}.");
            i++;
        }
    }

    private static ProblemHttpResult NotFound(string clientId) =>
        TypedResults.Problem(title: "No such client.", detail: $"No client '{clientId}' is registered.", statusCode: StatusCodes.Status404NotFound);
}

/// <summary>A client id: lower-case letters, digits and hyphens, as the directory's organisation ids.</summary>
internal static class ClientIds
{
    public const string Rule = "Lower-case letters, digits and hyphens, starting with a letter (at most 100).";

    public static bool IsValid(string id) =>
        id.Length is > 0 and <= 100 && char.IsAsciiLetterLower(id[0]) && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && id != People.PortalClient.ClientId;
}
