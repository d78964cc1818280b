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
        tlvs.MapPost("/{id:guid}/objection", ObjectAsync).Accepts<FileObjectionRequest>("application/json")
            .Act("FileTlvObjection", "The requesting school files the parents' objection, within 6 weeks of the decision (RULES.md §4; later: 422).");
        tlvs.MapPost("/{id:guid}/objection/lbt-request", AskLbtAsync)
            .Act("RequestLbtAdvice", "The SWV records that it asked the LBT's advice on the objection (RULES.md §4: within 2 weeks).");
        tlvs.MapPost("/{id:guid}/objection/decision", DecideObjectionAsync).Accepts<DecideObjectionRequest>("application/json")
            .Act("DecideTlvObjection", "The SWV decides on the objection after asking the LBT: rejected (the decision stands) or upheld (with the new decision).");
        tlvs.MapPost("/{id:guid}/renewal", RenewAsync).Accepts<ChooseRenewalRequest>("application/json")
            .Act("ChooseTlvRenewal", "Before expiry: the school asks for an extension (a new request, two advices again) or the school or SWV plans a terugplaatsing.");
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
        // The same answer whether the case is unknown or does not name this school for the TLV: no oracle for a guessed id (#25 point 4).
        var @case = await consents.CaseAsync(body.CaseId!.Value, ct);
        if (@case is null || !await consents.CoversAsync(@case.ChildReference, org, ConsentPurposes.Tlv, today, ct))
            throw new DomainRuleException("caseId", UnknownOrNotConsented);
        var attends = await directory.RequireLocationAsync("schoolLocationId", location!, ct);
        if (attends.OrganisationId != org) throw new DomainRuleException("schoolLocationId", $"{location} is not one of your locations.");
        if (attends.Swv is null) throw new DomainRuleException("schoolLocationId", $"{location} belongs to no samenwerkingsverband.");
        if (receiving is not null) await RequireSpecialEducationAsync(directory, "receivingLocationId", receiving, ct);
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
        [Description("true: only granted TLVs whose renewal task is open (extend or plan a terugplaatsing, RULES.md §4).")] bool? renewalOpen,
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
        if (renewalOpen == true)
            query = query.Where(t => t.Status == TlvStatus.Granted && t.Renewal.DueRaisedAt != null && t.Renewal.Choice == null);
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

    /// <summary>
    /// An advice names its person (<c>expertPersonId</c>, the Directory's expert): independence is checked on identities,
    /// never on a typed name (RULES.md §4, LBT 2017/2019). A missing person id is a 422 after the access check, so a
    /// caller that is not an asked expert learns nothing about the TLV from it.
    /// </summary>
    private static async Task<Results<Created<TlvResponse>, ValidationProblem, ProblemHttpResult>> AdviseAsync(
        Guid id, HttpRequest request, FundingDbContext db, IRegionExperts experts, IConsentCheck consents, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<GiveAdviceRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var name = v.Required("expertName", body!.ExpertName, 200);
        if (body.Profession is null || !Professions.All.Contains(body.Profession)) v.Add("profession", $"One of: {string.Join(", ", Professions.All)}.");
        if (body.Advice is not ("favourable" or "unfavourable")) v.Add("advice", "favourable or unfavourable.");
        var summary = v.Required("summary", body.Summary, 4000);
        if (body.GivenOn is null) v.Add("givenOn", "Required.");
        var personId = v.Optional("expertPersonId", body.ExpertPersonId, 100);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The advice has errors.");
        var org = request.HttpContext.User.RequiredOrganisationId();
        return await ActAsync(id, request.HttpContext, db, consents, clock, Role.Expert, async (t, ct) =>
            {
                if (personId is null)
                    throw new DomainRuleException("expertPersonId",
                        "Required: the person giving the advice, as the Directory registers the expert. An advice by typed name cannot prove the two advices come from two different, independent persons (RULES.md §4).");
                var known = await experts.ExpertAsync(personId, ct)
                    ?? throw new DomainRuleException("expertPersonId", $"'{personId}' is not an expert in the region's directory (RULES.md §4).");
                var schoolBoard = await experts.BoardOfAsync(t.SchoolOrganisationId, ct);
                // The advising organisation's own board (when it is a school): another school of the same board is not independent either.
                var advisingBoard = await experts.BoardOfAsync(org, ct);
                t.Advise(org, name!, body.Profession!, body.Advice!, summary!, body.GivenOn!.Value, clock.GetUtcNow(),
                    new AdvisingExpert(known.PersonId, known.OrganisationId, known.BoardId, known.Disciplines, known.Active), schoolBoard, advisingBoard);
            },
            tlv => TypedResults.Created($"{FundingApi.Prefix}/tlvs/{tlv.Id}", tlv)).Widened();
    }

    private static async Task<Results<Ok<TlvResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(Guid id, HttpRequest request, FundingDbContext db, IRegionDirectory directory, IConsentCheck consents, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<DecideTlvRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var decision = ReadDecision(v, body!, "");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The decision has errors.");
        var org = request.HttpContext.User.RequiredOrganisationId();
        return await ActAsync(id, request.HttpContext, db, consents, clock, Role.Swv, async (t, ct) =>
        {
            var now = clock.GetUtcNow();
            if (decision.Outcome == "refused")
            {
                t.Refuse(org, decision.ParentsView, decision.Reasons, now);
                return;
            }
            if (decision.Receiving is not null) await RequireSpecialEducationAsync(directory, "receivingLocationId", decision.Receiving, ct);
            t.Grant(org, decision.Kind!, decision.Category, decision.Receiving, decision.ValidFrom!.Value, decision.ValidUntil!.Value, decision.ParentsView, decision.Reasons, now);
        }, TypedResults.Ok).Widened();
    }

    private sealed record ReadDecisionBody(string Outcome, string? Kind, string? Category, string? Receiving, DateOnly? ValidFrom, DateOnly? ValidUntil, string ParentsView, string Reasons);

    /// <summary>A decision's body (the first one, or an upheld objection's new one under <paramref name="prefix"/>).</summary>
    private static ReadDecisionBody ReadDecision(Validation v, DecideTlvRequest body, string prefix)
    {
        if (body.Outcome is not ("granted" or "refused")) v.Add(prefix + "outcome", "granted or refused.");
        var parentsView = v.Required(prefix + "parentsView", body.ParentsView, 4000);
        var reasons = v.Required(prefix + "reasons", body.Reasons, 4000);
        var receiving = v.Optional(prefix + "receivingLocationId", body.ReceivingLocationId, 100);
        var category = v.Optional(prefix + "category", body.Category, 10);
        if (body.Outcome == "granted")
        {
            if (body.Kind is null || !TlvKinds.All.Contains(body.Kind)) v.Add(prefix + "kind", $"One of: {string.Join(", ", TlvKinds.All)}.");
            if (body.ValidFrom is null) v.Add(prefix + "validFrom", "Required: the first day.");
            if (body.ValidUntil is null) v.Add(prefix + "validUntil", "Required: a TLV is always time-limited.");
        }
        return new(body.Outcome ?? "", body.Kind, category, receiving, body.ValidFrom, body.ValidUntil, parentsView ?? "", reasons ?? "");
    }

    /// <summary>The parents object through the requesting school (they have no account here): RULES.md §4, 6 weeks.</summary>
    private static async Task<Results<Ok<TlvResponse>, ValidationProblem, ProblemHttpResult>> ObjectAsync(Guid id, HttpRequest request, FundingDbContext db, IConsentCheck consents, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<FileObjectionRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var grounds = v.Required("grounds", body!.Grounds, 4000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The objection has errors.");
        var org = request.HttpContext.User.RequiredOrganisationId();
        return await ActAsync(id, request.HttpContext, db, consents, clock, Role.Requester,
            (t, _) => { t.FileObjection(org, grounds!, clock.GetUtcNow()); return Task.CompletedTask; }, TypedResults.Ok).Widened();
    }

    private static Task<Results<Ok<TlvResponse>, ProblemHttpResult>> AskLbtAsync(Guid id, HttpContext http, FundingDbContext db, IConsentCheck consents, TimeProvider clock) =>
        ActAsync(id, http, db, consents, clock, Role.Swv, (t, _) => { t.AskLbt(clock.GetUtcNow()); return Task.CompletedTask; }, TypedResults.Ok);

    private static async Task<Results<Ok<TlvResponse>, ValidationProblem, ProblemHttpResult>> DecideObjectionAsync(Guid id, HttpRequest request, FundingDbContext db, IRegionDirectory directory, IConsentCheck consents, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<DecideObjectionRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.Result is not ("upheld" or "rejected")) v.Add("result", "upheld or rejected.");
        if (body.LbtAdvice is not ("upheld" or "rejected")) v.Add("lbtAdvice", "What the LBT advised: upheld or rejected.");
        var reasons = v.Required("reasons", body.Reasons, 4000);
        ReadDecisionBody? decision = null;
        if (body.Result == "upheld")
        {
            if (body.Decision is null) v.Add("decision", "An upheld objection replaces the decision: give the new one (granted with its terms, or refused).");
            else decision = ReadDecision(v, body.Decision, "decision.");
        }
        else if (body.Decision is not null) v.Add("decision", "A rejected objection leaves the decision as it is: no new decision.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The decision on the objection has errors.");
        var org = request.HttpContext.User.RequiredOrganisationId();
        return await ActAsync(id, request.HttpContext, db, consents, clock, Role.Swv, async (t, ct) =>
        {
            var now = clock.GetUtcNow();
            if (decision is { Outcome: "granted", Receiving: { } receiving }) await RequireSpecialEducationAsync(directory, "decision.receivingLocationId", receiving, ct);
            Action<Tlv>? replace = decision is null ? null
                : decision.Outcome == "refused" ? x => x.ReplaceWithRefusal(decision.ParentsView, decision.Reasons, now)
                : x => x.ReplaceWithGrant(decision.Kind!, decision.Category, decision.Receiving, decision.ValidFrom!.Value, decision.ValidUntil!.Value,
                    decision.ParentsView, decision.Reasons, now);
            t.DecideObjection(org, body.Result!, body.LbtAdvice!, reasons!, now, replace);
        }, TypedResults.Ok).Widened();
    }

    /// <summary>
    /// The renewal task's answer. Extend: only the requesting school (a TLV is requested by the school's board, RULES.md §4),
    /// as a new request for the same child, location and SWV under the same consent checks; it needs the two advices again.
    /// Terugplaatsing: the school or the SWV plans the day.
    /// </summary>
    private static async Task<Results<Ok<TlvResponse>, ValidationProblem, ProblemHttpResult>> RenewAsync(Guid id, HttpRequest request, FundingDbContext db, IConsentCheck consents,
        IOptions<FundingOptions> options, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<ChooseRenewalRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        string? substantiation = null, parentsView = null;
        switch (body!.Choice)
        {
            case "extend":
                substantiation = v.Required("substantiation", body.Substantiation, 4000);
                parentsView = v.Required("parentsView", body.ParentsView, 4000);
                if (body.Kind is not null && !TlvKinds.All.Contains(body.Kind)) v.Add("kind", $"One of: {string.Join(", ", TlvKinds.All)}.");
                break;
            case "terugplaatsing":
                if (body.PlannedOn is null) v.Add("plannedOn", "Required: the planned day of return to regular education.");
                break;
            default:
                v.Add("choice", "extend or terugplaatsing.");
                break;
        }
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The renewal choice has errors.");
        var org = request.HttpContext.User.RequiredOrganisationId();
        var role = body.Choice == "extend" ? Role.Requester : Role.RequesterOrSwv;
        return await ActAsync(id, request.HttpContext, db, consents, clock, role, async (t, ct) =>
        {
            var now = clock.GetUtcNow();
            if (body.Choice == "terugplaatsing")
            {
                t.PlanTerugplaatsing(org, body.PlannedOn!.Value, now);
                return;
            }
            if (t.Status != TlvStatus.Granted || t.Renewal.Choice is not null)
                throw new IllegalTransitionException(t.Renewal.Choice is { } c ? $"Chosen already: {c}." : $"Cannot extend while the TLV is {t.Status.ToString().ToLowerInvariant()}.");
            var today = DutchTime.Today(clock);
            await consents.RequireAsync("consent", t.ChildReference, t.SchoolOrganisationId, ConsentPurposes.Tlv, today, ct);
            await consents.RequireAsync("consent", t.ChildReference, t.SwvId, ConsentPurposes.Tlv, today, ct);
            if (await db.Tlvs.AnyAsync(x => x.ChildReference == t.ChildReference && x.Status == TlvStatus.Requested, ct))
                throw new IllegalTransitionException("This child has a TLV request awaiting its decision already.");
            var extension = Tlv.Request(t.CaseId, t.ChildReference, t.HomeMunicipality, t.SchoolOrganisationId, t.SchoolLocationId, t.SwvId,
                body.Kind ?? t.Decision!.Kind ?? t.RequestedKind, t.Decision!.ReceivingLocationId, substantiation!, parentsView!,
                options.Value.TlvDecisionTermDays, now, extendsTlvId: t.Id);
            db.Tlvs.Add(extension);
            request.HttpContext.Audit().Changed(db, AuditActions.Create, "tlv", extension.Id.ToString(), extension.ChildReference);
            t.ChooseExtension(org, extension, now);
        }, TypedResults.Ok).Widened();
    }

    private static Task<Results<Ok<TlvResponse>, ProblemHttpResult>> WithdrawAsync(Guid id, HttpContext http, FundingDbContext db, IConsentCheck consents, TimeProvider clock) =>
        ActAsync(id, http, db, consents, clock, Role.Requester, (t, _) => { t.Withdraw(clock.GetUtcNow()); return Task.CompletedTask; }, TypedResults.Ok);

    private enum Role { Requester, Swv, Expert, RequesterOrSwv }

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
                Role.RequesterOrSwv => tlv.SchoolOrganisationId == org || tlv.SwvId == org,
                _ => tlv.IsInvited(org),
            };
            if (!allowed) return ArrangementsApi.Forbidden(role switch
            {
                Role.Requester => "Only the requesting school does this.",
                Role.Swv => "The samenwerkingsverband decides and asks the experts.",
                Role.RequesterOrSwv => "Only the requesting school or the samenwerkingsverband plans the return.",
                _ => "Only an expert the SWV asked gives an advice.",
            });
            // Everything but the SWV's own decision record needs the consent for the TLV.
            if (!sight.Full && role != Role.Swv && !(role == Role.RequesterOrSwv && org == tlv.SwvId)) return NotFound(id);
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

    /// <summary>One answer for an unknown case and a case whose consent does not name the caller for the TLV.</summary>
    internal const string UnknownOrNotConsented =
        "No case with this id names your school in a valid consent for the TLV: the child needs a case in Intake whose parents' consent names you for 'tlv'.";

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        title: "TLV not found.", detail: $"No TLV {id} your organisation takes part in.", statusCode: StatusCodes.Status404NotFound);
}
