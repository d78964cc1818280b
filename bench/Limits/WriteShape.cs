using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Platform.Bench.Limits;

/// <summary>
/// The rows one referral writes, learnt from the platform itself: Intake's tables are counted
/// before and after a few referrals (the outbox by its identity sequence, since the relay deletes
/// its rows), and one fresh row of each is kept as the sample to copy. The copy goes into tables
/// made <c>LIKE ... INCLUDING ALL</c> (same columns, defaults, indexes, unique constraints; no
/// foreign keys) in a scratch schema of the same database, so the limit is measured on the same
/// server, the same disk and the same fsync as the real writes.
/// </summary>
public sealed class WriteShape
{
    public const string Schema = "bench_shape";

    public sealed record Table(string Source, string Copy, IReadOnlyList<string> Columns, IReadOnlySet<string> Unique, JsonObject Sample, int Rows);

    public required IReadOnlyList<Table> Tables { get; init; }

    public int RowsPerReferral => Tables.Sum(t => t.Rows);

    public string Describe() => string.Join(", ", Tables.Select(t => $"{t.Rows}× {t.Source}"));

    /// <summary>Counts what <paramref name="submit"/> (a few referrals) writes, and prepares the copies.</summary>
    public static async Task<WriteShape> LearnAsync(NpgsqlDataSource db, int referrals, Func<Task> submit, CancellationToken ct)
    {
        var tables = await ListAsync(db, "SELECT quote_ident(schemaname) || '.' || quote_ident(relname) FROM pg_stat_user_tables WHERE schemaname <> 'bench_shape' AND relname <> '__EFMigrationsHistory' ORDER BY 1", ct);
        const string outbox = "messaging.outbox";
        var before = await CountsAsync(db, tables, ct);
        var outboxBefore = await OutboxSequenceAsync(db, ct);
        await submit();
        await Task.Delay(500, ct);
        var after = await CountsAsync(db, tables, ct);
        var outboxRows = (int)Math.Round((await OutboxSequenceAsync(db, ct) - outboxBefore) / (double)referrals);

        await Execute(db, $"DROP SCHEMA IF EXISTS {Schema} CASCADE; CREATE SCHEMA {Schema};", ct);
        var shape = new List<Table>();
        foreach (var table in tables)
        {
            // The inbox and the shared idempotency middleware belong to other writers than the referral's transaction.
            if (table is "messaging.inbox" or "messaging.idempotent_requests" or "messaging.outbox_lease") continue;
            var rows = table == outbox ? outboxRows : (int)Math.Round((after[table] - before[table]) / (double)referrals);
            if (rows <= 0) continue;
            var copy = $"{Schema}.{new string(table.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray())}";
            await Execute(db, $"CREATE TABLE {copy} (LIKE {table} INCLUDING ALL)", ct);
            var sample = table == outbox ? OutboxSample() : await SampleAsync(db, table, ct);
            shape.Add(new Table(table, copy, await InsertableColumnsAsync(db, table, ct), (await UniqueColumnsAsync(db, table, ct)).ToHashSet(), sample, rows));
        }
        return new WriteShape { Tables = shape };
    }

    /// <summary>One referral's rows in one transaction, committed (with the server's fsync and synchronous_commit as configured).</summary>
    public async Task WriteOnceAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, tx);
        foreach (var table in Tables)
            for (var i = 0; i < table.Rows; i++)
            {
                var columns = string.Join(", ", table.Columns.Select(c => $"\"{c}\""));
                var command = new NpgsqlBatchCommand(
                    $"INSERT INTO {table.Copy} ({columns}) SELECT {columns} FROM jsonb_populate_record(NULL::{table.Copy}, $1::jsonb)");
                command.Parameters.Add(new NpgsqlParameter { Value = Fresh(table).ToJsonString() });
                batch.BatchCommands.Add(command);
            }
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    public static Task DropAsync(NpgsqlDataSource db, CancellationToken ct) => Execute(db, $"DROP SCHEMA IF EXISTS {Schema} CASCADE", ct);

    /// <summary>The sample with every id new, and every other unique text column random, so no row collides.</summary>
    private static JsonObject Fresh(Table table)
    {
        var row = (JsonObject)table.Sample.DeepClone();
        foreach (var (name, value) in table.Sample)
        {
            if (value is not JsonValue v || !v.TryGetValue<string>(out var text)) continue;
            if (Guid.TryParse(text, out _)) row[name] = Guid.NewGuid().ToString();
            else if (table.Unique.Contains(name))
                row[name] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(text.Length / 2 + 1))[..Math.Max(1, text.Length)];
        }
        return row;
    }

    /// <summary>An outbox row as Intake writes one for a referral (the relay deletes the real ones within milliseconds).</summary>
    private static JsonObject OutboxSample() => new()
    {
        ["message_id"] = Guid.NewGuid().ToString(),
        ["message_type"] = "Platform.Contracts.Intake.ReferralSubmitted",
        ["body"] = JsonNode.Parse(JsonSerializer.Serialize(new Contracts.Intake.ReferralSubmitted(
            Guid.NewGuid(), "cr1-" + new string('a', 64), "school-bs-de-linde", "school", "GM0935", ["learning"], "soon", DateTimeOffset.UtcNow),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))),
        ["trace_parent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        ["trace_state"] = null,
        ["created_at"] = DateTimeOffset.UtcNow.ToString("O"),
        ["attempts"] = 0,
        ["dead_lettered_at"] = null,
        ["last_error"] = null,
    };

    private static async Task<Dictionary<string, long>> CountsAsync(NpgsqlDataSource db, IEnumerable<string> tables, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var command = db.CreateCommand($"SELECT count(*) FROM {table}");
            counts[table] = (long)(await command.ExecuteScalarAsync(ct))!;
        }
        return counts;
    }

    private static async Task<long> OutboxSequenceAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        // pg_sequences.last_value is NULL before the first nextval.
        await using var simple = db.CreateCommand("SELECT COALESCE((SELECT last_value FROM pg_sequences WHERE schemaname || '.' || sequencename = pg_get_serial_sequence('messaging.outbox', 'sequence')), 0)");
        return Convert.ToInt64(await simple.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<JsonObject> SampleAsync(NpgsqlDataSource db, string table, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT to_jsonb(t)::text FROM {table} t ORDER BY ctid DESC LIMIT 1");
        return JsonNode.Parse((string)(await command.ExecuteScalarAsync(ct))!)!.AsObject();
    }

    private static Task<List<string>> InsertableColumnsAsync(NpgsqlDataSource db, string table, CancellationToken ct) => ListAsync(db, $"""
        SELECT a.attname FROM pg_attribute a
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = '{table}'::regclass AND a.attnum > 0 AND NOT a.attisdropped
          AND a.attidentity = '' AND a.attgenerated = '' AND COALESCE(pg_get_expr(d.adbin, d.adrelid), '') NOT LIKE 'nextval%'
        ORDER BY a.attnum
        """, ct);

    private static Task<List<string>> UniqueColumnsAsync(NpgsqlDataSource db, string table, CancellationToken ct) => ListAsync(db, $"""
        SELECT DISTINCT a.attname FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = '{table}'::regclass AND i.indisunique
        """, ct);

    private static async Task<List<string>> ListAsync(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        var list = new List<string>();
        await using var command = db.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(reader.GetString(0));
        return list;
    }

    private static async Task Execute(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
