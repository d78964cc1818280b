using Npgsql;

namespace Platform.EndToEnd.Tests.Security;

/// <summary>
/// What the services hold: per table of every service database, its row count and a digest of its
/// rows. The messaging schema (outbox, inbox, idempotency answers) is left out: a refused request
/// still writes its access-log line through the outbox. The access log itself (auditdb) grows with
/// every refusal by design, and Identity is not driven by these tests.
/// </summary>
internal static class DatabaseState
{
    private static readonly string[] Databases = ["intakedb", "fundingdb", "attendancedb", "handoverdb", "monitoringdb", "subscriptionsdb", "directorydb"];

    /// <summary>Subscriptions retry deliveries on their own clock, so only their counts must stay still.</summary>
    private static readonly HashSet<string> CountOnly = ["subscriptionsdb"];

    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(PlatformFixture platform, CancellationToken ct)
    {
        var state = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var database in Databases)
        {
            await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync(database));
            await connection.OpenAsync(ct);
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand(
                "SELECT quote_ident(schemaname) || '.' || quote_ident(relname) FROM pg_stat_user_tables " +
                "WHERE schemaname <> 'messaging' AND relname <> '__EFMigrationsHistory' ORDER BY 1", connection))
            await using (var reader = await list.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
            foreach (var table in tables)
            {
                var digest = CountOnly.Contains(database) ? "''" : "md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))";
                await using var command = new NpgsqlCommand($"SELECT count(*)::text || ' ' || {digest} FROM {table} t", connection);
                state[$"{database}/{table}"] = (string)(await command.ExecuteScalarAsync(ct))!;
            }
        }
        return state;
    }

    /// <summary>The state once nothing moves any more (events of earlier journeys handled): two reads a second apart agree.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> SettledAsync(PlatformFixture platform, CancellationToken ct)
    {
        var last = await ReadAsync(platform, ct);
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await Task.Delay(1000, ct);
            var now = await ReadAsync(platform, ct);
            if (now.SequenceEqual(last)) return now;
            last = now;
        }
        return last;
    }

    public static IEnumerable<string> Differences(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => $"{k}: {before.GetValueOrDefault(k) ?? "(none)"} → {after.GetValueOrDefault(k) ?? "(none)"}");
}
