using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.ConsentReplica;
using Platform.Contracts;
using Platform.DirectoryReplica;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Http.Paging;

namespace Platform.Funding.Apis;

/// <summary>
/// Toelaatbaarheidsverklaringen: a school requests, the SWV asks two experts, the experts advise, the
/// SWV decides within its term. Who sees what: the requesting school, the deciding SWV and the invited
/// experts, each only under a valid consent for the TLV; everyone else 404.
/// </summary>
public static class TlvApi
{
    public static IEndpointRouteBuilder MapTlvApi(this IEndpointRouteBuilder app)
    {
        var tlvs = app.MapGroup($"{FundingApi.Prefix}/tlvs").WithTags("TLVs").RequireAuthorization()
            .Audited<RouteGroupBuilder, FundingDbContext>("tlv", ConsentPurposes.Tlv).WithDomainProblems()
            .VisibleRecordsOnly((http, id, ct) => http.RequestServices.GetRequiredService<FundingDbContext>().Tlvs.AsNoTracking()
                .Involving(http.User.RequiredOrganisationId()).AnyAsync(t => t.Id == id, ct), NotFound);
        tlvs.MapPost("/", RequestAsync).Accepts<RequestTlvRequest>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RequestTlv")
            .WithSummary("A school requests a TLV for a child of an Intake case (the case's consent must cover the school and its SWV for 'tlv').");
        tlvs.MapGet("/", ListAsync)
            .WithName("ListTlvs")
            .WithSummary("The requesting school, the deciding SWV and the asked experts list the TLVs they take part in, newest first.");
        tlvs.MapGet("/{id:guid}", GetAsync)
            .WithName("GetTlv")
            .WithSummary("Those taking part read one TLV; its file (substantiation, views, advices) only under consent for 'tlv'.");
        tlvs.MapPost("/{id:guid}/experts", InviteAsync).Accepts<InviteExpertRequest>("application/json")
            .Act("InviteTlvExpert", "The SWV asks an organisation for an advice as orthopedagoog, psycholoog, or a second expert.");
        tlvs.MapPost("/{id:guid}/advices", AdviseAsync).Accepts<GiveAdviceRequest>("application/json")
            .Act("GiveTlvAdvice", "An invited expert gives its separate written advice.");
        tlvs.MapPost("/{id:guid}/decision", DecideAsync).Accepts<DecideTlvRequest>("application/json")
            .Act("DecideTlv", "The SWV grants (SBO, or SO/VSO with its category, for a period) or refuses, with the parents' view: only after the two advices.");
        tlvs.MapPost("/{id:guid}/withdrawal", WithdrawAsync)
            .Act("WithdrawTlv", "The requesting school withdraws a request not yet decided.");
        return app;
    }

    /// <summary>A step's name and summary, and what every step answers itself: 403 not the caller's step, 409 a lost race.</summary>
    private static RouteHandlerBuilder Act(this RouteHandlerBuilder step, string name, string summary) =>
        step.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(name).WithSummary(summary);

    private static IQueryable<Tlv> Involving(this IQueryable<Tlv> tlvs, string org) =>
        tlvs.Where(t => t.SchoolOrganisationId == org || t.SwvId == org || t.Invitations.Any(i => i.OrganisationId == org));

    /// <summary>The full TLV needs a valid consent for the TLV; the deciding SWV always sees its own decision, nothing more.</summary>
    private static async Task<(bool Visible, bool Full)> SightAsync(Tlv t, ClaimsPrincipal user, IConsentCheck consents, TimeProvider clock, CancellationToken ct)
    {
        var org = user.RequiredOrganisationId();
        var full = await consents.CoversAsync(t.ChildReference, org, ConsentPurposes.Tlv, DutchTime.Today(clock), ct);
        return (full || org == t.SwvId, full);
    }

