using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Platform.Monitoring.Infrastructure;

namespace Platform.Monitoring.Projection;

/// <summary>Where the projector writes subjects and facts, with the read model's rules: a subject's known fields are kept, a fact counts once.</summary>
public interface IReadModelWriter
{
    Task SubjectAsync(Subject subject, CancellationToken ct);
    Task FactAsync(Fact fact, bool keepEarliest, CancellationToken ct);
}

/// <summary>
/// The read model in Monitoring's database, inside the consumer's transaction: every upsert the projector makes for one event,
/// and the journal row before them, go to PostgreSQL as one batch of statements (<see cref="FlushAsync"/>: one round trip per
/// event). Each statement that changes the read model answers from which day figures can have changed; the earliest is
/// recorded once per transaction (<see cref="MonitoringDbContext.CompleteBatchAsync"/>, ADR-0018).
/// </summary>
public sealed class SqlReadModel(MonitoringDbContext db) : IReadModelWriter
{
    private readonly List<NpgsqlBatchCommand> _commands = [];

    /// <summary>Adds a statement of the caller's (the journal row) to the batch, in order.</summary>
    public void Add(NpgsqlBatchCommand command) => _commands.Add(command);

    /// <summary>Sends the statements collected for this event in one round trip, in the consumer's transaction.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_commands.Count == 0) return;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            foreach (var command in _commands) batch.BatchCommands.Add(command);
            // Each upsert answers the day from which it changed figures (no row: nothing changed); the earliest is noted for the
            // transaction, which records it once (MonitoringDbContext.CompleteBatchAsync).
            await using (var reader = await batch.ExecuteReaderAsync(ct))
                do
                {
                    while (await reader.ReadAsync(ct))
                        if (reader.FieldCount > 0 && !reader.IsDBNull(0)) db.FiguresChangedFrom(reader.GetFieldValue<DateOnly>(0));
                }
                while (await reader.NextResultAsync(ct));
            _commands.Clear();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The kinds whose subjects share their thing's id and are read together (a TLV, its admission, its renewal choice).</summary>
    private static readonly string[] SameThing = [SubjectKinds.Tlv, SubjectKinds.Admission, SubjectKinds.TlvRenewal];

    /// <summary>
    /// The subject and the ones a figure can read beside it: the same thing under another kind (<see cref="SameThing"/>) and its
    /// parent; the SQL adds its children. <see cref="Figures.FigureCalculator"/> reads no further (a new way of reading one
    /// subject through another belongs here too: FiguresCacheTests is the guard).
    /// </summary>
    private static string[] FamilyOf(Subject s)
    {
        var family = SameThing.Contains(s.Kind) ? [.. SameThing.Select(kind => $"{kind}:{s.Id[(s.Kind.Length + 1)..]}")] : new List<string> { s.Id };
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
    public Task SubjectAsync(Subject s, CancellationToken ct)
    {
        Add(Command("""
            WITH known AS (
                -- The row as it was: every part of one statement sees the same snapshot, the upsert's change not (no FOR UPDATE:
                -- it would skip the row the upsert below changes in this same statement).
                SELECT * FROM monitoring.subjects WHERE id = $1
            ), written AS (
                INSERT INTO monitoring.subjects (id, kind, dimension, variant, home_municipality, school_municipality, school_organisation_id, location_id, swv,
                                                 parent, starts_on, anchor_on, planned_end_on, closed_on, activated_on, places)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
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
            ), changed AS (
                SELECT CASE WHEN c.moved THEN LEAST(
                           c.starts_on, c.anchor_on, c.planned_end_on, c.closed_on, c.activated_on,
                           (SELECT min(LEAST(f.starts_on, f.anchor_on, f.planned_end_on, f.closed_on, f.activated_on)) FROM monitoring.subjects f
                            WHERE f.id = ANY($17::text[] || c.parent::text) OR f.parent = ANY($17)),
                           -- One array of ids, so that the facts are found by their subject index (an OR with a subquery would scan them all).
                           (SELECT min(x.occurred_on) FROM monitoring.facts x
                            WHERE x.subject = ANY($17::text[] || c.parent::text || ARRAY(SELECT f.id::text FROM monitoring.subjects f WHERE f.parent = ANY($17)))))
                       ELSE c.dates_from END AS day
                FROM change c
            )
            SELECT day FROM changed WHERE day IS NOT NULL
            """, s.Id, s.Kind, s.Dimension, s.Variant, s.HomeMunicipality, s.SchoolMunicipality, s.SchoolOrganisationId, s.LocationId, s.Swv, s.Parent,
            s.StartsOn, s.AnchorOn, s.PlannedEndOn, s.ClosedOn, s.ActivatedOn, s.Places, FamilyOf(s)));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Counts a fact once by its key; with <paramref name="keepEarliest"/> a later arrival replaces it when it happened earlier.
    /// A fact counts in the period of its day, and in stocks from its day on: figures change from that day.
    /// </summary>
    public Task FactAsync(Fact f, bool keepEarliest, CancellationToken ct)
    {
        var onConflict = keepEarliest
            ? """
              ON CONFLICT (key) DO UPDATE SET occurred_on = excluded.occurred_on, value = excluded.value, dimension = excluded.dimension
              WHERE (excluded.occurred_on, COALESCE(excluded.value, 0)) < (facts.occurred_on, COALESCE(facts.value, 0))
              """
            : "ON CONFLICT (key) DO NOTHING";
        Add(Command($"""
            INSERT INTO monitoring.facts (key, indicator, subject, occurred_on, dimension, value) VALUES ($1, $2, $3, $4, $5, $6)
            {onConflict}
            RETURNING occurred_on
            """, f.Key, f.Indicator, f.Subject, f.OccurredOn, f.Dimension, f.Value));
        return Task.CompletedTask;
    }

    /// <summary>A statement with positional parameters ($1, $2, ...); a null is sent as NULL, its type taken from the column.</summary>
    public static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }
}
