using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Auditing;
using Platform.Contracts;
using Platform.Contracts.Children;
using Platform.Http;
using Platform.Messaging.Outbox;
using Platform.Privacy;
using Platform.ServiceDefaults;
using Platform.SharedKernel;

namespace Platform.ChildLinks;

/// <summary>A platform child id, for a child with neither BSN nor onderwijsnummer (ADR-0015).</summary>
public sealed record PlatformChildIdResponse(string PlatformChildId);

/// <summary>
/// The BSN that became known for a child registered by <c>onderwijsnummer</c> or <c>platformChildId</c> (exactly one).
/// </summary>
public sealed record LinkChildRequest(string? Onderwijsnummer, string? PlatformChildId, string? Bsn);

/// <summary>
/// The link was recorded. The same answer whether or not anyone else holds records of the BSN's child: linking tells
/// the caller nothing it did not know (no oracle).
/// </summary>
public sealed record ChildLinkResponse(string LinkedFrom, DateTimeOffset LinkedAt);

public static class ChildLinksApi
{
    public const string RuleType = "https://platform.example/problems/child-identifiers";

    /// <summary>The endpoints' tag, and its description for each service's OpenAPI document.</summary>
    public const string Tag = "Children without BSN";
    public const string TagDescription = "A child without BSN: a platform child id for a child with neither BSN nor onderwijsnummer, and linking a child registered by onderwijsnummer or platform child id to its BSN once known (ADR-0015).";

    /// <summary>
    /// Maps <c>POST {prefix}/children</c> (issue a platform child id) and <c>POST {prefix}/child-links</c> (link a
    /// child's onderwijsnummer or platform child id to its BSN) for a service holding children's records.
    /// </summary>
    public static IEndpointRouteBuilder MapChildLinksApi<TDbContext>(this IEndpointRouteBuilder app, string prefix, string purpose)
        where TDbContext : DbContext
    {
        var group = app.MapGroup(prefix).WithTags(Tag).RequireAuthorization()
            .Audited<RouteGroupBuilder, TDbContext>("child-link", purpose).WithDomainProblems();
        group.MapPost("/children", (HttpContext http, ChildReferences references, IAuditTrail audit) =>
                IssueAsync(http, http.RequestServices.GetRequiredService<TDbContext>(), references, audit))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("IssuePlatformChildId")
            .WithSummary("Issues a platform child id for a child with neither BSN nor onderwijsnummer (RULES.md §6; ADR-0015); every service of the region accepts it as child.platformChildId.");
        group.MapPost("/child-links", (HttpRequest request, ChildReferences references, IChildRecords records, IAuditTrail audit, TimeProvider clock) =>
                LinkAsync(request, request.HttpContext.RequestServices.GetRequiredService<TDbContext>(), references, records, audit, clock)).Accepts<LinkChildRequest>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("LinkChildIdentifiers")
            .WithSummary("An organisation holding a record of a child registered by onderwijsnummer or platform child id links it to the child's BSN once known: "
                + "every service re-keys the child's records to the BSN's reference (one child, one case, one history; ADR-0015).")
            .WithDescription("404 when the caller holds no record of the child under that identifier; the answer is the same whether or not others hold records of the BSN's child.");
        return app;
    }

    private static bool MayNotUseChildNumbers(HttpContext http) =>
        http.User.OrganisationTypeOf() is OrganisationTypes.Swv or OrganisationTypes.EscalationTable;

    private static ProblemHttpResult Forbidden() => TypedResults.Problem(title: "Not for your organisation.",
        detail: "A samenwerkingsverband may not process a BSN or an onderwijsnummer (RULES.md §6, §4), and the escalation table works without them: "
            + "the child's school or municipality registers and links children.",
        statusCode: StatusCodes.Status403Forbidden, type: RuleType);

    internal static async Task<Results<Ok<PlatformChildIdResponse>, ProblemHttpResult>> IssueAsync<TDbContext>(
        HttpContext http, TDbContext db, ChildReferences references, IAuditTrail audit) where TDbContext : DbContext
    {
        if (MayNotUseChildNumbers(http)) return Forbidden();
        var id = references.IssuePlatformChildId();
        var reference = references.For(new ChildIdentifier(ChildIdentifierKind.PlatformChildId, id));
        // Who issued an id, and when, is in the access log under the child's reference (the id itself stays out of it).
        audit.Changed(db, AuditActions.Create, "platform-child-id", reference, reference);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(new PlatformChildIdResponse(id));
    }

