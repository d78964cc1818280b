using Platform.ChildLinks;
using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Auditing;
using Platform.ConsentReplica;
using Platform.Contracts;
using Platform.DirectoryReplica;
using Platform.Handover.Domain;
using Platform.Handover.Infrastructure;
using Platform.Http.Paging;
using Platform.Privacy;

namespace Platform.Handover.Apis;

public static partial class HandoversApi
{
    public static IEndpointRouteBuilder MapHandoversApi(this IEndpointRouteBuilder app)
    {
        var handovers = app.MapGroup($"{HandoverApi.Prefix}/handovers").WithTags("Handovers")
            .RequireAuthorization().Audited<RouteGroupBuilder, HandoverDbContext>("handover", ConsentPurposes.Handover).WithDomainProblems()
            .VisibleRecordsOnly((http, id, ct) => http.RequestServices.GetRequiredService<HandoverDbContext>().Handovers.AsNoTracking()
                .VisibleTo(http.User).AnyAsync(h => h.Id == id, ct), NotFound);
        handovers.MapPost("/", StartAsync).Accepts<StartHandoverRequest>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("StartHandover")
            .WithSummary("The school or childcare the child leaves starts a warm handover with the standard dossier, under a consent for the purpose 'handover' naming it and the receiver (422 otherwise, the same answer for every child).");
        handovers.MapGet("/", ListAsync)
            .WithName("ListHandovers")
            .WithSummary("Senders, receivers and the receiving school's SWV list the handovers they take part in, newest first.");
        handovers.MapGet("/{id:guid}", GetAsync)
            .WithName("GetHandover")
            .WithSummary("Those taking part read one handover; the dossier and the child only where they may see them.");
        handovers.MapPost("/{id:guid}/acceptance", (Guid id, HttpContext http, HandoverDbContext db, TimeProvider clock) =>
            ActAsync(id, http, db, clock, Role.Receiver, (h, now) => h.Accept(http.User.FindFirst(PlatformClaims.Swv)?.Value, now)))
            .Move("AcceptHandover", "The receiver accepts: the child applied or enrolled (only then may the dossier be shared).");
        handovers.MapPost("/{id:guid}/decline", DeclineAsync).Accepts<DeclineRequest>("application/json")
            .Move("DeclineHandover", "The receiver declines, with a reason.");
        handovers.MapPost("/{id:guid}/send-to", SendToAsync).Accepts<SendToRequest>("application/json")
            .Move("SendHandoverTo", "After a decline, the sender sends the handover to another receiver, named with it in a consent for the handover (422 otherwise).");
        handovers.MapPost("/{id:guid}/meeting", RecordMeetingAsync).Accepts<MeetingRequest>("application/json")
            .Move("RecordHandoverMeeting", "The sender or the receiver records the warm handover meeting.");
        handovers.MapPost("/{id:guid}/care/{careItemId:guid}/confirmation", ConfirmCareAsync).Accepts<CareConfirmationRequest>("application/json")
            .Move("ConfirmHandoverCare", "The receiver confirms one item of care continues, or names its successor; only while a consent for the handover names it (422 otherwise).");
        handovers.MapPost("/{id:guid}/completion", (Guid id, HttpContext http, HandoverDbContext db, TimeProvider clock) =>
            ActAsync(id, http, db, clock, Role.Either, (h, now) => h.Complete(now)))
            .Move("CompleteHandover", "The sender or the receiver completes the handover: needs the meeting held and every care item confirmed (409 otherwise).");
        handovers.MapSchoolReports();
        return app;
    }

    /// <summary>A move's name and summary, and the 403 every move answers itself to the side whose move it is not.</summary>
    private static RouteHandlerBuilder Move(this RouteHandlerBuilder move, string name, string summary) =>
        move.ProducesProblem(StatusCodes.Status403Forbidden).WithName(name).WithSummary(summary);

