using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Attendance.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Attendance.Tests.Apis;

/// <summary>
/// The shared Idempotency-Key middleware, on a real service and database: a retry gets the first
/// answer and does no work twice; the same key for another request is 409; keys are per organisation.
/// </summary>
public sealed class IdempotencyKeyTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private ServiceFactory<Program, AttendanceDbContext> _attendance = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _attendance = await ServiceFactory<Program, AttendanceDbContext>.StartAsync(fixture.Servers, new() { Tokens = _tokens, Clock = _clock, Prefix = "attendance" });
    }

    public async ValueTask DisposeAsync() => await _attendance.DisposeAsync();

    private HttpClient As(string organisation)
    {
        var client = _attendance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For(organisation, "attendance-api", "school"));
        return client;
    }

    private static object Report(string bsn, int hours = 16) => new
    {
        child = new { bsn, givenName = "Noah", familyName = "Smeets", dateOfBirth = "2013-05-05", homeMunicipality = "GM0935" },
        // Luxe verzuim: a second 16-hour report of the same days would break the restart rule (RULES.md §1), and this test is about the key.
        kind = "luxury", firstAbsentOn = "2026-11-16", lastAbsentOn = "2026-11-20", hours,
    };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/attendance/absence-reports") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request, Ct);
    }

    private async Task<int> ReportsAsync()
    {
        await using var scope = _attendance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().AbsenceReports.CountAsync(Ct);
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_gets_the_first_answer_and_creates_nothing_new()
    {
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(As("school-a"), key, Report("111222333"));
        var retry = await PostAsync(As("school-a"), key, Report("111222333"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await retry.Content.ReadAsStringAsync(Ct));
        Assert.Equal("application/json; charset=utf-8", retry.Content.Headers.ContentType?.ToString());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(1, await ReportsAsync());

        // Without a key, the same body is a second report: the key is what makes a retry a retry.
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(As("school-a"), null, Report("111222333"))).StatusCode);
        Assert.Equal(2, await ReportsAsync());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_409_naming_the_header_and_changes_nothing()
    {
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(As("school-a"), key, Report("111222333", hours: 16))).StatusCode);
        var misuse = await PostAsync(As("school-a"), key, Report("111222333", hours: 17));

        Assert.Equal(HttpStatusCode.Conflict, misuse.StatusCode);
        Assert.Equal("application/problem+json", misuse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Idempotency-Key", (await misuse.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
        Assert.Equal(1, await ReportsAsync());
    }

    [Fact]
    public async Task Keys_belong_to_one_organisation_so_another_school_s_same_key_is_its_own_request()
    {
        var key = "shared-key-1";
        var mine = await PostAsync(As("school-a"), key, Report("111222333"));
        var theirs = await PostAsync(As("school-b"), key, Report("111222333"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (mine.StatusCode, theirs.StatusCode));
        Assert.NotEqual(mine.Headers.Location, theirs.Headers.Location);
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await ReportsAsync());
    }

    [Fact]
    public async Task A_refused_request_is_answered_the_same_on_retry_and_a_bad_key_is_400()
    {
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(As("school-a"), key, Report("123456789"));
        var retry = await PostAsync(As("school-a"), key, Report("123456789"));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (first.StatusCode, retry.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await retry.Content.ReadAsStringAsync(Ct));

        foreach (var bad in new[] { new string('k', 201), "with space", "niet-ascii-ë" })
        {
            var response = await PostAsync(As("school-a"), bad, Report("111222333"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        }
        Assert.Equal(0, await ReportsAsync());
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_do_the_work_once()
    {
        var key = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(As("school-a"), key, Report("111222333"))));

        // One ran; each other either got its answer or was told it was still running (409, Retry-After).
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.Conflict), a => Assert.NotNull(a.Headers.RetryAfter));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created && !a.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal(1, await ReportsAsync());
        var after = await PostAsync(As("school-a"), key, Report("111222333"));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        Assert.Equal(1, await ReportsAsync());
    }

    [Fact]
    public async Task An_attempt_that_stopped_before_its_work_committed_is_run_again_once_after_the_abandon_time()
    {
        // What a crash mid-request leaves: the placeholder, no answer, no work.
        var key = Guid.NewGuid().ToString();
        var body = JsonSerializer.SerializeToUtf8Bytes(Report("111222333"), JsonSerializerOptions.Web);
        await ExecuteAsync($"""
            INSERT INTO messaging.idempotent_requests (organisation_id, key, request_hash, created_at)
            VALUES ('school-a', '{key}', '{Hash(body)}', '{_clock.GetUtcNow():O}')
            """);

        var soon = await PostBytesAsync(As("school-a"), key, body);
        Assert.Equal(HttpStatusCode.Conflict, soon.StatusCode);
        Assert.NotNull(soon.Headers.RetryAfter);

        _clock.Advance(TimeSpan.FromSeconds(16));
        var retries = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostBytesAsync(As("school-a"), key, body)));
        Assert.Equal(1, retries.Count(r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains("Idempotent-Replayed")));
        Assert.All(retries, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(HttpStatusCode.Created, (await PostBytesAsync(As("school-a"), key, body)).StatusCode);
        Assert.Equal(1, await ReportsAsync());
    }

    [Fact]
    public async Task An_attempt_that_committed_but_lost_its_answer_is_never_run_again()
    {
        var key = Guid.NewGuid().ToString();
        var body = JsonSerializer.SerializeToUtf8Bytes(Report("111222333"), JsonSerializerOptions.Web);
        Assert.Equal(HttpStatusCode.Created, (await PostBytesAsync(As("school-a"), key, body)).StatusCode);
        // A crash in the moment between the commit and storing the answer.
        await ExecuteAsync($"UPDATE messaging.idempotent_requests SET status = NULL, body = NULL, completed_at = NULL WHERE key = '{key}'");

        _clock.Advance(TimeSpan.FromSeconds(16));
        var retry = await PostBytesAsync(As("school-a"), key, body);

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Contains("carried out", (await retry.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
        Assert.Equal(1, await ReportsAsync());
    }

    private static async Task<HttpResponseMessage> PostBytesAsync(HttpClient client, string key, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/attendance/absence-reports")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>What the middleware hashes: method, path and body.</summary>
    private static string Hash(byte[] body) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        [.. System.Text.Encoding.UTF8.GetBytes("POST\n/api/attendance/absence-reports\n"), .. body]));

    private async Task ExecuteAsync(string sql)
    {
        await using var scope = _attendance.Services.CreateAsyncScope();
#pragma warning disable EF1002 // Test-only SQL built from values the test made itself.
        await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().Database.ExecuteSqlRawAsync(sql, Ct);
#pragma warning restore EF1002
    }
}
