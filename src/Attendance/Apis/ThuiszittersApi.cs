using Platform.ChildLinks;
using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;
using Platform.Auditing;
using Platform.DirectoryReplica;
using Platform.Http.Paging;
using Platform.Privacy;

namespace Platform.Attendance.Apis;

public static class ThuiszittersApi
{
    public static IEndpointRouteBuilder MapThuiszittersApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup($"{AttendanceApi.Prefix}/thuiszitters").WithTags("Thuiszitters")
            .RequireAuthorization().Audited<RouteGroupBuilder, AttendanceDbContext>("thuiszitter-case", LegalPurposes.Leerplicht).WithDomainProblems();
        cases.MapPost("/", RegisterAsync).Accepts<RegisterThuiszitterRequest>("application/json")
            .WithName("RegisterThuiszitter").ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("A leerplicht officer registers absoluut verzuim of a child of their municipality (not enrolled anywhere).");
        cases.MapGet("/", ListAsync).WithName("ListThuiszitters")
            .WithSummary("A municipality's thuiszitters, open first and longest at home first; for the actietafel: the escalated cases.");
        cases.MapGet("/{id:guid}", GetAsync).WithName("GetThuiszitter").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One thuiszitter case with its days at home and next deadline, for the child's municipality (or the actietafel once escalated).");
        cases.MapPut("/{id:guid}/owner", (Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock) =>
            ActAsync<OwnerRequest>(id, request, db, clock, (c, body, v, now) =>
            {
                var name = v.Required("name", body.Name, 200);
                return v.IsValid ? () => c.AssignOwner(name!) : null;
            })).Accepts<OwnerRequest>("application/json").WithName("AssignThuiszitterOwner").ProducesActOnCaseProblems()
            .WithSummary("A leerplicht officer of the child's municipality names the officer who owns the case.");
        cases.MapPost("/{id:guid}/offer", (Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock) =>
            ActAsync<OfferRequest>(id, request, db, clock, (c, body, v, now) =>
            {
                if (body.Kind is not ("education" or "care" or "combination")) v.Add("kind", "education, care or combination.");
                var description = v.Required("description", body.Description, 2000);
                if (body.StartsOn is null) v.Add("startsOn", "Required.");
                return v.IsValid ? () => c.RecordOffer(body.Kind!, description!, body.StartsOn!.Value, now) : null;
            })).Accepts<OfferRequest>("application/json").WithName("RecordSuitableOffer").ProducesActOnCaseProblems()
            .WithSummary("A leerplicht officer of the child's municipality records the suitable offer (passend aanbod) found; it stops the deadlines, and the case resolves when the child starts on it (RULES.md §2).");
        cases.MapPost("/{id:guid}/onderwijsconsulent", (Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock) =>
            ActAsync<OnderwijsconsulentRequest>(id, request, db, clock, (c, body, v, now) =>
            {
                var note = v.Optional("note", body.Note, 2000);
                return v.IsValid ? () => c.EngageOnderwijsconsulent(note, now) : null;
            })).Accepts<OnderwijsconsulentRequest>("application/json").WithName("EngageOnderwijsconsulent").ProducesActOnCaseProblems()
            .WithSummary("A leerplicht officer of the child's municipality records that an onderwijsconsulent was called in: only after more than 4 weeks at home with no prospect of a place (RULES.md §2).");
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
            })).Accepts<ResolveRequest>("application/json").WithName("ResolveThuiszitter").ProducesActOnCaseProblems()
            .WithSummary("A leerplicht officer of the child's municipality closes the case with its reason (e.g. attending again).");
        return app;
    }

    internal static IQueryable<ThuiszitterCase> VisibleTo(this IQueryable<ThuiszitterCase> cases, Tenant tenant) => tenant switch
    {
        { IsMunicipality: true } => cases.Where(c => c.Child.HomeMunicipality == tenant.Municipality),
        { IsEscalationTable: true } => cases.Where(c => c.EscalatedAt != null),
        _ => cases.Where(_ => false),
    };

    /// <summary>What a move on a case answers besides its own: 403 for a viewer who may not act (the actietafel), 404 for a case not visible.</summary>
    private static RouteHandlerBuilder ProducesActOnCaseProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Created<ThuiszitterResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        HttpRequest request, AttendanceDbContext db, IRegionDirectory directory, ChildReferences childReferences, TimeProvider clock, IOptions<AttendanceOptions> options)
    {
        var tenant = Tenant.Of(request.HttpContext.User);
        if (!tenant.IsMunicipality) return Tenant.Forbidden("leerplicht officers");
        var (body, malformed) = await JsonBody.ReadAsync<RegisterThuiszitterRequest>(request);
        if (malformed is not null) return malformed;
        var now = clock.GetUtcNow();
        var today = DutchTime.DateOf(now);
        var v = new Validation();
        var child = ChildInput.Read(v, body!.Child, today, childReferences, out var identifier);
        if (body.AtHomeSince is null) v.Add("atHomeSince", "Required.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        await directory.RequireInRegionAsync(child!, request.HttpContext.RequestAborted);
        if (child!.HomeMunicipality != tenant.Municipality)
            return TypedResults.Problem(title: "Not your municipality's child.", detail: "Register thuiszitters who live in your municipality.",
                statusCode: StatusCodes.Status422UnprocessableEntity, extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["child.homeMunicipality"] = ["Must be your municipality."] } });

        // A child linked to its BSN since (ADR-0015) is found under the BSN's reference by its old identifier too.
        var reference = await db.CurrentReferenceAsync(childReferences.For(identifier), request.HttpContext.RequestAborted);
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

    private static async Task<Results<Ok<Page<ThuiszitterResponse>>, ValidationProblem>> ListAsync(
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, AttendanceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        var (resolved, atHomeSince, afterId) = (false, default(DateOnly), default(Guid));
        if (page.After is { } keys
            && !(keys.Count == 3 && bool.TryParse(keys[0], out resolved) && keys.TryDate(1, out atHomeSince) && keys.TryGuid(2, out afterId)))
            v.Add("cursor", PageRequest.ForeignCursor);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var today = DutchTime.Today(clock);
        var query = db.Thuiszitters.AsNoTracking().VisibleTo(Tenant.Of(http.User));
        // Open cases first (false before true), each part longest at home first, then by id.
        if (page.After is not null)
            query = query.Where(c => (!resolved && c.Status == ThuiszitterStatus.Resolved)
                || ((c.Status == ThuiszitterStatus.Resolved) == resolved
                    && (c.AtHomeSince > atHomeSince || (c.AtHomeSince == atHomeSince && c.Id.CompareTo(afterId) > 0))));
        var rows = await query.OrderBy(c => c.Status == ThuiszitterStatus.Resolved).ThenBy(c => c.AtHomeSince).ThenBy(c => c.Id)
            .Take(page.Limit + 1).ToListAsync(ct);
        http.Audit().Searched("thuiszitter-case", rows.Take(page.Limit).Select(c => (c.Id.ToString(), (string?)c.ChildReference)));
        var table = Tenant.Of(http.User).IsEscalationTable;
        return TypedResults.Ok(page.PageOf(rows, c => ThuiszitterResponse.From(c, today, table),
            c => [(c.Status == ThuiszitterStatus.Resolved).ToString(), Cursor.Key(c.AtHomeSince), Cursor.Key(c.Id)], http.Request));
    }

    private static async Task<Results<Ok<ThuiszitterResponse>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, AttendanceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var found = await db.Thuiszitters.AsNoTracking().VisibleTo(Tenant.Of(http.User)).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (found is null) return Tenant.NotFound("Thuiszitter case", id);
        http.Audit().Read("thuiszitter-case", id.ToString(), found.ChildReference);
        return TypedResults.Ok(ThuiszitterResponse.From(found, DutchTime.Today(clock), Tenant.Of(http.User).IsEscalationTable));
    }

    /// <summary>Reads and validates the body, loads the case for the home municipality's officers, applies the move, saves.</summary>
    private static async Task<Results<Ok<ThuiszitterResponse>, ValidationProblem, ProblemHttpResult>> ActAsync<TBody>(Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock,
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
