using System.Diagnostics;
using Npgsql;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// What reached the monitor, read in its own journal (as the fault suite's reconciliation does): the
/// published figures cannot show it any more, by design. They are published only for periods that have
/// ended and carry cell-key noise (ADR-0014), so a test that waits for a live figure to move by exactly
/// one child is the polling attack the monitor now defeats.
/// </summary>
internal static class MonitorJournal
{
    /// <summary>Journal entries of <paramref name="eventType"/> (the contract's name) whose <paramref name="key"/> is one of <paramref name="ids"/>.</summary>
    public static async Task<long> CountAsync(PlatformFixture platform, string eventType, string key, IReadOnlyCollection<Guid> ids)
    {
        await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync("monitoringdb"));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM monitoring.journal WHERE event_type = @type AND body->>@key = ANY(@ids)", connection);
        command.Parameters.AddWithValue("type", $"Platform.Contracts.{eventType}");
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("ids", ids.Select(i => i.ToString()).ToArray());
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>One field of the journal entry of <paramref name="eventType"/> whose <paramref name="key"/> is <paramref name="id"/>, as text (JSON's <c>->></c>).</summary>
    public static async Task<string?> FieldAsync(PlatformFixture platform, string eventType, string key, Guid id, string field)
    {
        await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync("monitoringdb"));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT body->>@field FROM monitoring.journal WHERE event_type = @type AND body->>@key = @id", connection);
        command.Parameters.AddWithValue("field", field);
        command.Parameters.AddWithValue("type", $"Platform.Contracts.{eventType}");
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("id", id.ToString());
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken) as string;
    }

    /// <summary>Polls until every id has its one entry; returns the time since <paramref name="since"/> (reported, never asserted).</summary>
    public static async Task<TimeSpan> UntilAllAsync(PlatformFixture platform, string eventType, string key, IReadOnlyCollection<Guid> ids, Stopwatch since)
    {
        var found = await Platform.TestInfrastructure.Eventually.ValueAsync(() => CountAsync(platform, eventType, key, ids), n => n >= ids.Count,
            $"{ids.Count} {eventType} entries in the monitor's journal", ct: TestContext.Current.CancellationToken);
        Assert.Equal(ids.Count, found);
        return since.Elapsed;
    }
}
