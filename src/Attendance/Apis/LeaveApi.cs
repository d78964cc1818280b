using Platform.ChildLinks;
using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Attendance.Calendar;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;
using Platform.Auditing;
using Platform.DirectoryReplica;
using Platform.Http.Paging;
using Platform.Privacy;

namespace Platform.Attendance.Apis;

/// <summary>
/// Leave from school (verlof; RULES.md §1, Leerplichtwet art. 13a and 14): the school records the parents' request; the head of
/// school decides vakantieverlof and up to 10 school days of art. 14, the leerplicht officer of the child's municipality above 10.
/// </summary>
public static class LeaveApi
{
    public static IEndpointRouteBuilder MapLeaveApi(this IEndpointRouteBuilder app)
    {
        var leave = app.MapGroup($"{AttendanceApi.Prefix}/leave-requests").WithTags("Leave")
            .RequireAuthorization().Audited<RouteGroupBuilder, AttendanceDbContext>("leave-request", LegalPurposes.Leerplicht).WithDomainProblems();
        leave.MapPost("/", RequestAsync).Accepts<LeaveRequestBody>("application/json")
            .WithName("RequestLeave").ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("A school records the parents' request for leave (art. 13a vakantieverlof or art. 14 gewichtige omstandigheden), counted in school days.");
        leave.MapGet("/", ListAsync).WithName("ListLeaveRequests")
            .WithSummary("A school's own leave requests, or a municipality's: those above 10 school days its officers decide; newest first.");
        leave.MapGet("/{id:guid}", GetAsync).WithName("GetLeaveRequest").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One leave request, for the school and, when the officer decides it, the leerplicht officers of the child's municipality.");
        leave.MapPost("/{id:guid}/decision", DecideAsync).Accepts<LeaveDecisionBody>("application/json")
            .WithName("DecideLeave").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The head of school (art. 13a; art. 14 up to 10 school days) or the leerplicht officer (art. 14 above 10) grants or refuses the leave.");
        return app;
    }

    private static async Task<Results<Created<LeaveResponse>, ValidationProblem, ProblemHttpResult>> RequestAsync(
        HttpRequest request, AttendanceDbContext db, IRegionDirectory directory, ChildReferences childReferences, TimeProvider clock, SchoolCalendars calendars)
    {
        var tenant = Tenant.Of(request.HttpContext.User);
        if (!tenant.IsSchool) return Tenant.Forbidden("schools");
        var (body, malformed) = await JsonBody.ReadAsync<LeaveRequestBody>(request);
        if (malformed is not null) return malformed;

        var now = clock.GetUtcNow();
        var v = new Validation();
        var child = ChildInput.Read(v, body!.Child, DutchTime.DateOf(now), childReferences, out var identifier);
        if (body.Article is null || !LeaveNames.Articles.TryGetValue(body.Article, out var article))
        {
            v.Add("article", "13a (vakantieverlof) or 14 (gewichtige omstandigheden).");
            article = default;
        }
        if (body.FirstDay is null) v.Add("firstDay", "Required.");
        if (body.LastDay is null) v.Add("lastDay", "Required.");
        var reason = v.Required("reason", body.Reason, 2000);
        EmployerStatement? statement = null;
        if (body.EmployerStatement is { } s)
        {
            var employer = v.Required("employerStatement.employer", s.Employer, 200);
            if (s.IssuedOn is null) v.Add("employerStatement.issuedOn", "Required.");
            if (v.IsValid) statement = new EmployerStatement(employer!, s.IssuedOn!.Value);
        }
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The leave request has errors.");
        var ct = request.HttpContext.RequestAborted;
        await directory.RequireInRegionAsync(child!, ct);

        // A child linked to its BSN since (ADR-0015) is found under the BSN's reference by its old identifier too.
        var reference = await db.CurrentReferenceAsync(childReferences.For(identifier), request.HttpContext.RequestAborted);
        // The child's leave at any school counts for "once a school year" and the 10 days (art. 13a, 14): the rule is the child's.
        var others = await db.LeaveRequests.AsNoTracking().Where(l => l.ChildReference == reference && l.Status != LeaveStatus.Refused).ToListAsync(ct);
        var calendar = await calendars.ForAsync(tenant.OrganisationId, ct);
        var leave = LeaveRequest.Request(child!, reference, tenant.OrganisationId, article, body.FirstDay!.Value, body.LastDay!.Value, reason!, statement,
            body.WorkPreventsSchoolHoliday ?? false, calendar, others, now);
        db.LeaveRequests.Add(leave);
        request.HttpContext.Audit().Changed(db, AuditActions.Create, "leave-request", leave.Id.ToString(), reference);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{AttendanceApi.Prefix}/leave-requests/{leave.Id}", LeaveResponse.From(leave));
    }

    /// <summary>The school that recorded it; the officers of the child's municipality when they decide it (above 10 school days).</summary>
    private static IQueryable<LeaveRequest> VisibleTo(this IQueryable<LeaveRequest> requests, Tenant tenant) => tenant switch
    {
        { IsSchool: true } => requests.Where(l => l.SchoolOrganisationId == tenant.OrganisationId),
        { IsMunicipality: true } => requests.Where(l => l.RoutedTo == tenant.Municipality),
        _ => requests.Where(_ => false),
    };

