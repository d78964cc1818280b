using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Directory;
using Platform.Directory.Domain;
using Platform.Directory.Infrastructure;
using Platform.Jobs;
using Platform.Messaging;
using Platform.Messaging.Outbox;

namespace Platform.Directory.Publishing;

/// <summary>
/// Every change to the directory goes through here: writers are serialised on the state row, the
/// change is saved, the version goes up and the new snapshot is staged in the outbox, all in one
/// transaction. So every service's copy converges on the same numbered version, in order.
/// </summary>
internal static class DirectoryChanges
{
    public static Task<T> CommitAsync<T>(this DirectoryDbContext db, TimeProvider clock, Func<CancellationToken, Task<T>> change, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            var state = await db.State.FromSql($"SELECT * FROM directory.directory_state WHERE id = {DirectoryState.SingletonId} FOR UPDATE")
                .SingleAsync(token);
            var result = await change(token);
            await db.SaveChangesAsync(token);
            var now = clock.GetUtcNow();
            db.AddIntegrationEvent(await SnapshotAsync(db, state, state.Next(now), now, token), clock);
            return result;
        }, ct);

    /// <summary>The directory as services copy it, at <paramref name="version"/>.</summary>
    public static async Task<DirectoryPublished> SnapshotAsync(DirectoryDbContext db, DirectoryState state, long version, DateTimeOffset now, CancellationToken ct)
    {
        var subRegions = await db.SubRegions.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        var municipalities = await db.Municipalities.AsNoTracking().OrderBy(m => m.Code).ToListAsync(ct);
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Id).ToListAsync(ct);
        var locations = await db.Locations.AsNoTracking().OrderBy(l => l.Id).ToListAsync(ct);
        var counts = await db.PupilCounts.AsNoTracking().OrderBy(p => p.SchoolYear).ThenBy(p => p.LocationId).ToListAsync(ct);
        var boards = await db.Boards.AsNoTracking().OrderBy(b => b.Id).ToListAsync(ct);
        var experts = await db.Experts.AsNoTracking().OrderBy(e => e.PersonId).ToListAsync(ct);
        return new DirectoryPublished(version, state.Region, state.RegionName,
            [.. subRegions.Select(s => new DirectorySubRegion(s.Id, s.Name))],
            [.. municipalities.Select(m => new DirectoryMunicipality(m.Code, m.Name, m.SubRegion))],
            [.. organisations.Select(o => new DirectoryOrganisation(o.Id, o.Name, o.Type, o.Municipality, o.Swv, o.SubRegion, o.Active, o.BoardId))],
            [.. locations.Select(l => new DirectoryLocation(l.Id, l.OrganisationId, l.Name, l.Kind, l.Municipality, l.Swv, l.Active))],
            [.. counts.Select(p => new DirectoryPupilCount(p.LocationId, p.SchoolYear, p.Pupils))],
            now,
            [.. boards.Select(b => new DirectoryBoard(b.Id, b.Name))],
            // By person id only: the display name stays in the Directory's API (no service needs it to check an advice).
            [.. experts.Select(e => new DirectoryExpert(e.PersonId, e.OrganisationId, e.BoardId, [.. e.Disciplines], e.Active))]);
    }

    /// <summary>What the rules refer to: municipalities and their sub-regions, SWVs, organisations by type.</summary>
    public static async Task<DirectoryReferences> ReferencesAsync(this DirectoryDbContext db, CancellationToken ct)
    {
        var municipalities = await db.Municipalities.AsNoTracking().ToDictionaryAsync(m => m.Code, m => m.SubRegion, ct);
        var subRegions = (await db.SubRegions.AsNoTracking().Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        var types = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Type, ct);
        var swvs = types.Where(t => t.Value == Contracts.OrganisationTypes.Swv).Select(t => t.Key).ToHashSet();
        var boards = (await db.Boards.AsNoTracking().Select(b => b.Id).ToListAsync(ct)).ToHashSet();
        return new DirectoryReferences(municipalities, subRegions, swvs, types, boards);
    }

    /// <summary>What an expert's rules refer to.</summary>
    public static async Task<ExpertReferences> ExpertReferencesAsync(this DirectoryDbContext db, CancellationToken ct)
    {
        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Type, o.Active }).ToListAsync(ct);
        var boards = (await db.Boards.AsNoTracking().Select(b => b.Id).ToListAsync(ct)).ToHashSet();
        return new ExpertReferences(organisations.ToDictionary(o => o.Id, o => o.Type), organisations.Where(o => o.Active).Select(o => o.Id).ToHashSet(), boards);
    }
}