    private static async Task<Results<Ok<HandoverResponse>, ValidationProblem, ProblemHttpResult>> DeclineAsync(
        Guid id, HttpRequest request, HandoverDbContext db, TimeProvider clock)
    {
        if (await RefuseAsync(id, request.HttpContext, db, Role.Receiver) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<DeclineRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var reason = v.Required("reason", body!.Reason, 2000);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        return await ActAsync(id, request.HttpContext, db, clock, Role.Receiver, (h, now) => h.Decline(reason!, now)).Widened();
    }

    private static async Task<Results<Ok<HandoverResponse>, ValidationProblem, ProblemHttpResult>> SendToAsync(
        Guid id, HttpRequest request, HandoverDbContext db, IRegionDirectory directory, TimeProvider clock)
    {
        if (await RefuseAsync(id, request.HttpContext, db, Role.Sender) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<SendToRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var receiver = v.Required("receivingOrganisationId", body!.ReceivingOrganisationId, 100);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        await RequireReceiverAsync(directory, receiver!, request.HttpContext.RequestAborted);
        // #25 point 3: the new receiver too must be named, with the sender, in a handover consent in force.
        var handover = await db.Handovers.AsNoTracking().FirstAsync(h => h.Id == id, request.HttpContext.RequestAborted);
        if (handover.Status == HandoverStatus.Declined
            && !await HandoverConsentAsync(db, handover.ChildReference, handover.SendingOrganisationId, receiver!, DutchTime.Today(clock), request.HttpContext.RequestAborted))
            return NoHandoverConsent("receivingOrganisationId");
        return await ActAsync(id, request.HttpContext, db, clock, Role.Sender, (h, now) => h.SendTo(receiver!, body.DueOn, now)).Widened();
    }

    private static async Task<Results<Ok<HandoverResponse>, ValidationProblem, ProblemHttpResult>> RecordMeetingAsync(
        Guid id, HttpRequest request, HandoverDbContext db, TimeProvider clock)
    {
        if (await RefuseAsync(id, request.HttpContext, db, Role.Either) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<MeetingRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.HeldOn is null) v.Add("heldOn", "Required.");
        if (body.Participants is not { Count: >= 2 }) v.Add("participants", "At least the sending and the receiving organisation.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        var meeting = new WarmMeeting(body.HeldOn!.Value, [.. body.Participants!.Distinct()], body.ParentsPresent ?? false, body.YouthCarePresent ?? false);
        return await ActAsync(id, request.HttpContext, db, clock, Role.Either, (h, now) => h.RecordMeeting(meeting, now)).Widened();
    }

    private static async Task<Results<Ok<HandoverResponse>, ValidationProblem, ProblemHttpResult>> ConfirmCareAsync(
        Guid id, Guid careItemId, HttpRequest request, HandoverDbContext db, TimeProvider clock)
    {
        if (await RefuseAsync(id, request.HttpContext, db, Role.Receiver) is { } refused) return refused;
        var (body, malformed) = await JsonBody.ReadAsync<CareConfirmationRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.Continues is null) v.Add("continues", "Required.");
        var successor = v.Optional("successor", body.Successor, 500);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        var org = request.HttpContext.User.RequiredOrganisationId();
        // #25 point 3: the receiver sees the care items only under a handover consent; without one it confirms none.
        var reference = await db.Handovers.AsNoTracking().Where(h => h.Id == id).Select(h => h.ChildReference).FirstAsync(request.HttpContext.RequestAborted);
        var consents = request.HttpContext.RequestServices.GetRequiredService<IConsentCheck>();
        if (!await consents.CoversAsync(reference, org, ConsentPurposes.Handover, DutchTime.Today(clock), request.HttpContext.RequestAborted))
            return NoHandoverConsent("careItemId");
        return await ActAsync(id, request.HttpContext, db, clock, Role.Receiver,
            (h, now) => h.ConfirmCare(careItemId, body.Continues!.Value, successor, org, now)).Widened();
    }

    private enum Role { Sender, Receiver, Either }

    /// <summary>A child is handed over to a school or childcare of the region's directory, never to free text.</summary>
    private static async Task RequireReceiverAsync(IRegionDirectory directory, string receiver, CancellationToken ct)
    {
        var organisation = await directory.RequireOrganisationAsync("receivingOrganisationId", receiver, ct);
        if (organisation.Type is not (Contracts.OrganisationTypes.School or Contracts.OrganisationTypes.Childcare))
            throw new DomainRuleException("receivingOrganisationId", $"'{receiver}' is not a school or childcare: a handover goes to where the child will be.");
    }

    private static IQueryable<HandoverProcess> VisibleTo(this IQueryable<HandoverProcess> handovers, ClaimsPrincipal user)
    {
        var org = user.RequiredOrganisationId();
        return handovers.Where(h => h.SendingOrganisationId == org || h.ReceivingOrganisationId == org || h.ReceivingSwv == org);
    }

    private static async Task<Results<Created<HandoverResponse>, ValidationProblem, ProblemHttpResult>> StartAsync(HttpRequest request, HandoverDbContext db, IRegionDirectory directory, ChildReferences childReferences, IConsentCheck consents, TimeProvider clock)
    {
        // The organisation the child leaves sends: a school, or childcare at the switch to primary school.
        if (request.HttpContext.User.OrganisationTypeOf() is not (OrganisationTypes.School or OrganisationTypes.Childcare))
            return TypedResults.Problem(title: "Not a sending organisation.", detail: "A handover is started by the school or childcare the child leaves.",
                statusCode: StatusCodes.Status403Forbidden);
        var (body, malformed) = await JsonBody.ReadAsync<StartHandoverRequest>(request);
        if (malformed is not null) return malformed;
        var now = clock.GetUtcNow();
        var v = new Validation();
        ChildIdentifier identifier = default;
        var c = body!.Child;
        if (c is null) v.Add("child", "Required.");
        // Exactly one of bsn, onderwijsnummer (DUO's number for a pupil without BSN, RULES.md §6) or platformChildId (ADR-0015).
        else if (ChildIdentifier.Read(c.Bsn, c.Onderwijsnummer, c.PlatformChildId, childReferences, (f, m) => v.Add(f, m)) is { } read) identifier = read;
        var given = v.Required("child.givenName", c?.GivenName, 200);
        var family = v.Required("child.familyName", c?.FamilyName, 200);
        if (c?.DateOfBirth is null) v.Add("child.dateOfBirth", "Required.");
        if (body.SwitchMoment is null || !SwitchMoments.All.ContainsKey(body.SwitchMoment)) v.Add("switchMoment", $"One of: {string.Join(", ", SwitchMoments.All.Keys)}.");
        var receiver = v.Required("receivingOrganisationId", body.ReceivingOrganisationId, 100);
        if (body.DueOn is null) v.Add("dueOn", "Required.");
        var dossier = ReadDossier(v, body.Dossier);
        var youthCare = new List<string>();
        foreach (var (item, i) in (body.YouthCare ?? []).Select((x, i) => (x, i)))
            if (v.Required($"youthCare[{i}].description", item?.Description, 500) is { } d) youthCare.Add(d);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The handover has errors.");
        await RequireReceiverAsync(directory, receiver!, request.HttpContext.RequestAborted);

        // A child linked to its BSN since (ADR-0015) is one child under either identifier: its records, consents and care.
        var reference = await db.CurrentReferenceAsync(childReferences.For(identifier), request.HttpContext.RequestAborted);
        var sameChild = await db.SameChildAsync(reference, request.HttpContext.RequestAborted);
        var sender = request.HttpContext.User.RequiredOrganisationId();
        // #25 point 3: a handover consent naming sender and receiver, before anything about the child is looked at,
        // so that a school that only knows a BSN gets the same refusal for every child (no oracle).
        if (!await HandoverConsentAsync(db, reference, sender, receiver!, DutchTime.Today(clock), request.HttpContext.RequestAborted))
            return NoHandoverConsent("child");
        if (body.EndsTlvId is { } tlvId)
        {
            // A terugplaatsing names the TLV it ends: one of this child's, still running.
            if (!SwitchMoments.All[body.SwitchMoment!])
                throw new DomainRuleException("endsTlvId", "Only a terugplaatsing (back from special to regular education) ends a TLV.");
            var tlv = await db.Tlvs.AsNoTracking().FirstOrDefaultAsync(t => t.TlvId == tlvId && sameChild.Contains(t.ChildReference));
            if (tlv is null || tlv.EndedOn is not null)
                throw new DomainRuleException("endsTlvId", "No running TLV of this child with this id.");
        }
        // Continuity of care: the child's arrangements known from Funding, and the youth care the sender names.
        var arrangements = await db.Arrangements.AsNoTracking().Where(a => sameChild.Contains(a.ChildReference)).ToListAsync();
        // An ended placement is no longer current care (#24 point 6): only what runs on reaches the next school.
        var care = arrangements.Where(a => a.IsCurrentOn(DutchTime.DateOf(now))).Select(a => new CareItem { Id = Guid.CreateVersion7(now), Source = CareItem.FromFunding, Description = $"{a.Kind} arrangement {a.ArrangementId} since {a.StartsOn:yyyy-MM-dd}" })
            .Concat(youthCare.Select(d => new CareItem { Id = Guid.CreateVersion7(now), Source = "youth-care", Description = d }));
        var handover = HandoverProcess.Start(new ChildDetails(identifier, given!, family!, c!.DateOfBirth!.Value), reference, body.SwitchMoment!,
            sender, receiver!, body.DueOn!.Value, dossier!, care, now, body.EndsTlvId);
        db.Handovers.Add(handover);
        request.HttpContext.Audit().Changed(db, AuditActions.Create, "handover", handover.Id.ToString(), reference);
        await db.SaveChangesAsync();
        return TypedResults.Created($"{HandoverApi.Prefix}/handovers/{handover.Id}", await RenderAsync(handover, request.HttpContext.User, consents, clock, request.HttpContext.RequestAborted));
    }

    /// <summary>
    /// #25 point 3 (RULES.md §6, §7): one consent for the purpose <c>handover</c>, in force today, names both the
    /// sender and the receiver. Intake names only organisations involved in the child's case in a consent, so
    /// the consent naming the sender is also its link to the child's case.
    /// </summary>
    private static async Task<bool> HandoverConsentAsync(HandoverDbContext db, string childReference, string sender, string receiver, DateOnly day, CancellationToken ct)
    {
        // A consent recorded under a reference since linked to the child's BSN stays valid (ADR-0015).
        var references = await db.SameChildAsync(childReference, ct);
        var consents = await db.Set<ConsentCopy>().AsNoTracking().Where(c => references.Contains(c.ChildReference)).ToListAsync(ct);
        return consents.Any(c => c.Covers(sender, ConsentPurposes.Handover, day) && c.Covers(receiver, ConsentPurposes.Handover, day));
    }

    public const string NoHandoverConsentType = "https://platform.example/problems/handover-consent-required";

    /// <summary>The one refusal for a child without a handover consent naming both sides, known to the platform or not (no oracle, #25).</summary>
    private static ProblemHttpResult NoHandoverConsent(string field)
    {
        const string detail = "A handover needs a consent for the purpose 'handover', in force, that names both the sending and the receiving organisation "
            + "(RULES.md §6 consent; §7 warm handover; docs/security.md, per action: Handover). Ask the family through the child's case in Intake.";
        return TypedResults.Problem(title: "No handover consent.", detail: detail, statusCode: StatusCodes.Status422UnprocessableEntity, type: NoHandoverConsentType,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
    }

    private static Dossier? ReadDossier(Validation v, DossierRequest? d)
    {
        if (d is null) { v.Add("dossier", "Required: the standard handover dossier."); return null; }
        var dossier = new Dossier
        {
            EducationalNeeds = v.Required("dossier.educationalNeeds", d.EducationalNeeds, 4000) ?? "",
            SupportNeeds = v.Required("dossier.supportNeeds", d.SupportNeeds, 4000) ?? "",
            WhatWorks = v.Required("dossier.whatWorks", d.WhatWorks, 4000) ?? "",
            CurrentCare = v.Optional("dossier.currentCare", d.CurrentCare, 4000),
            ParentsView = v.Optional("dossier.parentsView", d.ParentsView, 4000),
            ChildsView = v.Optional("dossier.childsView", d.ChildsView, 4000),
        };
        foreach (var (a, i) in (d.Attachments ?? []).Select((x, i) => (x, i)))
        {
            var name = v.Required($"dossier.attachments[{i}].name", a?.Name, 200);
            var type = v.Required($"dossier.attachments[{i}].mediaType", a?.MediaType, 100);
            var reference = v.Required($"dossier.attachments[{i}].reference", a?.Reference, 500);
            if (a?.SizeBytes is not (>= 0)) v.Add($"dossier.attachments[{i}].sizeBytes", "Required, not negative.");
            if (name is not null && type is not null && reference is not null && a?.SizeBytes is >= 0)
                dossier.Attachments.Add(new Attachment(name, type, a.SizeBytes.Value, reference));
        }
        return dossier;
    }

    /// <summary>
    /// Newest first, the id breaking ties. Not by due date, which a send-to may change: a handover
    /// whose key moved while a client paged could jump past its cursor and be missed.
    /// </summary>
    private static async Task<Results<Ok<Page<HandoverResponse>>, ValidationProblem>> ListAsync(
        [Description(PageRequest.LimitDescription)] int? limit,
        [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, HandoverDbContext db, IConsentCheck consents, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        var after = page.AfterTimeAndId(v);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The list request has errors.");

        var query = db.Handovers.AsNoTracking().VisibleTo(http.User);
        if (after is var (at, last)) query = query.Where(h => h.StartedAt < at || (h.StartedAt == at && h.Id.CompareTo(last) < 0));
        var rows = await query.OrderByDescending(h => h.StartedAt).ThenByDescending(h => h.Id).Take(page.Limit + 1).ToListAsync(ct);
        var read = page.PageOf(rows, h => h, h => PageRequest.TimeAndId(h.StartedAt, h.Id), http.Request);
        http.Audit().Searched("handover", read.Items.Select(h => (h.Id.ToString(), (string?)h.ChildReference)));
        var results = new List<HandoverResponse>();
        foreach (var h in read.Items) results.Add(await RenderAsync(h, http.User, consents, clock, ct));
        return TypedResults.Ok(new Page<HandoverResponse>(results, read.Next));
    }

    private static async Task<Results<Ok<HandoverResponse>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, HandoverDbContext db, IConsentCheck consents, TimeProvider clock, CancellationToken ct)
    {
        var found = await db.Handovers.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(h => h.Id == id, ct);
        if (found is not null) http.Audit().Read("handover", id.ToString(), found.ChildReference);
        if (found is null) return NotFound(id);
        return TypedResults.Ok(await RenderAsync(found, http.User, consents, clock, ct));
    }

    /// <summary>
    /// The dossier and the youth care it names are the sender's to show. The receiver and the receiving SWV see
    /// the dossier and every care item only after acceptance (the child applied or enrolled: RULES.md §7) and while a
    /// consent for the handover names them (#25 point 3); a withdrawal hides both at once, in every answer.
    /// The child's arrangements from Funding reach the sender too only under such a consent.
    /// </summary>
    private static async Task<HandoverResponse> RenderAsync(HandoverProcess h, ClaimsPrincipal user, IConsentCheck consents, TimeProvider clock, CancellationToken ct)
    {
        var org = user.RequiredOrganisationId();
        var covered = await consents.CoversAsync(h.ChildReference, org, ConsentPurposes.Handover, DutchTime.Today(clock), ct);
        var sender = org == h.SendingOrganisationId;
        var shared = covered && h.Status is HandoverStatus.Accepted or HandoverStatus.MeetingHeld or HandoverStatus.Completed;
        IReadOnlyList<CareItem> care = sender
            ? [.. h.Care.Where(c => covered || c.Source != CareItem.FromFunding)]
            : shared ? h.Care : [];
        var response = HandoverResponse.From(h, dossier: sender || shared, bsn: user.OrganisationTypeOf() != "swv", care);
        // The school advice and the onderwijskundig rapport are addressed to the receiving school (RULES.md §7), not its SWV.
        var school = sender || org == h.ReceivingOrganisationId;
        return school || response.Dossier is null ? response : response with { Dossier = response.Dossier.WithoutSchoolReports() };
    }

    /// <summary>
    /// Authorization before anything else (#25): 404 for a handover the caller does not take part in
    /// (the route filter answers that first), 403 for one it sees but whose move is the other side's,
    /// both before the body is read, so a bad body never tells a caller that the route is open to it.
    /// </summary>
    private static async Task<ProblemHttpResult?> RefuseAsync(Guid id, HttpContext http, HandoverDbContext db, Role role)
    {
        var found = await db.Handovers.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(h => h.Id == id, http.RequestAborted);
        if (found is null) return NotFound(id);
        return Allowed(found, http.User.RequiredOrganisationId(), role) ? null : NotYourPart();
    }

    private static bool Allowed(HandoverProcess h, string org, Role role) => role switch
    {
        Role.Sender => org == h.SendingOrganisationId,
        Role.Receiver => org == h.ReceivingOrganisationId,
        _ => org == h.SendingOrganisationId || org == h.ReceivingOrganisationId,
    };

    private static ProblemHttpResult NotYourPart() => TypedResults.Problem(title: "Not your part of the handover.",
        detail: "This move is the other side's: the sender sends, the receiver accepts, declines and confirms care; the receiving SWV follows.",
        statusCode: StatusCodes.Status403Forbidden);

    private static async Task<Results<Ok<HandoverResponse>, ProblemHttpResult>> ActAsync(Guid id, HttpContext http, HandoverDbContext db, TimeProvider clock, Role role, Action<HandoverProcess, DateTimeOffset> move)
    {
        var org = http.User.RequiredOrganisationId();
        var consents = http.RequestServices.GetRequiredService<IConsentCheck>();
        var found = await db.Handovers.VisibleTo(http.User).FirstOrDefaultAsync(h => h.Id == id);
        if (found is null) return NotFound(id);
        if (!Allowed(found, org, role)) return NotYourPart();
        move(found, clock.GetUtcNow());
        http.Audit().Changed(db, AuditActions.Update, "handover", id.ToString(), found.ChildReference);
        await db.SaveChangesAsync();
        return TypedResults.Ok(await RenderAsync(found, http.User, consents, clock, http.RequestAborted));
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        title: "Handover not found.", detail: $"No handover {id} your organisation takes part in.", statusCode: StatusCodes.Status404NotFound);
}
