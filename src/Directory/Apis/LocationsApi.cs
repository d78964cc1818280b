using System.Net.Mail;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Directory.Domain;
using Platform.Directory.Infrastructure;
using Platform.Directory.Publishing;

namespace Platform.Directory.Apis;

/// <summary>Locations (vestigingen), their fixed contacts and the arrangements they offer: the regional sociale kaart.</summary>
public static class LocationsApi
{
    public static IEndpointRouteBuilder MapLocationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup($"{DirectoryApi.Prefix}/locations").WithTags("Locations")
            .RequireAuthorization().WithDomainProblems();
        group.MapGet("/", ListAsync).WithSummary("Locations, filtered by kind, municipality, sub-region, SWV or organisation.");
        group.MapGet("/{id}", GetAsync).WithSummary("One location with its fixed contacts and the arrangements it offers.");
        group.MapPut("/{id}", SetAsync).Accepts<SetLocationRequest>("application/json")
            .WithSummary("Register a location or change it (directory keepers). A school location's id is its BRIN and branch code.");
        group.MapPut("/{id}/contacts/{role}", SetContactAsync).Accepts<SetContactRequest>("application/json")
            .WithSummary("Set the location's fixed contact for a role: wijkteam, jgz, school-social-work or leerplicht.");
        group.MapDelete("/{id}/contacts/{role}", RemoveContactAsync).WithSummary("Remove the fixed contact for a role.");

        app.MapGet($"{DirectoryApi.Prefix}/services", ServicesAsync).WithTags("Sociale kaart").RequireAuthorization()
            .WithSummary("The collective arrangements running in the region, where, for whom and for which support domains.");
        return app;
    }

    private static async Task<IResult> ListAsync(string? kind, string? municipality, string? subRegion, string? swv, string? organisationId,
        DirectoryDbContext db, CancellationToken ct)
    {
        if (kind is not null && !LocationKinds.All.Contains(kind))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"One of: {string.Join(", ", LocationKinds.All)}."] });
        var inSubRegion = subRegion is null ? null
            : await db.Municipalities.AsNoTracking().Where(m => m.SubRegion == subRegion).Select(m => m.Code).ToListAsync(ct);
        var locations = await db.Locations.AsNoTracking()
            .Where(l => (kind == null || l.Kind == kind) && (municipality == null || l.Municipality == municipality)
                        && (inSubRegion == null || inSubRegion.Contains(l.Municipality)) && (swv == null || l.Swv == swv)
                        && (organisationId == null || l.OrganisationId == organisationId))
            .OrderBy(l => l.Name).ToListAsync(ct);
        return TypedResults.Ok(await RespondAsync(db, locations, ct));
    }

    private static async Task<IResult> GetAsync(string id, DirectoryDbContext db, CancellationToken ct)
    {
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        return location is null ? NotFound(id) : TypedResults.Ok((await RespondAsync(db, [location], ct)).Single());
    }

    private static async Task<List<LocationResponse>> RespondAsync(DirectoryDbContext db, List<Location> locations, CancellationToken ct)
    {
        var subRegions = await db.Municipalities.AsNoTracking().ToDictionaryAsync(m => m.Code, m => m.SubRegion, ct);
        var ids = locations.Select(l => l.Id).ToList();
        var services = await db.OfferedArrangements.AsNoTracking().Where(a => ids.Contains(a.LocationId)).ToListAsync(ct);
        return [.. locations.Select(l => LocationResponse.From(l, subRegions.GetValueOrDefault(l.Municipality),
            services.Where(s => s.LocationId == l.Id).OrderBy(s => s.Title)))];
    }

    private static async Task<IResult> SetAsync(string id, HttpRequest request, DirectoryDbContext db, TimeProvider clock)
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
        return created ? TypedResults.Created($"{DirectoryApi.Prefix}/locations/{id}", response) : TypedResults.Ok(response);
    }

    /// <summary>
    /// The directory keepers, the location's own organisation, and the organisation that provides the
    /// contact (the location's municipality for its wijkteam and leerplicht, JGZ for its nurse) may set
    /// it. Whether the caller may set any contact here is asked before its body is read.
    /// </summary>
    private static async Task<IResult> SetContactAsync(string id, string role, HttpRequest request, DirectoryDbContext db, TimeProvider clock)
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

    private static async Task<IResult> RemoveContactAsync(string id, string role, HttpContext http, DirectoryDbContext db, TimeProvider clock)
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

    private static async Task<IResult> ServicesAsync(string? supportDomain, string? municipality, DirectoryDbContext db, CancellationToken ct)
    {
        if (supportDomain is not null && !SupportDomainNames.All.Contains(supportDomain))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["supportDomain"] = [$"One of: {string.Join(", ", SupportDomainNames.All)}."] });
        var offered = await db.OfferedArrangements.AsNoTracking().OrderBy(a => a.Title).ToListAsync(ct);
        return TypedResults.Ok(offered
            .Where(a => (supportDomain == null || a.SupportDomains.Contains(supportDomain))
                        && (municipality == null || a.ServesMunicipalities.Contains(municipality)))
            .Select(OfferedArrangementResponse.From));
    }

    private static IResult NotFound(string id) =>
        TypedResults.Problem(title: "Not found.", detail: $"No location '{id}' in the directory.", statusCode: StatusCodes.Status404NotFound);

    private static IResult NotYours() => TypedResults.Problem(title: "Not your contact to change.",
        detail: "The directory keepers, the location's own organisation and the organisation providing the contact may change it.",
        statusCode: StatusCodes.Status403Forbidden);
}
