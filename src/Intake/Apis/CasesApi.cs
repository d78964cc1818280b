using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Contracts;
using Platform.Http.Paging;
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
            .WithName("ListCases")
            .WithSummary("Any organisation: the cases it is involved in (as a referrer or named in a valid consent), newest referral first, a page at a time.");
        cases.MapGet("/{id:guid}", GetAsync)
            .WithName("GetCase")
            .WithSummary("An involved organisation reads one case: all of it under consent or as first referrer, a summary only where a later referrer was given one before December 2026 (a later referrer outside the consent now gets 404).")
            .OkIsOneOf<CaseDetailResponse, CaseSummaryResponse>("access", "detail", "summary")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Every Location the case's actions answer with is a GET that answers (for those who may read it).
        cases.MapGet("/{id:guid}/consents/{consentId:guid}", GetConsentAsync)
            .WithName("GetConsent")
            .WithSummary("An organisation fully involved in the case reads one consent recorded on it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapGet("/{id:guid}/knooppunten/{knooppuntId:guid}", GetKnooppuntAsync)
            .WithName("GetKnooppunt")
            .WithSummary("An organisation fully involved in the case reads one of its knooppunten (case meetings).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapCaseActions();
        return app;
    }

    /// <summary>Newest referral first; cases referred at the same instant by id. The cursor is the last case's (referredAt, id).</summary>
    internal static async Task<Results<Ok<Page<CaseSummaryResponse>>, ValidationProblem>> ListAsync(
        [Description("Only cases in this status: referred, awaiting-consent, open, plan-agreed or closed.")] string? status,
        [Description("Cases per page, 1 to 200 (default 50).")] int? limit,
        [Description("Where the page starts: take it from the previous page's 'next' link; leave it out for the first page.")] string? cursor,
        HttpContext http, IntakeDbContext db, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        CaseStatus? filter = null;
        if (status is not null)
        {
            if (CaseNames.Statuses.TryGetValue(status, out var s)) filter = s;
            else v.Add("status", $"One of: {string.Join(", ", CaseNames.Statuses.Keys)}.");
        }
        var page = PageRequest.Read(limit, cursor, v);
        var after = page.AfterTimeAndId(v);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var organisation = http.User.RequiredOrganisationId();
        var today = DutchTime.Today(clock);
        var query = db.Cases.AsNoTracking().VisibleTo(organisation, today);
        if (filter is { } only) query = query.Where(c => c.Status == only);
        if (after is var (afterReferredAt, afterId))
            query = query.Where(c => c.ReferredAt < afterReferredAt || (c.ReferredAt == afterReferredAt && c.Id > afterId));
        var rows = await query.OrderByDescending(c => c.ReferredAt).ThenBy(c => c.Id).Take(page.Limit + 1).ToListAsync(ct);
        var shown = rows.Take(page.Limit).ToList();
        audit.Searched("case", shown.Select(c => (c.Id.ToString(), (string?)c.ChildReference)));
        return TypedResults.Ok(page.PageOf(rows, c => CaseSummaryResponse.From(c, c.AccessFor(organisation, today)!.Value),
            c => PageRequest.TimeAndId(c.ReferredAt, c.Id), http.Request));
    }

    internal static async Task<Results<Ok<CaseSummaryResponse>, Ok<CaseDetailResponse>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, IntakeDbContext db, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var organisation = http.User.RequiredOrganisationId();
        if (await db.FindAsync(id, organisation, DutchTime.Today(clock), ct) is not var (found, access)) return CaseAccessQueries.NotFound(id);
        audit.Read("case", id.ToString(), found.ChildReference);
        if (access == AccessLevel.Summary) return TypedResults.Ok(CaseSummaryResponse.From(found, access));
        return TypedResults.Ok(await DetailAsync(found, http, db, ct));
    }

    internal static async Task<Results<Ok<ConsentResponse>, ProblemHttpResult>> GetConsentAsync(
        Guid id, Guid consentId, HttpContext http, IntakeDbContext db, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        // The same 404 for a case the caller may not read in full as for no case at all.
        if (await db.FindAsync(id, http.User.RequiredOrganisationId(), DutchTime.Today(clock), ct) is not var (found, access) || access != AccessLevel.Detail)
            return CaseAccessQueries.NotFound(id);
        var consent = await db.Consents.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consentId && c.CaseId == id, ct);
        if (consent is null) return PartNotFound("Consent", consentId, id);
        audit.Read("case", id.ToString(), found.ChildReference);
        return TypedResults.Ok(ConsentResponse.From(consent));
    }

    internal static async Task<Results<Ok<Knooppunt>, ProblemHttpResult>> GetKnooppuntAsync(
        Guid id, Guid knooppuntId, HttpContext http, IntakeDbContext db, IAuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        if (await db.FindAsync(id, http.User.RequiredOrganisationId(), DutchTime.Today(clock), ct) is not var (found, access) || access != AccessLevel.Detail)
            return CaseAccessQueries.NotFound(id);
        if (found.Knooppunten.FirstOrDefault(k => k.Id == knooppuntId) is not { } knooppunt) return PartNotFound("Knooppunt", knooppuntId, id);
        audit.Read("case", id.ToString(), found.ChildReference);
        return TypedResults.Ok(knooppunt);
    }

    private static ProblemHttpResult PartNotFound(string what, Guid partId, Guid caseId) => TypedResults.Problem(
        title: $"{what} not found.", detail: $"No {what.ToLowerInvariant()} {partId} on case {caseId}.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>The whole case, for an organisation with full access.</summary>
    private static async Task<CaseDetailResponse> DetailAsync(Case found, HttpContext http, IntakeDbContext db, CancellationToken ct)
    {
        var first = await db.Referrals.AsNoTracking().FirstAsync(r => r.Id == found.FirstReferralId, ct);
        var consents = await db.Consents.AsNoTracking().Where(c => c.CaseId == found.Id).ToListAsync(ct);
        // Samenwerkingsverbanden may not process the BSN (RULES.md §4), consent or not.
        var withBsn = http.User.OrganisationTypeOf() != "swv";
        return CaseDetailResponse.From(found, first, consents, withBsn);
    }

    internal static int KnooppuntWorkingDays(this IOptions<IntakeOptions> options) => options.Value.KnooppuntWorkingDays;
}
