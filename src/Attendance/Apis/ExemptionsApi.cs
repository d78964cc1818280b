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

public static class ExemptionsApi
{
    private static readonly Dictionary<string, ExemptionArticle> Articles = new()
    {
        ["5a"] = ExemptionArticle.A5a,
        ["5b"] = ExemptionArticle.A5b,
        ["5c"] = ExemptionArticle.A5c,
    };

    public static IEndpointRouteBuilder MapExemptionsApi(this IEndpointRouteBuilder app)
    {
        var exemptions = app.MapGroup($"{AttendanceApi.Prefix}/exemptions").WithTags("Exemptions")
            .RequireAuthorization().Audited<RouteGroupBuilder, AttendanceDbContext>("exemption", LegalPurposes.Leerplicht).WithDomainProblems();
        exemptions.MapPost("/", GrantAsync).Accepts<GrantExemptionRequest>("application/json")
            .WithName("GrantExemption").ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("A leerplicht officer records an exemption (vrijstelling, art. 5 sub a/b/c) for a child of their municipality.");
        exemptions.MapGet("/", ListAsync).WithName("ListExemptions")
            .WithSummary("A municipality's exemptions, soonest ending first (to review before 1 July); other organisations see none.");
        // The Location a granted exemption answers with: the leerplicht officers of the child's municipality read it.
        exemptions.MapGet("/{id:guid}", GetAsync).WithName("GetExemption").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One exemption, for the leerplicht officers of the child's municipality.");
        exemptions.MapPost("/{id:guid}/renewal", RenewAsync).Accepts<RenewExemptionRequest>("application/json")
            .WithName("RenewExemption").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A leerplicht officer records the parents' yearly renewal notice, before 1 July (RULES.md §3): an exemption for the next school year.");
        exemptions.MapPost("/{id:guid}/check", CloseCheckAsync).Accepts<CloseCheckRequest>("application/json")
            .WithName("CloseAbsoluteAbsenceCheck").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A leerplicht officer records what the absolute-absence check after a lapsed exemption found; absolute-verzuim opens a thuiszitter case.");
        return app;
    }

    private static async Task<Results<Ok<Page<ExemptionResponse>>, ValidationProblem>> ListAsync(
        [Description("Only exemptions in this status: active, renewal-due (the officer's renewal task), renewed, check-open (lapsed: check for absoluut verzuim) or ended.")] string? status,
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, AttendanceDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        var (endsOn, afterId) = (default(DateOnly), default(Guid));
        if (page.After is { } keys && !(keys.Count == 2 && keys.TryDate(0, out endsOn) && keys.TryGuid(1, out afterId)))
            v.Add("cursor", PageRequest.ForeignCursor);
        if (status is not null && !ExemptionStatuses.All.Contains(status)) v.Add("status", string.Join(", ", ExemptionStatuses.All) + ".");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var tenant = Tenant.Of(http.User);
        if (!tenant.IsMunicipality) return TypedResults.Ok(new Page<ExemptionResponse>([], null));
        var query = db.Exemptions.AsNoTracking().Where(e => e.Child.HomeMunicipality == tenant.Municipality);
        // The same order of precedence as Exemption.Status.
        query = status switch
        {
            ExemptionStatuses.CheckOpen => query.Where(e => e.CheckOpenedAt != null && e.CheckClosedAt == null),
            ExemptionStatuses.Ended => query.Where(e => e.EndedAt != null && (e.CheckOpenedAt == null || e.CheckClosedAt != null)),
            ExemptionStatuses.Renewed => query.Where(e => e.EndedAt == null && e.RenewedById != null),
            ExemptionStatuses.RenewalDue => query.Where(e => e.EndedAt == null && e.RenewedById == null && e.RenewalReminderRaisedAt != null),
            ExemptionStatuses.Active => query.Where(e => e.EndedAt == null && e.RenewedById == null && e.RenewalReminderRaisedAt == null),
            _ => query,
        };
        if (page.After is not null)
            query = query.Where(e => e.EndsOn > endsOn || (e.EndsOn == endsOn && e.Id.CompareTo(afterId) > 0));
        var rows = await query.OrderBy(e => e.EndsOn).ThenBy(e => e.Id).Take(page.Limit + 1).ToListAsync(ct);
        http.Audit().Searched("exemption", rows.Take(page.Limit).Select(e => (e.Id.ToString(), (string?)e.ChildReference)));
        return TypedResults.Ok(page.PageOf(rows, ExemptionResponse.From, e => [Cursor.Key(e.EndsOn), Cursor.Key(e.Id)], http.Request));
    }