    private static async Task<Results<Created<TlvResponse>, ValidationProblem, ProblemHttpResult>> RequestAsync(HttpRequest request, FundingDbContext db, IRegionDirectory directory, IConsentCheck consents,
        IOptions<FundingOptions> options, TimeProvider clock)
    {
        var user = request.HttpContext.User;
        if (user.OrganisationTypeOf() != OrganisationTypes.School)
            return ArrangementsApi.Forbidden("A TLV is requested by the school where the child is enrolled.");
        var (body, malformed) = await JsonBody.ReadAsync<RequestTlvRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.CaseId is null || body.CaseId == Guid.Empty) v.Add("caseId", "Required: the Intake case of the child.");
        var location = v.Required("schoolLocationId", body.SchoolLocationId, 100);
        if (body.Kind is null || !TlvKinds.All.Contains(body.Kind)) v.Add("kind", $"One of: {string.Join(", ", TlvKinds.All)}.");
        var receiving = v.Optional("receivingLocationId", body.ReceivingLocationId, 100);
        var substantiation = v.Required("substantiation", body.Substantiation, 4000);
        var parentsView = v.Required("parentsView", body.ParentsView, 4000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The TLV request has errors.");

        var ct = request.HttpContext.RequestAborted;
        var org = user.RequiredOrganisationId();
        var today = DutchTime.Today(clock);
        var @case = await consents.CaseAsync(body.CaseId!.Value, ct)
            ?? throw new DomainRuleException("caseId", "No open case with this id is known: the child needs a case in Intake first.");
        var attends = await directory.RequireLocationAsync("schoolLocationId", location!, ct);
        if (attends.OrganisationId != org) throw new DomainRuleException("schoolLocationId", $"{location} is not one of your locations.");
        if (attends.Swv is null) throw new DomainRuleException("schoolLocationId", $"{location} belongs to no samenwerkingsverband.");
        if (receiving is not null) await RequireSpecialEducationAsync(directory, "receivingLocationId", receiving, ct);
        await consents.RequireAsync("caseId", @case.ChildReference, org, ConsentPurposes.Tlv, today, ct);
        await consents.RequireAsync("caseId", @case.ChildReference, attends.Swv, ConsentPurposes.Tlv, today, ct);
        if (await db.Tlvs.AnyAsync(t => t.ChildReference == @case.ChildReference && t.Status == TlvStatus.Requested, ct))
            return TypedResults.Problem(title: "A request is open already.", detail: "This child has a TLV request awaiting its decision.",
                statusCode: StatusCodes.Status409Conflict);

        var tlv = Tlv.Request(@case.CaseId, @case.ChildReference, @case.HomeMunicipality, org, attends.Id, attends.Swv, body.Kind!, receiving,
            substantiation!, parentsView!, options.Value.TlvDecisionTermDays, clock.GetUtcNow());
        db.Tlvs.Add(tlv);
        request.HttpContext.Audit().Changed(db, AuditActions.Create, "tlv", tlv.Id.ToString(), tlv.ChildReference);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{FundingApi.Prefix}/tlvs/{tlv.Id}", TlvResponse.From(tlv, full: true));
    }

    /// <summary>
    /// Newest first, the id breaking ties. A TLV whose consent no longer covers the caller is left out
    /// of its page after the query; 'next' still follows the last row read, so a page may hold fewer
    /// than <c>limit</c> items but nothing the caller may see is skipped.
    /// </summary>
    private static async Task<Results<Ok<Page<TlvResponse>>, ValidationProblem>> ListAsync(
        [Description("Only those in this status: requested, granted, refused, withdrawn, ended.")] string? status,
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, FundingDbContext db, IConsentCheck consents, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        TlvStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<TlvStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
                v.Add("status", $"One of: {string.Join(", ", Enum.GetNames<TlvStatus>().Select(n => n.ToLowerInvariant()))}.");
            else wanted = s;
        }
        var page = PageRequest.Read(limit, cursor, v);
        var after = page.AfterTimeAndId(v);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The list request has errors.");

