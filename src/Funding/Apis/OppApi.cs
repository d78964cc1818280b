using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.ConsentReplica;
using Platform.Contracts;
using Platform.DirectoryReplica;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Http.Paging;

namespace Platform.Funding.Apis;

/// <summary>
/// Ontwikkelingsperspectief (RULES.md §4): the school records an enrolment that needs an OPP, sets it within 6 weeks, evaluates it
/// at least yearly and records the parents' consent to its handelingsdeel. Its content stays at the school. Readers: the school and
/// its SWV; everyone else 404.
/// </summary>
public static class OppApi
{
    public const string RecordType = "opp";

    public static IEndpointRouteBuilder MapOppApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup($"{FundingApi.Prefix}/opps").WithTags("OPP").RequireAuthorization()
            .Audited<RouteGroupBuilder, FundingDbContext>(RecordType, LegalPurposes.PassendOnderwijs).WithDomainProblems()
            .VisibleRecordsOnly((http, id, ct) => http.RequestServices.GetRequiredService<FundingDbContext>().Opps.AsNoTracking()
                .Involving(ZorgplichtApi.Caller.Of(http.User)).AnyAsync(o => o.Id == id, ct), NotFound);
        group.MapPost("/", EnrolAsync).Accepts<EnrolForOppRequest>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RecordOppEnrolment")
            .WithSummary("The school records an enrolment that needs an OPP (SBO, PrO, SO, VSO, or extra support): the 6 weeks to set it start (RULES.md §4).");
        group.MapGet("/", ListAsync)
            .WithName("ListOpps")
            .WithSummary("The OPPs of the caller's school, or of the schools of the caller's SWV, newest first: dates, status, the parents' consent.");
        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetOpp")
            .WithSummary("One OPP's dates, status and the parents' consent to its handelingsdeel (its content stays at the school).");
        group.MapPost("/{id:guid}/establishment", EstablishAsync).Accepts<EstablishOppRequest>("application/json")
            .Act("EstablishOpp", "The school set the OPP (within 6 weeks of enrolment, RULES.md §4; later is recorded as late).");
        group.MapPost("/{id:guid}/evaluations", EvaluateAsync).Accepts<EvaluateOppRequest>("application/json")
            .Act("EvaluateOpp", "The school evaluated the OPP with the parents (at least yearly, RULES.md §4; later is recorded as late).");
        group.MapPut("/{id:guid}/parents-consent", ConsentAsync).Accepts<OppParentsConsentRequest>("application/json")
            .Act("RecordOppParentsConsent", "The school records the parents' consent to the OPP's handelingsdeel: given, refused or pending (RULES.md §4).");
        return app;
    }

    private static RouteHandlerBuilder Act(this RouteHandlerBuilder step, string name, string summary) =>
        step.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).WithName(name).WithSummary(summary);

    private static IQueryable<Opp> Involving(this IQueryable<Opp> all, ZorgplichtApi.Caller c)
    {
        var org = c.OrganisationId;
        return c.IsSchool ? all.Where(o => o.SchoolOrganisationId == org) : c.IsSwv ? all.Where(o => o.SwvId == org) : all.Where(o => false);
    }

    private static async Task<Results<Created<OppResponse>, ValidationProblem, ProblemHttpResult>> EnrolAsync(HttpRequest request, FundingDbContext db,
        IRegionDirectory directory, IConsentCheck consents, TimeProvider clock)
    {
        var caller = ZorgplichtApi.Caller.Of(request.HttpContext.User);
        if (!caller.IsSchool) return ArrangementsApi.Forbidden("The school the pupil enrolled at sets the OPP (RULES.md §4).");
        var (body, malformed) = await JsonBody.ReadAsync<EnrolForOppRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.CaseId is null || body.CaseId == Guid.Empty) v.Add("caseId", "Required: the Intake case of the child.");
        var location = v.Required("schoolLocationId", body.SchoolLocationId, 100);
        if (body.EnrolledOn is null) v.Add("enrolledOn", "Required: the day of enrolment (the 6 weeks count from it).");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The enrolment has errors.");

        var ct = request.HttpContext.RequestAborted;
        var at = await directory.RequireLocationAsync("schoolLocationId", location!, ct);
        if (at.OrganisationId != caller.OrganisationId) throw new DomainRuleException("schoolLocationId", $"{location} is not one of your locations.");
        if (at.Swv is null) throw new DomainRuleException("schoolLocationId", $"{location} belongs to no samenwerkingsverband.");
        var @case = await consents.CaseAsync(body.CaseId!.Value, ct);
        if (@case is null || !await consents.CoversAsync(@case.ChildReference, caller.OrganisationId, ConsentPurposes.Support, DutchTime.Today(clock), ct))
            throw new DomainRuleException("caseId", "No case with this id names your school in a valid consent for 'support': the child needs a case in Intake that names you.");
        if (await db.Opps.AnyAsync(o => o.ChildReference == @case.ChildReference && o.SchoolLocationId == at.Id && o.EnrolledOn == body.EnrolledOn, ct))
            return TypedResults.Problem(title: "Recorded already.", detail: "This enrolment has its OPP record.", statusCode: StatusCodes.Status409Conflict);

        var opp = Opp.Enrol(@case.CaseId, @case.ChildReference, caller.OrganisationId, at.Id, at.Kind, at.Municipality, at.Swv, body.ExtraSupport == true,
            body.EnrolledOn!.Value, clock.GetUtcNow());
        db.Opps.Add(opp);
        request.HttpContext.Audit().Changed(db, AuditActions.Create, RecordType, opp.Id.ToString(), opp.ChildReference);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same registration racing itself: the database's unique index lets one through.
            return TypedResults.Problem(title: "Recorded already.", detail: "This enrolment has its OPP record.", statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Created($"{FundingApi.Prefix}/opps/{opp.Id}", OppResponse.From(opp, DutchTime.Today(clock)));
    }

    private static async Task<Results<Ok<Page<OppResponse>>, ValidationProblem>> ListAsync(
        [Description("true: only OPPs with a term passed (not set after 6 weeks, or not evaluated within the year).")] bool? overdue,
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, FundingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        var after = page.AfterTimeAndId(v);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The list request has errors.");
        var today = DutchTime.Today(clock);
        var query = db.Opps.AsNoTracking().Involving(ZorgplichtApi.Caller.Of(http.User));
        if (overdue == true) query = query.Where(o => (o.SetOn == null && o.SetDueOn < today) || o.EvaluationDueOn < today);
        if (after is var (at, last)) query = query.Where(o => o.RegisteredAt < at || (o.RegisteredAt == at && o.Id.CompareTo(last) < 0));
        var rows = await query.OrderByDescending(o => o.RegisteredAt).ThenByDescending(o => o.Id).Take(page.Limit + 1).ToListAsync(ct);
        var read = page.PageOf(rows, o => OppResponse.From(o, today), o => PageRequest.TimeAndId(o.RegisteredAt, o.Id), http.Request);
        http.Audit().Searched(RecordType, read.Items.Select(o => (o.Id.ToString(), (string?)o.ChildReference)));
        return TypedResults.Ok(read);
    }

    private static async Task<Results<Ok<OppResponse>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FundingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var opp = await db.Opps.AsNoTracking().Involving(ZorgplichtApi.Caller.Of(http.User)).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (opp is null) return NotFound(id);
        http.Audit().Read(RecordType, id.ToString(), opp.ChildReference);
        return TypedResults.Ok(OppResponse.From(opp, DutchTime.Today(clock)));
    }

    private static async Task<Results<Ok<OppResponse>, ValidationProblem, ProblemHttpResult>> EstablishAsync(Guid id, HttpRequest request, FundingDbContext db, TimeProvider clock)
    {
        if (await RefusedAsync(id, request.HttpContext, db) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<EstablishOppRequest>(request);
        if (malformed is not null) return malformed;
        if (body!.SetOn is not { } setOn) return Required("setOn", "Required: the day the OPP was set.");
        return await ActAsync(id, request.HttpContext, db, clock, o => o.Establish(setOn, clock.GetUtcNow())).Widened();
    }

    private static async Task<Results<Ok<OppResponse>, ValidationProblem, ProblemHttpResult>> EvaluateAsync(Guid id, HttpRequest request, FundingDbContext db, TimeProvider clock)
    {
        if (await RefusedAsync(id, request.HttpContext, db) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<EvaluateOppRequest>(request);
        if (malformed is not null) return malformed;
        if (body!.EvaluatedOn is not { } on) return Required("evaluatedOn", "Required: the day of the evaluation.");
        return await ActAsync(id, request.HttpContext, db, clock, o => o.Evaluate(on, clock.GetUtcNow())).Widened();
    }

    private static async Task<Results<Ok<OppResponse>, ValidationProblem, ProblemHttpResult>> ConsentAsync(Guid id, HttpRequest request, FundingDbContext db, TimeProvider clock)
    {
        if (await RefusedAsync(id, request.HttpContext, db) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<OppParentsConsentRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.Consent is null || !OppConsent.All.Contains(body.Consent)) v.Add("consent", $"One of: {string.Join(", ", OppConsent.All)}.");
        if (body.On is null) v.Add("on", "Required: the day the parents gave or refused it (pending: the day it was asked).");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The consent has errors.");
        return await ActAsync(id, request.HttpContext, db, clock, o => o.RecordParentsConsent(body.Consent!, body.On!.Value, clock.GetUtcNow())).Widened();
    }

    private static ValidationProblem Required(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request has errors.");

    /// <summary>404 for an OPP the caller does not take part in, 403 for the SWV (it reads, the school acts): before the body is read.</summary>
    private static async Task<ProblemHttpResult?> RefusedAsync(Guid id, HttpContext http, FundingDbContext db)
    {
        var caller = ZorgplichtApi.Caller.Of(http.User);
        var opp = await db.Opps.AsNoTracking().Involving(caller).FirstOrDefaultAsync(o => o.Id == id, http.RequestAborted);
        if (opp is null) return NotFound(id);
        return caller.IsSchool && opp.SchoolOrganisationId == caller.OrganisationId ? null : Forbidden();
    }

    private static ProblemHttpResult Forbidden() => ArrangementsApi.Forbidden("The school sets and evaluates the OPP and records the parents' consent; the SWV reads (RULES.md §4).");

    private static async Task<Results<Ok<OppResponse>, ProblemHttpResult>> ActAsync(Guid id, HttpContext http, FundingDbContext db, TimeProvider clock, Action<Opp> step)
    {
        var caller = ZorgplichtApi.Caller.Of(http.User);
        var ct = http.RequestAborted;
        return await Concurrency.RetryAsync<Ok<OppResponse>>(db, async () =>
        {
            var opp = await db.Opps.Involving(caller).FirstOrDefaultAsync(o => o.Id == id, ct);
            if (opp is null) return NotFound(id);
            if (!caller.IsSchool || opp.SchoolOrganisationId != caller.OrganisationId) return Forbidden();
            step(opp);
            http.Audit().Changed(db, AuditActions.Update, RecordType, opp.Id.ToString(), opp.ChildReference);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(OppResponse.From(opp, DutchTime.Today(clock)));
        });
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        title: "OPP not found.", detail: $"No OPP {id} your organisation takes part in.", statusCode: StatusCodes.Status404NotFound);
}
