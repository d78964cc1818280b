using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.DirectoryReplica;
using Platform.Http;
using Platform.Identity.Clients;
using Platform.Identity.Infrastructure;
using Platform.Identity.People;

namespace Platform.Identity.Upstream;

/// <summary>
/// The region's office connects an organisation's identity provider as data: its issuer, Identity's client there, and the
/// organisations whose people it vouches for. The same callers as the clients' administration (the region's office with
/// <c>client-admin</c>); every change is in the access log. Which person is who at the provider, and their roles, is the
/// organisation's own business (<see cref="PeopleApi"/>).
/// </summary>
internal static class ProvidersApi
{
    public const string Prefix = "/api/identity/providers";
    public const string RecordType = "upstream-provider";
    private const int MaxSecretLength = 500;
    /// <summary><c>sub</c> (every provider), <c>oid</c> (Entra ID's object id, the same for the person across its apps).</summary>
    private static readonly string[] SubjectClaims = ["sub", "oid"];

    public static IEndpointRouteBuilder MapProvidersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("Providers").RequireAuthorization(ClientAdministration.Policy)
            .WithMetadata(new AuditedAttribute(RecordType, ClientsApi.Purpose)).WithDomainProblems().ExcludeFromDescription();
        group.MapPost("/", RegisterAsync).WithName("RegisterProvider");
        group.MapGet("/", ListAsync).WithName("ListProviders");
        group.MapGet("/{providerId}", GetAsync).WithName("GetProvider");
        group.MapPut("/{providerId}", ChangeAsync).WithName("ChangeProvider");
        group.MapPost("/{providerId}/disable", (string providerId, HttpContext http, ClientRegistry clients, IdentityDbContext db, UpstreamProviderCache cache, TimeProvider clock, CancellationToken ct) =>
            SetDisabledAsync(providerId, http, clients, db, cache, clock.GetUtcNow(), ct)).WithName("DisableProvider");
        group.MapPost("/{providerId}/enable", (string providerId, HttpContext http, ClientRegistry clients, IdentityDbContext db, UpstreamProviderCache cache, CancellationToken ct) =>
            SetDisabledAsync(providerId, http, clients, db, cache, null, ct)).WithName("EnableProvider");
        return app;
    }

    private static async Task<Results<Created<ProviderResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        HttpRequest request, ClientRegistry clients, IRegionDirectory directory, IdentityDbContext db, IDataProtectionProvider protection,
        UpstreamProviderCache cache, IHostEnvironment environment, TimeProvider clock, CancellationToken ct)
    {
        if (await ClientAdministration.RefusalAsync(request.HttpContext.User, clients, ct) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<RegisterProviderRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var id = v.Required("id", body!.Id, 100);
        if (id is not null && !ClientIds.IsValid(id)) v.Add("id", ClientIds.Rule);
        var settings = Read(v, body.DisplayName, body.Authority, body.ClientId, body.ClientSecret, body.OrganisationIds, body.SubjectClaim,
            required: true, DemoEnvironment(environment));
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The provider cannot be registered like this.");
        await directory.RequireOrganisationsAsync("organisationIds", settings.OrganisationIds!, ct);
        if (await db.UpstreamProviders.AnyAsync(p => p.Id == id, ct)) return Exists(id!);

        var provider = new UpstreamProvider
        {
            Id = id!, DisplayName = settings.DisplayName!, Authority = settings.Authority!, ClientId = settings.ClientId!,
            ProtectedClientSecret = Protect(protection, settings.ClientSecret!), SubjectClaim = settings.SubjectClaim ?? "sub",
            OrganisationIds = [.. settings.OrganisationIds!.Distinct()], CreatedAt = clock.GetUtcNow(),
        };
        try
        {
            await db.CommitAsync(async token =>
            {
                db.UpstreamProviders.Add(provider);
                request.HttpContext.Audit().Changed(db, AuditActions.Create, RecordType, provider.Id, null);
                return await Task.FromResult(true);
            }, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return Exists(id!);
        }
        cache.Invalidate();
        return TypedResults.Created($"{Prefix}/{provider.Id}", ProviderResponse.From(provider));
    }

    private static async Task<Results<Ok<ProviderListResponse>, ProblemHttpResult>> ListAsync(HttpContext http, ClientRegistry clients, IdentityDbContext db, CancellationToken ct)
    {
        if (await ClientAdministration.RefusalAsync(http.User, clients, ct) is { } refused) return refused;
        var providers = await db.UpstreamProviders.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        return TypedResults.Ok(new ProviderListResponse([.. providers.Select(ProviderResponse.From)]));
    }

    private static async Task<Results<Ok<ProviderResponse>, ProblemHttpResult>> GetAsync(string providerId, HttpContext http, ClientRegistry clients, IdentityDbContext db, CancellationToken ct)
    {
        if (await ClientAdministration.RefusalAsync(http.User, clients, ct) is { } refused) return refused;
        return await db.UpstreamProviders.AsNoTracking().SingleOrDefaultAsync(p => p.Id == providerId, ct) is { } provider
            ? TypedResults.Ok(ProviderResponse.From(provider)) : NotFound(providerId);
    }

    private static async Task<Results<Ok<ProviderResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        string providerId, HttpRequest request, ClientRegistry clients, IRegionDirectory directory, IdentityDbContext db,
        IDataProtectionProvider protection, UpstreamProviderCache cache, IHostEnvironment environment, CancellationToken ct)
    {
        if (await ClientAdministration.RefusalAsync(request.HttpContext.User, clients, ct) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<ChangeProviderRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var settings = Read(v, body!.DisplayName, body.Authority, body.ClientId, body.ClientSecret, body.OrganisationIds, body.SubjectClaim,
            required: false, DemoEnvironment(environment));
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The provider cannot be changed like this.");
        if (settings.OrganisationIds is not null) await directory.RequireOrganisationsAsync("organisationIds", settings.OrganisationIds, ct);
        if (await db.UpstreamProviders.SingleOrDefaultAsync(p => p.Id == providerId, ct) is not { } provider) return NotFound(providerId);
        // Another issuer is another provider: the stored secret is never sent to it (it was made for the old one), and it
        // must come with its own client at that issuer. Its people's logins are the old issuer's subjects; the
        // organisations' administrators register them again if the subjects differ.
        if (settings.Authority is { } authority && authority != provider.Authority && (settings.ClientSecret is null || settings.ClientId is null))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [settings.ClientSecret is null ? "clientSecret" : "clientId"] = ["A new authority needs Identity's client id and secret at that issuer too: the old ones are never sent to it."],
            }, title: "The provider cannot be changed like this.");

        provider.DisplayName = settings.DisplayName ?? provider.DisplayName;
        provider.Authority = settings.Authority ?? provider.Authority;
        provider.ClientId = settings.ClientId ?? provider.ClientId;
        if (settings.ClientSecret is not null) provider.ProtectedClientSecret = Protect(protection, settings.ClientSecret);
        if (settings.OrganisationIds is not null) provider.OrganisationIds = [.. settings.OrganisationIds.Distinct()];
        provider.SubjectClaim = settings.SubjectClaim ?? provider.SubjectClaim;
        return await SaveAsync(request.HttpContext, db, cache, provider, ct);
    }

    private static async Task<Results<Ok<ProviderResponse>, ValidationProblem, ProblemHttpResult>> SetDisabledAsync(
        string providerId, HttpContext http, ClientRegistry clients, IdentityDbContext db, UpstreamProviderCache cache, DateTimeOffset? at, CancellationToken ct)
    {
        if (await ClientAdministration.RefusalAsync(http.User, clients, ct) is { } refused) return refused;
        if (await db.UpstreamProviders.SingleOrDefaultAsync(p => p.Id == providerId, ct) is not { } provider) return NotFound(providerId);
        provider.DisabledAt = at;
        return await SaveAsync(http, db, cache, provider, ct);
    }

    /// <summary>
    /// The change, a new version (so every replica makes the sign-in afresh from it), and its access-log record, in one
    /// transaction. Two changes at once: the second, made from the version the first replaced, is refused (409).
    /// </summary>
    private static async Task<Results<Ok<ProviderResponse>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        HttpContext http, IdentityDbContext db, UpstreamProviderCache cache, UpstreamProvider provider, CancellationToken ct)
    {
        provider.Version++;
        try
        {
            await db.CommitAsync(async token =>
            {
                http.Audit().Changed(db, AuditActions.Update, RecordType, provider.Id, null);
                return await Task.FromResult(true);
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(title: "The provider was changed meanwhile.", detail: "Read it again and make the change on what it is now.",
                statusCode: StatusCodes.Status409Conflict);
        }
        cache.Invalidate();
        return TypedResults.Ok(ProviderResponse.From(provider));
    }

    private sealed record Settings(string? DisplayName, string? Authority, string? ClientId, string? ClientSecret,
        IReadOnlyList<string>? OrganisationIds, string? SubjectClaim);

    private static Settings Read(Validation v, string? displayName, string? authority, string? clientId, string? clientSecret,
        IReadOnlyList<string>? organisationIds, string? subjectClaim, bool required, bool demoEnvironment)
    {
        string? Text(string field, string? value, int max) => required ? v.Required(field, value, max) : v.Optional(field, value, max);
        var settings = new Settings(
            Text("displayName", displayName, 100),
            Text("authority", authority, 500)?.TrimEnd('/'),
            Text("clientId", clientId, 200),
            Text("clientSecret", clientSecret, MaxSecretLength),
            organisationIds,
            v.Optional("subjectClaim", subjectClaim, 100));
        // Only a claim the provider never gives to someone else: an e-mail address or user name can change hands.
        if (settings.SubjectClaim is { } claim && !SubjectClaims.Contains(claim))
            v.Add("subjectClaim", $"One of {string.Join(", ", SubjectClaims)}: a claim that never passes to another person (not an e-mail address or user name).");
        if (settings.Authority is { } a && UpstreamAuthority.Refusal(a, demoEnvironment) is { } why) v.Add("authority", why);
        if (required && organisationIds is not { Count: > 0 }) v.Add("organisationIds", "At least one organisation whose people this provider vouches for.");
        if (organisationIds is not null)
        {
            if (organisationIds.Count > 200) v.Add("organisationIds", "At most 200.");
            for (var i = 0; i < organisationIds.Count; i++)
                if (string.IsNullOrWhiteSpace(organisationIds[i])) v.Add($"organisationIds[{i}]", "Required.");
        }
        return settings;
    }

    private static bool DemoEnvironment(IHostEnvironment environment) => DemoSignIn.IsDemoEnvironment(environment);

    private static string Protect(IDataProtectionProvider protection, string secret) =>
        protection.CreateProtector(UpstreamProviderCache.SecretPurpose).Protect(secret);

    private static ProblemHttpResult Exists(string id) =>
        TypedResults.Problem(title: "A provider with this id exists.", detail: $"Change '{id}' through its own address, or give the new one another id.",
            statusCode: StatusCodes.Status409Conflict);

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(title: "No such provider.", detail: $"No upstream provider '{id}' is registered.", statusCode: StatusCodes.Status404NotFound);
}
