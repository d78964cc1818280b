using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Funding;
using Platform.Contracts.Intake;
using Platform.DirectoryReplica;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Messaging.Outbox;

namespace Platform.Funding.Placements;

/// <summary>
/// Places children. A request for a collective place looks for a running doelgroeparrangement with
/// a free place at the child's school, then one that serves the child's home municipality, covering
/// every support domain asked; when none fits, an individual arrangement is drafted for the home
/// municipality. Runs inside the caller's transaction.
/// </summary>
public sealed class PlacementDesk(FundingDbContext db, IRegionDirectory directory, TimeProvider clock)
{
    public async Task HandleRequestAsync(ArrangementRequested request, CancellationToken ct)
    {
        // Redelivered or repeated: the request already has its placement or its individual draft.
        if (await db.Placements.AnyAsync(p => p.RequestId == request.RequestId, ct)
            || await db.Arrangements.AnyAsync(a => a.RequestId == request.RequestId, ct)) return;

        var now = clock.GetUtcNow();
        if (request.Kind == ArrangementKinds.Collective && await TryCollectiveAsync(request, now, ct)) return;

        var proposer = await db.Budgets.Where(b => b.Municipality == request.HomeMunicipality && b.FunderType == "municipality")
            .Select(b => b.FunderId).FirstOrDefaultAsync(ct);
        // An individual arrangement is the child's: it runs at the child's school (its first open location) when there is one.
        var schoolLocation = request.SchoolId is null ? null
            : (await directory.LocationsOfAsync(request.SchoolId, ct)).FirstOrDefault(l => l.Active)?.Id;
        db.Arrangements.Add(Arrangement.DraftIndividual(request.RequestId, request.CaseId, request.ChildReference, request.HomeMunicipality,
            request.SchoolId, schoolLocation, request.SupportDomains, request.Urgent, proposer, now));
    }

    /// <summary>
    /// Locks the candidate arrangements (FOR UPDATE, in id order so placements never deadlock), then
    /// reads them fresh: two placements racing for the last place are serialised, and the second
    /// sees it taken. The check constraint on occupied ≤ places is the last line of defence.
    /// </summary>
    private async Task<bool> TryCollectiveAsync(ArrangementRequested request, DateTimeOffset now, CancellationToken ct)
    {
        var today = DutchTime.DateOf(now);
        var school = request.SchoolId ?? "";
        var ids = await db.Database.SqlQuery<Guid>($"""
            SELECT id AS "Value" FROM funding.arrangements
            WHERE kind = 'collective' AND occupied < places AND ends_on >= {today}
              AND (location_organisation_id = {school} OR {request.HomeMunicipality} = ANY(serves_municipalities))
            ORDER BY id FOR UPDATE
            """).ToListAsync(ct);
        if (ids.Count == 0) return false;
        var candidates = await db.Arrangements.Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        var fit = candidates
            .Where(a => a.Running && a.FreePlaces > 0 && request.SupportDomains.All(a.SupportDomains.Contains))
            .OrderByDescending(a => a.LocationOrganisationId == school)
            .ThenByDescending(a => a.FreePlaces)
            .FirstOrDefault();
        if (fit is null) return false;
        Place(fit, request.RequestId, request.CaseId, request.ChildReference, request.HomeMunicipality, request.SchoolId, now);
        return true;
    }

    /// <summary>An individual arrangement that starts running (approved, decided or pre-financed) places its child.</summary>
    public async Task PlaceIndividualChildAsync(Arrangement arrangement, CancellationToken ct)
    {
        if (arrangement is not { Kind: ArrangementKinds.Individual, Running: true, CaseId: { } caseId, RequestId: { } requestId, ChildReference: { } child }) return;
        if (await db.Placements.AnyAsync(p => p.RequestId == requestId, ct)) return;
        Place(arrangement, requestId, caseId, child, arrangement.HomeMunicipality ?? "", arrangement.LocationOrganisationId, clock.GetUtcNow());
    }

    private void Place(Arrangement arrangement, Guid requestId, Guid caseId, string child, string municipality, string? school, DateTimeOffset now)
    {
        arrangement.TakePlace(now);
        var placement = Placement.In(arrangement, requestId, caseId, child, municipality, string.IsNullOrEmpty(school) ? null : school, now);
        db.Placements.Add(placement);
        db.AddIntegrationEvent(new PlacementConfirmed(placement.Id, caseId, child, arrangement.Id, arrangement.Kind, placement.StartsOn, now, municipality), clock);
    }

    /// <summary>The child moved school: a portable placement moves along; one tied to the old location ends and frees its place.</summary>
    public async Task FollowChildAsync(string childReference, string toSchoolId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var placements = await db.Placements.Where(p => p.ChildReference == childReference && p.Status == PlacementStatus.Active).ToListAsync(ct);
        foreach (var placement in placements)
        {
            var arrangement = await db.Arrangements.SingleAsync(a => a.Id == placement.ArrangementId, ct);
            if (arrangement.Portable)
            {
                var from = placement.SchoolId;
                placement.MoveTo(toSchoolId);
                db.AddIntegrationEvent(new PlacementMoved(placement.Id, arrangement.Id, childReference, from, toSchoolId, now), clock);
            }
            else
            {
                placement.End(DutchTime.DateOf(now));
                arrangement.FreePlace(now);
                db.AddIntegrationEvent(new PlacementEnded(placement.Id, arrangement.Id, childReference, "handover", placement.EndedOn!.Value, now), clock);
            }
        }
    }

    /// <summary>An arrangement that ends (or is refused) ends its placements.</summary>
    public async Task EndPlacementsAsync(Arrangement arrangement, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var placements = await db.Placements.Where(p => p.ArrangementId == arrangement.Id && p.Status == PlacementStatus.Active).ToListAsync(ct);
        foreach (var placement in placements)
        {
            placement.End(arrangement.EndedOn ?? DutchTime.DateOf(now));
            arrangement.FreePlace(now);
            db.AddIntegrationEvent(new PlacementEnded(placement.Id, arrangement.Id, placement.ChildReference, "arrangement-ended", placement.EndedOn!.Value, now), clock);
        }
    }
}