    private static async Task<Results<Ok<Page<LeaveResponse>>, ValidationProblem>> ListAsync(
        [Description("Only requests in this status: requested, granted or refused.")] string? status,
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, AttendanceDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        var (requestedAt, afterId) = (default(DateTimeOffset), default(Guid));
        if (page.After is { } keys && !(keys.Count == 2 && keys.TryTime(0, out requestedAt) && keys.TryGuid(1, out afterId)))
            v.Add("cursor", PageRequest.ForeignCursor);
        LeaveStatus? wanted = status is null ? null : Enum.GetValues<LeaveStatus>().Where(s => s.Name() == status).Cast<LeaveStatus?>().FirstOrDefault();
        if (status is not null && wanted is null) v.Add("status", "requested, granted or refused.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var query = db.LeaveRequests.AsNoTracking().VisibleTo(Tenant.Of(http.User));
        if (wanted is { } only) query = query.Where(l => l.Status == only);
        if (page.After is not null)
            query = query.Where(l => l.RequestedAt < requestedAt || (l.RequestedAt == requestedAt && l.Id.CompareTo(afterId) < 0));
        var rows = await query.OrderByDescending(l => l.RequestedAt).ThenByDescending(l => l.Id).Take(page.Limit + 1).ToListAsync(ct);
        http.Audit().Searched("leave-request", rows.Take(page.Limit).Select(l => (l.Id.ToString(), (string?)l.ChildReference)));
        return TypedResults.Ok(page.PageOf(rows, LeaveResponse.From, l => [Cursor.Key(l.RequestedAt), Cursor.Key(l.Id)], http.Request));
    }

    private static async Task<Results<Ok<LeaveResponse>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, AttendanceDbContext db, CancellationToken ct)
    {
        var leave = await db.LeaveRequests.AsNoTracking().VisibleTo(Tenant.Of(http.User)).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (leave is null) return Tenant.NotFound("Leave request", id);
        http.Audit().Read("leave-request", id.ToString(), leave.ChildReference);
        return TypedResults.Ok(LeaveResponse.From(leave));
    }

    /// <summary>
    /// Per-action authorization (RULES.md §1, art. 14): who may see a request is not who may decide it. The school sees its requests
    /// above 10 school days but decides only its head of school's; the officers decide only theirs.
    /// </summary>
    private static async Task<Results<Ok<LeaveResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock)
    {
        var tenant = Tenant.Of(request.HttpContext.User);
        var ct = request.HttpContext.RequestAborted;
        var leave = await db.LeaveRequests.VisibleTo(tenant).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (leave is null) return Tenant.NotFound("Leave request", id);
        var mayDecide = leave.Decider == LeaveDecider.HeadOfSchool
            ? tenant.IsSchool && leave.SchoolOrganisationId == tenant.OrganisationId
            : tenant.IsMunicipality && leave.RoutedTo == tenant.Municipality;
        if (!mayDecide)
            return TypedResults.Problem(title: "Not your decision.", statusCode: StatusCodes.Status403Forbidden,
                detail: $"{LeaveRequest.DeciderRule} This request ({leave.SchoolDays} school days, art. {leave.Article.Name()}) is the {leave.Decider.Name()}'s.");
        // The body only after who may decide: a caller that may not learns nothing from a 400.
        var (body, malformed) = await JsonBody.ReadAsync<LeaveDecisionBody>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.Decision is not ("granted" or "refused")) v.Add("decision", "granted or refused.");
        var note = v.Optional("note", body.Note, 2000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        leave.Decide(body.Decision == "granted", note, tenant.OrganisationId, clock.GetUtcNow());
        request.HttpContext.Audit().Changed(db, AuditActions.Update, "leave-request", leave.Id.ToString(), leave.ChildReference);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LeaveResponse.From(leave));
    }
}

/// <summary>The employer's statement (art. 13a): who employs the parent, and when it was signed.</summary>
public sealed record EmployerStatementRequest(string? Employer, DateOnly? IssuedOn);

/// <summary>
/// Body of <c>POST /leave-requests</c>. <c>article</c>: 13a (vakantieverlof) or 14 (gewichtige omstandigheden). For 13a:
/// <c>workPreventsSchoolHoliday</c> (the parents' work makes a holiday in the school holidays impossible) and <c>employerStatement</c>.
/// </summary>
public sealed record LeaveRequestBody(
    ChildRequest? Child, string? Article, DateOnly? FirstDay, DateOnly? LastDay, string? Reason,
    bool? WorkPreventsSchoolHoliday = null, EmployerStatementRequest? EmployerStatement = null);

/// <summary>Body of a decision: granted or refused, with a note.</summary>
public sealed record LeaveDecisionBody(string? Decision, string? Note);

/// <summary>
/// A leave request. <c>schoolDays</c>: the school days it takes (art. 14: with the child's joined leave); <c>decider</c>:
/// head-of-school or leerplicht-officer; <c>routedToMunicipality</c>: whose officers decide, when they do.
/// </summary>
public sealed record LeaveResponse(
    Guid Id, ChildResponse Child, string SchoolOrganisationId, string Article, DateOnly FirstDay, DateOnly LastDay, int SchoolDays, string Reason,
    EmployerStatement? EmployerStatement, string Decider, string? RoutedToMunicipality, string Status, string? DecisionNote, string? DecidedByOrganisationId,
    DateTimeOffset? DecidedAt, DateTimeOffset RequestedAt)
{
    public static LeaveResponse From(LeaveRequest l) => new(
        l.Id, ChildResponse.From(l.Child), l.SchoolOrganisationId, l.Article.Name(), l.FirstDay, l.LastDay, l.SchoolDays, l.Reason, l.EmployerStatement,
        l.Decider.Name(), l.RoutedTo, l.Status.Name(), l.DecisionNote, l.DecidedByOrganisationId, l.DecidedAt, l.RequestedAt);
}
