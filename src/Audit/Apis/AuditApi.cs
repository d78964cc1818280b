using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Audit.Domain;
using Platform.Audit.Infrastructure;
using Platform.Audit.Jobs;
using Platform.Contracts.Audit;
using Platform.DirectoryReplica;
using Platform.Jobs;
using Platform.Privacy;

namespace Platform.Audit.Apis;

/// <summary>
/// The log's two questions: who looked at this child's data (for the privacy officer and the parents'
/// inspection request, AVG art. 15), and is the log intact. Only the privacy officer asks them; each
/// inspection is itself a line in the log. No API alters the log.
/// </summary>
public static class AuditApi
{
    public const string Prefix = "/api/audit";
    public const string Audience = "audit-api";

    /// <summary>This service to the shared host: its database, audience and prefix, and what its OpenAPI document says of it.</summary>
    public static readonly ApiService Service = new(ResourceNames.AuditDb, Audience, Prefix)
    {
        Title = "Audit API",
        Description = "The access log (NEN 7513): who read or changed what about which child, when and why. Read by the region's privacy officer only.",
        Tags = new Dictionary<string, string>
        {
            ["Access reports"] = "Who looked at one child's data, when, what and why: for the privacy officer and the parents' inspection request (AVG art. 15).",
            ["Integrity checks"] = "Whether the log's hash chain is unbroken, so no line was changed or removed behind the log's back.",
        },
    };
    public const string PrivacyOfficer = "privacy-officer";

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup(Prefix).RequireAuthorization();
        audit.MapPost("/access-reports", ReportAsync).Accepts<AccessReportRequest>("application/json").WithTags("Access reports")
            .WithName("CreateAccessReport").ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The privacy officer asks who looked at one child's data, when, what and why: by BSN (never in a URL) or child reference.");
        audit.MapGet("/integrity", IntegrityAsync).WithTags("Integrity checks")
            .WithName("CheckLogIntegrity").ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The privacy officer checks the log: its keyed hash chain from the oldest line kept, and the signed checkpoints kept outside the database.");
        return app;
    }

    private static ProblemHttpResult NotPrivacyOfficer() => TypedResults.Problem(title: "Only the privacy officer reads the access log.",
        detail: $"It needs the role '{PrivacyOfficer}'.", statusCode: StatusCodes.Status403Forbidden);

    private static async Task<Results<Ok<AccessReportResponse>, ValidationProblem, ProblemHttpResult>> ReportAsync(HttpRequest request, AuditDbContext db, ChildReferences references, IRegionDirectory directory, ChainKeys keys, TimeProvider clock)
    {
        var user = request.HttpContext.User;
        if (!user.IsInRole(PrivacyOfficer)) return NotPrivacyOfficer();
        var (body, malformed) = await JsonBody.ReadAsync<AccessReportRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        string? child = null;
        if (body!.Bsn is { Length: > 0 } bsnText)
        {
            if (Bsn.TryParse(bsnText, out var bsn)) child = references.For(bsn);
            else v.Add("bsn", "Not a valid BSN: 9 digits that pass the 11-proof.");
        }
        else if (v.Optional("childReference", body.ChildReference, 80) is { } reference)
        {
            if (reference.StartsWith(ChildReferences.Prefix, StringComparison.Ordinal)) child = reference;
            else v.Add("childReference", $"A child reference starts with {ChildReferences.Prefix}.");
        }
        else v.Add("bsn", "The child's BSN, or its childReference.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "Whose log?");

        var ct = request.HttpContext.RequestAborted;
        var lines = await db.Entries.AsNoTracking().Where(e => e.ChildReference == child).OrderBy(e => e.Sequence).ToListAsync(ct);
        // Lines that name one of the child's records but carry no child reference (an attempt refused
        // before the record was read, a request refused by authentication, an idempotent replay) are
        // about the child too.
        var records = lines.Where(l => l.RecordId is not null).Select(l => new { l.Service, l.RecordType, l.RecordId }).Distinct().ToList();
        foreach (var chunk in records.Chunk(200))
        {
            var ids = chunk.Select(r => r.RecordId).Distinct().ToList();
            var named = await db.Entries.AsNoTracking().Where(e => e.ChildReference == null && ids.Contains(e.RecordId)).ToListAsync(ct);
            lines.AddRange(named.Where(e => chunk.Any(r => r.Service == e.Service && r.RecordType == e.RecordType && r.RecordId == e.RecordId)));
        }
        lines = [.. lines.DistinctBy(l => l.Sequence).OrderBy(l => l.Sequence)];
        var names = new Dictionary<string, string?>();
        foreach (var org in lines.Select(l => l.OrganisationId).Distinct()) names[org] = (await directory.OrganisationAsync(org, ct))?.Name;
        var now = clock.GetUtcNow();
        // The inspection is an access too: the log shows that the privacy officer looked.
        await db.InTransactionAsync(async token =>
        {
            await AuditLog.AppendAsync(db, keys, new AuditRecorded(Guid.CreateVersion7(now), "audit", "inspect", "access-log", null, child,
                user.RequiredOrganisationId(), user.OrganisationTypeOf(), user.FindFirst(PlatformClaims.ClientId)?.Value, user.FindFirst("act_sub")?.Value,
                "privacy", request.Headers["X-Purpose-Reason"].ToString() is { Length: > 0 and <= 200 } why ? why : null, "success", $"{Prefix}/access-reports",
                System.Diagnostics.Activity.Current?.TraceId.ToString(), now), now, token);
            return 0;
        }, ct);
        return TypedResults.Ok(new AccessReportResponse(child!, now, lines.Count, [.. lines.Select(l => new AccessResponse(
            l.OccurredAt, l.OrganisationId, names[l.OrganisationId], l.OrganisationType, l.OnBehalfOf, l.Service, l.RecordType, l.RecordId, l.Action,
            l.Purpose, l.Explanation, l.Outcome))]));
    }

    private static async Task<Results<Ok<IntegrityResponse>, ProblemHttpResult>> IntegrityAsync(HttpContext http, AuditDbContext db, ChainKeys keys,
        IAnchorStore anchors, AnchorKey anchorKey, CancellationToken ct)
    {
        if (!http.User.IsInRole(PrivacyOfficer)) return NotPrivacyOfficer();
        var result = await AuditChain.VerifyAsync(db, keys, anchors, anchorKey, ct);
        return TypedResults.Ok(result);
    }
}
