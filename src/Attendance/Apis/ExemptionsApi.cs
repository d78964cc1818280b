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
        return app;
    }

    private static async Task<Results<Ok<Page<ExemptionResponse>>, ValidationProblem>> ListAsync(
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, AttendanceDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        var (endsOn, afterId) = (default(DateOnly), default(Guid));
        if (page.After is { } keys && !(keys.Count == 2 && keys.TryDate(0, out endsOn) && keys.TryGuid(1, out afterId)))
            v.Add("cursor", PageRequest.ForeignCursor);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var tenant = Tenant.Of(http.User);
        if (!tenant.IsMunicipality) return TypedResults.Ok(new Page<ExemptionResponse>([], null));
        var query = db.Exemptions.AsNoTracking().Where(e => e.Child.HomeMunicipality == tenant.Municipality);
        if (page.After is not null)
            query = query.Where(e => e.EndsOn > endsOn || (e.EndsOn == endsOn && e.Id.CompareTo(afterId) > 0));
        var rows = await query.OrderBy(e => e.EndsOn).ThenBy(e => e.Id).Take(page.Limit + 1).ToListAsync(ct);
        http.Audit().Searched("exemption", rows.Take(page.Limit).Select(e => (e.Id.ToString(), (string?)e.ChildReference)));
        return TypedResults.Ok(page.PageOf(rows, ExemptionResponse.From, e => [Cursor.Key(e.EndsOn), Cursor.Key(e.Id)], http.Request));
    }

    private static async Task<Results<Ok<ExemptionResponse>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, AttendanceDbContext db, CancellationToken ct)
    {
        var tenant = Tenant.Of(http.User);
        var found = tenant.IsMunicipality
            ? await db.Exemptions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.Child.HomeMunicipality == tenant.Municipality, ct)
            : null;
        if (found is null)
            return TypedResults.Problem(title: "Exemption not found.", detail: $"No exemption {id} for your municipality.", statusCode: StatusCodes.Status404NotFound);
        http.Audit().Read("exemption", id.ToString(), found.ChildReference);
        return TypedResults.Ok(ExemptionResponse.From(found));
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
        var child = ChildInput.Read(v, body!.Child, DutchTime.DateOf(now), out var bsn);
        if (body.Article is null || !Articles.TryGetValue(body.Article, out var article)) { v.Add("article", "5a, 5b or 5c."); article = default; }
        if (body.StartsOn is null) v.Add("startsOn", "Required.");
        ExpertStatement? statement = null;
        if (body.Statement is { } s)
        {
            if (s.Profession is not ("doctor" or "pedagoog" or "psycholoog")) v.Add("statement.profession", "doctor, pedagoog or psycholoog.");
            var by = v.Required("statement.issuedBy", s.IssuedBy, 200);
            if (s.IssuedOn is null) v.Add("statement.issuedOn", "Required.");
            if (s.TreatingProfessional is null) v.Add("statement.treatingProfessional", "Required: is the signer the child's own treating professional?");
            if (v.IsValid) statement = new ExpertStatement(s.Profession!, by!, s.IssuedOn!.Value, s.TreatingProfessional!.Value, s.Never ?? false);
        }
        SwvAdvice? advice = null;
        if (body.SwvAdvice is { } a)
        {
            var swv = v.Required("swvAdvice.swvOrganisationId", a.SwvOrganisationId, 100);
            var text = v.Required("swvAdvice.advice", a.Advice, 2000);
            if (a.AdvisedOn is null) v.Add("swvAdvice.advisedOn", "Required.");
            if (v.IsValid) advice = new SwvAdvice(swv!, a.AdvisedOn!.Value, text!);
        }
        var grounds = v.Optional("grounds", body.Grounds, 2000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The exemption has errors.");
        await directory.RequireInRegionAsync(child!, request.HttpContext.RequestAborted);
        if (advice is not null
            && (await directory.RequireOrganisationAsync("swvAdvice.swvOrganisationId", advice.SwvOrganisationId, request.HttpContext.RequestAborted)).Type != Contracts.OrganisationTypes.Swv)
            throw new DomainRuleException("swvAdvice.swvOrganisationId", $"'{advice.SwvOrganisationId}' is not a samenwerkingsverband.");
        if (child!.HomeMunicipality != tenant.Municipality)
            throw new DomainRuleException("child.homeMunicipality", "Exemptions are recorded by the municipality the child lives in.");

        var reference = childReferences.For(bsn);
        var exemption = Exemption.Grant(child, reference, article, body.StartsOn!.Value, statement, advice, grounds, tenant.OrganisationId, now, options.Value);
        db.Exemptions.Add(exemption);
        // An exempted child is not a thuiszitter: an open case closes with that explicit, counted reason.
        var open = await db.Thuiszitters.FirstOrDefaultAsync(c => c.ChildReference == reference && c.Status != ThuiszitterStatus.Resolved);
        if (open is not null && exemption.IsValidOn(DutchTime.DateOf(now))) open.Resolve(ResolutionReason.Exempted, $"Exemption {Exemption.Name(article)}", now);
        request.HttpContext.Audit().Changed(db, AuditActions.Create, "exemption", exemption.Id.ToString(), reference);
        await db.SaveChangesAsync();
        return TypedResults.Created($"{AttendanceApi.Prefix}/exemptions/{exemption.Id}", ExemptionResponse.From(exemption));
    }
}
