using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Contracts;
using Platform.Intake.Domain;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Infrastructure;
using Platform.ServiceDefaults;

namespace Platform.Intake.Apis;

/// <summary>
/// Cases: reading (list, one case) here; the actions that move a case are in
/// <see cref="CaseActionsApi"/>. Every endpoint filters by the caller's organisation.
/// </summary>
public static class CasesApi
{
    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup($"{IntakeApi.Prefix}/cases").WithTags("Cases").RequireAuthorization()
            .Audited<RouteGroupBuilder, IntakeDbContext>("case", ConsentPurposes.Support).WithDomainProblems();

        cases.MapGet("/", ListAsync)
            .WithName("ListCases").WithSummary("The cases your organisation is involved in, newest first, paged.")
            .Produces<CasePageResponse>().ProducesValidationProblem();
        cases.MapGet("/{id:guid}", GetAsync)
            .WithName("GetCase").WithSummary("One case: all of it under consent or as first referrer, a summary for a later referrer.")
            .Produces<CaseDetailResponse>().Produces<CaseSummaryResponse>().ProducesProblem(404);
        // Every Location the case's actions answer with is a GET that answers (for those who may read it).
        cases.MapGet("/{id:guid}/consents/{consentId:guid}", GetConsentAsync)
            .WithName("GetConsent").WithSummary("One consent recorded on the case, for organisations fully involved in it.")
            .Produces<ConsentResponse>().ProducesProblem(404);
        cases.MapGet("/{id:guid}/knooppunten/{knooppuntId:guid}", GetKnooppuntAsync)
            .WithName("GetKnooppunt").WithSummary("One knooppunt (case meeting) of the case, for organisations fully involved in it.")
            .Produces<Knooppunt>().ProducesProblem(404);
        cases.MapCaseActions();
        return app;
    }

    internal static async Task<IResult> ListAsync(
        string? status, int? page, int? pageSize, HttpContext http, IntakeDbContext db, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        CaseStatus? filter = null;
        if (status is not null)
        {
            if (CaseNames.Statuses.TryGetValue(status, out var s)) filter = s;
            else v.Add("status", $"One of: {string.Join(", ", CaseNames.Statuses.Keys)}.");
        }
        if (page is < 1) v.Add("page", "From 1.");
        if (pageSize is < 1 or > 100) v.Add("pageSize", "From 1 to 100.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        var (p, size) = (page ?? 1, pageSize ?? 20);

        var organisation = http.User.RequiredOrganisationId();
        var today = DutchTime.Today(clock);
        var query = db.Cases.AsNoTracking().VisibleTo(organisation, today);
        if (filter is { } only) query = query.Where(c => c.Status == only);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.ReferredAt).ThenBy(c => c.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        audit.Searched("case", items.Select(c => (c.Id.ToString(), (string?)c.ChildReference)));
        return TypedResults.Ok(new CasePageResponse(
            [.. items.Select(c => CaseSummaryResponse.From(c, c.AccessFor(organisation, today)!.Value))], p, size, total));
    }

    internal static async Task<IResult> GetAsync(Guid id, HttpContext http, IntakeDbContext db, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var organisation = http.User.RequiredOrganisationId();
        if (await db.FindAsync(id, organisation, DutchTime.Today(clock), ct) is not var (found, access)) return CaseAccessQueries.NotFound(id);
        audit.Read("case", id.ToString(), found.ChildReference);
        return await RenderAsync(found, access, http, db, ct);
    }

    internal static async Task<IResult> GetConsentAsync(Guid id, Guid consentId, HttpContext http, IntakeDbContext db, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        // The same 404 for a case the caller may not read in full as for no case at all.
        if (await db.FindAsync(id, http.User.RequiredOrganisationId(), DutchTime.Today(clock), ct) is not var (found, access) || access != AccessLevel.Detail)
            return CaseAccessQueries.NotFound(id);
        var consent = await db.Consents.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consentId && c.CaseId == id, ct);
        if (consent is null) return PartNotFound("Consent", consentId, id);
        audit.Read("case", id.ToString(), found.ChildReference);
        return TypedResults.Ok(ConsentResponse.From(consent));
    }

    internal static async Task<IResult> GetKnooppuntAsync(Guid id, Guid knooppuntId, HttpContext http, IntakeDbContext db, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        if (await db.FindAsync(id, http.User.RequiredOrganisationId(), DutchTime.Today(clock), ct) is not var (found, access) || access != AccessLevel.Detail)
            return CaseAccessQueries.NotFound(id);
        if (found.Knooppunten.FirstOrDefault(k => k.Id == knooppuntId) is not { } knooppunt) return PartNotFound("Knooppunt", knooppuntId, id);
        audit.Read("case", id.ToString(), found.ChildReference);
        return TypedResults.Ok(knooppunt);
    }

    private static IResult PartNotFound(string what, Guid partId, Guid caseId) => TypedResults.Problem(
        title: $"{what} not found.", detail: $"No {what.ToLowerInvariant()} {partId} on case {caseId}.", statusCode: StatusCodes.Status404NotFound);

    internal static async Task<IResult> RenderAsync(Case found, AccessLevel access, HttpContext http, IntakeDbContext db, CancellationToken ct)
    {
        if (access == AccessLevel.Summary) return TypedResults.Ok(CaseSummaryResponse.From(found, access));
        var first = await db.Referrals.AsNoTracking().FirstAsync(r => r.Id == found.FirstReferralId, ct);
        var consents = await db.Consents.AsNoTracking().Where(c => c.CaseId == found.Id).ToListAsync(ct);
        // Samenwerkingsverbanden may not process the BSN (RULES.md §4), consent or not.
        var withBsn = http.User.OrganisationTypeOf() != "swv";
        return TypedResults.Ok(CaseDetailResponse.From(found, first, consents, withBsn));
    }

    internal static int KnooppuntWorkingDays(this IOptions<IntakeOptions> options) => options.Value.KnooppuntWorkingDays;
}