        var org = http.User.RequiredOrganisationId();
        var query = db.Tlvs.AsNoTracking().Involving(org).Where(t => wanted == null || t.Status == wanted);
        if (after is var (at, last)) query = query.Where(t => t.RequestedAt < at || (t.RequestedAt == at && t.Id.CompareTo(last) < 0));
        var rows = await query.OrderByDescending(t => t.RequestedAt).ThenByDescending(t => t.Id).Take(page.Limit + 1).ToListAsync(ct);
        var read = page.PageOf(rows, t => t, t => PageRequest.TimeAndId(t.RequestedAt, t.Id), http.Request);

        var shown = new List<TlvResponse>();
        foreach (var t in read.Items)
            if (await SightAsync(t, http.User, consents, clock, ct) is { Visible: true } sight) shown.Add(TlvResponse.From(t, sight.Full));
        http.Audit().Searched("tlv", shown.Select(t => (t.Id.ToString(), (string?)t.ChildReference)));
        return TypedResults.Ok(new Page<TlvResponse>(shown, read.Next));
    }

    private static async Task<Results<Ok<TlvResponse>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, FundingDbContext db, IConsentCheck consents, TimeProvider clock, CancellationToken ct)
    {
        var tlv = await db.Tlvs.AsNoTracking().Involving(http.User.RequiredOrganisationId()).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tlv is null || await SightAsync(tlv, http.User, consents, clock, ct) is not { Visible: true } sight) return NotFound(id);
        http.Audit().Read("tlv", id.ToString(), tlv.ChildReference);
        return TypedResults.Ok(TlvResponse.From(tlv, sight.Full));
    }

    private static async Task<Results<Ok<TlvResponse>, ValidationProblem, ProblemHttpResult>> InviteAsync(Guid id, HttpRequest request, FundingDbContext db, IRegionDirectory directory, IConsentCheck consents, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<InviteExpertRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var expert = v.Required("organisationId", body!.OrganisationId, 100);
        if (body.Profession is null || !Professions.All.Contains(body.Profession)) v.Add("profession", $"One of: {string.Join(", ", Professions.All)}.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        return await ActAsync(id, request.HttpContext, db, consents, clock, Role.Swv, async (t, ct) =>
        {
            await directory.RequireOrganisationAsync("organisationId", expert!, ct);
            // The expert sees the child's file: the parents' consent must cover it.
            await consents.RequireAsync("organisationId", t.ChildReference, expert!, ConsentPurposes.Tlv, DutchTime.Today(clock), ct);
            t.Invite(expert!, body.Profession!, clock.GetUtcNow());
        }, TypedResults.Ok).Widened();
    }

    private static async Task<Results<Created<TlvResponse>, ValidationProblem, ProblemHttpResult>> AdviseAsync(Guid id, HttpRequest request, FundingDbContext db, IConsentCheck consents, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<GiveAdviceRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var name = v.Required("expertName", body!.ExpertName, 200);
        if (body.Profession is null || !Professions.All.Contains(body.Profession)) v.Add("profession", $"One of: {string.Join(", ", Professions.All)}.");
        if (body.Advice is not ("favourable" or "unfavourable")) v.Add("advice", "favourable or unfavourable.");
        var summary = v.Required("summary", body.Summary, 4000);
        if (body.GivenOn is null) v.Add("givenOn", "Required.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The advice has errors.");
        var org = request.HttpContext.User.RequiredOrganisationId();
        return await ActAsync(id, request.HttpContext, db, consents, clock, Role.Expert,
            (t, _) => { t.Advise(org, name!, body.Profession!, body.Advice!, summary!, body.GivenOn!.Value, clock.GetUtcNow()); return Task.CompletedTask; },
            tlv => TypedResults.Created($"{FundingApi.Prefix}/tlvs/{tlv.Id}", tlv)).Widened();
    }

    private static async Task<Results<Ok<TlvResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(Guid id, HttpRequest request, FundingDbContext db, IRegionDirectory directory, IConsentCheck consents, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<DecideTlvRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.Outcome is not ("granted" or "refused")) v.Add("outcome", "granted or refused.");
        var parentsView = v.Required("parentsView", body.ParentsView, 4000);
        var reasons = v.Required("reasons", body.Reasons, 4000);
        var receiving = v.Optional("receivingLocationId", body.ReceivingLocationId, 100);
        var category = v.Optional("category", body.Category, 10);
        if (body.Outcome == "granted")
        {
            if (body.Kind is null || !TlvKinds.All.Contains(body.Kind)) v.Add("kind", $"One of: {string.Join(", ", TlvKinds.All)}.");
            if (body.ValidFrom is null) v.Add("validFrom", "Required: the first day.");
            if (body.ValidUntil is null) v.Add("validUntil", "Required: a TLV is always time-limited.");
        }
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The decision has errors.");
        var org = request.HttpContext.User.RequiredOrganisationId();
        return await ActAsync(id, request.HttpContext, db, consents, clock, Role.Swv, async (t, ct) =>
        {
            var now = clock.GetUtcNow();
            if (body.Outcome == "refused")
            {
                t.Refuse(org, parentsView!, reasons!, now);
                return;
            }
            if (receiving is not null) await RequireSpecialEducationAsync(directory, "receivingLocationId", receiving, ct);
            t.Grant(org, body.Kind!, category, receiving, body.ValidFrom!.Value, body.ValidUntil!.Value, parentsView!, reasons!, now);
        }, TypedResults.Ok).Widened();
    }

    private static Task<Results<Ok<TlvResponse>, ProblemHttpResult>> WithdrawAsync(Guid id, HttpContext http, FundingDbContext db, IConsentCheck consents, TimeProvider clock) =>
        ActAsync(id, http, db, consents, clock, Role.Requester, (t, _) => { t.Withdraw(clock.GetUtcNow()); return Task.CompletedTask; }, TypedResults.Ok);

    private enum Role { Requester, Swv, Expert }

    /// <summary>
    /// Loads the TLV for an organisation in the role the step needs (404 otherwise), runs the step,
    /// saves, and answers the TLV as <paramref name="answer"/> says (200, or 201 for a new advice).
    /// </summary>
    private static async Task<Results<TSuccess, ProblemHttpResult>> ActAsync<TSuccess>(Guid id, HttpContext http, FundingDbContext db,
        IConsentCheck consents, TimeProvider clock, Role role, Func<Tlv, CancellationToken, Task> step, Func<TlvResponse, TSuccess> answer)
        where TSuccess : IResult
    {
        var org = http.User.RequiredOrganisationId();
        var ct = http.RequestAborted;
        return await Concurrency.RetryAsync<TSuccess>(db, async () =>
        {
            var tlv = await db.Tlvs.Involving(org).FirstOrDefaultAsync(t => t.Id == id, ct);
            if (tlv is null || await SightAsync(tlv, http.User, consents, clock, ct) is not { Visible: true } sight) return NotFound(id);
            var allowed = role switch
            {
                Role.Requester => tlv.SchoolOrganisationId == org,
                Role.Swv => tlv.SwvId == org,
                _ => tlv.IsInvited(org),
            };
            if (!allowed) return ArrangementsApi.Forbidden(role switch
            {
                Role.Requester => "Only the requesting school does this.",
                Role.Swv => "The samenwerkingsverband decides and asks the experts.",
                _ => "Only an expert the SWV asked gives an advice.",
            });
            // Everything but the SWV's own decision record needs the consent for the TLV.
            if (!sight.Full && role != Role.Swv) return NotFound(id);
            await step(tlv, ct);
            http.Audit().Changed(db, AuditActions.Update, "tlv", tlv.Id.ToString(), tlv.ChildReference);
            await db.SaveChangesAsync(ct);
            return answer(TlvResponse.From(tlv, full: sight.Full));
        });
    }

    private static async Task RequireSpecialEducationAsync(IRegionDirectory directory, string field, string locationId, CancellationToken ct)
    {
        var location = await directory.RequireLocationAsync(field, locationId, ct);
        if (!LocationKinds.IsSpecialEducation(location.Kind))
            throw new DomainRuleException(field, $"{locationId} is not a special school (SBO, SO or VSO).");
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        title: "TLV not found.", detail: $"No TLV {id} your organisation takes part in.", statusCode: StatusCodes.Status404NotFound);
}
