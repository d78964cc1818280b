using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Auditing;
using Platform.DirectoryReplica;
using Platform.Intake.Domain;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Infrastructure;
using Platform.Messaging.Idempotency;
using Platform.Messaging.Outbox;
using Platform.Privacy;
using Platform.ServiceDefaults;

namespace Platform.Intake.Apis;

public static class ReferralsApi
{
    public static IEndpointRouteBuilder MapReferralsApi(this IEndpointRouteBuilder app)
    {
        var referrals = app.MapGroup($"{IntakeApi.Prefix}/referrals").WithTags("Referrals").RequireAuthorization()
            .Audited<RouteGroupBuilder, IntakeDbContext>("referral", Contracts.ConsentPurposes.Support).AddEndpointFilter<DomainProblems>();

        referrals.MapPost("/", SubmitAsync)
            .Accepts<SubmitReferralRequest>("application/json")
            .WithName("SubmitReferral")
            .WithSummary("Refer a child for support (aanmelding).")
            .WithDescription("Accepts an Idempotency-Key header: a retry with the same key and body returns the first result; the same key with another body is 409.")
            // Its key is stored in the referral's own transaction, stronger than the shared middleware's.
            .WithMetadata(new HandlesIdempotencyKeyItself());
        referrals.MapGet("/{id:guid}", GetAsync)
            .WithName("GetReferral")
            .WithSummary("A referral, for the organisation that submitted it.");
        return app;
    }

    internal static async Task<Results<Created<ReferralResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpRequest http, IntakeDbContext db, IRegionDirectory directory, IAuditTrail audit, ChildReferences childReferences, TimeProvider clock)
    {
        var (request, malformed) = await JsonBody.ReadAsync<SubmitReferralRequest>(http);
        if (malformed is not null) return malformed;

        var now = clock.GetUtcNow();
        var (valid, validation) = ReferralValidator.Validate(request!, DateOnly.FromDateTime(now.UtcDateTime));
        if (valid is null) return TypedResults.ValidationProblem(validation.Errors(), title: "The referral has errors.");
        // The paying municipality (woonplaatsbeginsel) must be one of the region's: 422 otherwise.
        await directory.RequireMunicipalityAsync("child.homeMunicipality", valid.Child.HomeMunicipality, http.HttpContext.RequestAborted);

        var organisationId = http.HttpContext.User.RequiredOrganisationId();
        var idempotencyKey = http.Headers["Idempotency-Key"].ToString();
        var requestHash = Hash(request!);
        if (idempotencyKey.Length > 200)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["At most 200 characters."] });
        if (idempotencyKey.Length > 0 && await ReplayAsync(db, organisationId, idempotencyKey, requestHash) is { } replay)
            return replay;

        var referral = Referral.Submit(
            valid.Child, childReferences.For(valid.Bsn), organisationId,
            http.HttpContext.User.OrganisationTypeOf() ?? "unknown",
            valid.Needs, valid.TriedSoFar, valid.Urgency, valid.ParentsView, valid.ChildsView, now);

        // One child, one case. Two referrals for the same child racing each other both try to start
        // a case; the unique index on open cases lets one win, and the other links to it.
        for (var attempt = 1; ; attempt++)
        {
            var existing = await db.Cases.FirstOrDefaultAsync(c => c.ChildReference == referral.ChildReference && c.Status != CaseStatus.Closed);
            if (existing is not null) existing.Link(referral, now);
            else db.Cases.Add(Case.Start(referral, now));
            db.Referrals.Add(referral);
            if (idempotencyKey.Length > 0)
                db.IdempotencyRecords.Add(new IdempotencyRecord(organisationId, idempotencyKey, requestHash, referral.Id, now));
            // Same SaveChanges, same transaction: the referral exists if and only if its event will be published.
            db.AddIntegrationEvent(referral.ToSubmittedEvent(), clock);
            audit.Changed(db, AuditActions.Create, "referral", referral.Id.ToString(), referral.ChildReference);

            try
            {
                await db.SaveChangesAsync();
                return TypedResults.Created($"{IntakeApi.Prefix}/referrals/{referral.Id}",
                    ReferralResponse.From(referral) with { LinkedToExistingCase = existing is not null });
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
            {
                db.ChangeTracker.Clear();
                if (unique.ConstraintName?.Contains("idempotency", StringComparison.Ordinal) == true)
                    // A concurrent retry with the same key won the race: answer with its result.
                    return await ReplayAsync(db, organisationId, idempotencyKey, requestHash)
                           ?? throw new InvalidOperationException("Idempotency key conflict without a stored record.", ex);
                if (attempt >= MaxAttempts) throw;
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
        Guid id, HttpContext http, IntakeDbContext db, IAuditTrail audit)
    {
        var organisationId = http.User.RequiredOrganisationId();
        // Tenancy: another organisation's referral is indistinguishable from one that does not exist.
        var referral = await db.Referrals.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == id && r.ReferringOrganisationId == organisationId);
        if (referral is not null) audit.Read("referral", id.ToString(), referral.ChildReference);
        return referral is null
            ? TypedResults.Problem(title: "Referral not found.", detail: $"No referral {id} for your organisation.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(ReferralResponse.From(referral));
    }

    private static async Task<Results<Created<ReferralResponse>, ValidationProblem, ProblemHttpResult>?> ReplayAsync(
        IntakeDbContext db, string organisationId, string key, string requestHash)
    {
        var record = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.OrganisationId == organisationId && r.Key == key);
        if (record is null) return null;
        if (record.RequestHash != requestHash)
            return TypedResults.Problem(
                title: "Idempotency-Key already used for a different request.",
                detail: "Use a new key for a new referral.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["field"] = "Idempotency-Key" });
        var referral = await db.Referrals.AsNoTracking().FirstAsync(r => r.Id == record.ResourceId);
        return TypedResults.Created($"{IntakeApi.Prefix}/referrals/{referral.Id}", ReferralResponse.From(referral));
    }

    private static string Hash(SubmitReferralRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))));
}
