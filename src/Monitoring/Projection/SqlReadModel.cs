using Microsoft.EntityFrameworkCore;
using Platform.Monitoring.Infrastructure;

namespace Platform.Monitoring.Projection;

/// <summary>Where the projector writes subjects and facts, with the read model's rules: a subject's known fields are kept, a fact counts once.</summary>
public interface IReadModelWriter
{
    Task SubjectAsync(Subject subject, CancellationToken ct);
    Task FactAsync(Fact fact, bool keepEarliest, CancellationToken ct);
}

/// <summary>
/// The read model in Monitoring's database, one upsert per subject or fact, inside the consumer's transaction; each write also
/// tells from which day figures can have changed (<see cref="ChangedFrom"/>, ADR-0018).
/// </summary>
public sealed class SqlReadModel(MonitoringDbContext db) : IReadModelWriter
{
    /// <summary>
    /// The earliest day whose figures what this projector wrote can have changed (null: none changed). The published figures
    /// of a period that ended before it stay as they were (<see cref="Figures.FigureChanges"/>).
    /// </summary>
    public DateOnly? ChangedFrom { get; private set; }

    private void Changed(DateOnly? from)
    {
        if (from is { } day && (ChangedFrom is not { } earlier || day < earlier)) ChangedFrom = day;
    }

    /// <summary>
    /// The subject and the ones a figure can read beside it: the same thing under another kind (a TLV, its admission, its renewal
    /// choice share the TLV's id) and its parent; the SQL adds its children. <see cref="Figures.FigureCalculator"/> reads no further.
    /// </summary>
    private static string[] FamilyOf(Subject s)
    {
        var suffix = s.Id.IndexOf(':') is var colon and > 0 ? s.Id[(colon + 1)..] : null;
        var family = suffix is null ? new List<string> { s.Id } : [.. SubjectKinds.All.Select(kind => $"{kind}:{suffix}")];
        if (s.Parent is { } parent) family.Add(parent);
        return [.. family];
    }

