using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.ConsentReplica;
using Platform.Contracts;
using Platform.DirectoryReplica;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Http.Paging;

namespace Platform.Funding.Apis;

/// <summary>
/// Disputes at the Geschillencommissie passend onderwijs (RULES.md §4): the parents file against the board of a school about an
/// admission refused, a removal or the OPP; that school records the filing and its steps (the board's answer, the commission's
/// opinion, the parents' withdrawal), as it does for its zorgplicht. Readers: that school, its SWV, and for an admission refused
/// or a removal (a child may be without a place) the leerplicht officers of the child's home municipality. Everyone else: 404.
/// </summary>
public static class DisputeApi
{
    public const string RecordType = "dispute";

    public static IEndpointRouteBuilder MapDisputeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup($"{FundingApi.Prefix}/disputes").WithTags("Disputes").RequireAuthorization()
            .Audited<RouteGroupBuilder, FundingDbContext>(RecordType, LegalPurposes.PassendOnderwijs).WithDomainProblems()
            .VisibleRecordsOnly((http, id, ct) => http.RequestServices.GetRequiredService<FundingDbContext>().Disputes.AsNoTracking()
                .Involving(ZorgplichtApi.Caller.Of(http.User)).AnyAsync(d => d.Id == id, ct), NotFound);
        group.MapPost("/", FileAsync).Accepts<FileDisputeRequest>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("FileDispute")
            .WithSummary("The school whose board is party records the parents' dispute at the Geschillencommissie passend onderwijs: filed within 6 weeks of the decision (RULES.md §4; later is recorded, flagged).");
        group.MapGet("/", ListAsync)
            .WithName("ListDisputes")
            .WithSummary("The disputes the caller takes part in, newest first: the school whose board is party, its SWV, the leerplicht officers of the child's municipality (admission refused, removal).");
        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetDispute")
            .WithSummary("One dispute: its subject, dates, terms and outcome (the letters and the opinion's reasoning stay outside the platform).");
        group.MapPost("/{id:guid}/answer", AnswerAsync).Accepts<AnswerDisputeRequest>("application/json")
            .Act("AnswerDispute", "The board answered the dispute (its verweerschrift), once: within 2 weeks of the filing (RULES.md §4; later is recorded, flagged).");
        group.MapPost("/{id:guid}/opinion", OpinionAsync).Accepts<DisputeOpinionRequest>("application/json")
            .Act("RecordDisputeOpinion", "The commission's opinion ends the dispute: founded, partly-founded, unfounded or inadmissible, within 10 weeks of the filing (RULES.md §4; later is recorded, flagged).");
        group.MapPost("/{id:guid}/withdrawal", WithdrawAsync).Accepts<WithdrawDisputeRequest>("application/json")
            .Act("WithdrawDispute", "The parents withdrew the dispute, any time before the opinion: it ends as withdrawn.");
        return app;
    }

    private static RouteHandlerBuilder Act(this RouteHandlerBuilder step, string name, string summary) =>
        step.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).WithName(name).WithSummary(summary);

    private static IQueryable<Dispute> Involving(this IQueryable<Dispute> all, ZorgplichtApi.Caller c)
    {
        var org = c.OrganisationId;
        var municipality = c.LeerplichtMunicipality;
        return c.IsSchool ? all.Where(d => d.SchoolOrganisationId == org)
            : c.IsSwv ? all.Where(d => d.SwvId == org)
            // The place question only: a dispute about the OPP leaves the child at its school.
            : municipality is not null ? all.Where(d => d.HomeMunicipality == municipality
                                                        && (d.Subject == DisputeSubjects.AdmissionRefused || d.Subject == DisputeSubjects.Removal))
            : all.Where(d => false);
    }

    private static async Task<Results<Created<DisputeResponse>, ValidationProblem, ProblemHttpResult>> FileAsync(HttpRequest request, FundingDbContext db,
        IRegionDirectory directory, IConsentCheck consents, TimeProvider clock)
    {
        var caller = ZorgplichtApi.Caller.Of(request.HttpContext.User);
        if (!caller.IsSchool)
            return ArrangementsApi.Forbidden("The school whose board is party records the parents' dispute (RULES.md §4, Geschillencommissie passend onderwijs).");
        var (body, malformed) = await JsonBody.ReadAsync<FileDisputeRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.CaseId is null || body.CaseId == Guid.Empty) v.Add("caseId", "Required: the Intake case of the child.");
        if (body.FiledOn is null) v.Add("filedOn", "Required: the day the parents filed with the commission (the 2 and the 10 weeks count from it).");
        var location = v.Optional("schoolLocationId", body.SchoolLocationId, 100);
        switch (body.Subject)
        {
            case DisputeSubjects.AdmissionRefused:
                if (body.ZorgplichtApplicationId is null || body.ZorgplichtApplicationId == Guid.Empty)
                    v.Add("zorgplichtApplicationId", "Required for admission-refused: the zorgplicht application whose decision the parents dispute.");
                if (body.OppId is not null) v.Add("oppId", "Only for the subject opp.");
                break;
            case DisputeSubjects.Removal:
                if (location is null) v.Add("schoolLocationId", "Required for removal: the location the child is removed from.");
                if (body.DisputedDecisionOn is null) v.Add("disputedDecisionOn", "Required for removal: the day of the board's decision to remove the child.");
                if (body.ZorgplichtApplicationId is not null) v.Add("zorgplichtApplicationId", "Only for the subject admission-refused.");
                if (body.OppId is not null) v.Add("oppId", "Only for the subject opp.");
                break;
            case DisputeSubjects.Opp:
                if (body.OppId is null || body.OppId == Guid.Empty) v.Add("oppId", "Required for opp: the OPP the parents dispute.");
                if (body.DisputedDecisionOn is null) v.Add("disputedDecisionOn", "Required for opp: the day of the board's decision on the OPP.");
                if (body.ZorgplichtApplicationId is not null) v.Add("zorgplichtApplicationId", "Only for the subject admission-refused.");
                break;
            default:
                v.Add("subject", $"One of: {string.Join(", ", DisputeSubjects.All)}.");
                break;
        }
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The dispute has errors.");

        var ct = request.HttpContext.RequestAborted;
        // The same answer whether the case is unknown or does not name this school: no oracle for a guessed id.
        var @case = await consents.CaseAsync(body.CaseId!.Value, ct);
        if (@case is null || !await consents.CoversAsync(@case.ChildReference, caller.OrganisationId, ConsentPurposes.Support, DutchTime.Today(clock), ct))
            throw new DomainRuleException("caseId", "No case with this id names your school in a valid consent for 'support': the child needs a case in Intake that names you.");

        var (locationId, decidedOn) = body.Subject switch
        {
            DisputeSubjects.AdmissionRefused => await RefusedAdmissionAsync(db, body, @case.ChildReference, caller.OrganisationId, ct),
            DisputeSubjects.Opp => await DisputedOppAsync(db, body, @case.ChildReference, caller.OrganisationId, ct),
            _ => (location!, body.DisputedDecisionOn!.Value),
        };
        if (location is not null && location != locationId)
            throw new DomainRuleException("schoolLocationId", $"The disputed decision was about {locationId}, not {location}.");
        var at = await directory.RequireLocationAsync("schoolLocationId", locationId, ct);
        if (at.OrganisationId != caller.OrganisationId) throw new DomainRuleException("schoolLocationId", $"{locationId} is not one of your locations.");
        if (at.Swv is null) throw new DomainRuleException("schoolLocationId", $"{locationId} belongs to no samenwerkingsverband.");
        if (await db.Disputes.AnyAsync(d => d.ChildReference == @case.ChildReference && d.SchoolOrganisationId == caller.OrganisationId
                && d.Subject == body.Subject && d.DisputedDecisionOn == decidedOn && d.Status != DisputeStatus.Concluded, ct))
            return Open();

        var dispute = Dispute.File(@case.CaseId, @case.ChildReference, @case.HomeMunicipality, body.Subject!, body.ZorgplichtApplicationId, body.OppId,
            caller.OrganisationId, at.Id, at.Kind, at.Municipality, at.Swv, decidedOn, body.FiledOn!.Value, clock.GetUtcNow());
        db.Disputes.Add(dispute);
        request.HttpContext.Audit().Changed(db, AuditActions.Create, RecordType, dispute.Id.ToString(), dispute.ChildReference);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same filing racing itself: the database's unique index lets one through.
            return Open();
        }
        return TypedResults.Created($"{FundingApi.Prefix}/disputes/{dispute.Id}", DisputeResponse.From(dispute));
    }

    private static ProblemHttpResult Open() => TypedResults.Problem(title: "A dispute is open already.",
        detail: "The parents' dispute about this decision of your board awaits the commission's opinion.", statusCode: StatusCodes.Status409Conflict);

    /// <summary>
    /// An admission refused is the decision on the child's zorgplicht application at this school that did not give it a place there
    /// (RULES.md §4): decided, by this school, for this child, not own-school; the disputed day is its decision day. Another
    /// school's application or another child's answers as one that does not exist.
    /// </summary>
    private static async Task<(string LocationId, DateOnly DecidedOn)> RefusedAdmissionAsync(FundingDbContext db, FileDisputeRequest body, string child,
        string school, CancellationToken ct)
    {
        var application = await db.ZorgplichtApplications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == body.ZorgplichtApplicationId
            && a.ChildReference == child && a.SchoolOrganisationId == school, ct)
            ?? throw new DomainRuleException("zorgplichtApplicationId", "No zorgplicht application of this child to your school has this id.");
        if (application.Status != ZorgplichtStatus.Decided || application.DecidedOn is not { } decidedOn)
            throw new DomainRuleException("zorgplichtApplicationId",
                "The board has not decided this application yet: the parents dispute a decision (RULES.md §4, Geschillencommissie passend onderwijs).");
        if (application.Outcome == ZorgplichtOutcomes.OwnSchool)
            throw new DomainRuleException("zorgplichtApplicationId",
                "The decision gave the child a place at your own school: no admission was refused (RULES.md §4, Geschillencommissie passend onderwijs).");
        if (body.DisputedDecisionOn is { } given && given != decidedOn)
            throw new DomainRuleException("disputedDecisionOn", $"The board decided on {decidedOn:yyyy-MM-dd}: that is the decision disputed.");
        return (application.SchoolLocationId, decidedOn);
    }

    /// <summary>A dispute about the OPP names this school's OPP of this child; another school's or another child's answers as unknown.</summary>
    private static async Task<(string LocationId, DateOnly DecidedOn)> DisputedOppAsync(FundingDbContext db, FileDisputeRequest body, string child,
        string school, CancellationToken ct)
    {
        var opp = await db.Opps.AsNoTracking().FirstOrDefaultAsync(o => o.Id == body.OppId && o.ChildReference == child && o.SchoolOrganisationId == school, ct)
            ?? throw new DomainRuleException("oppId", "No OPP of this child at your school has this id.");
        var decidedOn = body.DisputedDecisionOn!.Value;
        if (decidedOn < opp.EnrolledOn)
            throw new DomainRuleException("disputedDecisionOn", $"Before the child's enrolment ({opp.EnrolledOn:yyyy-MM-dd}): not a decision on this OPP.");
        return (opp.SchoolLocationId, decidedOn);
    }

    private static async Task<Results<Ok<Page<DisputeResponse>>, ValidationProblem>> ListAsync(
        [Description("Only those in this status: filed, answered or concluded.")] string? status,
        [Description("Only those about this subject: admission-refused, removal or opp.")] string? subject,
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, FundingDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        DisputeStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<DisputeStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _)) v.Add("status", "filed, answered or concluded.");
            else wanted = s;
        }
        if (subject is not null && !DisputeSubjects.All.Contains(subject)) v.Add("subject", $"One of: {string.Join(", ", DisputeSubjects.All)}.");
        var page = PageRequest.Read(limit, cursor, v);
        var after = page.AfterTimeAndId(v);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The list request has errors.");

        var query = db.Disputes.AsNoTracking().Involving(ZorgplichtApi.Caller.Of(http.User))
            .Where(d => (wanted == null || d.Status == wanted) && (subject == null || d.Subject == subject));
        if (after is var (at, last)) query = query.Where(d => d.RegisteredAt < at || (d.RegisteredAt == at && d.Id.CompareTo(last) < 0));
        var rows = await query.OrderByDescending(d => d.RegisteredAt).ThenByDescending(d => d.Id).Take(page.Limit + 1).ToListAsync(ct);
        var read = page.PageOf(rows, DisputeResponse.From, d => PageRequest.TimeAndId(d.RegisteredAt, d.Id), http.Request);
        http.Audit().Searched(RecordType, read.Items.Select(d => (d.Id.ToString(), (string?)d.ChildReference)));
        return TypedResults.Ok(read);
    }

    private static async Task<Results<Ok<DisputeResponse>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, FundingDbContext db, CancellationToken ct)
    {
        var dispute = await db.Disputes.AsNoTracking().Involving(ZorgplichtApi.Caller.Of(http.User)).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (dispute is null) return NotFound(id);
        http.Audit().Read(RecordType, id.ToString(), dispute.ChildReference);
        return TypedResults.Ok(DisputeResponse.From(dispute));
    }

    private static async Task<Results<Ok<DisputeResponse>, ValidationProblem, ProblemHttpResult>> AnswerAsync(Guid id, HttpRequest request, FundingDbContext db, TimeProvider clock)
    {
        // Whose move first (403 before the body), then the body.
        if (await RefusedAsync(id, request.HttpContext, db) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<AnswerDisputeRequest>(request);
        if (malformed is not null) return malformed;
        if (body!.AnsweredOn is not { } on) return Required("answeredOn", "Required: the day the board answered.");
        return await ActAsync(id, request.HttpContext, db, d => d.Answer(on, clock.GetUtcNow())).Widened();
    }

    private static async Task<Results<Ok<DisputeResponse>, ValidationProblem, ProblemHttpResult>> OpinionAsync(Guid id, HttpRequest request, FundingDbContext db, TimeProvider clock)
    {
        if (await RefusedAsync(id, request.HttpContext, db) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<DisputeOpinionRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.Outcome is null || !DisputeOutcomes.Opinions.Contains(body.Outcome)) v.Add("outcome", $"One of: {string.Join(", ", DisputeOutcomes.Opinions)}.");
        if (body.GivenOn is null) v.Add("givenOn", "Required: the day of the commission's opinion.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The opinion has errors.");
        return await ActAsync(id, request.HttpContext, db, d => d.RecordOpinion(body.Outcome!, body.GivenOn!.Value, clock.GetUtcNow())).Widened();
    }

    private static async Task<Results<Ok<DisputeResponse>, ValidationProblem, ProblemHttpResult>> WithdrawAsync(Guid id, HttpRequest request, FundingDbContext db, TimeProvider clock)
    {
        if (await RefusedAsync(id, request.HttpContext, db) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<WithdrawDisputeRequest>(request);
        if (malformed is not null) return malformed;
        if (body!.WithdrawnOn is not { } on) return Required("withdrawnOn", "Required: the day the parents withdrew the dispute.");
        return await ActAsync(id, request.HttpContext, db, d => d.Withdraw(on, clock.GetUtcNow())).Widened();
    }

    private static ValidationProblem Required(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request has errors.");

    private static bool IsParty(Dispute d, ZorgplichtApi.Caller caller) => caller.IsSchool && d.SchoolOrganisationId == caller.OrganisationId;

    /// <summary>404 for a dispute the caller does not take part in, 403 for a reader (the SWV, the leerplicht officers): before the body is read.</summary>
    private static async Task<ProblemHttpResult?> RefusedAsync(Guid id, HttpContext http, FundingDbContext db)
    {
        var caller = ZorgplichtApi.Caller.Of(http.User);
        var dispute = await db.Disputes.AsNoTracking().Involving(caller).FirstOrDefaultAsync(d => d.Id == id, http.RequestAborted);
        if (dispute is null) return NotFound(id);
        return IsParty(dispute, caller) ? null : Forbidden();
    }

    private static ProblemHttpResult Forbidden() => ArrangementsApi.Forbidden(
        "The school whose board is party records the dispute's steps; the SWV and the leerplicht officers read (RULES.md §4, Geschillencommissie passend onderwijs).");

    private static async Task<Results<Ok<DisputeResponse>, ProblemHttpResult>> ActAsync(Guid id, HttpContext http, FundingDbContext db, Action<Dispute> step)
    {
        var caller = ZorgplichtApi.Caller.Of(http.User);
        var ct = http.RequestAborted;
        return await Concurrency.RetryAsync<Ok<DisputeResponse>>(db, async () =>
        {
            var dispute = await db.Disputes.Involving(caller).FirstOrDefaultAsync(d => d.Id == id, ct);
            if (dispute is null) return NotFound(id);
            if (!IsParty(dispute, caller)) return Forbidden();
            step(dispute);
            http.Audit().Changed(db, AuditActions.Update, RecordType, dispute.Id.ToString(), dispute.ChildReference);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(DisputeResponse.From(dispute));
        });
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        title: "Dispute not found.", detail: $"No dispute {id} your organisation takes part in.", statusCode: StatusCodes.Status404NotFound);
}
