using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;
using Platform.Auditing;
using Platform.DirectoryReplica;
using Platform.Privacy;

namespace Platform.Attendance.Apis;

public static class AbsenceReportsApi
{
    public static IEndpointRouteBuilder MapAbsenceReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup($"{AttendanceApi.Prefix}/absence-reports").WithTags("Absence reports")
            .RequireAuthorization().Audited<RouteGroupBuilder, AttendanceDbContext>("absence-report", LegalPurposes.Leerplicht).WithDomainProblems();
        reports.MapPost("/", SubmitAsync).Accepts<SubmitAbsenceRequest>("application/json")
            .WithSummary("A school reports absence (verzuimmelding); long-term relative absence registers a thuiszitter.");
        reports.MapGet("/", ListAsync).WithSummary("A school's own reports; a municipality's: those of children living there.");
        reports.MapGet("/{id:guid}", GetAsync);
        reports.MapPost("/{id:guid}/pick-up", (Guid id, HttpContext http, AttendanceDbContext db) =>
            ActAsOfficerAsync(id, http, db, r => r.PickUp())).WithSummary("A leerplicht officer takes the report in hand.");
        reports.MapPost("/{id:guid}/closure", async (Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock) =>
        {
            var (body, malformed) = await JsonBody.ReadAsync<CloseReportRequest>(request);
            return malformed ?? await ActAsOfficerAsync(id, request.HttpContext, db, r => r.Close(body!.Note, clock.GetUtcNow()));
        }).Accepts<CloseReportRequest>("application/json").WithSummary("The officer closes the report.");
        reports.MapPost("/{id:guid}/withdrawal", WithdrawAsync).WithSummary("The school withdraws a report no officer picked up yet.");
        return app;
    }

    private static async Task<IResult> SubmitAsync(
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

        // More than 4 weeks of absence without a valid exemption: a thuiszitter (RULES.md §2).
        ThuiszitterCase? registered = null;
        var today = DutchTime.DateOf(now);
        if (kind == AbsenceKind.LongTermRelative
            && !await db.Thuiszitters.AnyAsync(c => c.ChildReference == reference && c.Status != ThuiszitterStatus.Resolved)
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

    private static async Task<IResult> ListAsync(string? status, HttpContext http, AttendanceDbContext db, CancellationToken ct)
    {
        var tenant = Tenant.Of(http.User);
        var query = db.AbsenceReports.AsNoTracking().VisibleTo(tenant);
        if (status is not null)
        {
            var wanted = Enum.GetValues<ReportStatus>().Where(s => s.Name() == status).ToList();
            if (wanted.Count == 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["registered, in-progress, closed or withdrawn."] });
            query = query.Where(r => r.Status == wanted[0]);
        }
        var reports = await query.OrderByDescending(r => r.ReportedAt).Take(200).ToListAsync(ct);
        http.Audit().Searched("absence-report", reports.Select(r => (r.Id.ToString(), (string?)r.ChildReference)));
        return TypedResults.Ok(reports.Select(r => AbsenceReportResponse.From(r)));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, AttendanceDbContext db, CancellationToken ct)
    {
        var report = await db.AbsenceReports.AsNoTracking().VisibleTo(Tenant.Of(http.User)).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is not null) http.Audit().Read("absence-report", id.ToString(), report.ChildReference);
        return report is null ? Tenant.NotFound("Absence report", id) : TypedResults.Ok(AbsenceReportResponse.From(report));
    }

    private static async Task<IResult> ActAsOfficerAsync(Guid id, HttpContext http, AttendanceDbContext db, Action<AbsenceReport> move)
    {
        var tenant = Tenant.Of(http.User);
        var report = await db.AbsenceReports.VisibleTo(tenant).FirstOrDefaultAsync(r => r.Id == id);
        if (report is null) return Tenant.NotFound("Absence report", id);
        if (!tenant.IsMunicipality) return Tenant.Forbidden("the home municipality's leerplicht officers");
        move(report);
        http.Audit().Changed(db, AuditActions.Update, "absence-report", id.ToString(), report.ChildReference);
        await db.SaveChangesAsync();
        return TypedResults.Ok(AbsenceReportResponse.From(report));
    }

    private static async Task<IResult> WithdrawAsync(Guid id, HttpContext http, AttendanceDbContext db, TimeProvider clock)
    {
        var tenant = Tenant.Of(http.User);
        var report = await db.AbsenceReports.VisibleTo(tenant).FirstOrDefaultAsync(r => r.Id == id);
        if (report is null) return Tenant.NotFound("Absence report", id);
        if (!tenant.IsSchool) return Tenant.Forbidden("the reporting school");
        report.Withdraw(clock.GetUtcNow());
        http.Audit().Changed(db, AuditActions.Update, "absence-report", id.ToString(), report.ChildReference);
        await db.SaveChangesAsync();
        return TypedResults.Ok(AbsenceReportResponse.From(report));
    }
}
