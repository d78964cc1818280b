using Platform.ChildLinks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Auditing;
using Platform.DirectoryReplica;
using Platform.Intake.Domain;
using Platform.Intake.Domain.Cases;
using Platform.Http.Idempotency;
using Platform.Intake.Infrastructure;
using Platform.Messaging.Outbox;
using Platform.Privacy;
using Platform.ServiceDefaults;

namespace Platform.Intake.Apis;

public static class ReferralsApi
{
    public static IEndpointRouteBuilder MapReferralsApi(this IEndpointRouteBuilder app)
    {
        var referrals = app.MapGroup($"{IntakeApi.Prefix}/referrals").WithTags("Referrals").RequireAuthorization()
            .Audited<RouteGroupBuilder, IntakeDbContext>("referral", Contracts.ConsentPurposes.Support).WithDomainProblems();

        referrals.MapPost("/", SubmitAsync)
            .Accepts<SubmitReferralRequest>("application/json")
            .ReplayedAfterAccessChecks(ReplayAsync)
            .WithName("SubmitReferral")
            .WithSummary("A school, childcare, youth health care or a municipality refers a child for support (aanmelding); the child's one case is started or joined.")
            .WithDescription("Accepts an Idempotency-Key header: a retry with the same key and body returns the first result; the same key with another body is 409. "
                + "The answer does not tell whether the child is known: caseId and linkedToExistingCase are set only for an organisation already involved in the child's case; "
                + "anyone else (and the referrer of a child without a case) reads the case id back from GET /referrals/{id} when it may open the case.");
        referrals.MapGet("/{id:guid}", GetAsync)
            .WithName("GetReferral")
            .WithSummary("The organisation that submitted a referral reads it back; its caseId only when that organisation may open the case.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    internal static async Task<Results<Created<ReferralResponse>, ValidationProblem>> SubmitAsync(
        HttpRequest http, IntakeDbContext db, IRegionDirectory directory, IAuditTrail audit, ChildReferences childReferences, TimeProvider clock)
    {
        var (request, malformed) = await JsonBody.ReadAsync<SubmitReferralRequest>(http);
        if (malformed is not null) return malformed;

        var now = clock.GetUtcNow();
        var today = DutchTime.DateOf(now);
        // Minimum data per role (#25 point 6): a samenwerkingsverband never submits a BSN (RULES.md §4, §6), and Intake
        // knows every referred child by it, so an SWV's referral is refused whatever it holds, before anything is read from it.
        if (IsSwv(http.HttpContext)) throw SwvMayNotUseTheBsn();
        var (valid, validation) = ReferralValidator.Validate(request!, DateOnly.FromDateTime(now.UtcDateTime), childReferences);
        if (valid is null) return TypedResults.ValidationProblem(validation.Errors(), title: "The referral has errors.");
        // The paying municipality (woonplaatsbeginsel) must be one of the region's: 422 otherwise.
        await directory.RequireMunicipalityAsync("child.homeMunicipality", valid.Child.HomeMunicipality, http.HttpContext.RequestAborted);

        var organisationId = http.HttpContext.User.RequiredOrganisationId();
        // A child linked to its BSN since (ADR-0015) joins its one case by its old identifier too.
        var reference = await db.CurrentReferenceAsync(childReferences.For(valid.Identifier), http.HttpContext.RequestAborted);

        var referral = Referral.Submit(
            valid.Child, reference, organisationId,
            http.HttpContext.User.OrganisationTypeOf() ?? "unknown",
            valid.Needs, valid.TriedSoFar, valid.Urgency, valid.ParentsView, valid.ChildsView, now);

        // One child, one case. Two referrals for the same child racing each other both try to start
        // a case; the unique index on open cases lets one win, and the other links to it.
        for (var attempt = 1; ; attempt++)
        {
            var existing = await db.Cases.FirstOrDefaultAsync(c => c.ChildReference == referral.ChildReference && c.Status != CaseStatus.Closed);
            // No oracle (#25): only an organisation already involved in the child's case (a referrer,
            // or named in a valid consent) is told its referral joined it. Anyone else gets the answer
            // it would get for a child nobody knows; the coordinator hears of it (ReferralLinkedToCase).
            var involved = existing?.AccessFor(organisationId, today) is not null;
            if (existing is not null) existing.Link(referral, now);
            else db.Cases.Add(Case.Start(referral, now));
            db.Referrals.Add(referral);
            // A retry after a crash between commit and answer is told where the referral is.
            http.HttpContext.WillBeAt($"{IntakeApi.Prefix}/referrals/{referral.Id}");
            // Same SaveChanges, same transaction: the referral exists if and only if its event will be published.
            db.AddIntegrationEvent(referral.ToSubmittedEvent(), clock);
            audit.Changed(db, AuditActions.Create, "referral", referral.Id.ToString(), referral.ChildReference);

            try
            {
                await db.SaveChangesAsync();
                return TypedResults.Created($"{IntakeApi.Prefix}/referrals/{referral.Id}",
                    ReferralResponse.From(referral, caseVisible: involved, withBsn: true) with { LinkedToExistingCase = involved });
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && attempt < MaxAttempts)
            {
                // Another referral for the same child started its case first: link to that one.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // Another referral linked to the same case at the same moment: read the case again and link.
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 30));
            }
        }
    }

    /// <summary>Tries to start or join the child's case; each lost race is followed by a fresh read.</summary>
    private const int MaxAttempts = 10;

    internal static async Task<Results<Ok<ReferralResponse>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, IntakeDbContext db, IAuditTrail audit, TimeProvider clock)
    {
        var organisationId = http.User.RequiredOrganisationId();
        // Tenancy: another organisation's referral is indistinguishable from one that does not exist.
        var referral = await db.Referrals.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == id && r.ReferringOrganisationId == organisationId);
        if (referral is null)
            return TypedResults.Problem(title: "Referral not found.", detail: $"No referral {id} for your organisation.", statusCode: StatusCodes.Status404NotFound);
        audit.Read("referral", id.ToString(), referral.ChildReference);
        // The case id only to an organisation that may open the case (the first referrer of a case it
        // started, or one a valid consent names); a referral that joined a stranger's case shows none.
        var @case = referral.CaseId is { } caseId ? await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId) : null;
        var caseVisible = @case?.AccessFor(organisationId, DutchTime.DateOf(clock.GetUtcNow())) is not null;
        return TypedResults.Ok(ReferralResponse.From(referral, caseVisible, withBsn: !IsSwv(http)));
    }

    private static bool IsSwv(HttpContext http) => http.User.OrganisationTypeOf() == Contracts.OrganisationTypes.Swv;

    /// <summary>422 naming <c>child.bsn</c> and the rule.</summary>
    private static DomainRuleException SwvMayNotUseTheBsn() => new("child.bsn",
        "A samenwerkingsverband may not submit or receive a BSN (RULES.md §4 and §6, rule 6 of the rules most often got wrong), and Intake "
        + "identifies every referred child by it: the child's school or the municipality of residence refers the child.");

    /// <summary>
    /// A retry with the same Idempotency-Key (#25 point 6): the referral is rendered again as the POST
    /// would answer now (the case id only while the caller is involved in the case its referral joined;
    /// no BSN for an SWV), never the stored answer, and the replay is logged. A refusal is replayed as it was.
    /// </summary>
    private static async Task<IResult> ReplayAsync(HttpContext http, IdempotentReplay replay)
    {
        if (replay.Status != StatusCodes.Status201Created || replay.Location?.Split('/').Last() is not { } last || !Guid.TryParse(last, out var id))
            return IdempotentReplays.Stored(replay);
        var db = http.RequestServices.GetRequiredService<IntakeDbContext>();
        var organisationId = http.User.RequiredOrganisationId();
        var referral = await db.Referrals.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.ReferringOrganisationId == organisationId, http.RequestAborted);
        if (referral is null)
            return TypedResults.Problem(title: "Referral not found.", detail: $"No referral {id} for your organisation.", statusCode: StatusCodes.Status404NotFound);
        http.RequestServices.GetRequiredService<IAuditTrail>().Replayed("referral", id.ToString(), referral.ChildReference);
        var @case = referral.CaseId is { } caseId ? await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, http.RequestAborted) : null;
        // As the POST: only an organisation involved in a case the referral joined learns of it; the referrer of a new case reads it back.
        var involved = @case is not null && @case.FirstReferralId != referral.Id
            && @case.AccessFor(organisationId, DutchTime.Today(http.RequestServices.GetRequiredService<TimeProvider>())) is not null;
        http.Response.Headers[IdempotencyOptions.ReplayedHeader] = "true";
        return TypedResults.Created(replay.Location, ReferralResponse.From(referral, involved, withBsn: !IsSwv(http)) with { LinkedToExistingCase = involved });
    }
}
