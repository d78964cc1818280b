using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Audit.Domain;
using Platform.Audit.Infrastructure;
using Platform.Audit.Jobs;
using Platform.Contracts.Audit;
using Platform.TestInfrastructure;

namespace Platform.Audit.Tests;

/// <summary>
/// Tamper evidence of the access log (#25 point 7; NEN 7513 and the BIO: logs protected against
/// change and removal), on the real database: the service's runtime role may only read and append;
/// retention goes through the owner's function, which checks the age itself; the chain is keyed
/// and its head anchored outside the database, so removing the oldest or newest lines, or rewriting
/// a line and re-hashing the chain without the key, shows in the privacy officer's verification.
/// </summary>
public sealed class TamperEvidenceTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ServiceFactory<Program, AuditDbContext> _audit = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _audit = await AuditService.StartAsync(fixture.Servers, new() { Tokens = _tokens, Clock = _clock });

    public async ValueTask DisposeAsync() => await _audit.DisposeAsync();

    private HttpClient AsPrivacyOfficer
    {
        get
        {
            var client = _audit.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For("fg-zuid-limburg", "audit-api", "region", roles: ["privacy-officer"]));
            return client;
        }
    }

    private static AuditRecorded Look(string org) =>
        new(Guid.CreateVersion7(), "intake", "read", "case", Guid.NewGuid().ToString(), "cr1-" + Guid.NewGuid().ToString("N"), org, "school", org, null,
            "support", null, "success", "/api/intake/cases/{id:guid}", null, DateTimeOffset.UtcNow);

    /// <summary>One line at a time, so the order of the chain is the order of the list.</summary>
    private async Task<List<long>> FeedAsync(params AuditRecorded[] records)
    {
        var sequences = new List<long>();
        foreach (var record in records)
        {
            await _audit.PublishAndWaitAsync(record);
            sequences.Add(await _audit.InDbAsync(db => db.Entries.Where(e => e.AuditId == record.AuditId).Select(e => e.Sequence).SingleAsync(Ct)));
        }
        return sequences;
    }

    private async Task<JsonElement> VerifyAsync() => await AsPrivacyOfficer.GetFromJsonAsync<JsonElement>("/api/audit/integrity", Ct);

    private Task<int> AnchorAsync() => _audit.Services.GetRequiredService<AuditAnchoring>().RunOnceAsync(Ct);

    /// <summary>Someone with the database server's powers (a superuser, triggers off): what the runtime role cannot do.</summary>
    private async Task AsSuperuserAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_audit.Database);
        await connection.OpenAsync(Ct);
        await new NpgsqlCommand("SET session_replication_role = replica; " + sql, connection).ExecuteNonQueryAsync(Ct);
    }

    private static void AssertBroken(JsonElement report, long brokenAt, string problem)
    {
        Assert.False(report.GetProperty("intact").GetBoolean(), report.ToString());
        Assert.Equal(brokenAt, report.GetProperty("brokenAt").GetInt64());
        Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_runtime_role_reads_and_appends_but_cannot_update_delete_truncate_or_shorten_retention_on_its_own_connection()
    {
        await FeedAsync(Look("school-bs-de-linde"), Look("gemeente-maastricht"));
        // The service itself runs as the runtime role.
        Assert.Equal(AuditDatabase.RuntimeRole, await _audit.InDbAsync(db => db.Database.SqlQuery<string>($"SELECT current_user::text AS \"Value\"").SingleAsync(Ct)));

        await using var runtime = new NpgsqlConnection(AuditService.RuntimeConnection(_audit.Database));
        await runtime.OpenAsync(Ct);
        Assert.Equal(2L, await new NpgsqlCommand("SELECT count(*) FROM audit.records", runtime).ExecuteScalarAsync(Ct));
        foreach (var sql in new[]
        {
            "UPDATE audit.records SET organisation_id = 'nobody'",
            "DELETE FROM audit.records",
            "TRUNCATE audit.records",
            // The old door (a transaction-local setting) is no door for it: it has no DELETE privilege at all.
            "SET audit.retention = 'on'; DELETE FROM audit.records",
            "ALTER TABLE audit.records DISABLE TRIGGER records_append_only",
            "UPDATE audit.retention_policy SET minimum_years = 0",
            // Retention's function checks the term itself: a shorter one is refused.
            "SELECT * FROM audit.erase_expired(0)",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(sql, runtime).ExecuteNonQueryAsync(Ct));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
        // Calling retention itself with the minimum term removes nothing recent.
        await using (var erase = new NpgsqlCommand("SELECT removed FROM audit.erase_expired(5)", runtime))
            Assert.Equal(0L, await erase.ExecuteScalarAsync(Ct));
        // A line it inserts cannot be backdated to be erased early: the database sets the time it was recorded.
        await new NpgsqlCommand("""
            INSERT INTO audit.records (audit_id, service, action, record_type, organisation_id, purpose, outcome, occurred_at, recorded_at, previous_hash, hash)
            VALUES (gen_random_uuid(), 'intake', 'read', 'case', 'x', 'support', 'success', now(), '2001-01-01', '', '')
            """, runtime).ExecuteNonQueryAsync(Ct);
        Assert.Equal(3L, await new NpgsqlCommand("SELECT count(*) FROM audit.records WHERE recorded_at > now() - interval '1 hour'", runtime).ExecuteScalarAsync(Ct));

        // The owner is held by the trigger too.
        await using var owner = new NpgsqlConnection(_audit.Database);
        await owner.OpenAsync(Ct);
        foreach (var sql in new[] { "UPDATE audit.records SET organisation_id = 'nobody'", "DELETE FROM audit.records", "TRUNCATE audit.records" })
            Assert.Contains("append-only", (await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(sql, owner).ExecuteNonQueryAsync(Ct))).MessageText);
    }

    [Fact]
    public async Task Started_without_the_owners_connection_as_in_Kubernetes_the_service_runs_as_the_runtime_role_and_keeps_the_log()
    {
        // The role has its login from this class's service; a second database, already migrated (the init container's work).
        var database = await TestDatabase.MigratedAsync<AuditDbContext>(fixture.Servers, "audit");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:auditdb"] = AuditService.RuntimeConnection(database) };
        await using var runtimeOnly = new ServiceFactory<Program, AuditDbContext>(database, await TestVirtualHost.CreateAsync(fixture.Servers, "audit"),
            new ServiceSetup { Tokens = _tokens, Settings = settings });
        await runtimeOnly.StartAsync();

        var look = Look("school-bs-de-linde");
        await runtimeOnly.PublishAndWaitAsync(look);

        Assert.Equal(AuditDatabase.RuntimeRole, await runtimeOnly.InDbAsync(db => db.Database.SqlQuery<string>($"SELECT current_user::text AS \"Value\"").SingleAsync(Ct)));
        Assert.Equal(1, await runtimeOnly.InDbAsync(db => db.Entries.CountAsync(e => e.AuditId == look.AuditId, Ct)));
    }

    [Fact]
    public async Task Retention_through_the_function_removes_only_lines_past_the_retention_age_and_the_log_still_verifies()
    {
        var old = await FeedAsync(Look("school-bs-de-linde"), Look("gemeente-maastricht"));
        Assert.Equal(1, await AnchorAsync()); // an anchor on a line retention will remove
        var recent = await FeedAsync(Look("gemeente-heerlen"), Look("school-bs-het-palet"));
        Assert.Equal(1, await AnchorAsync());
        Assert.Equal(0, await AnchorAsync()); // the head has not moved: nothing new to anchor
        // The first two were recorded six years ago, one line just short of the 5-year term (RULES.md §6, docs/security.md: 5 years).
        await AsSuperuserAsync($"""
            UPDATE audit.records SET recorded_at = now() - interval '6 years' WHERE sequence IN ({old[0]}, {old[1]});
            UPDATE audit.records SET recorded_at = now() - interval '5 years' + interval '1 day' WHERE sequence = {recent[0]};
            """);

        var removed = await _audit.Services.GetRequiredService<AuditRetention>().RunOnceAsync(Ct);

        Assert.Equal(2, removed);
        var entries = await _audit.InDbAsync(db => db.Entries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(Ct));
        Assert.Equal([.. recent], entries.Take(2).Select(e => e.Sequence));
        var run = entries[^1];
        Assert.Equal(("erase", AuditRetention.RunRecordType, recent[0].ToString(System.Globalization.CultureInfo.InvariantCulture)), (run.Action, run.RecordType, run.RecordId));
        Assert.StartsWith("2 lines recorded before", run.Explanation);
        // What is left verifies from its new oldest line; the anchor of a removed line is accounted for by the keyed retention line.
        var report = await VerifyAsync();
        Assert.True(report.GetProperty("intact").GetBoolean(), report.ToString());
        Assert.Equal(2, report.GetProperty("anchorsChecked").GetInt32());
        Assert.Equal(recent[0], report.GetProperty("firstSequence").GetInt64());
    }

    [Fact]
    public async Task Deleting_the_oldest_lines_is_detected_even_without_an_anchor()
    {
        var lines = await FeedAsync(Look("school-bs-de-linde"), Look("gemeente-maastricht"), Look("gemeente-heerlen"));
        Assert.True((await VerifyAsync()).GetProperty("intact").GetBoolean());

        await AsSuperuserAsync($"DELETE FROM audit.records WHERE sequence = {lines[0]}");

        AssertBroken(await VerifyAsync(), lines[1], "the oldest lines were removed");
    }

    [Fact]
    public async Task Deleting_every_line_and_starting_afresh_is_detected_by_the_anchors()
    {
        await FeedAsync(Look("school-bs-de-linde"), Look("gemeente-maastricht"));
        await AnchorAsync();
        await AsSuperuserAsync("DELETE FROM audit.records");
        var fresh = await FeedAsync(Look("gemeente-heerlen")); // a new first line, as if the log had just begun

        AssertBroken(await VerifyAsync(), fresh[0], "the oldest lines were removed");
    }

    [Fact]
    public async Task Deleting_the_newest_lines_is_detected_by_the_last_anchor()
    {
        var lines = await FeedAsync(Look("school-bs-de-linde"), Look("gemeente-maastricht"), Look("gemeente-heerlen"));
        await AnchorAsync();

        await AsSuperuserAsync($"DELETE FROM audit.records WHERE sequence >= {lines[1]}");

        AssertBroken(await VerifyAsync(), lines[2], "the newest lines were removed");
    }

    [Theory]
    [InlineData(true)]  // keyed with a key of the forger's own
    [InlineData(false)] // passed off as a line from before the keyed chain (plain SHA-256)
    public async Task A_line_rewritten_and_the_chain_rehashed_without_the_key_is_detected(bool withOwnKey)
    {
        var lines = await FeedAsync(Look("school-bs-de-linde"), Look("gemeente-maastricht"), Look("gemeente-heerlen"));
        var entries = await _audit.InDbAsync(db => db.Entries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(Ct));
        var forger = new ChainKeys(new Dictionary<string, byte[]> { ["test"] = RandomNumberGenerator.GetBytes(32) }, "test");

        // The middle line now says another organisation looked; it and every line after it are re-hashed and re-linked.
        var previous = entries[0].Hash;
        var sql = new List<string>();
        foreach (var e in entries.Skip(1))
        {
            var organisation = e.Sequence == lines[1] ? "nobody" : e.OrganisationId;
            var forged = AuditEntry.From(new AuditRecorded(e.AuditId, e.Service, e.Action, e.RecordType, e.RecordId, e.ChildReference, organisation,
                e.OrganisationType, e.ClientId, e.OnBehalfOf, e.Purpose, e.Explanation, e.Outcome, e.Route, e.TraceId, e.OccurredAt), previous, e.RecordedAt, forger);
            var hash = withOwnKey ? forged.Hash : UnkeyedHash(forged);
            sql.Add($"UPDATE audit.records SET organisation_id = '{organisation}', previous_hash = '{previous}', hash = '{hash}'{(withOwnKey ? "" : ", key_id = NULL")} WHERE sequence = {e.Sequence};");
            previous = hash;
        }
        await AsSuperuserAsync(string.Join('\n', sql));

        AssertBroken(await VerifyAsync(), lines[1], withOwnKey ? "does not match its hash" : "is not keyed");
    }

    /// <summary>What a forger without the key can compute: the line's plain SHA-256, as before the chain was keyed.</summary>
    private static string UnkeyedHash(AuditEntry entry)
    {
        var unkeyed = typeof(AuditEntry).GetProperty(nameof(AuditEntry.KeyId))!;
        unkeyed.SetValue(entry, null);
        return entry.ComputeHash(null);
    }

    [Fact]
    public async Task An_anchor_not_signed_with_the_anchor_key_is_reported()
    {
        var lines = await FeedAsync(Look("school-bs-de-linde"));
        await AnchorAsync();
        var forged = Checkpoint.Sign(lines[0] + 1000, new string('0', 64), DateTimeOffset.UtcNow, RandomNumberGenerator.GetBytes(32));
        await File.WriteAllTextAsync(Path.Combine(_audit.AnchorDirectory, "anchor-forged.json"), JsonSerializer.Serialize(forged, new JsonSerializerOptions(JsonSerializerDefaults.Web)), Ct);

        var report = await VerifyAsync();
        Assert.False(report.GetProperty("intact").GetBoolean());
        Assert.Equal(1, report.GetProperty("anchorsChecked").GetInt32());
        Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("not signed with the anchor key", StringComparison.Ordinal));
    }
}
