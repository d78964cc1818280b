using System.ComponentModel;
using System.Net.Mail;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Directory.Domain;
using Platform.Directory.Infrastructure;
using Platform.Directory.Publishing;
using Platform.Http.Paging;

namespace Platform.Directory.Apis;

/// <summary>Locations (vestigingen), their fixed contacts and the arrangements they offer: the regional sociale kaart.</summary>
public static class LocationsApi
{
    public static IEndpointRouteBuilder MapLocationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup($"{DirectoryApi.Prefix}/locations").WithTags("Locations")
            .RequireAuthorization().WithDomainProblems();
        group.MapGet("/", ListAsync)
            .WithName("ListLocations")
            .WithSummary("Any organisation of the region lists the locations by name, filtered by kind, municipality, sub-region, SWV or organisation.");
        group.MapGet("/{id}", GetAsync)
            .WithName("GetLocation")
            .WithSummary("Any organisation of the region reads one location with its fixed contacts and the arrangements it offers.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", SetAsync).Accepts<SetLocationRequest>("application/json")
            .WithName("SetLocation")
            .WithSummary("The directory keepers register a location or change it; a school location's id is its BRIN and branch code.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPut("/{id}/contacts/{role}", SetContactAsync).Accepts<SetContactRequest>("application/json")
            .WithName("SetLocationContact")
            .WithSummary("The keepers, the location's organisation or the contact's provider set its fixed contact for a role: wijkteam, jgz, school-social-work or leerplicht.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}/contacts/{role}", RemoveContactAsync)
            .WithName("RemoveLocationContact")
            .WithSummary("The keepers, the location's organisation or the contact's provider remove the fixed contact for a role.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet($"{DirectoryApi.Prefix}/services", ServicesAsync).WithTags("Services").RequireAuthorization()
            .WithName("ListServices")
            .WithSummary("Any organisation of the region lists the collective arrangements running in it by title: where, for whom and for which support domains.");
        return app;
    }

    /// <summary>By name, then id; the cursor is the last location's (name, id).</summary>
    private static async Task<Results<Ok<Page<LocationResponse>>, ValidationProblem>> ListAsync(
        [Description("po, sbo, so, vo, vso, pro, mbo, childcare or other.")] string? kind,
        [Description("A CBS municipality code such as GM0935.")] string? municipality,
        [Description("A sub-region id such as parkstad.")] string? subRegion,
        [Description("An SWV's organisation id.")] string? swv,
        [Description("The organisation the locations belong to.")] string? organisationId,
        [Description(DirectoryApi.LimitDescription)] int? limit,
        [Description(DirectoryApi.CursorDescription)] string? cursor,
        HttpRequest request, DirectoryDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        if (kind is not null && !LocationKinds.All.Contains(kind)) v.Add("kind", $"One of: {string.Join(", ", LocationKinds.All)}.");
        var page = PageRequest.Read(limit, cursor, v);
        if (page.After is { Count: not 2 }) v.Add("cursor", PageRequest.ForeignCursor);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var inSubRegion = db.Municipalities.Where(m => m.SubRegion == subRegion).Select(m => m.Code);
        var query = db.Locations.AsNoTracking()
            .Where(l => (kind == null || l.Kind == kind) && (municipality == null || l.Municipality == municipality)
                        && (subRegion == null || inSubRegion.Contains(l.Municipality)) && (swv == null || l.Swv == swv)
                        && (organisationId == null || l.OrganisationId == organisationId));
        if (page.After is [var afterName, var afterId])
            query = query.Where(l => string.Compare(l.Name, afterName) > 0 || (l.Name == afterName && string.Compare(l.Id, afterId) > 0));
        var rows = await query.OrderBy(l => l.Name).ThenBy(l => l.Id).Take(page.Limit + 1).ToListAsync(ct);
        var responses = (await RespondAsync(db, rows, ct)).ToDictionary(r => r.Id);
        return TypedResults.Ok(page.PageOf(rows, l => responses[l.Id], l => [l.Name, l.Id], request));
    }

    private static async Task<Results<Ok<LocationResponse>, ProblemHttpResult>> GetAsync(string id, DirectoryDbContext db, CancellationToken ct)
    {
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (location is null) return NotFound(id);
        return TypedResults.Ok((await RespondAsync(db, [location], ct)).Single());
    }

    private static async Task<List<LocationResponse>> RespondAsync(DirectoryDbContext db, List<Location> locations, CancellationToken ct)
    {
        var subRegions = await db.Municipalities.AsNoTracking().ToDictionaryAsync(m => m.Code, m => m.SubRegion, ct);
        var ids = locations.Select(l => l.Id).ToList();
        var services = await db.OfferedArrangements.AsNoTracking().Where(a => ids.Contains(a.LocationId)).ToListAsync(ct);
        return [.. locations.Select(l => LocationResponse.From(l, subRegions.GetValueOrDefault(l.Municipality),
            services.Where(s => s.LocationId == l.Id).OrderBy(s => s.Title)))];
    }

    private static async Task<Results<Created<LocationResponse>, Ok<LocationResponse>, ValidationProblem, ProblemHttpResult>> SetAsync(
        string id, HttpRequest request, DirectoryDbContext db, TimeProvider clock)
    {
        if (!request.HttpContext.User.IsDirectoryAdmin()) return DirectoryApi.NotAdmin();
        var (body, malformed) = await JsonBody.ReadAsync<SetLocationRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var organisationId = v.Required("organisationId", body!.OrganisationId, 100);
        var name = v.Required("name", body.Name, 200);
        var kind = v.Required("kind", body.Kind, 20);
        var brin = v.Optional("brin", body.Brin, 4);
        var branch = v.Optional("branchCode", body.BranchCode, 2);
        if (brin is not null && !DirectoryIds.IsBrin(brin)) v.Add("brin", "Two digits and two capital letters, e.g. 27DL.");
        if (branch is not null && !DirectoryIds.IsBranchCode(branch)) v.Add("branchCode", "Two digits, e.g. 00.");
        var municipality = v.Required("municipality", body.Municipality, 6);
        var swv = v.Optional("swv", body.Swv, 100);
        var street = v.Required("address.street", body.Address?.Street, 200);
        var postalCode = v.Required("address.postalCode", body.Address?.PostalCode, 10);
        var place = v.Required("address.place", body.Address?.Place, 100);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The location has errors.");

        var details = new LocationDetails(name!, kind!, brin, branch, municipality!, swv, new Address(street!, postalCode!, place!), body.Active);
        var (location, created) = await db.CommitAsync(clock, async ct =>
        {
            var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, ct)
                ?? throw new DomainRuleException("organisationId", $"'{organisationId}' is not an organisation in the directory.");
            var references = await db.ReferencesAsync(ct);
            var now = clock.GetUtcNow();
            var existing = await db.Locations.FirstOrDefaultAsync(l => l.Id == id, ct);
            if (existing is not null)
            {
                existing.Change(details, organisation, references, now);
                return (existing, false);
            }
            var registered = Location.Register(id, details, organisation, references, now);
            db.Locations.Add(registered);
            return (registered, true);
        }, request.HttpContext.RequestAborted);
        var response = (await RespondAsync(db, [location], request.HttpContext.RequestAborted)).Single();
        if (created) return TypedResults.Created($"{DirectoryApi.Prefix}/locations/{id}", response);
        return TypedResults.Ok(response);
    }

