using Microsoft.EntityFrameworkCore;
using Platform.DemoRegion;
using Platform.Directory.Domain;
using Platform.Directory.Infrastructure;

namespace Platform.Directory.Publishing;

/// <summary>
/// At first start: the directory's state row, and in Development the demo region, published as version 1 (another
/// region's directory publishes an empty version 1). A directory that has its state already is left as it is.
/// </summary>
internal static partial class DemoRegionSeeder
{
    public static async Task PrepareDirectoryAsync(this WebApplication app)
    {
        var options = app.Configuration.GetSection("Directory").Get<DirectoryOptions>() ?? new DirectoryOptions();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoRegionSeeder));
        if (await db.State.AnyAsync()) return;

        if (!options.SeedDemoRegion)
        {
            if (options.Region.Length == 0)
                throw new InvalidOperationException("Directory:Region and Directory:RegionName name the region of an empty directory.");
            db.State.Add(new DirectoryState(options.Region, options.RegionName));
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                return; // another replica prepared it first
            }
            // Version 1, empty: every service waits for a copy of the directory before it is ready, and the gateway for
            // every service, so a new region's office could not reach the Directory to fill it without this first one.
            await db.CommitAsync(clock, _ => Task.FromResult(0), CancellationToken.None);
            LogEmpty(logger, options.Region);
            return;
        }

        db.State.Add(new DirectoryState(SouthLimburg.Region, SouthLimburg.RegionName));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            return; // another replica seeded it first
        }
        await db.CommitAsync(clock, async ct =>
        {
            var now = clock.GetUtcNow();
            db.SubRegions.AddRange(SouthLimburg.SubRegions.Select(s => new SubRegion(s.Id, s.Name)));
            db.Municipalities.AddRange(SouthLimburg.Municipalities.Select(m => new Municipality(m.Code, m.Name, m.SubRegion)));
            db.Boards.AddRange(SouthLimburg.Boards.Select(b => Board.Register(b.Id, b.Name, now)));
            await db.SaveChangesAsync(ct);
            var organisations = SouthLimburg.Organisations().ToList();
            // SWVs first: schools refer to them.
            foreach (var o in organisations.OrderBy(o => o.Type == Contracts.OrganisationTypes.School))
            {
                db.Organisations.Add(Organisation.Register(o.Id, new OrganisationDetails(o.Name, o.Type, o.Municipality, o.Swv, o.SubRegion, true, o.BoardId),
                    await db.ReferencesAsync(ct), now));
                await db.SaveChangesAsync(ct);
            }
            var references = await db.ReferencesAsync(ct);
            foreach (var l in SouthLimburg.Locations())
            {
                var organisation = await db.Organisations.SingleAsync(o => o.Id == l.OrganisationId, ct);
                var brin = Contracts.LocationKinds.IsSchool(l.Kind) ? l.Id[..4] : null;
                var branch = Contracts.LocationKinds.IsSchool(l.Kind) ? l.Id[4..] : null;
                var location = Location.Register(l.Id, new LocationDetails(l.Name, l.Kind, brin, branch, l.Municipality, l.Swv,
                    new Address(l.Street, l.PostalCode, l.Place), true), organisation, references, now);
                foreach (var c in l.Contacts) location.SetContact(new FixedContact(c.Role, c.ProvidedBy, c.Name, c.Phone, c.Email), references.OrganisationTypes, now);
                db.Locations.Add(location);
            }
            var expertReferences = await db.ExpertReferencesAsync(ct);
            db.Experts.AddRange(SouthLimburg.Experts.Select(e => Expert.Register(e.PersonId, SouthLimburg.DirectoryKeeper,
                new ExpertDetails(e.Name, e.OrganisationId, e.BoardId, e.Disciplines, true), expertReferences, now)));
            db.PupilCounts.AddRange(SouthLimburg.PupilCounts().Select(p => new PupilCount(p.LocationId, p.SchoolYear, p.Pupils, "demo region (invented)", now)));
            return 0;
        }, CancellationToken.None);
        LogSeeded(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory: the region {Region} starts empty; version 1 published.")]
    private static partial void LogEmpty(ILogger logger, string region);

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory: the demo region South Limburg was registered and published.")]
    private static partial void LogSeeded(ILogger logger);
}
