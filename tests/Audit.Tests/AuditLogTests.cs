using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Audit.Infrastructure;
using Platform.Audit.Jobs;
using Platform.Contracts.Audit;
using Platform.TestInfrastructure;

namespace Platform.Audit.Tests;

/// <summary>
/// The access log on the real broker and database: lines arrive from the services' events, form an
/// unbroken chain, refuse any change, and answer the question "who looked at this child's data" for
/// the privacy officer only; a changed line shows; retention removes old lines and records that it did.
/// </summary>
public sealed class AuditLogTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private ServiceFactory<Program, AuditDbContext> _audit = null!;
    private string _database = "";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _audit = await AuditService.StartAsync(fixture.Servers, new() { Tokens = _tokens, Clock = _clock });
        _database = _audit.Database;
    }

    public async ValueTask DisposeAsync() => await _audit.DisposeAsync();

    private static string ReferenceOf(string bsn) =>
        "cr1-" + Convert.ToHexStringLower(HMACSHA256.HashData(ServiceFactory<Program, AuditDbContext>.ChildReferenceKey, Encoding.ASCII.GetBytes(bsn)));

    private HttpClient As(string organisation, params string[] roles)
    {
        var client = _audit.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For(organisation, "audit-api", "region", roles: roles));
        return client;
    }

    private HttpClient AsPrivacyOfficer => As("fg-zuid-limburg", "privacy-officer");

    private static AuditRecorded Look(string child, string org, string action = "read", string outcome = "success", DateTimeOffset? at = null) =>
        new(Guid.CreateVersion7(), "intake", action, "case", Guid.NewGuid().ToString(), child, org, "school", org, null, "support", null, outcome,
            "/api/intake/cases/{id:guid}", null, at ?? DateTimeOffset.UtcNow);

    private async Task FeedAsync(params AuditRecorded[] records)
    {
        foreach (var record in records) await _audit.PublishAsync(record);
        var ids = records.Select(r => r.AuditId).ToList();
        await Eventually.ValueAsync(() => _audit.InDbAsync(db => db.Entries.CountAsync(e => ids.Contains(e.AuditId), Ct)),
            count => count == records.Length, $"{records.Length} audit records in the log", ct: Ct);
    }

    [Fact]
    public async Task The_privacy_officer_sees_who_looked_at_a_child_by_BSN_and_the_inspection_is_on_the_record_too()
    {
        var child = ReferenceOf("111222333");
        var other = ReferenceOf("123456782");
        var delinde = Look(child, "school-bs-de-linde", "create");
        var maastricht = Look(child, "gemeente-maastricht");
        var heerlen = Look(child, "gemeente-heerlen", outcome: "denied") with { ChildReference = child };
        await FeedAsync(delinde, maastricht, heerlen, Look(other, "school-bs-het-palet"));
        // A redelivered record is one line.
        await FeedAsync(delinde);

        var report = await (await AsPrivacyOfficer.PostAsJsonAsync("/api/audit/access-reports", new { bsn = "111222333" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var log = report.GetProperty("log").EnumerateArray().ToList();
        Assert.Equal(3, report.GetProperty("accesses").GetInt32());
        // The log is in the order the records arrived; the bus delivers them concurrently, so compare by organisation.
        Assert.Equal(["gemeente-heerlen", "gemeente-maastricht", "school-bs-de-linde"], log.Select(l => l.GetProperty("organisationId").GetString()).Order());
        var ofDeLinde = log.Single(l => l.GetProperty("organisationId").GetString() == "school-bs-de-linde");
        var ofHeerlen = log.Single(l => l.GetProperty("organisationId").GetString() == "gemeente-heerlen");
        Assert.Equal(("Basisschool De Linde (Maastricht)", "create", "denied"), (ofDeLinde.GetProperty("organisationName").GetString(),
            ofDeLinde.GetProperty("action").GetString(), ofHeerlen.GetProperty("outcome").GetString()));
        Assert.Equal(3, (await (await AsPrivacyOfficer.PostAsJsonAsync("/api/audit/access-reports", new { childReference = child }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accesses").GetInt32() - 1); // the first inspection is a line now

        // Only the privacy officer asks; a BSN that fails the 11-proof is a 400 naming it.
        Assert.Equal(HttpStatusCode.Forbidden, (await As("regio-zuid-limburg", "monitoring-admin").PostAsJsonAsync("/api/audit/access-reports", new { bsn = "111222333" }, Ct)).StatusCode);
        var bad = await AsPrivacyOfficer.PostAsJsonAsync("/api/audit/access-reports", new { bsn = "123456789" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("bsn", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await As("gemeente-maastricht").GetAsync("/api/audit/integrity", Ct)).StatusCode);

        var integrity = await AsPrivacyOfficer.GetFromJsonAsync<JsonElement>("/api/audit/integrity", Ct);
        Assert.True(integrity.GetProperty("intact").GetBoolean());
        Assert.Equal(6, integrity.GetProperty("records").GetInt32()); // 4 looks and 2 inspections
    }

    [Fact]
    public async Task The_report_includes_lines_about_the_childs_records_that_carry_no_child_reference()
    {
        // #25 point 7: an attempt refused by authentication, or an idempotent replay, names the record but not the child.
        var child = ReferenceOf("111222333");
        var read = Look(child, "school-bs-de-linde");
        var refused = Look(child, "anonymous", outcome: "denied") with { ChildReference = null, RecordId = read.RecordId };
        var replay = Look(child, "school-bs-de-linde", action: "replay") with { ChildReference = null, RecordId = read.RecordId };
        var elsewhere = Look(child, "anonymous", outcome: "denied") with { ChildReference = null, RecordType = "handover", RecordId = read.RecordId };
        var unrelated = Look(child, "anonymous", outcome: "denied") with { ChildReference = null };
        await FeedAsync(read, refused, replay, elsewhere, unrelated);

        var report = await (await AsPrivacyOfficer.PostAsJsonAsync("/api/audit/access-reports", new { childReference = child }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(3, report.GetProperty("accesses").GetInt32());
        Assert.Equal(["anonymous:read:denied", "school-bs-de-linde:read:success", "school-bs-de-linde:replay:success"],
            report.GetProperty("log").EnumerateArray().Select(l => $"{l.GetProperty("organisationId")}:{l.GetProperty("action")}:{l.GetProperty("outcome")}").Order());
    }
}
