using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Directory;
using Platform.Jobs;

namespace Platform.DirectoryReplica;

/// <summary>Replaces this service's copy of the directory with a newer snapshot.</summary>
public static class ReplicaWriter
{
    /// <summary>
    /// Inside the caller's transaction: locks the copy's version row (so two snapshots arriving at
    /// once are applied one after the other), and if <paramref name="snapshot"/> is newer, replaces
    /// every row. Returns false when the copy was as new already.
    /// </summary>
    public static async Task<bool> ApplyAsync(DbContext db, DirectoryPublished snapshot, DateTimeOffset now, CancellationToken ct)
    {
        var version = await db.Database.SqlQuery<long>(
            $"SELECT version AS \"Value\" FROM directory.replica_state WHERE id = {ReplicaState.SingletonId} FOR UPDATE").SingleAsync(ct);
        if (snapshot.Version <= version) return false;

        if (db.KeepsExperts())
        {
            await db.Set<KnownExpert>().ExecuteDeleteAsync(ct);
            await db.Set<KnownSchoolBoard>().ExecuteDeleteAsync(ct);
            await db.Set<KnownBoard>().ExecuteDeleteAsync(ct);
            // A snapshot from a Directory that publishes no boards or experts leaves none: nothing unproven is kept.
            db.Set<KnownBoard>().AddRange((snapshot.Boards ?? []).DistinctBy(b => b.Id).Select(b => new KnownBoard { Id = b.Id, Name = b.Name }));
            db.Set<KnownSchoolBoard>().AddRange(snapshot.Organisations.Where(o => o.BoardId is not null).DistinctBy(o => o.Id)
                .Select(o => new KnownSchoolBoard { OrganisationId = o.Id, BoardId = o.BoardId! }));
            db.Set<KnownExpert>().AddRange((snapshot.Experts ?? []).DistinctBy(e => e.PersonId).Select(e => new KnownExpert
            {
                PersonId = e.PersonId, OrganisationId = e.OrganisationId, BoardId = e.BoardId, Disciplines = [.. e.Disciplines], Active = e.Active,
            }));
        }
        await db.Set<KnownPupilCount>().ExecuteDeleteAsync(ct);
        await db.Set<KnownLocation>().ExecuteDeleteAsync(ct);
        await db.Set<KnownOrganisation>().ExecuteDeleteAsync(ct);
        await db.Set<KnownMunicipality>().ExecuteDeleteAsync(ct);
        await db.Set<KnownSubRegion>().ExecuteDeleteAsync(ct);
        db.Set<KnownSubRegion>().AddRange(snapshot.SubRegions.DistinctBy(s => s.Id).Select(s => new KnownSubRegion { Id = s.Id, Name = s.Name }));
        db.Set<KnownMunicipality>().AddRange(snapshot.Municipalities.DistinctBy(m => m.Code)
            .Select(m => new KnownMunicipality { Code = m.Code, Name = m.Name, SubRegion = m.SubRegion }));
        db.Set<KnownOrganisation>().AddRange(snapshot.Organisations.DistinctBy(o => o.Id).Select(o => new KnownOrganisation
        {
            Id = o.Id, Name = o.Name, Type = o.Type, Municipality = o.Municipality, Swv = o.Swv, SubRegion = o.SubRegion, Active = o.Active,
        }));
        db.Set<KnownLocation>().AddRange(snapshot.Locations.DistinctBy(l => l.Id).Select(l => new KnownLocation
        {
            Id = l.Id, OrganisationId = l.OrganisationId, Name = l.Name, Kind = l.Kind, Municipality = l.Municipality, Swv = l.Swv, Active = l.Active,
        }));
        db.Set<KnownPupilCount>().AddRange(snapshot.PupilCounts.DistinctBy(p => (p.LocationId, p.SchoolYear))
            .Select(p => new KnownPupilCount { LocationId = p.LocationId, SchoolYear = p.SchoolYear, Pupils = p.Pupils }));
        await db.Database.ExecuteSqlAsync(
            $"UPDATE directory.replica_state SET version = {snapshot.Version}, region = {snapshot.Region}, region_name = {snapshot.RegionName}, received_at = {now} WHERE id = {ReplicaState.SingletonId}", ct);
        return true;
    }

    /// <summary>For tests and tools: applies a snapshot in a transaction of its own.</summary>
    public static Task SeedAsync(DbContext db, DirectoryPublished snapshot, CancellationToken ct = default) =>
        db.InTransactionAsync(token => ApplyAsync(db, snapshot, DateTimeOffset.UtcNow, token), ct);
}