    /// <summary>
    /// Creates the subject, or fills in what it did not know yet; what is known is never overwritten. Answers, in the same
    /// statement, from which day figures can have changed: when only its dates changed, the earlier of each changed date's old
    /// and new value (a stock on a day before both is the same: <see cref="Subject.IsOpenOn"/> and the others compare days
    /// with them); when it is new or moved (another place, kind of thing, parent, number of places), the earliest day of
    /// anything counted with it: its dates and facts, and those of its family (<see cref="FamilyOf"/>) and children.
    /// </summary>
    public async Task SubjectAsync(Subject s, CancellationToken ct)
    {
        var family = FamilyOf(s);
        var from = await db.Database.SqlQuery<DateOnly?>($"""
            WITH known AS (
                -- The row as it was: every part of one statement sees the same snapshot, the upsert's change not (no FOR UPDATE:
                -- it would skip the row the upsert below changes in this same statement).
                SELECT * FROM monitoring.subjects WHERE id = {s.Id}
            ), written AS (
                INSERT INTO monitoring.subjects (id, kind, dimension, variant, home_municipality, school_municipality, school_organisation_id, location_id, swv,
                                                 parent, starts_on, anchor_on, planned_end_on, closed_on, activated_on, places)
                VALUES ({s.Id}, {s.Kind}, {s.Dimension}, {s.Variant}, {s.HomeMunicipality}, {s.SchoolMunicipality}, {s.SchoolOrganisationId}, {s.LocationId}, {s.Swv}, {s.Parent},
                        {s.StartsOn}, {s.AnchorOn}, {s.PlannedEndOn}, {s.ClosedOn}, {s.ActivatedOn}, {s.Places})
                ON CONFLICT (id) DO UPDATE SET
                    dimension = COALESCE(subjects.dimension, excluded.dimension),
                    variant = COALESCE(subjects.variant, excluded.variant),
                    home_municipality = COALESCE(subjects.home_municipality, excluded.home_municipality),
                    school_municipality = COALESCE(subjects.school_municipality, excluded.school_municipality),
                    school_organisation_id = COALESCE(subjects.school_organisation_id, excluded.school_organisation_id),
                    location_id = COALESCE(subjects.location_id, excluded.location_id),
                    swv = COALESCE(subjects.swv, excluded.swv),
                    parent = COALESCE(subjects.parent, excluded.parent),
                    starts_on = COALESCE(subjects.starts_on, excluded.starts_on),
                    anchor_on = COALESCE(subjects.anchor_on, excluded.anchor_on),
                    planned_end_on = COALESCE(subjects.planned_end_on, excluded.planned_end_on),
                    closed_on = COALESCE(subjects.closed_on, excluded.closed_on),
                    activated_on = COALESCE(subjects.activated_on, excluded.activated_on),
                    places = COALESCE(subjects.places, excluded.places)
                RETURNING *
            ), change AS (
                SELECT w.*,
                       k.id IS NULL OR (k.dimension, k.variant, k.home_municipality, k.school_municipality, k.school_organisation_id, k.location_id, k.swv,
                                        k.parent, k.places)
                           IS DISTINCT FROM (w.dimension, w.variant, w.home_municipality, w.school_municipality, w.school_organisation_id, w.location_id,
                                             w.swv, w.parent, w.places) AS moved,
                       LEAST(CASE WHEN k.starts_on IS DISTINCT FROM w.starts_on THEN LEAST(k.starts_on, w.starts_on) END,
                             CASE WHEN k.anchor_on IS DISTINCT FROM w.anchor_on THEN LEAST(k.anchor_on, w.anchor_on) END,
                             CASE WHEN k.planned_end_on IS DISTINCT FROM w.planned_end_on THEN LEAST(k.planned_end_on, w.planned_end_on) END,
                             CASE WHEN k.closed_on IS DISTINCT FROM w.closed_on THEN LEAST(k.closed_on, w.closed_on) END,
                             CASE WHEN k.activated_on IS DISTINCT FROM w.activated_on THEN LEAST(k.activated_on, w.activated_on) END) AS dates_from
                FROM written w LEFT JOIN known k ON true
            )
            SELECT CASE WHEN c.moved THEN LEAST(
                       c.starts_on, c.anchor_on, c.planned_end_on, c.closed_on, c.activated_on,
                       (SELECT min(LEAST(f.starts_on, f.anchor_on, f.planned_end_on, f.closed_on, f.activated_on)) FROM monitoring.subjects f
                        WHERE f.id = ANY({family}::text[] || c.parent::text) OR f.parent = ANY({family})),
                       -- One array of ids, so that the facts are found by their subject index (an OR with a subquery would scan them all).
                       (SELECT min(x.occurred_on) FROM monitoring.facts x
                        WHERE x.subject = ANY({family}::text[] || c.parent::text || ARRAY(SELECT f.id::text FROM monitoring.subjects f WHERE f.parent = ANY({family})))))
                   ELSE c.dates_from END AS "Value"
            FROM change c
            """).ToListAsync(ct);
        Changed(from.FirstOrDefault());
    }

    /// <summary>
    /// Counts a fact once by its key; with <paramref name="keepEarliest"/> a later arrival replaces it when it happened earlier.
    /// A fact counts in the period of its day, and in stocks from its day on: figures change from that day.
    /// </summary>
    public async Task FactAsync(Fact f, bool keepEarliest, CancellationToken ct)
    {
        var written = keepEarliest
            ? await db.Database.SqlQuery<DateOnly>($"""
                INSERT INTO monitoring.facts (key, indicator, subject, occurred_on, dimension, value)
                VALUES ({f.Key}, {f.Indicator}, {f.Subject}, {f.OccurredOn}, {f.Dimension}, {f.Value})
                ON CONFLICT (key) DO UPDATE SET occurred_on = excluded.occurred_on, value = excluded.value, dimension = excluded.dimension
                WHERE (excluded.occurred_on, COALESCE(excluded.value, 0)) < (facts.occurred_on, COALESCE(facts.value, 0))
                RETURNING occurred_on AS "Value"
                """).ToListAsync(ct)
            : await db.Database.SqlQuery<DateOnly>($"""
                INSERT INTO monitoring.facts (key, indicator, subject, occurred_on, dimension, value)
                VALUES ({f.Key}, {f.Indicator}, {f.Subject}, {f.OccurredOn}, {f.Dimension}, {f.Value})
                ON CONFLICT (key) DO NOTHING
                RETURNING occurred_on AS "Value"
                """).ToListAsync(ct);
        foreach (var day in written) Changed(day);
    }
}
