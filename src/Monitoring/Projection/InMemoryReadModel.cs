using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Platform.Monitoring.Infrastructure;

namespace Platform.Monitoring.Projection;

/// <summary>
/// The read model built in memory, for a rebuild: the same rules as <see cref="SqlReadModel"/>'s upserts (a subject's known
/// fields kept, its kind set once; a fact counted once by its key, or the earliest kept), then written with one COPY per
/// table. A rebuild of a region's journal is then bound by reading the journal, not by a round trip per write
/// (bench/README.md, step 7). Holds every subject and fact: a few hundred bytes each.
/// </summary>
public sealed class InMemoryReadModel : IReadModelWriter
{
    private readonly Dictionary<string, Subject> _subjects = [];
    private readonly Dictionary<string, Fact> _facts = [];

    public int Subjects => _subjects.Count;
    public int Facts => _facts.Count;

    public Task SubjectAsync(Subject s, CancellationToken ct)
    {
        if (!_subjects.TryGetValue(s.Id, out var known))
        {
            _subjects[s.Id] = Copy(s);
            return Task.CompletedTask;
        }
        known.Dimension ??= s.Dimension;
        known.Variant ??= s.Variant;
        known.HomeMunicipality ??= s.HomeMunicipality;
        known.SchoolMunicipality ??= s.SchoolMunicipality;
        known.SchoolOrganisationId ??= s.SchoolOrganisationId;
        known.LocationId ??= s.LocationId;
        known.Swv ??= s.Swv;
        known.Parent ??= s.Parent;
        known.StartsOn ??= s.StartsOn;
        known.AnchorOn ??= s.AnchorOn;
        known.PlannedEndOn ??= s.PlannedEndOn;
        known.ClosedOn ??= s.ClosedOn;
        known.ActivatedOn ??= s.ActivatedOn;
        known.Places ??= s.Places;
        return Task.CompletedTask;
    }

    public Task FactAsync(Fact f, bool keepEarliest, CancellationToken ct)
    {
        if (!_facts.TryGetValue(f.Key, out var known)) _facts[f.Key] = f;
        else if (keepEarliest && (f.OccurredOn, f.Value ?? 0).CompareTo((known.OccurredOn, known.Value ?? 0)) < 0)
            (known.OccurredOn, known.Value, known.Dimension) = (f.OccurredOn, f.Value, f.Dimension);
        return Task.CompletedTask;
    }

    /// <summary>Writes every subject and fact into the (emptied) tables, inside the caller's transaction.</summary>
    public async Task CopyIntoAsync(MonitoringDbContext db, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var subjects = await connection.BeginBinaryImportAsync("""
            COPY monitoring.subjects (id, kind, dimension, variant, home_municipality, school_municipality, school_organisation_id, location_id, swv,
                                      parent, starts_on, anchor_on, planned_end_on, closed_on, activated_on, places) FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var s in _subjects.Values)
            {
                await subjects.StartRowAsync(ct);
                foreach (var text in new[] { s.Id, s.Kind, s.Dimension, s.Variant, s.HomeMunicipality, s.SchoolMunicipality, s.SchoolOrganisationId, s.LocationId, s.Swv, s.Parent })
                    await subjects.WriteAsync(text, NpgsqlDbType.Varchar, ct);
                foreach (var day in new[] { s.StartsOn, s.AnchorOn, s.PlannedEndOn, s.ClosedOn, s.ActivatedOn })
                    await subjects.WriteAsync(day, NpgsqlDbType.Date, ct);
                await subjects.WriteAsync(s.Places, NpgsqlDbType.Integer, ct);
            }
            await subjects.CompleteAsync(ct);
        }
        await using var facts = await connection.BeginBinaryImportAsync(
            "COPY monitoring.facts (key, indicator, subject, occurred_on, dimension, value) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var f in _facts.Values)
        {
            await facts.StartRowAsync(ct);
            await facts.WriteAsync(f.Key, NpgsqlDbType.Varchar, ct);
            await facts.WriteAsync(f.Indicator, NpgsqlDbType.Varchar, ct);
            await facts.WriteAsync(f.Subject, NpgsqlDbType.Varchar, ct);
            await facts.WriteAsync(f.OccurredOn, NpgsqlDbType.Date, ct);
            await facts.WriteAsync(f.Dimension, NpgsqlDbType.Varchar, ct);
            await facts.WriteAsync(f.Value, NpgsqlDbType.Integer, ct);
        }
        await facts.CompleteAsync(ct);
    }

    private static Subject Copy(Subject s) => new()
    {
        Id = s.Id, Kind = s.Kind, Dimension = s.Dimension, Variant = s.Variant, HomeMunicipality = s.HomeMunicipality, SchoolMunicipality = s.SchoolMunicipality,
        SchoolOrganisationId = s.SchoolOrganisationId, LocationId = s.LocationId, Swv = s.Swv, Parent = s.Parent, StartsOn = s.StartsOn, AnchorOn = s.AnchorOn,
        PlannedEndOn = s.PlannedEndOn, ClosedOn = s.ClosedOn, ActivatedOn = s.ActivatedOn, Places = s.Places,
    };
}
