using Platform.ChildLinks;
using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Attendance.Calendar;
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
        reports.MapPost("/{id:guid}/acknowledgement", AcknowledgeAsync).Accepts<AcknowledgeReportRequest>("application/json")
            .WithName("AcknowledgeAbsenceReport").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A leerplicht officer takes note of the report without further action (DUO: Ter kennisgeving aangenomen; not for long-term relative absence).");
        reports.MapPost("/{id:guid}/review", ReviewAsync).Accepts<ReviewSicknessRequest>("application/json")
            .WithName("ReviewLongTermSickness").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A leerplicht officer reviews a long-term sickness report (the grey zone) and sets the next review date.");
        reports.MapPost("/{id:guid}/withdrawal", WithdrawAsync)
            .WithName("WithdrawAbsenceReport").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The reporting school withdraws a report no officer picked up yet.");
        return app;
    }

    private static async Task<Results<Created<AbsenceReportResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, AttendanceDbContext db, IRegionDirectory directory, ChildReferences childReferences, TimeProvider clock, IOptions<AttendanceOptions> options,
        SchoolCalendars calendars)
    {
        var tenant = Tenant.Of(request.HttpContext.User);
        if (!tenant.IsSchool) return Tenant.Forbidden("schools");
        var (body, malformed) = await JsonBody.ReadAsync<SubmitAbsenceRequest>(request);
        if (malformed is not null) return malformed;

        var now = clock.GetUtcNow();
        var v = new Validation();
        var child = ChildInput.Read(v, body!.Child, DutchTime.DateOf(now), childReferences, out var identifier);
        if (body.Kind is null || !AbsenceNames.Kinds.TryGetValue(body.Kind, out var kind))
        {
            v.Add("kind", $"One of: {string.Join(", ", AbsenceNames.Kinds.Keys)}.");
            kind = default;
        }
        if (body.FirstAbsentOn is null) v.Add("firstAbsentOn", "Required.");
        if (body.Hours is < 0 or > AbsenceReport.MaximumHours) v.Add("hours", $"From 0 to {AbsenceReport.MaximumHours}.");
        var doubt = v.Optional("doubt", body.Doubt, 2000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The absence report has errors.");
        await directory.RequireInRegionAsync(child!, request.HttpContext.RequestAborted);

        // A child linked to its BSN since (ADR-0015) is found under the BSN's reference by its old identifier too.
        var reference = await db.CurrentReferenceAsync(childReferences.For(identifier), request.HttpContext.RequestAborted);
        var ct = request.HttpContext.RequestAborted;
        // The counting (RULES.md §1): this school's calendar and its own earlier 16-hour reports of the child (another school's
        // are not this school's counting, and a refusal must not tell one school what another reported); the child's leave.
        var calendar = await calendars.ForAsync(tenant.OrganisationId, ct);
        var previous = kind == AbsenceKind.Unauthorised
            ? await db.AbsenceReports.AsNoTracking().Where(r => r.ChildReference == reference && r.SchoolOrganisationId == tenant.OrganisationId
                && r.Kind == AbsenceKind.Unauthorised && r.Status != ReportStatus.Withdrawn).ToListAsync(ct)
            : [];
        var leave = kind == AbsenceKind.Luxury
            ? await db.LeaveRequests.AsNoTracking().Where(l => l.ChildReference == reference && l.SchoolOrganisationId == tenant.OrganisationId).ToListAsync(ct)
            : [];
        var report = AbsenceReport.Submit(child!, reference, tenant.OrganisationId, kind, body.FirstAbsentOn!.Value, body.LastAbsentOn, body.Hours, now,
            options.Value, new AbsenceReport.Details(doubt, body.ReviewOn, body.PartlyAbleUnderPlan ?? false), new AbsenceReport.Counting(calendar, previous, leave));
        db.AbsenceReports.Add(report);

        // New absence while a suitable offer waits for its start: on the start date the offer lapses (RULES.md §2).
        var openCase = await db.Thuiszitters.FirstOrDefaultAsync(c => c.ChildReference == reference && c.Status != ThuiszitterStatus.Resolved);
        openCase?.NoteAbsence(now);

        // More than 4 weeks of absence that still goes on, without a valid exemption: a thuiszitter (RULES.md §2).
        // A report with a last absent day records absence that ended: the child is back, no case. Long-term sickness is the
        // grey zone, never a thuiszitter, except partly ill under a plan where the region counts it.
        ThuiszitterCase? registered = null;
        var today = DutchTime.DateOf(now);
        var thuiszitterKind = kind == AbsenceKind.LongTermRelative && report.IsOngoing ? ThuiszitterKind.LongTermRelative
            : report.CountsAsPartlyIllThuiszitter(today, options.Value, calendar) ? ThuiszitterKind.PartlyIll
            : (ThuiszitterKind?)null;
        if (thuiszitterKind is { } becomes && openCase is null && !await HasValidExemptionAsync(db, reference, today))
        {
            registered = ThuiszitterCase.Register(child!, reference, becomes, report.FirstAbsentOn, report.Id, now, options.Value, tenant.OrganisationId);
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
        // The case id only for a report that is itself evidence of a thuiszitter (ongoing long absence, or partly ill where
        // counted): that school's own report makes or joins the case, whichever came first, so the answer is the same either
        // way. Any other report (16 hours, a day of luxury leave) says nothing of a case another school's report opened: a
        // school that knows a BSN must not learn from its answer that the child is a known thuiszitter (#25 point 4).
        var existing = thuiszitterKind is null ? null : registered?.Id ?? (await db.Thuiszitters.AsNoTracking()
            .FirstOrDefaultAsync(c => c.ChildReference == reference && c.Status != ThuiszitterStatus.Resolved))?.Id;
        return TypedResults.Created($"{AttendanceApi.Prefix}/absence-reports/{report.Id}", AbsenceReportResponse.From(report, existing));
    }

    private static async Task<bool> HasValidExemptionAsync(AttendanceDbContext db, string reference, DateOnly today) =>
        (await db.Exemptions.Where(e => e.ChildReference == reference && e.EndedAt == null).ToListAsync()).Any(e => e.IsValidOn(today));

    /// <summary>
    /// The reporting school, and the officers of the municipality the report is routed to: the child's home municipality
    /// (woonplaatsbeginsel), for RMC the region's RMC contact municipality.
    /// </summary>
    private static IQueryable<AbsenceReport> VisibleTo(this IQueryable<AbsenceReport> reports, Tenant tenant) => tenant switch
    {
        { IsSchool: true } => reports.Where(r => r.SchoolOrganisationId == tenant.OrganisationId),
        { IsMunicipality: true } => reports.Where(r => r.RoutedTo == tenant.Municipality),
        _ => reports.Where(_ => false),
    };

    private static async Task<Results<Ok<Page<AbsenceReportResponse>>, ValidationProblem>> ListAsync(
        [Description("Only reports in this status: registered, in-progress, closed, withdrawn or acknowledged.")] string? status,
        [Description("Only reports of this kind (long-term-sickness: the grey zone): unauthorised, long-term-relative, long-term-sickness, luxury, other, rmc, suspension.")] string? kind,
        [Description("Only 16-hour reports made after their due date (5 working days after the 16 hours were reached, RULES.md §1): true; or only those in time: false.")] bool? late,
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, AttendanceDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        var (reportedAt, afterId) = (default(DateTimeOffset), default(Guid));
        if (page.After is { } keys && !(keys.Count == 2 && keys.TryTime(0, out reportedAt) && keys.TryGuid(1, out afterId)))
            v.Add("cursor", PageRequest.ForeignCursor);
        ReportStatus? wanted = status is null ? null : Enum.GetValues<ReportStatus>().Where(s => s.Name() == status).Cast<ReportStatus?>().FirstOrDefault();
        if (status is not null && wanted is null) v.Add("status", "registered, in-progress, closed, withdrawn or acknowledged.");
        AbsenceKind? ofKind = null;
        if (kind is not null)
        {
            if (AbsenceNames.Kinds.TryGetValue(kind, out var known)) ofKind = known;
            else v.Add("kind", $"One of: {string.Join(", ", AbsenceNames.Kinds.Keys)}.");
        }
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var query = db.AbsenceReports.AsNoTracking().VisibleTo(Tenant.Of(http.User));
        if (wanted is { } only) query = query.Where(r => r.Status == only);
        if (ofKind is { } onlyKind) query = query.Where(r => r.Kind == onlyKind);
        if (late is { } onlyLate) query = query.Where(r => r.ReportedLate == onlyLate && r.Kind == AbsenceKind.Unauthorised);
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
        Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock, SchoolCalendars calendars)
    {
        var (body, malformed) = await JsonBody.ReadAsync<CloseReportRequest>(request);
        if (malformed is not null) return malformed;
        var (report, refused) = await ForMoveAsync(id, request.HttpContext, db, t => t.IsMunicipality, "the home municipality's leerplicht officers");
        if (refused is not null) return refused;
        report!.Close(body!.Note, clock.GetUtcNow(), body.LastAbsentOn, await calendars.ForAsync(report.SchoolOrganisationId, request.HttpContext.RequestAborted));
        return await SavedAsync(report, request.HttpContext, db);
    }

    private static async Task<Results<Ok<AbsenceReportResponse>, ValidationProblem, ProblemHttpResult>> AcknowledgeAsync(
        Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<AcknowledgeReportRequest>(request);
        if (malformed is not null) return malformed;
        var (report, refused) = await ForMoveAsync(id, request.HttpContext, db, t => t.IsMunicipality, "the leerplicht officers the report is routed to");
        if (refused is not null) return refused;
        var v = new Validation();
        var note = v.Optional("note", body!.Note, 2000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        report!.Acknowledge(note, clock.GetUtcNow());
        return await SavedAsync(report, request.HttpContext, db);
    }

    /// <summary>
    /// The grey zone's review (RULES.md §2): the next review date; a child now partly able to attend under a plan, at home for more
    /// than 4 weeks, becomes a thuiszitter where the region counts these (<see cref="AttendanceOptions.CountPartlyIllAsThuiszitters"/>).
    /// </summary>
    private static async Task<Results<Ok<AbsenceReportResponse>, ValidationProblem, ProblemHttpResult>> ReviewAsync(
        Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock, IOptions<AttendanceOptions> options, SchoolCalendars calendars)
    {
        var (body, malformed) = await JsonBody.ReadAsync<ReviewSicknessRequest>(request);
        if (malformed is not null) return malformed;
        var (report, refused) = await ForMoveAsync(id, request.HttpContext, db, t => t.IsMunicipality, "the home municipality's leerplicht officers");
        if (refused is not null) return refused;
        var v = new Validation();
        if (body!.NextReviewOn is null) v.Add("nextReviewOn", "Required.");
        var note = v.Optional("note", body.Note, 2000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        var now = clock.GetUtcNow();
        var today = DutchTime.DateOf(now);
        report!.Review(body.NextReviewOn!.Value, body.PartlyAbleUnderPlan, note, now);
        Guid? caseId = null;
        if (report.CountsAsPartlyIllThuiszitter(today, options.Value, await calendars.ForAsync(report.SchoolOrganisationId, request.HttpContext.RequestAborted))
            && !await db.Thuiszitters.AnyAsync(c => c.ChildReference == report.ChildReference && c.Status != ThuiszitterStatus.Resolved)
            && !await HasValidExemptionAsync(db, report.ChildReference, today))
        {
            var registered = ThuiszitterCase.Register(report.Child.Copy(), report.ChildReference, ThuiszitterKind.PartlyIll, report.FirstAbsentOn, report.Id, now,
                options.Value, report.SchoolOrganisationId);
            db.Thuiszitters.Add(registered);
            request.HttpContext.Audit().Changed(db, AuditActions.Create, "thuiszitter-case", registered.Id.ToString(), report.ChildReference);
            caseId = registered.Id;
        }
        request.HttpContext.Audit().Changed(db, AuditActions.Update, "absence-report", report.Id.ToString(), report.ChildReference);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another report opened the child's case a moment ago: nothing of this review is saved; read again and retry.
            return TypedResults.Problem(title: "It changed meanwhile.", detail: "The child's thuiszitter case opened meanwhile: read the report again and retry.",
                statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok(AbsenceReportResponse.From(report, caseId));
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
