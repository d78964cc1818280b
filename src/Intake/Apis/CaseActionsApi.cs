using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Http.Idempotency;
using Platform.DirectoryReplica;
using Platform.Intake.Domain;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Domain.Consents;
using Platform.Intake.Infrastructure;
using Platform.ServiceDefaults;

namespace Platform.Intake.Apis;

/// <summary>
/// The actions that move a case: each loads the case for an organisation with full access, asks
/// the domain to make the move (which refuses illegal ones), and saves the change and its events
/// in one transaction.
/// </summary>
internal static class CaseActionsApi
{
    public static void MapCaseActions(this RouteGroupBuilder group)
    {
        // Someone else's case is a 404 before the body is even read.
        var cases = group.MapGroup("").VisibleRecordsOnly(async (http, id, ct) =>
        {
            var db = http.RequestServices.GetRequiredService<IntakeDbContext>();
            var today = DutchTime.DateOf(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
            var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            return found?.AccessFor(http.User.RequiredOrganisationId(), today) == AccessLevel.Detail;
        }, CaseAccessQueries.NotFound);
        cases.MapPost("/{id:guid}/consent-request", RequestConsentAsync)
            .WithName("RequestConsent")
            .WithSummary("The case's coordinator or a referrer of the case asks the family for consent (referred → awaiting-consent).")
            .MovedBy(CaseMove.RequestConsent);
        cases.MapPost("/{id:guid}/consents", RecordConsentAsync).Accepts<RecordConsentRequest>("application/json")
            .WithName("RecordConsent")
            .WithSummary("The case's coordinator or a referrer of the case records the consent of the people the child's age requires, with the check of parental authority; a case not yet open opens with it and its one coordinator.")
            .MovedBy(CaseMove.RecordConsent);
        cases.MapPost("/{id:guid}/consents/{consentId:guid}/withdrawal", WithdrawConsentAsync).Accepts<WithdrawConsentRequest>("application/json")
            .WithName("WithdrawConsent")
            .WithSummary("The coordinator, a referrer or whoever recorded the consent records that the family withdrew it: it ends with every consent of the case resting on the same people's word, and sharing with the organisations they named stops at once.")
            .MovedBy(CaseMove.WithdrawConsent);
        cases.MapPut("/{id:guid}/coordinator", ReassignCoordinatorAsync).Accepts<ReassignCoordinatorRequest>("application/json")
            .WithName("ReassignCoordinator")
            .WithSummary("The current coordinator or the municipality of residence hands the case to another coordinator; logged with who and why.")
            .MovedBy(CaseMove.ReassignCoordinator);
        cases.MapPost("/{id:guid}/knooppunten", ScheduleKnooppuntAsync).Accepts<ScheduleKnooppuntRequest>("application/json")
            .WithName("ScheduleKnooppunt")
            .WithSummary("The coordinator schedules the knooppunt (case meeting) with its participants.")
            .MovedBy(CaseMove.ScheduleKnooppunt);
        cases.MapPost("/{id:guid}/knooppunten/{knooppuntId:guid}/outcome", RecordOutcomeAsync).Accepts<KnooppuntOutcomeRequest>("application/json")
            .WithName("RecordKnooppuntOutcome")
            .WithSummary("The coordinator records a knooppunt's outcome and its next step, which starts at once.")
            .MovedBy(CaseMove.RecordKnooppuntOutcome);
        cases.MapPost("/{id:guid}/plans", AgreePlanAsync).Accepts<AgreePlanRequest>("application/json")
            .WithName("AgreePlan")
            .WithSummary("The coordinator records a new version of the one integrated plan; it may request an arrangement from Funding.")
            .MovedBy(CaseMove.AgreePlan);
        cases.MapPost("/{id:guid}/closure", CloseAsync).Accepts<CloseCaseRequest>("application/json")
            .WithName("CloseCase")
            .WithSummary("The coordinator closes the case with a reason; a case that never opened, its first referrer.")
            .MovedBy(CaseMove.Close);
    }

    /// <summary>
    /// The per-action check (#25 point 2), after the visibility filter and before the body is read: a
    /// caller that sees the case but whose move this is not gets 403 naming the rule. Then a retry with
    /// the same Idempotency-Key (POST) gets its first answer, after these checks ran again (#25 point 6).
    /// </summary>
    private static RouteHandlerBuilder MovedBy(this RouteHandlerBuilder route, CaseMove move)
    {
        route.ProducesProblem(StatusCodes.Status403Forbidden).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!Guid.TryParse(http.Request.RouteValues["id"]?.ToString(), out var id)) return await next(context);
            var db = http.RequestServices.GetRequiredService<IntakeDbContext>();
            var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, http.RequestAborted);
            if (found is null) return await next(context);
            if (await RefusalAsync(found, move, http, db) is { } why)
                return TypedResults.Problem(title: "Not your move on this case.", detail: why, statusCode: StatusCodes.Status403Forbidden,
                    type: "https://platform.example/problems/not-your-move");
            return await next(context);
        });
        // Last, so it runs after the checks above (the middleware replays keyed POSTs only).
        // The handler checks again on the case it changes (LoadAsync), whose row version guards it until it saves.
        return route.ReplayedAfterAccessChecks(ReplayAsync);
    }

    /// <summary>Why the caller may not make <paramref name="move"/> on the case (<see cref="CaseRoles"/>), or null.</summary>
    private static async Task<string?> RefusalAsync(Case found, CaseMove move, HttpContext http, IntakeDbContext db)
    {
        var organisation = http.User.RequiredOrganisationId();
        string? recordedBy = null;
        if (move == CaseMove.WithdrawConsent && Guid.TryParse(http.Request.RouteValues["consentId"]?.ToString(), out var consentId))
            recordedBy = await db.Consents.AsNoTracking().Where(c => c.Id == consentId && c.CaseId == found.Id)
                .Select(c => c.RecordedByOrganisationId).FirstOrDefaultAsync(http.RequestAborted);
        var residence = move == CaseMove.ReassignCoordinator
            && await http.RequestServices.GetRequiredService<IRegionDirectory>().OrganisationAsync(organisation, http.RequestAborted) is
                { Type: Contracts.OrganisationTypes.Municipality } municipality
            && municipality.Municipality == found.HomeMunicipality;
        return CaseRoles.Refusal(found, move, CaseRoles.RelationOf(found, organisation, residence, recordedBy,
            samenwerkingsverband: http.User.OrganisationTypeOf() == Contracts.OrganisationTypes.Swv));
    }

    /// <summary>A retry's stored answer, once the checks above passed again: logged as a replay of the case.</summary>
    private static async Task<IResult> ReplayAsync(HttpContext http, IdempotentReplay replay)
    {
        var id = Guid.Parse(http.Request.RouteValues["id"]!.ToString()!);
        var childReference = await http.RequestServices.GetRequiredService<IntakeDbContext>().Cases.AsNoTracking()
            .Where(c => c.Id == id).Select(c => c.ChildReference).FirstOrDefaultAsync(http.RequestAborted);
        http.RequestServices.GetRequiredService<IAuditTrail>().Replayed("case", id.ToString(), childReference);
        return IdempotentReplays.Stored(replay);
    }

    private sealed record Context(Case Case, string Organisation, DateTimeOffset Now, DateOnly Today);

    /// <summary>
    /// Loads the case for an organisation with full access, or null (the handler answers 404 for
    /// anyone not fully involved). The move is made on it, then <see cref="SaveAsync"/> commits.
    /// </summary>
    private static async Task<Context?> LoadAsync(Guid id, HttpContext http, IntakeDbContext db, TimeProvider clock, CaseMove move)
    {
        var organisation = http.User.RequiredOrganisationId();
        var now = clock.GetUtcNow();
        var today = DutchTime.DateOf(now);
        if (await db.FindAsync(id, organisation, today, http.RequestAborted) is not var (found, access) || access != AccessLevel.Detail)
            return null;
        // The filter checked the move before the body; the case may have changed since (a new coordinator).
        if (await RefusalAsync(found, move, http, db) is not null)
            throw new IllegalTransitionException("The case changed meanwhile: this move is no longer yours. Read the case again.");
        return new Context(found, organisation, now, today);
    }

    /// <summary>Logs the change and saves it with the events the move raised, in one transaction.</summary>
    private static async Task SaveAsync(Context c, HttpContext http, IntakeDbContext db)
    {
        http.RequestServices.GetRequiredService<IAuditTrail>().Changed(db, AuditActions.Update, "case", c.Case.Id.ToString(), c.Case.ChildReference);
        await db.SaveChangesAsync(http.RequestAborted);
    }

    private static async Task<Results<Ok<CaseSummaryResponse>, ProblemHttpResult>> RequestConsentAsync(
        Guid id, HttpContext http, IntakeDbContext db, TimeProvider clock)
    {
        if (await LoadAsync(id, http, db, clock, CaseMove.RequestConsent) is not { } c) return CaseAccessQueries.NotFound(id);
        c.Case.RequestConsent();
        await SaveAsync(c, http, db);
        return TypedResults.Ok(CaseSummaryResponse.From(c.Case, AccessLevel.Detail));
    }

    private static async Task<Results<Created<ConsentResponse>, ValidationProblem, ProblemHttpResult>> RecordConsentAsync(
        Guid id, HttpRequest request, IntakeDbContext db, IRegionDirectory directory, TimeProvider clock, WorkingDays workingDays, IOptions<IntakeOptions> options)
    {
        var (body, malformed) = await JsonBody.ReadAsync<RecordConsentRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var parties = new List<ConsentParty>();
        if (body!.GivenBy is not { Count: > 0 }) v.Add("givenBy", "Who consented: parents, child or both.");
        else foreach (var (name, i) in body.GivenBy.Select((n, i) => (n, i)))
            if (ConsentParties.ByName.TryGetValue(name ?? "", out var party)) parties.Add(party);
            else v.Add($"givenBy[{i}]", "One of: parents, child.");
        var organisations = Organisations(v, "organisations", body.Organisations);
        var purpose = v.Required("purpose", body.Purpose, 500);
        // What the sharing is for, as every service checks it; without a list, support around the child.
        var purposes = body.Purposes is null ? [.. Contracts.ConsentPurposes.Legacy] : new List<string>();
        if (body.Purposes is { Count: 0 }) v.Add("purposes", $"At least one of: {string.Join(", ", Contracts.ConsentPurposes.All)}.");
        else if (body.Purposes is not null)
            for (var i = 0; i < body.Purposes.Count; i++)
                if (body.Purposes[i] is { } p && Contracts.ConsentPurposes.All.Contains(p)) purposes.Add(p);
                else v.Add($"purposes[{i}]", $"One of: {string.Join(", ", Contracts.ConsentPurposes.All)}.");
        if (body.GivenOn is null) v.Add("givenOn", "Required.");
        var authority = ParentalAuthorityOf(v, body);
        Coordinator? coordinator = null;
        if (body.Coordinator is { } named)
        {
            var org = v.Required("coordinator.organisationId", named.OrganisationId, 100);
            var name = v.Required("coordinator.name", named.Name, 200);
            if (org is not null && name is not null) coordinator = new Coordinator(org, name);
        }
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The consent has errors.");

        if (await LoadAsync(id, request.HttpContext, db, clock, CaseMove.RecordConsent) is not { } c) return CaseAccessQueries.NotFound(id);
        // Consent names organisations of the region's directory, never free text.
        await directory.RequireOrganisationsAsync("organisations", organisations!, request.HttpContext.RequestAborted);
        if (coordinator is not null) await directory.RequireOrganisationAsync("coordinator.organisationId", coordinator.OrganisationId, request.HttpContext.RequestAborted);
        var earlier = await db.Consents.AsNoTracking().Where(x => x.CaseId == id).ToListAsync(request.HttpContext.RequestAborted);
        var consent = c.Case.RecordConsent(parties, authority, organisations!, purpose!, purposes, body.GivenOn!.Value, body.ExpiresOn,
            coordinator, c.Organisation, c.Now, workingDays, options.KnooppuntWorkingDays(), options.Value.Consent, earlier);
        db.Consents.Add(consent);
        await SaveAsync(c, request.HttpContext, db);
        return TypedResults.Created($"{IntakeApi.Prefix}/cases/{id}/consents/{consent.Id}", ConsentResponse.From(consent));
    }

    private static async Task<Results<Ok<ConsentResponse>, ValidationProblem, ProblemHttpResult>> WithdrawConsentAsync(
        Guid id, Guid consentId, HttpRequest request, IntakeDbContext db, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<WithdrawConsentRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var by = v.Required("withdrawnBy", body!.WithdrawnBy, 200);
        var reason = v.Optional("reason", body.Reason, 2000);
        var parties = new List<ConsentParty>();
        if (body.WithdrawnByParties is { Count: 0 }) v.Add("withdrawnByParties", "Leave it out, or name parents, child or both.");
        else if (body.WithdrawnByParties is not null)
            for (var i = 0; i < body.WithdrawnByParties.Count; i++)
                if (ConsentParties.ByName.TryGetValue(body.WithdrawnByParties[i] ?? "", out var party)) parties.Add(party);
                else v.Add($"withdrawnByParties[{i}]", "One of: parents, child.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        if (await LoadAsync(id, request.HttpContext, db, clock, CaseMove.WithdrawConsent) is not { } c) return CaseAccessQueries.NotFound(id);
        var consents = await db.Consents.Where(x => x.CaseId == id).ToListAsync();
        var consent = consents.SingleOrDefault(x => x.Id == consentId) ?? throw new KeyNotFoundException($"No consent {consentId} on this case.");
        c.Case.WithdrawConsent(consent, by!, reason, c.Now, consents, parties);
        await SaveAsync(c, request.HttpContext, db);
        return TypedResults.Ok(ConsentResponse.From(consent));
    }

    private static async Task<Results<Ok<CaseSummaryResponse>, ValidationProblem, ProblemHttpResult>> ReassignCoordinatorAsync(
        Guid id, HttpRequest request, IntakeDbContext db, IRegionDirectory directory, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<ReassignCoordinatorRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var org = v.Required("organisationId", body!.OrganisationId, 100);
        var name = v.Required("name", body.Name, 200);
        var reason = v.Required("reason", body.Reason, 2000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        if (await LoadAsync(id, request.HttpContext, db, clock, CaseMove.ReassignCoordinator) is not { } c) return CaseAccessQueries.NotFound(id);
        await directory.RequireOrganisationAsync("organisationId", org!, request.HttpContext.RequestAborted);
        c.Case.ReassignCoordinator(new Coordinator(org!, name!), c.Organisation, reason!, c.Today, c.Now);
        await SaveAsync(c, request.HttpContext, db);
        return TypedResults.Ok(CaseSummaryResponse.From(c.Case, AccessLevel.Detail));
    }

    private static async Task<Results<Created<Knooppunt>, ValidationProblem, ProblemHttpResult>> ScheduleKnooppuntAsync(
        Guid id, HttpRequest request, IntakeDbContext db, IRegionDirectory directory, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<ScheduleKnooppuntRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.ScheduledOn is null) v.Add("scheduledOn", "Required.");
        var participants = Organisations(v, "participants", body.Participants);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        if (await LoadAsync(id, request.HttpContext, db, clock, CaseMove.ScheduleKnooppunt) is not { } c) return CaseAccessQueries.NotFound(id);
        await directory.RequireOrganisationsAsync("participants", participants!, request.HttpContext.RequestAborted);
        var knooppunt = c.Case.ScheduleKnooppunt(body.ScheduledOn!.Value, participants!, body.ParentsInvited ?? true, c.Now);
        await SaveAsync(c, request.HttpContext, db);
        return TypedResults.Created($"{IntakeApi.Prefix}/cases/{id}/knooppunten/{knooppunt.Id}", knooppunt);
    }

    private static async Task<Results<Ok<Knooppunt>, ValidationProblem, ProblemHttpResult>> RecordOutcomeAsync(
        Guid id, Guid knooppuntId, HttpRequest request, IntakeDbContext db, IRegionDirectory directory, TimeProvider clock, WorkingDays workingDays)
    {
        var (body, malformed) = await JsonBody.ReadAsync<KnooppuntOutcomeRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.HeldOn is null) v.Add("heldOn", "Required.");
        var summary = v.Required("summary", body.Summary, 4000);
        string? description = null, owner = null;
        if (body.NextStep is not { } step) v.Add("nextStep", "Every knooppunt ends with a next step that can be taken at once.");
        else
        {
            description = v.Required("nextStep.description", step.Description, 2000);
            owner = v.Required("nextStep.ownerOrganisationId", step.OwnerOrganisationId, 100);
            if (step.StartsOn is null) v.Add("nextStep.startsOn", "Required.");
        }
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        if (await LoadAsync(id, request.HttpContext, db, clock, CaseMove.RecordKnooppuntOutcome) is not { } c) return CaseAccessQueries.NotFound(id);
        await directory.RequireOrganisationAsync("nextStep.ownerOrganisationId", owner!, request.HttpContext.RequestAborted);
        c.Case.RecordKnooppuntOutcome(knooppuntId, body.HeldOn!.Value, summary!,
            new NextStep(description!, owner!, body.NextStep!.StartsOn!.Value), c.Now, workingDays);
        await SaveAsync(c, request.HttpContext, db);
        return TypedResults.Ok(c.Case.Knooppunten.Single(k => k.Id == knooppuntId));
    }

    private static async Task<Results<Created<PlanVersion>, ValidationProblem, ProblemHttpResult>> AgreePlanAsync(
        Guid id, HttpRequest request, IntakeDbContext db, IRegionDirectory directory, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<AgreePlanRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var goals = new List<string>();
        if (body!.Goals is not { Count: > 0 }) v.Add("goals", "At least one goal.");
        else for (var i = 0; i < body.Goals.Count; i++)
            if (v.Required($"goals[{i}]", body.Goals[i], 2000) is { } goal) goals.Add(goal);
        var actions = new List<PlanAction>();
        if (body.Actions is not { Count: > 0 }) v.Add("actions", "At least one action, per partner.");
        else for (var i = 0; i < body.Actions.Count; i++)
        {
            var a = body.Actions[i];
            var partner = v.Required($"actions[{i}].partnerOrganisationId", a?.PartnerOrganisationId, 100);
            var what = v.Required($"actions[{i}].description", a?.Description, 2000);
            var owner = v.Required($"actions[{i}].owner", a?.Owner, 200);
            if (a?.DueOn is null) v.Add($"actions[{i}].dueOn", "Required.");
            else if (partner is not null && what is not null && owner is not null) actions.Add(new PlanAction(partner, what, owner, a.DueOn.Value));
        }
        if (body.ReviewOn is null) v.Add("reviewOn", "Required.");
        ArrangementRequest? arrangement = null;
        if (body.Arrangement is { } asked)
        {
            if (asked.Kind is not ("individual" or "collective")) v.Add("arrangement.kind", "individual or collective.");
            var domains = asked.SupportDomains ?? [];
            if (domains.Count == 0) v.Add("arrangement.supportDomains", "At least one domain.");
            for (var i = 0; i < domains.Count; i++)
                if (!SupportDomains.ByName.ContainsKey(domains[i] ?? "")) v.Add($"arrangement.supportDomains[{i}]", $"One of: {string.Join(", ", SupportDomains.ByName.Keys)}.");
            var school = v.Optional("arrangement.schoolOrganisationId", asked.SchoolOrganisationId, 100);
            if (v.IsValid) arrangement = new ArrangementRequest(Guid.CreateVersion7(clock.GetUtcNow()), asked.Kind!, [.. domains.Distinct()], asked.Urgent ?? false, school);
        }
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The plan has errors.");

        if (await LoadAsync(id, request.HttpContext, db, clock, CaseMove.AgreePlan) is not { } c) return CaseAccessQueries.NotFound(id);
        var ct = request.HttpContext.RequestAborted;
        for (var i = 0; i < actions.Count; i++)
            await directory.RequireOrganisationAsync($"actions[{i}].partnerOrganisationId", actions[i].PartnerOrganisationId, ct);
        if (arrangement?.SchoolId is { } schoolId
            && (await directory.RequireOrganisationAsync("arrangement.schoolOrganisationId", schoolId, ct)).Type != Contracts.OrganisationTypes.School)
            throw new DomainRuleException("arrangement.schoolOrganisationId", $"'{schoolId}' is not a school.");
        var plan = c.Case.AgreePlan(goals, actions, body.ReviewOn!.Value, arrangement, c.Organisation, c.Now);
        await SaveAsync(c, request.HttpContext, db);
        return TypedResults.Created($"{IntakeApi.Prefix}/cases/{id}", plan);
    }

    private static async Task<Results<Ok<CaseSummaryResponse>, ValidationProblem, ProblemHttpResult>> CloseAsync(
        Guid id, HttpRequest request, IntakeDbContext db, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<CloseCaseRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.Reason is null || !CaseNames.CloseReasons.TryGetValue(body.Reason, out var reason))
        {
            v.Add("reason", $"One of: {string.Join(", ", CaseNames.CloseReasons.Keys)}.");
            reason = default;
        }
        var note = v.Optional("note", body.Note, 4000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        if (await LoadAsync(id, request.HttpContext, db, clock, CaseMove.Close) is not { } c) return CaseAccessQueries.NotFound(id);
        c.Case.Close(reason, note, c.Now);
        await SaveAsync(c, request.HttpContext, db);
        return TypedResults.Ok(CaseSummaryResponse.From(c.Case, AccessLevel.Detail));
    }

    /// <summary>
    /// The structured check of parental authority; the deprecated <c>parentalAuthorityCheckedIn</c> still
    /// counts when it says "gezagsregister" (the parents, checked there on the day consent was given).
    /// Whether it is needed at all (the parents consent) is the domain's rule.
    /// </summary>
    private static ParentalAuthorityCheck? ParentalAuthorityOf(Validation v, RecordConsentRequest body)
    {
        if (body.ParentalAuthority is { } given)
        {
            var holders = new List<string>();
            if (given.Holders is not { Count: > 0 }) v.Add("parentalAuthority.holders", $"Who holds parental authority: {string.Join(", ", ParentalAuthority.HolderKinds)}.");
            else
                for (var i = 0; i < given.Holders.Count; i++)
                    if (given.Holders[i] is { } h && ParentalAuthority.HolderKinds.Contains(h)) holders.Add(h);
                    else v.Add($"parentalAuthority.holders[{i}]", $"One of: {string.Join(", ", ParentalAuthority.HolderKinds)}.");
            if (given.VerifiedBy is null || !ParentalAuthority.Methods.Contains(given.VerifiedBy))
                v.Add("parentalAuthority.verifiedBy", $"One of: {ParentalAuthority.Gezagsregister}, {ParentalAuthority.CourtDecision}.");
            if (given.VerifiedOn is null) v.Add("parentalAuthority.verifiedOn", "Required: when authority was checked.");
            return v.IsValid ? new ParentalAuthorityCheck(holders, given.VerifiedBy!, given.VerifiedOn!.Value) : null;
        }
        if (body.ParentalAuthorityCheckedIn is null) return null;
        if (body.ParentalAuthorityCheckedIn != ParentalAuthority.Gezagsregister)
        {
            v.Add("parentalAuthorityCheckedIn", "Deprecated: give parentalAuthority (holders, verifiedBy, verifiedOn); this field still takes only \"gezagsregister\".");
            return null;
        }
        return body.GivenOn is { } on ? new ParentalAuthorityCheck(["parents"], ParentalAuthority.Gezagsregister, on) : null;
    }

    private static List<string>? Organisations(Validation v, string field, IReadOnlyList<string>? ids)
    {
        if (ids is not { Count: > 0 }) { v.Add(field, "At least one organisation."); return null; }
        var result = new List<string>();
        for (var i = 0; i < ids.Count; i++)
            if (v.Required($"{field}[{i}]", ids[i], 100) is { } id) result.Add(id);
        return result;
    }
}