    internal static async Task<Results<Ok<ChildLinkResponse>, ValidationProblem, ProblemHttpResult>> LinkAsync<TDbContext>(
        HttpRequest request, TDbContext db, ChildReferences references, IChildRecords records, IAuditTrail audit, TimeProvider clock)
        where TDbContext : DbContext
    {
        var http = request.HttpContext;
        if (MayNotUseChildNumbers(http)) return Forbidden();
        var (body, malformed) = await JsonBody.ReadAsync<LinkChildRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var given = new[] { body!.Onderwijsnummer, body.PlatformChildId }.Count(s => !string.IsNullOrWhiteSpace(s));
        ChildIdentifier? from = null;
        if (given != 1)
        {
            var message = given == 0 ? "Required: exactly one of onderwijsnummer or platformChildId, the identifier the child is registered by."
                : "Give exactly one of onderwijsnummer or platformChildId.";
            v.Add("onderwijsnummer", message).Add("platformChildId", message);
        }
        else from = ChildIdentifier.Read(null, body.Onderwijsnummer, body.PlatformChildId, references, (f, m) => v.Add(f, m), prefix: "");
        if (string.IsNullOrWhiteSpace(body.Bsn)) v.Add("bsn", "Required: the child's BSN, now known.");
        else if (!Bsn.TryParse(body.Bsn, out _)) v.Add("bsn", "Not a valid BSN: 9 digits that pass the 11-proof.");
        if (!v.IsValid || from is null) return TypedResults.ValidationProblem(v.Errors(), title: "The link has errors.");
        Bsn.TryParse(body.Bsn, out var bsn);

        var field = from.Value.Kind == ChildIdentifierKind.Onderwijsnummer ? "onderwijsnummer" : "platformChildId";
        var fromReference = references.For(from.Value);
        var toReference = references.For(bsn);
        var ct = http.RequestAborted;
        var notYours = TypedResults.Problem(title: "Child not found.",
            detail: $"No record of your organisation for the child with this {field}.", statusCode: StatusCodes.Status404NotFound);

        var existing = await db.Set<ChildReferenceLink>().AsNoTracking().FirstOrDefaultAsync(l => l.FromReference == fromReference, ct);
        if (existing is null && !await records.HoldsAsync(http.User, fromReference, ct))
        {
            // A link made at this moment by a request a step ahead re-keys the records before this one asks whether it holds
            // any: look for that link again rather than answer "no record".
            existing = await db.Set<ChildReferenceLink>().AsNoTracking().FirstOrDefaultAsync(l => l.FromReference == fromReference, ct);
            if (existing is null) return notYours;
        }
        if (existing is not null)
        {
            // Only a holder of the child's (re-keyed) records learns that it is linked already.
            if (!await records.HoldsAsync(http.User, existing.ToReference, ct)) return notYours;
            if (existing.ToReference == toReference) return TypedResults.Ok(new ChildLinkResponse(field, existing.LinkedAt));
            throw new DomainRuleException("bsn", $"This {field} is linked to another BSN already (ADR-0015: a reference is linked once); "
                + "a wrong link is corrected by the privacy officer, not by a second link.");
        }

        var now = clock.GetUtcNow();
        var organisationId = http.User.RequiredOrganisationId();
        var link = new ChildReferenceLink
        {
            FromReference = fromReference, ToReference = toReference, LinkId = Guid.CreateVersion7(now),
            LinkedByOrganisationId = organisationId, LinkedIn = records.Service, LinkedAt = now,
        };
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                // Re-keying, the link and its event commit together (the outbox), or none of them.
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await records.RekeyAsync(fromReference, toReference, ct);
                db.Set<ChildReferenceLink>().Add(link);
                db.AddIntegrationEvent(new ChildIdentifiersLinked(link.LinkId, fromReference, toReference, organisationId, records.Service, now), clock);
                audit.Changed(db, AuditActions.Update, "child-link", link.LinkId.ToString(), toReference);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            });
        }
        catch (Exception ex) when (IsUniqueViolation(ex))
        {
            // Raced: the same link made at the same moment, or a record of the BSN's child (a new open case) written while
            // this one re-keyed. Nothing of this link was committed; asked again, it sees what is there now.
            http.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(title: "The child's records changed meanwhile.",
                detail: "Another change to this child's records was saved while linking; nothing was linked. Try again.",
                statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok(new ChildLinkResponse(field, now));
    }

    /// <summary>A unique index said no: from SaveChanges (wrapped) or from a bulk re-key (ExecuteUpdate, not wrapped).</summary>
    internal static bool IsUniqueViolation(Exception ex) =>
        (ex as Npgsql.PostgresException ?? ex.InnerException as Npgsql.PostgresException) is { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };
}