    private static async Task<Results<Ok<ExemptionResponse>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, AttendanceDbContext db, CancellationToken ct)
    {
        var found = await FindAsync(id, http, db.Exemptions.AsNoTracking(), ct);
        if (found is null) return NotFound(id);
        http.Audit().Read("exemption", id.ToString(), found.ChildReference);
        return TypedResults.Ok(ExemptionResponse.From(found));
    }

    /// <summary>The exemption when the caller is a leerplicht officer of the child's municipality; for anyone else, none (404).</summary>
    private static async Task<Exemption?> FindAsync(Guid id, HttpContext http, IQueryable<Exemption> exemptions, CancellationToken ct)
    {
        var tenant = Tenant.Of(http.User);
        return tenant.IsMunicipality ? await exemptions.FirstOrDefaultAsync(e => e.Id == id && e.Child.HomeMunicipality == tenant.Municipality, ct) : null;
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(title: "Exemption not found.", detail: $"No exemption {id} for your municipality.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>The statement and the SWV's advice as sent, validated at the edge (their rules are the domain's).</summary>
    private static (ExpertStatement? Statement, SwvAdvice? Advice) ReadEvidence(Validation v, StatementRequest? s, SwvAdviceRequest? a)
    {
        ExpertStatement? statement = null;
        if (s is not null)
        {
            if (s.Profession is not ("doctor" or "pedagoog" or "psycholoog")) v.Add("statement.profession", "doctor, pedagoog or psycholoog.");
            var by = v.Required("statement.issuedBy", s.IssuedBy, 200);
            if (s.IssuedOn is null) v.Add("statement.issuedOn", "Required.");
            if (s.TreatingProfessional is null) v.Add("statement.treatingProfessional", "Required: is the signer the child's own treating professional?");
            if (v.IsValid) statement = new ExpertStatement(s.Profession!, by!, s.IssuedOn!.Value, s.TreatingProfessional!.Value, s.Never ?? false);
        }
        SwvAdvice? advice = null;
        if (a is not null)
        {
            var swv = v.Required("swvAdvice.swvOrganisationId", a.SwvOrganisationId, 100);
            var text = v.Required("swvAdvice.advice", a.Advice, 2000);
            if (a.AdvisedOn is null) v.Add("swvAdvice.advisedOn", "Required.");
            if (v.IsValid) advice = new SwvAdvice(swv!, a.AdvisedOn!.Value, text!);
        }
        return (statement, advice);
    }

    private static async Task RequireSwvAsync(IRegionDirectory directory, SwvAdvice? advice, CancellationToken ct)
    {
        if (advice is not null
            && (await directory.RequireOrganisationAsync("swvAdvice.swvOrganisationId", advice.SwvOrganisationId, ct)).Type != Contracts.OrganisationTypes.Swv)
            throw new DomainRuleException("swvAdvice.swvOrganisationId", $"'{advice.SwvOrganisationId}' is not a samenwerkingsverband.");
    }

    private static async Task<Results<Created<ExemptionResponse>, ValidationProblem, ProblemHttpResult>> RenewAsync(
        Guid id, HttpRequest request, AttendanceDbContext db, IRegionDirectory directory, TimeProvider clock, IOptions<AttendanceOptions> options)
    {
        var (body, malformed) = await JsonBody.ReadAsync<RenewExemptionRequest>(request);
        if (malformed is not null) return malformed;
        var ct = request.HttpContext.RequestAborted;
        var previous = await FindAsync(id, request.HttpContext, db.Exemptions, ct);
        if (previous is null) return NotFound(id);
        var v = new Validation();
        var (statement, advice) = ReadEvidence(v, body!.Statement, body.SwvAdvice);
        var grounds = v.Optional("grounds", body.Grounds, 2000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The renewal has errors.");
        await RequireSwvAsync(directory, advice, ct);

        var renewal = previous.Renew(statement, advice, grounds, Tenant.Of(request.HttpContext.User).OrganisationId, clock.GetUtcNow(), options.Value);
        db.Exemptions.Add(renewal);
        var audit = request.HttpContext.Audit();
        audit.Changed(db, AuditActions.Update, "exemption", previous.Id.ToString(), previous.ChildReference);
        audit.Changed(db, AuditActions.Create, "exemption", renewal.Id.ToString(), renewal.ChildReference);
        await db.SaveChangesAsync();
        return TypedResults.Created($"{AttendanceApi.Prefix}/exemptions/{renewal.Id}", ExemptionResponse.From(renewal));
    }

    /// <summary>
    /// The absolute-absence check's outcome (RULES.md §2-3). absolute-verzuim: the child is not enrolled anywhere, a thuiszitter case
    /// opens (kind absolute, at home since the day after the exemption's last day) in the same transaction, or the open one is named.
    /// </summary>
    private static async Task<Results<Ok<ExemptionResponse>, ValidationProblem, ProblemHttpResult>> CloseCheckAsync(
        Guid id, HttpRequest request, AttendanceDbContext db, TimeProvider clock, IOptions<AttendanceOptions> options)
    {
        var (body, malformed) = await JsonBody.ReadAsync<CloseCheckRequest>(request);
        if (malformed is not null) return malformed;
        var ct = request.HttpContext.RequestAborted;
        var exemption = await FindAsync(id, request.HttpContext, db.Exemptions, ct);
        if (exemption is null) return NotFound(id);
        var v = new Validation();
        if (body!.Outcome is null || !CheckOutcomes.Stated.Contains(body.Outcome)) v.Add("outcome", string.Join(", ", CheckOutcomes.Stated) + ".");
        var note = v.Optional("note", body.Note, 2000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var now = clock.GetUtcNow();
        var audit = request.HttpContext.Audit();
        Guid? caseId = null;
        if (body.Outcome == CheckOutcomes.AbsoluteVerzuim && exemption.CheckOpenedAt is not null && exemption.CheckClosedAt is null)
        {
            var open = await db.Thuiszitters.FirstOrDefaultAsync(c => c.ChildReference == exemption.ChildReference && c.Status != ThuiszitterStatus.Resolved, ct);
            if (open is null)
            {
                var registered = ThuiszitterCase.Register(exemption.Child.Copy(), exemption.ChildReference, ThuiszitterKind.Absolute, exemption.EndsOn.AddDays(1), null, now, options.Value);
                db.Thuiszitters.Add(registered);
                audit.Changed(db, AuditActions.Create, "thuiszitter-case", registered.Id.ToString(), exemption.ChildReference);
                open = registered;
            }
            caseId = open.Id;
        }
        exemption.CloseCheck(body.Outcome!, note, now, caseId);
        audit.Changed(db, AuditActions.Update, "exemption", exemption.Id.ToString(), exemption.ChildReference);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ExemptionResponse.From(exemption, caseId));
    }

    private static async Task<Results<Created<ExemptionResponse>, ValidationProblem, ProblemHttpResult>> GrantAsync(
        HttpRequest request, AttendanceDbContext db, IRegionDirectory directory, ChildReferences childReferences, TimeProvider clock, IOptions<AttendanceOptions> options)
    {
        var tenant = Tenant.Of(request.HttpContext.User);
        if (!tenant.IsMunicipality) return Tenant.Forbidden("leerplicht officers");
        var (body, malformed) = await JsonBody.ReadAsync<GrantExemptionRequest>(request);
        if (malformed is not null) return malformed;
        var now = clock.GetUtcNow();
        var v = new Validation();
        var child = ChildInput.Read(v, body!.Child, DutchTime.DateOf(now), childReferences, out var identifier);
        if (body.Article is null || !Articles.TryGetValue(body.Article, out var article)) { v.Add("article", "5a, 5b or 5c."); article = default; }
        if (body.StartsOn is null) v.Add("startsOn", "Required.");
        var (statement, advice) = ReadEvidence(v, body.Statement, body.SwvAdvice);
        var grounds = v.Optional("grounds", body.Grounds, 2000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The exemption has errors.");
        await directory.RequireInRegionAsync(child!, request.HttpContext.RequestAborted);
        await RequireSwvAsync(directory, advice, request.HttpContext.RequestAborted);
        if (child!.HomeMunicipality != tenant.Municipality)
            throw new DomainRuleException("child.homeMunicipality", "Exemptions are recorded by the municipality the child lives in.");

        // A child linked to its BSN since (ADR-0015) is found under the BSN's reference by its old identifier too.
        var reference = await db.CurrentReferenceAsync(childReferences.For(identifier), request.HttpContext.RequestAborted);
        var exemption = Exemption.Grant(child, reference, article, body.StartsOn!.Value, statement, advice, grounds, tenant.OrganisationId, now, options.Value);
        db.Exemptions.Add(exemption);
        // An exempted child is not a thuiszitter: an open case closes with that explicit, counted reason.
        var open = await db.Thuiszitters.FirstOrDefaultAsync(c => c.ChildReference == reference && c.Status != ThuiszitterStatus.Resolved);
        if (open is not null && exemption.IsValidOn(DutchTime.DateOf(now))) open.Resolve(ResolutionReason.Exempted, $"Exemption {Exemption.Name(article)}", now);
        // A new notice for a child whose exemption runs out takes over (no check when that one ends), and closes a check a lapse opened.
        foreach (var earlier in await db.Exemptions.Where(e => e.ChildReference == reference && (e.EndedAt == null || (e.CheckOpenedAt != null && e.CheckClosedAt == null))).ToListAsync())
        {
            earlier.SupersedeBy(exemption);
            if (earlier.CheckOpenedAt is not null && earlier.CheckClosedAt is null)
                earlier.CloseCheck(CheckOutcomes.Exempted, $"Exemption {exemption.Id}", now);
        }
        request.HttpContext.Audit().Changed(db, AuditActions.Create, "exemption", exemption.Id.ToString(), reference);
        await db.SaveChangesAsync();
        return TypedResults.Created($"{AttendanceApi.Prefix}/exemptions/{exemption.Id}", ExemptionResponse.From(exemption));
    }
}