    /// <summary>
    /// The directory keepers, the location's own organisation, and the organisation that provides the
    /// contact (the location's municipality for its wijkteam and leerplicht, JGZ for its nurse) may set
    /// it. Whether the caller may set any contact here is asked before its body is read.
    /// </summary>
    private static async Task<Results<Ok<FixedContact>, ValidationProblem, ProblemHttpResult>> SetContactAsync(
        string id, string role, HttpRequest request, DirectoryDbContext db, TimeProvider clock)
    {
        var user = request.HttpContext.User;
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, request.HttpContext.RequestAborted);
        if (location is null) return NotFound(id);
        if (!MayEditContacts(user, location)) return NotYours();

        var (body, malformed) = await JsonBody.ReadAsync<SetContactRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (!ContactRoles.All.Contains(role)) v.Add("role", $"One of: {string.Join(", ", ContactRoles.All)}.");
        var providedBy = v.Required("providedBy", body!.ProvidedBy, 100);
        var name = v.Required("name", body.Name, 200);
        var phone = v.Optional("phone", body.Phone, 30);
        var email = v.Optional("email", body.Email, 200);
        if (email is not null && !MailAddress.TryCreate(email, out _)) v.Add("email", "An e-mail address.");
        if (phone is null && email is null) v.Add("phone", "A phone number or an e-mail address, so the contact can be reached.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The contact has errors.");
        if (!MayEditContact(user, location, role, providedBy!)) return NotYours();

