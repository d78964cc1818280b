using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;
using Platform.Auditing;
using Platform.DirectoryReplica;
using Platform.Http.Paging;
using Platform.Privacy;

namespace Platform.Attendance.Apis;

public static class AbsenceReportsApi
{
    public static IEndpointRouteBuilder MapAbsenceReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup($"{AttendanceApi.Prefix}/absence-reports").WithTags("Absence reports")
            .RequireAuthorization().Audited<RouteGroupBuilder, AttendanceDbContext>("absence-report", LegalPurposes.Leerplicht).WithDomainProblems();
        reports.MapPost("/", SubmitAsync).Accepts<SubmitAbsenceRequest>("application/json")
            .WithName("SubmitAbsenceReport").ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("A school reports absence (verzuimmelding); long-term relative absence registers a thuiszitter.");
        reports.MapGet("/", ListAsync).WithName("ListAbsenceReports")
            .WithSummary("A school's own reports, or a municipality's: those of children living there; newest first.");
        reports.MapGet("/{id:guid}", GetAsync).WithName("GetAbsenceReport").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One report, for the reporting school and the leerplicht officers of the child's municipality.");
        reports.MapPost("/{id:guid}/pick-up", PickUpAsync)
            .WithName("PickUpAbsenceReport").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A leerplicht officer of the child's municipality takes the report in hand.");
        reports.MapPost("/{id:guid}/closure", CloseAsync).Accepts<CloseReportRequest>("application/json")
            .WithName("CloseAbsenceReport").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A leerplicht officer of the child's municipality closes the report.");
        reports.MapPost("/{id:guid}/withdrawal", WithdrawAsync)
            .WithName("WithdrawAbsenceReport").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The reporting school withdraws a report no officer picked up yet.");
        return app;
    }

    private static async Task<Results<Created<AbsenceReportResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, AttendanceDbContext db, IRegionDirectory directory, ChildReferences childReferences, TimeProvider clock, IOptions<AttendanceOptions> options)
    {
        var tenant = Tenant.Of(request.HttpContext.User);
        if (!tenant.IsSchool) return Tenant.Forbidden("schools");
        var (body, malformed) = await JsonBody.ReadAsync<SubmitAbsenceRequest>(request);
        if (malformed is not null) return malformed;

        var now = clock.GetUtcNow();
        var v = new Validation();
        var child = ChildInput.Read(v, body!.Child, DutchTime.DateOf(now), out var bsn);
        if (body.Kind is null || !AbsenceNames.Kinds.TryGetValue(body.Kind, out var kind))
        {
            v.Add("kind", $"One of: {string.Join(", ", AbsenceNames.Kinds.Keys)}.");
            kind = default;
        }
        if (body.FirstAbsentOn is null) v.Add("firstAbsentOn", "Required.");
        if (body.Hours is < 0 or > AbsenceReport.MaximumHours) v.Add("hours", $"From 0 to {AbsenceReport.MaximumHours}.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The absence report has errors.");
        await directory.RequireInRegionAsync(child!, request.HttpContext.RequestAborted);

        var reference = childReferences.For(bsn);
        var report = AbsenceReport.Submit(child!, reference, tenant.OrganisationId, kind, body.FirstAbsentOn!.Value, body.LastAbsentOn, body.Hours, now);
        db.AbsenceReports.Add(report);

        // New absence while a suitable offer waits for its start: on the start date the offer lapses (RULES.md §2).
        var openCase = await db.Thuiszitters.FirstOrDefaultAsync(c => c.ChildReference == reference && c.Status != ThuiszitterStatus.Resolved);
        openCase?.NoteAbsence(now);

        // More than 4 weeks of absence that still goes on, without a valid exemption: a thuiszitter (RULES.md §2).
        // A report with a last absent day records absence that ended: the child is back, no case.
        ThuiszitterCase? registered = null;
        var today = DutchTime.DateOf(now);
        if (kind == AbsenceKind.LongTermRelative && report.IsOngoing
            && openCase is null
            && !(await db.Exemptions.Where(e => e.ChildReference == reference && e.EndedAt == null).ToListAsync()).Any(e => e.IsValidOn(today)))
        {
            registered = ThuiszitterCase.Register(child!, reference, ThuiszitterKind.LongTermRelative, report.FirstAbsentOn, report.Id, now, options.Value, tenant.OrganisationId);
            db.Thuiszitters.Add(registered);
        }

        var audit = request.HttpContext.Audit();
        audit.Changed(db, AuditActions.Create, "absence-report", report.Id.ToString(), reference);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && registered is not null)
        {
            // Another report opened the child's case a moment ago: keep the report (and its audit record), use that case.
            db.ChangeTracker.Clear();
            db.AbsenceReports.Add(report);
            audit.Changed(db, AuditActions.Create, "absence-report", report.Id.ToString(), reference);
            await db.SaveChangesAsync();
            registered = await db.Thuiszitters.AsNoTracking().FirstAsync(c => c.ChildReference == reference && c.Status != ThuiszitterStatus.Resolved);
        }
        var existing = registered?.Id ?? (await db.Thuiszitters.AsNoTracking()
            .FirstOrDefaultAsync(c => c.ChildReference == reference && c.Status != ThuiszitterStatus.Resolved))?.Id;
        return TypedResults.Created($"{AttendanceApi.Prefix}/absence-reports/{report.Id}", AbsenceReportResponse.From(report, existing));
    }

    private static IQueryable<AbsenceReport> VisibleTo(this IQueryable<AbsenceReport> reports, Tenant tenant) => tenant switch
    {
        { IsSchool: true } => reports.Where(r => r.SchoolOrganisationId == tenant.OrganisationId),
        { IsMunicipality: true } => reports.Where(r => r.Child.HomeMunicipality == tenant.Municipality),
        _ => reports.Where(_ => false),
    };

    private static async Task<Results<Ok<Page<AbsenceReportResponse>>, ValidationProblem>> ListAsync(
        [Description("Only reports in this status: registered, in-progress, closed or withdrawn.")] string? status,
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, AttendanceDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        var (reportedAt, afterId) = (default(DateTimeOffset), default(Guid));
        if (page.After is { } keys && !(keys.Count == 2 && keys.TryTime(0, out reportedAt) && keys.TryGuid(1, out afterId)))
            v.Add("cursor", PageRequest.ForeignCursor);
        ReportStatus? wanted = status is null ? null : Enum.GetValues<ReportStatus>().Where(s => s.Name() == status).Cast<ReportStatus?>().FirstOrDefault();
        if (status is not null && wanted is null) v.Add("status", "registered, in-progress, closed or withdrawn.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var query = db.AbsenceReports.AsNoTracking().VisibleTo(Tenant.Of(http.User));
        if (wanted is { } only) query = query.Where(r => r.Status == only);
        // Newest first; reports of the same instant by id, so a page boundary between them holds.
        if (page.After is not null)
            query = query.Where(r => r.ReportedAt < reportedAt || (r.ReportedAt == reportedAt && r.Id.CompareTo(afterId) < 0));
        var rows = await query.OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id).Take(page.Limit + 1).ToListAsync(ct);
        http.Audit().Searched("absence-report", rows.Take(page.Limit).Select(r => (r.Id.ToString(), (string?)r.ChildReference)));
        return TypedResults.Ok(page.PageOf(rows, r => AbsenceReportResponse.From(r), r => [Cursor.Key(r.ReportedAt), Cursor.Key(r.Id)], http.Request));
    }

    private static async Task<Results<Ok<AbsenceReportResponse>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, AttendanceDbContext db, CancellationToken ct)
    {
        var report = await db.AbsenceReports.AsNoTracking().VisibleTo(Tenant.Of(http.User)).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null) return Tenant.NotFound("Absence report", id);
        http.Audit().Read("absence-report", id.ToString(), report.ChildReference);
        return TypedResults.Ok(AbsenceReportResponse.From(report));
    }

    private static async Task<Results<Ok<AbsenceReportResponse>, ProblemHttpResult>> PickUpAsync(Guid id, HttpContext http, AttendanceDbContext db)
    {
        var (report, refused) = await ForMoveAsync(id, http, db, t => t.IsMunicipality, "the home municipality's leerplicht officers");
        if (refused is not null) return refused;
        report!.PickUp();
        return await SavedAsync(report, http, db);
    }

    private static async Task<Results<Ok<AbsenceReportResponse>, ValidationProblem, ProblemHttpResult>> CloseAsync(
        Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<CloseReportRequest>(request);
        if (malformed is not null) return malformed;
        var (report, refused) = await ForMoveAsync(id, request.HttpContext, db, t => t.IsMunicipality, "the home municipality's leerplicht officers");
        if (refused is not null) return refused;
        report!.Close(body!.Note, clock.GetUtcNow(), body.LastAbsentOn);
        return await SavedAsync(report, request.HttpContext, db);
    }

    private static async Task<Results<Ok<AbsenceReportResponse>, ProblemHttpResult>> WithdrawAsync(Guid id, HttpContext http, AttendanceDbContext db, TimeProvider clock)
    {
        var (report, refused) = await ForMoveAsync(id, http, db, t => t.IsSchool, "the reporting school");
        if (refused is not null) return refused;
        report!.Withdraw(clock.GetUtcNow());
        return await SavedAsync(report, http, db);
    }

    /// <summary>
    /// The report to move, tracked: 404 when the caller cannot see it (first, so the answer says nothing
    /// about reports of others), 403 when the caller sees it but the move is not theirs (<paramref name="who"/>).
    /// </summary>
    private static async Task<(AbsenceReport? Report, ProblemHttpResult? Refused)> ForMoveAsync(
        Guid id, HttpContext http, AttendanceDbContext db, Func<Tenant, bool> mayMove, string who)
    {
        var tenant = Tenant.Of(http.User);
        var report = await db.AbsenceReports.VisibleTo(tenant).FirstOrDefaultAsync(r => r.Id == id);
        if (report is null) return (null, Tenant.NotFound("Absence report", id));
        return mayMove(tenant) ? (report, null) : (null, Tenant.Forbidden(who));
    }

    private static async Task<Ok<AbsenceReportResponse>> SavedAsync(AbsenceReport report, HttpContext http, AttendanceDbContext db)
    {
        http.Audit().Changed(db, AuditActions.Update, "absence-report", report.Id.ToString(), report.ChildReference);
        await db.SaveChangesAsync();
        return TypedResults.Ok(AbsenceReportResponse.From(report));
    }
}
