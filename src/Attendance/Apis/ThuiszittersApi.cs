using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;
using Platform.Auditing;
using Platform.DirectoryReplica;
using Platform.Privacy;

namespace Platform.Attendance.Apis;

public static class ThuiszittersApi
{
    public static IEndpointRouteBuilder MapThuiszittersApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup($"{AttendanceApi.Prefix}/thuiszitters").WithTags("Thuiszitters")
            .RequireAuthorization().Audited<RouteGroupBuilder, AttendanceDbContext>("thuiszitter-case", LegalPurposes.Leerplicht).WithDomainProblems();
        cases.MapPost("/", RegisterAsync).Accepts<RegisterThuiszitterRequest>("application/json")
            .WithSummary("A leerplicht officer registers absoluut verzuim (not enrolled anywhere).");
        cases.MapGet("/", ListAsync).WithSummary("A municipality's thuiszitters (open first); for the actietafel: the escalated cases.");
        cases.MapGet("/{id:guid}", GetAsync);
        cases.MapPut("/{id:guid}/owner", (Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock) =>
            ActAsync<OwnerRequest>(id, request, db, clock, (c, body, v, now) =>
            {
                var name = v.Required("name", body.Name, 200);
                return v.IsValid ? () => c.AssignOwner(name!) : null;
            })).Accepts<OwnerRequest>("application/json").WithSummary("The leerplicht officer who owns the case.");
        cases.MapPost("/{id:guid}/offer", (Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock) =>
            ActAsync<OfferRequest>(id, request, db, clock, (c, body, v, now) =>
            {
                if (body.Kind is not ("education" or "care" or "combination")) v.Add("kind", "education, care or combination.");
                var description = v.Required("description", body.Description, 2000);
                if (body.StartsOn is null) v.Add("startsOn", "Required.");
                return v.IsValid ? () => c.RecordOffer(body.Kind!, description!, body.StartsOn!.Value, now) : null;
            })).Accepts<OfferRequest>("application/json").WithSummary("The suitable offer (passend aanbod) found; stops the deadlines.");
        cases.MapPost("/{id:guid}/resolution", (Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock) =>
            ActAsync<ResolveRequest>(id, request, db, clock, (c, body, v, now) =>
            {
                if (body.Reason is null || !ThuiszitterNames.Reasons.TryGetValue(body.Reason, out var reason))
                {
                    v.Add("reason", $"One of: {string.Join(", ", ThuiszitterNames.Reasons.Keys)}.");
                    return null;
                }
                var note = v.Optional("note", body.Note, 2000);
                return v.IsValid ? () => c.Resolve(reason, note, now) : null;
            })).Accepts<ResolveRequest>("application/json").WithSummary("Close the case with its reason (e.g. attending again).");
        return app;
    }

    internal static IQueryable<ThuiszitterCase> VisibleTo(this IQueryable<ThuiszitterCase> cases, Tenant tenant) => tenant switch
    {
        { IsMunicipality: true } => cases.Where(c => c.Child.HomeMunicipality == tenant.Municipality),
        { IsEscalationTable: true } => cases.Where(c => c.EscalatedAt != null),
        _ => cases.Where(_ => false),
    };

    private static async Task<IResult> RegisterAsync(
        HttpRequest request, AttendanceDbContext db, IRegionDirectory directory, ChildReferences childReferences, TimeProvider clock, IOptions<AttendanceOptions> options)
    {
        var tenant = Tenant.Of(request.HttpContext.User);
        if (!tenant.IsMunicipality) return Tenant.Forbidden("leerplicht officers");
        var (body, malformed) = await JsonBody.ReadAsync<RegisterThuiszitterRequest>(request);
        if (malformed is not null) return malformed;
        var now = clock.GetUtcNow();
        var today = DutchTime.DateOf(now);
        var v = new Validation();
        var child = ChildInput.Read(v, body!.Child, today, out var bsn);
        if (body.AtHomeSince is null) v.Add("atHomeSince", "Required.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        await directory.RequireInRegionAsync(child!, request.HttpContext.RequestAborted);
        if (child!.HomeMunicipality != tenant.Municipality)
            return TypedResults.Problem(title: "Not your municipality's child.", detail: "Register thuiszitters who live in your municipality.",
                statusCode: StatusCodes.Status422UnprocessableEntity, extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["child.homeMunicipality"] = ["Must be your municipality."] } });

        var reference = childReferences.For(bsn);
        if (await db.Thuiszitters.AnyAsync(c => c.ChildReference == reference && c.Status != ThuiszitterStatus.Resolved))
            return TypedResults.Problem(title: "This child already has an open thuiszitter case.", statusCode: StatusCodes.Status409Conflict);
        if ((await db.Exemptions.Where(e => e.ChildReference == reference && e.EndedAt == null).ToListAsync()).Any(e => e.IsValidOn(today)))
            throw new DomainRuleException("child", "The child has a valid exemption (vrijstelling): it is exempted, not a thuiszitter.");

        var registered = ThuiszitterCase.Register(child, reference, ThuiszitterKind.Absolute, body.AtHomeSince!.Value, null, now, options.Value);
        db.Thuiszitters.Add(registered);
        request.HttpContext.Audit().Changed(db, AuditActions.Create, "thuiszitter-case", registered.Id.ToString(), reference);
        await db.SaveChangesAsync();
        return TypedResults.Created($"{AttendanceApi.Prefix}/thuiszitters/{registered.Id}", ThuiszitterResponse.From(registered, today));
    }

    private static async Task<IResult> ListAsync(HttpContext http, AttendanceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var today = DutchTime.Today(clock);
        var cases = await db.Thuiszitters.AsNoTracking().VisibleTo(Tenant.Of(http.User))
            .OrderBy(c => c.Status == ThuiszitterStatus.Resolved).ThenBy(c => c.AtHomeSince).Take(500).ToListAsync(ct);
        http.Audit().Searched("thuiszitter-case", cases.Select(c => (c.Id.ToString(), (string?)c.ChildReference)));
        return TypedResults.Ok(cases.Select(c => ThuiszitterResponse.From(c, today)));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, AttendanceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var found = await db.Thuiszitters.AsNoTracking().VisibleTo(Tenant.Of(http.User)).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (found is not null) http.Audit().Read("thuiszitter-case", id.ToString(), found.ChildReference);
        return found is null ? Tenant.NotFound("Thuiszitter case", id) : TypedResults.Ok(ThuiszitterResponse.From(found, DutchTime.Today(clock)));
    }

    /// <summary>Reads and validates the body, loads the case for the home municipality's officers, applies the move, saves.</summary>
    private static async Task<IResult> ActAsync<TBody>(Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock,
        Func<ThuiszitterCase, TBody, Validation, DateTimeOffset, Action?> prepare) where TBody : class
    {
        var tenant = Tenant.Of(request.HttpContext.User);
        var (body, malformed) = await JsonBody.ReadAsync<TBody>(request);
        if (malformed is not null) return malformed;
        var found = await db.Thuiszitters.VisibleTo(tenant).FirstOrDefaultAsync(c => c.Id == id);
        if (found is null) return Tenant.NotFound("Thuiszitter case", id);
        if (!tenant.IsMunicipality) return Tenant.Forbidden("the home municipality's leerplicht officers");
        var now = clock.GetUtcNow();
        var v = new Validation();
        var move = prepare(found, body!, v, now);
        if (move is null || !v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        move();
        request.HttpContext.Audit().Changed(db, AuditActions.Update, "thuiszitter-case", id.ToString(), found.ChildReference);
        await db.SaveChangesAsync();
        return TypedResults.Ok(ThuiszitterResponse.From(found, DutchTime.DateOf(now)));
    }
}