        await db.CommitAsync(clock, async ct =>
        {
            var tracked = await db.Locations.SingleAsync(l => l.Id == id, ct);
            var references = await db.ReferencesAsync(ct);
            tracked.SetContact(new FixedContact(role, providedBy!, name!, phone, email), references.OrganisationTypes, clock.GetUtcNow());
            return 0;
        }, request.HttpContext.RequestAborted);
        return TypedResults.Ok(new FixedContact(role, providedBy!, name!, phone, email));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveContactAsync(
        string id, string role, HttpContext http, DirectoryDbContext db, TimeProvider clock)
    {
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, http.RequestAborted);
        if (location is null) return NotFound(id);
        if (!MayEditContacts(http.User, location)) return NotYours();
        var contact = location.Contacts.FirstOrDefault(c => c.Role == role);
        if (contact is null)
            return TypedResults.Problem(title: "Not found.", detail: $"Location '{id}' has no {role} contact.", statusCode: StatusCodes.Status404NotFound);
        if (!MayEditContact(http.User, location, role, contact.ProvidedBy)) return NotYours();
        await db.CommitAsync(clock, async ct =>
        {
            (await db.Locations.SingleAsync(l => l.Id == id, ct)).RemoveContact(role, clock.GetUtcNow());
            return 0;
        }, http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>Whether the caller may set some contact at this location: keeper, owner, or a possible provider.</summary>
    private static bool MayEditContacts(ClaimsPrincipal user, Location location) =>
        user.IsDirectoryAdmin() || user.RequiredOrganisationId() == location.OrganisationId
        || ContactRoles.All.Any(role => ContactProviders.MayProvide(role, user.OrganisationTypeOf(), user.FindFirst(PlatformClaims.Municipality)?.Value, location));

    /// <summary>The keeper and the owner set any contact; a provider only its own, for a role it can provide here.</summary>
    private static bool MayEditContact(ClaimsPrincipal user, Location location, string role, string providedBy)
    {
        var org = user.RequiredOrganisationId();
        return user.IsDirectoryAdmin() || org == location.OrganisationId
            || (org == providedBy && ContactProviders.MayProvide(role, user.OrganisationTypeOf(), user.FindFirst(PlatformClaims.Municipality)?.Value, location));
    }

    /// <summary>By title, then arrangement id; the filters are in the query, so every page is full but the last.</summary>
    private static async Task<Results<Ok<Page<OfferedArrangementResponse>>, ValidationProblem>> ServicesAsync(
        [Description("learning, social-emotional, home-situation, health-development or attendance.")] string? supportDomain,
        [Description("A CBS municipality code: only arrangements that serve its children.")] string? municipality,
        [Description(DirectoryApi.LimitDescription)] int? limit,
        [Description(DirectoryApi.CursorDescription)] string? cursor,
        HttpRequest request, DirectoryDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        if (supportDomain is not null && !SupportDomainNames.All.Contains(supportDomain))
            v.Add("supportDomain", $"One of: {string.Join(", ", SupportDomainNames.All)}.");
        var page = PageRequest.Read(limit, cursor, v);
        Guid afterId = default;
        if (page.After is { } after && !(after.Count == 2 && after.TryGuid(1, out afterId))) v.Add("cursor", PageRequest.ForeignCursor);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var query = db.OfferedArrangements.AsNoTracking()
            .Where(a => (supportDomain == null || a.SupportDomains.Contains(supportDomain))
                        && (municipality == null || a.ServesMunicipalities.Contains(municipality)));
        if (page.After is [var afterTitle, _])
            query = query.Where(a => string.Compare(a.Title, afterTitle) > 0 || (a.Title == afterTitle && a.ArrangementId > afterId));
        var rows = await query.OrderBy(a => a.Title).ThenBy(a => a.ArrangementId).Take(page.Limit + 1).ToListAsync(ct);
        return TypedResults.Ok(page.PageOf(rows, OfferedArrangementResponse.From, a => [a.Title, Cursor.Key(a.ArrangementId)], request));
    }

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(title: "Not found.", detail: $"No location '{id}' in the directory.", statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult NotYours() => TypedResults.Problem(title: "Not your contact to change.",
        detail: "The directory keepers, the location's own organisation and the organisation providing the contact may change it.",
        statusCode: StatusCodes.Status403Forbidden);
}
