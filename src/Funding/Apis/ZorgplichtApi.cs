using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.ConsentReplica;
using Platform.Contracts;
using Platform.DirectoryReplica;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Http.Paging;
using Platform.ServiceDefaults;

namespace Platform.Funding.Apis;

/// <summary>
/// Zorgplicht (RULES.md §4): the school registers the parents' written application, its board extends the term once and decides;
/// another regular school accepts when asked. Readers: the school applied to, the school asked to take the child, the school's SWV,
/// and the leerplicht officers of the child's home municipality (the place question). Everyone else: 404.
/// </summary>
public static class ZorgplichtApi
{
    public const string RecordType = "zorgplicht-application";

    public static IEndpointRouteBuilder MapZorgplichtApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup($"{FundingApi.Prefix}/zorgplicht-applications").WithTags("Zorgplicht").RequireAuthorization()
            .Audited<RouteGroupBuilder, FundingDbContext>(RecordType, LegalPurposes.PassendOnderwijs).WithDomainProblems()
            .VisibleRecordsOnly((http, id, ct) => http.RequestServices.GetRequiredService<FundingDbContext>().ZorgplichtApplications.AsNoTracking()
                .Involving(Caller.Of(http.User)).AnyAsync(a => a.Id == id, ct), NotFound);
        group.MapPost("/", RegisterAsync).Accepts<RegisterZorgplichtRequest>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RegisterZorgplichtApplication")
            .WithSummary("The school registers the parents' written application for a child with a support need: its board decides within 6 weeks (RULES.md §4).");
        group.MapGet("/", ListAsync)
            .WithName("ListZorgplichtApplications")
            .WithSummary("The applications the caller takes part in, newest first: the school applied to or asked, its SWV, the leerplicht officers of the child's municipality.");
        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetZorgplichtApplication")
            .WithSummary("One application: its dates, term, status and outcome (the school keeps the file).");
        group.MapPost("/{id:guid}/extension", ExtendAsync).Accepts<ExtendZorgplichtRequest>("application/json")
            .Act("ExtendZorgplichtTerm", "The school's board extends the term once by 4 weeks, within the 6 weeks, having told the parents (RULES.md §4).");
        group.MapPost("/{id:guid}/other-school", AskOtherSchoolAsync).Accepts<AskOtherSchoolRequest>("application/json")
            .Act("AskOtherSchool", "The school's board asks another regular school to take the child; that school then sees the application and may accept.");
        group.MapPost("/{id:guid}/other-school/acceptance", AcceptAsync)
            .Act("AcceptZorgplichtChild", "The school asked accepts the child: the board may then decide on a place there (RULES.md §4).");
        group.MapPost("/{id:guid}/decision", DecideAsync).Accepts<DecideZorgplichtRequest>("application/json")
            .Act("DecideZorgplicht", "The school's board decides: its own school, another regular school that accepted, or SBO/SO/VSO with a granted TLV (RULES.md §4).");
        return app;
    }

    private static RouteHandlerBuilder Act(this RouteHandlerBuilder step, string name, string summary) =>
        step.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).WithName(name).WithSummary(summary);

    /// <summary>Who asks, from the token: organisation, type and (for a municipality's leerplicht officers) municipality.</summary>
    internal sealed record Caller(string OrganisationId, string? Type, string? Municipality)
    {
        public static Caller Of(ClaimsPrincipal user) => new(user.RequiredOrganisationId(), user.OrganisationTypeOf(), user.FindFirst(PlatformClaims.Municipality)?.Value);
        public bool IsSchool => Type == OrganisationTypes.School;
        public bool IsSwv => Type == OrganisationTypes.Swv;
        /// <summary>The leerplicht officers of a municipality: the place question of the children who live there.</summary>
        public string? LeerplichtMunicipality => Type == OrganisationTypes.Municipality ? Municipality : null;
    }

    private static IQueryable<ZorgplichtApplication> Involving(this IQueryable<ZorgplichtApplication> all, Caller c)
    {
        var org = c.OrganisationId;
        var municipality = c.LeerplichtMunicipality;
        return c.IsSchool ? all.Where(a => a.SchoolOrganisationId == org || a.OtherSchoolOrganisationId == org)
            : c.IsSwv ? all.Where(a => a.SwvId == org)
            : municipality is not null ? all.Where(a => a.HomeMunicipality == municipality)
            : all.Where(a => false);
    }

    private static async Task<Results<Created<ZorgplichtResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(HttpRequest request, FundingDbContext db,
        IRegionDirectory directory, IConsentCheck consents, TimeProvider clock)
    {
        var caller = Caller.Of(request.HttpContext.User);
        if (!caller.IsSchool)
            return ArrangementsApi.Forbidden("The parents apply in writing to a school; that school registers the application (RULES.md §4, zorgplicht).");
        var (body, malformed) = await JsonBody.ReadAsync<RegisterZorgplichtRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.CaseId is null || body.CaseId == Guid.Empty) v.Add("caseId", "Required: the Intake case of the child.");
        var location = v.Required("schoolLocationId", body.SchoolLocationId, 100);
        if (body.ReceivedOn is null) v.Add("receivedOn", "Required: the day the parents' written application was received.");
        if (body.CompulsorySchoolAge is null) v.Add("compulsorySchoolAge", "Required: whether the child is of compulsory school age (leerplichtig).");
        if (body.HasPlaceElsewhere is null) v.Add("hasPlaceElsewhere", "Required: whether the child has a school place now.");
        if (body.ThuiszitterCaseId == Guid.Empty) v.Add("thuiszitterCaseId", "Not an id.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The application has errors.");

        var ct = request.HttpContext.RequestAborted;
        var today = DutchTime.Today(clock);
        var at = await directory.RequireLocationAsync("schoolLocationId", location!, ct);
        if (at.OrganisationId != caller.OrganisationId) throw new DomainRuleException("schoolLocationId", $"{location} is not one of your locations.");
        if (at.Swv is null) throw new DomainRuleException("schoolLocationId", $"{location} belongs to no samenwerkingsverband.");
        // The same answer whether the case is unknown or does not name this school: no oracle for a guessed id.
        var @case = await consents.CaseAsync(body.CaseId!.Value, ct);
        if (@case is null || !await consents.CoversAsync(@case.ChildReference, caller.OrganisationId, ConsentPurposes.Support, today, ct))
            throw new DomainRuleException("caseId", "No case with this id names your school in a valid consent for 'support': the child needs a case in Intake that names you.");
        if (await db.ZorgplichtApplications.AnyAsync(a => a.ChildReference == @case.ChildReference && a.SchoolOrganisationId == caller.OrganisationId
                && a.Status == ZorgplichtStatus.Open, ct))
            return TypedResults.Problem(title: "An application is open already.", detail: "This child's application to your school awaits its decision.",
                statusCode: StatusCodes.Status409Conflict);

        var application = ZorgplichtApplication.Register(@case.CaseId, @case.ChildReference, @case.HomeMunicipality, caller.OrganisationId, at.Id, at.Kind,
            at.Municipality, at.Swv, body.ReceivedOn!.Value, body.CompulsorySchoolAge!.Value, body.HasPlaceElsewhere!.Value, body.ThuiszitterCaseId, clock.GetUtcNow());
        db.ZorgplichtApplications.Add(application);
        request.HttpContext.Audit().Changed(db, AuditActions.Create, RecordType, application.Id.ToString(), application.ChildReference);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same registration racing itself: the database's unique index lets one through.
            return TypedResults.Problem(title: "Recorded already.", detail: "This child's application to your school awaits its decision.", statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Created($"{FundingApi.Prefix}/zorgplicht-applications/{application.Id}", ZorgplichtResponse.From(application));
    }

    private static async Task<Results<Ok<Page<ZorgplichtResponse>>, ValidationProblem>> ListAsync(
        [Description("Only those in this status: open or decided.")] string? status,
        [Description("true: only open applications whose term passed for a child of compulsory school age without a place (the leerplicht officer's list).")] bool? leerplichtAttention,
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, FundingDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        ZorgplichtStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ZorgplichtStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _)) v.Add("status", "open or decided.");
            else wanted = s;
        }
        var page = PageRequest.Read(limit, cursor, v);
        var after = page.AfterTimeAndId(v);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The list request has errors.");

        var query = db.ZorgplichtApplications.AsNoTracking().Involving(Caller.Of(http.User)).Where(a => wanted == null || a.Status == wanted);
        if (leerplichtAttention == true)
            query = query.Where(a => a.Status == ZorgplichtStatus.Open && a.ExceededRaisedAt != null && a.CompulsorySchoolAge && !a.HasPlaceElsewhere
                                     && a.TemporarilyPlacedOn == null);
        if (after is var (at, last)) query = query.Where(a => a.RegisteredAt < at || (a.RegisteredAt == at && a.Id.CompareTo(last) < 0));
        var rows = await query.OrderByDescending(a => a.RegisteredAt).ThenByDescending(a => a.Id).Take(page.Limit + 1).ToListAsync(ct);
        var read = page.PageOf(rows, ZorgplichtResponse.From, a => PageRequest.TimeAndId(a.RegisteredAt, a.Id), http.Request);
        http.Audit().Searched(RecordType, read.Items.Select(a => (a.Id.ToString(), (string?)a.ChildReference)));
        return TypedResults.Ok(read);
    }

    private static async Task<Results<Ok<ZorgplichtResponse>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FundingDbContext db, CancellationToken ct)
    {
        var application = await db.ZorgplichtApplications.AsNoTracking().Involving(Caller.Of(http.User)).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null) return NotFound(id);
        http.Audit().Read(RecordType, id.ToString(), application.ChildReference);
        return TypedResults.Ok(ZorgplichtResponse.From(application));
    }

    private static async Task<Results<Ok<ZorgplichtResponse>, ValidationProblem, ProblemHttpResult>> ExtendAsync(Guid id, HttpRequest request, FundingDbContext db, TimeProvider clock)
    {
        // Whose move first (403 before the body), then the body.
        if (await RefusedAsync(id, request.HttpContext, db, Role.Board) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<ExtendZorgplichtRequest>(request);
        if (malformed is not null) return malformed;
        if (body!.ParentsNotifiedOn is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["parentsNotifiedOn"] = ["Required: the day the parents were told of the extension (RULES.md §4)."] },
                title: "The extension has errors.");
        return await ActAsync(id, request.HttpContext, db, Role.Board, (a, _) => { a.Extend(body.ParentsNotifiedOn.Value, clock.GetUtcNow()); return Task.CompletedTask; }).Widened();
    }

    private static async Task<Results<Ok<ZorgplichtResponse>, ValidationProblem, ProblemHttpResult>> AskOtherSchoolAsync(Guid id, HttpRequest request, FundingDbContext db,
        IRegionDirectory directory, TimeProvider clock)
    {
        if (await RefusedAsync(id, request.HttpContext, db, Role.Board) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<AskOtherSchoolRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var locationId = v.Required("locationId", body!.LocationId, 100);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The request has errors.");
        return await ActAsync(id, request.HttpContext, db, Role.Board, async (a, ct) =>
        {
            var location = await directory.RequireLocationAsync("locationId", locationId!, ct);
            a.AskOtherSchool(location.Id, location.OrganisationId, location.Kind, clock.GetUtcNow());
        }).Widened();
    }

    private static Task<Results<Ok<ZorgplichtResponse>, ProblemHttpResult>> AcceptAsync(Guid id, HttpContext http, FundingDbContext db, TimeProvider clock) =>
        ActAsync(id, http, db, Role.OtherSchool, (a, _) => { a.AcceptAsOtherSchool(http.User.RequiredOrganisationId(), clock.GetUtcNow()); return Task.CompletedTask; });

    private static async Task<Results<Ok<ZorgplichtResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(Guid id, HttpRequest request, FundingDbContext db,
        IRegionDirectory directory, TimeProvider clock)
    {
        if (await RefusedAsync(id, request.HttpContext, db, Role.Board) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<DecideZorgplichtRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.Outcome is null || !ZorgplichtOutcomes.All.Contains(body.Outcome)) v.Add("outcome", $"One of: {string.Join(", ", ZorgplichtOutcomes.All)}.");
        var placement = v.Optional("placementLocationId", body.PlacementLocationId, 100);
        if (body.TlvId is not null && body.Outcome != ZorgplichtOutcomes.SpecialEducation) v.Add("tlvId", "Only for the outcome special-education.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The decision has errors.");
        return await ActAsync(id, request.HttpContext, db, Role.Board, async (a, ct) =>
        {
            // A TLV of another child answers as one that does not exist: the board learns nothing of other children.
            var tlv = body.TlvId is { } tlvId ? await db.Tlvs.FirstOrDefaultAsync(t => t.Id == tlvId && t.ChildReference == a.ChildReference, ct) : null;
            if (body.TlvId is not null && tlv is null)
                throw new DomainRuleException("tlvId", "Not a granted TLV of this child (RULES.md §4: SBO or SO/VSO only with a TLV in force).");
            var where = placement ?? body.Outcome switch
            {
                ZorgplichtOutcomes.OwnSchool => a.SchoolLocationId,
                ZorgplichtOutcomes.OtherSchool => a.OtherSchoolLocationId,
                _ => tlv?.Decision?.ReceivingLocationId,
            };
            if (where is null)
            {
                if (body.Outcome == ZorgplichtOutcomes.SpecialEducation && tlv is null)
                    throw new DomainRuleException("tlvId", "SBO or SO/VSO only with a TLV (RULES.md §4, zorgplicht): name the child's granted TLV.");
                throw new DomainRuleException("placementLocationId", body.Outcome == ZorgplichtOutcomes.OtherSchool
                    ? "Another regular school only once it accepted the child (RULES.md §4, zorgplicht): ask it, and let it accept, first."
                    : "Required: the location where the child gets its place.");
            }
            var location = await directory.RequireLocationAsync("placementLocationId", where, ct);
            var now = clock.GetUtcNow();
            a.Decide(body.Outcome!, location.Id, location.OrganisationId, location.Kind, tlv, body.StartsOn, now);
            await OpenPlacementOppAsync(a, location, db, request.HttpContext, now, ct);
        }).Widened();
    }

    /// <summary>
    /// Issue #24 point 2: "a placement's actual start starts the clock". A child placed under zorgplicht has a support need
    /// (RULES.md §4), so the decision opens the OPP of the placement location's school, enrolment = the day the child starts
    /// there, in the same transaction as the decision; unless the child already has an OPP at that location.
    /// </summary>
    private static async Task OpenPlacementOppAsync(ZorgplichtApplication a, KnownLocation location, FundingDbContext db, HttpContext http,
        DateTimeOffset now, CancellationToken ct)
    {
        var existing = await db.Opps.Where(o => o.ChildReference == a.ChildReference && o.SchoolLocationId == location.Id)
            .OrderByDescending(o => o.EnrolledOn).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
        if (existing is { } oppId)
        {
            a.LinkOpp(oppId);
            return;
        }
        if (location.Swv is null) throw new DomainRuleException("placementLocationId", $"{location.Id} belongs to no samenwerkingsverband: its OPP has no SWV to follow it.");
        var opp = Opp.OpenForPlacement(a.CaseId, a.ChildReference, location.OrganisationId, location.Id, location.Kind, location.Municipality, location.Swv,
            a.StartsOn!.Value, now);
        db.Opps.Add(opp);
        a.LinkOpp(opp.Id);
        http.Audit().Changed(db, AuditActions.Create, OppApi.RecordType, opp.Id.ToString(), opp.ChildReference);
    }

    private enum Role { Board, OtherSchool }

    /// <summary>404 for a record the caller does not take part in, 403 for a move that is not the caller's: before the body is read.</summary>
    private static async Task<ProblemHttpResult?> RefusedAsync(Guid id, HttpContext http, FundingDbContext db, Role role)
    {
        var caller = Caller.Of(http.User);
        var a = await db.ZorgplichtApplications.AsNoTracking().Involving(caller).FirstOrDefaultAsync(x => x.Id == id, http.RequestAborted);
        if (a is null) return NotFound(id);
        return Allowed(a, caller, role) ? null : Forbidden(role);
    }

    private static bool Allowed(ZorgplichtApplication a, Caller caller, Role role) =>
        caller.IsSchool && (role == Role.Board ? a.SchoolOrganisationId == caller.OrganisationId : a.OtherSchoolOrganisationId == caller.OrganisationId);

    private static ProblemHttpResult Forbidden(Role role) => ArrangementsApi.Forbidden(role == Role.Board
        ? "The board of the school the parents applied to extends, asks another school and decides (RULES.md §4, zorgplicht)."
        : "Only the school asked to take the child accepts it.");

    private static async Task<Results<Ok<ZorgplichtResponse>, ProblemHttpResult>> ActAsync(Guid id, HttpContext http, FundingDbContext db, Role role,
        Func<ZorgplichtApplication, CancellationToken, Task> step)
    {
        var caller = Caller.Of(http.User);
        var ct = http.RequestAborted;
        return await Concurrency.RetryAsync<Ok<ZorgplichtResponse>>(db, async () =>
        {
            var application = await db.ZorgplichtApplications.Involving(caller).FirstOrDefaultAsync(a => a.Id == id, ct);
            if (application is null) return NotFound(id);
            if (!Allowed(application, caller, role)) return Forbidden(role);
            await step(application, ct);
            http.Audit().Changed(db, AuditActions.Update, RecordType, application.Id.ToString(), application.ChildReference);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(ZorgplichtResponse.From(application));
        });
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        title: "Application not found.", detail: $"No zorgplicht application {id} your organisation takes part in.", statusCode: StatusCodes.Status404NotFound);
}
