using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Attendance.Infrastructure;
using Platform.Attendance.Jobs;
using Platform.Contracts.Funding;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Attendance.Tests.Apis;

/// <summary>
/// RULES.md §2 (issue #23, point 1): at risk → thuiszitter → over 3 months → suitable offer (start date D) → resolved only when
/// the child has started, on D, by the deadline watcher; and RULES.md §1-2 (point 2): long-term relative absence measured from
/// the first to the last absent day.
/// </summary>
public sealed class SuitableOfferTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private ServiceFactory<Program, AttendanceDbContext> _attendance = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    public async ValueTask InitializeAsync() =>
        _attendance = await ServiceFactory<Program, AttendanceDbContext>.StartAsync(fixture.Servers, new() { Tokens = _tokens, Clock = _clock, Prefix = "attendance" });

    public async ValueTask DisposeAsync() => await _attendance.DisposeAsync();

    private HttpClient As(string organisation, string type, string? municipality = null)
    {
        var client = _attendance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For(organisation, "attendance-api", type, municipality: municipality));
        return client;
    }

    private HttpClient School => As("school-a", "school");
    private HttpClient Maastricht => As("gemeente-maastricht", "municipality", "GM0935");

    private static string NewBsn()
    {
        while (true)
        {
            var digits = Random.Shared.Next(100_000_000, 999_999_999).ToString();
            if (Platform.Privacy.Bsn.TryParse(digits, out _)) return digits;
        }
    }

    private static object Child(string bsn) => new { bsn, givenName = "Noah", familyName = "Smeets", dateOfBirth = "2013-05-05", homeMunicipality = "GM0935" };

    private string Date(int days) => Today.AddDays(days).ToString("yyyy-MM-dd");

    private async Task<(string Bsn, Guid Case, string Reference)> ThuiszitterAsync(int daysAgo = 30)
    {
        var bsn = NewBsn();
        var response = await School.PostAsJsonAsync("/api/attendance/absence-reports", new { child = Child(bsn), kind = "long-term-relative", firstAbsentOn = Date(-daysAgo) }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var caseId = JsonDocument.Parse(body).RootElement.GetProperty("thuiszitterCaseId").GetGuid();
        await using var scope = _attendance.Services.CreateAsyncScope();
        var reference = (await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().Thuiszitters.AsNoTracking().SingleAsync(c => c.Id == caseId, Ct)).ChildReference;
        return (bsn, caseId, reference);
    }

    private async Task<List<string>> EventsAboutAsync(Guid id)
    {
        await using var scope = _attendance.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().Set<OutboxMessage>().AsNoTracking().WithoutAudit().OrderBy(m => m.Sequence).ToListAsync(Ct);
        return [.. rows.Where(r => r.Body.Contains(id.ToString())).Select(r => r.MessageType.Split('.').Last())];
    }

    private async Task<JsonElement> CaseAsync(Guid id) => await Maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/thuiszitters/{id}", Ct);

    private async Task<(string? Status, string? Stage)> StateAsync(Guid id)
    {
        var seen = await CaseAsync(id);
        return (seen.GetProperty("status").GetString(), seen.GetProperty("stage").GetString());
    }

    private async Task<bool> ListedAsOpenAsync(Guid id)
    {
        var page = await Maastricht.GetFromJsonAsync<JsonElement>("/api/attendance/thuiszitters?limit=200", Ct);
        return page.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("id").GetGuid() == id && c.GetProperty("status").GetString() != "resolved");
    }

    private Task<int> WatchAsync() => ActivatorUtilities.CreateInstance<ThuiszitterDeadlineWatcher>(_attendance.Services).CheckAsync(Ct);

    private PlacementConfirmed Placement(string reference, int startsInDays) =>
        new(Guid.NewGuid(), Guid.NewGuid(), reference, Guid.NewGuid(), "collective", Today.AddDays(startsInDays), _clock.GetUtcNow());

    // RULES.md §2: a placement starting in 3 weeks is a suitable offer; the case stays open (and counted) until the child starts.
    [Fact]
    public async Task A_placement_starting_later_keeps_the_case_open_until_its_start_date_then_the_timer_resolves_it_RULES_2()
    {
        var (_, caseId, reference) = await ThuiszitterAsync();
        var placement = Placement(reference, 21);
        await _attendance.PublishAndWaitAsync(placement);
        await _attendance.PublishAndWaitAsync(placement); // redelivered: nothing more

        var seen = await CaseAsync(caseId);
        Assert.Equal(("open", "suitable-offer"), (seen.GetProperty("status").GetString(), seen.GetProperty("stage").GetString()));
        Assert.Equal(Date(21), seen.GetProperty("offerStartsOn").GetString());
        Assert.True(await ListedAsOpenAsync(caseId));
        Assert.DoesNotContain("ThuiszitterResolved", await EventsAboutAsync(caseId));
        Assert.Single(await EventsAboutAsync(caseId), e => e == "ThuiszitterOfferRecorded");

        _clock.Advance(TimeSpan.FromDays(20));
        Assert.Equal(0, await WatchAsync());
        Assert.Equal(("open", "suitable-offer"), await StateAsync(caseId));

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await WatchAsync());
        Assert.Equal(0, await WatchAsync()); // a restarted watcher finds nothing left
        var resolved = await CaseAsync(caseId);
        Assert.Equal(("resolved", "placed-in-arrangement"), (resolved.GetProperty("status").GetString(), resolved.GetProperty("resolution").GetString()));
        Assert.Equal(51, resolved.GetProperty("daysAtHome").GetInt32()); // 30 days before the report, 21 after it
        Assert.Single(await EventsAboutAsync(caseId), e => e == "ThuiszitterResolved");
        await _attendance.PublishAndWaitAsync(placement); // a late redelivery changes nothing
        Assert.Single(await EventsAboutAsync(caseId), e => e == "ThuiszitterResolved");
    }

    // RULES.md §2: a placement starting today (or earlier) resolves the case at once, as today.
    [Fact]
    public async Task A_placement_starting_today_resolves_at_once_RULES_2()
    {
        var (_, caseId, reference) = await ThuiszitterAsync();
        await _attendance.PublishAndWaitAsync(Placement(reference, 0));
        var resolved = await CaseAsync(caseId);
        Assert.Equal(("resolved", "placed-in-arrangement"), (resolved.GetProperty("status").GetString(), resolved.GetProperty("resolution").GetString()));
        Assert.Equal(30, resolved.GetProperty("daysAtHome").GetInt32());
    }

    // RULES.md §2: a placement cancelled before the start puts the case back, its clocks running from the original dates.
    [Fact]
    public async Task A_cancelled_placement_puts_the_case_back_with_its_original_clocks_and_nothing_resolves_on_the_old_start_date_RULES_2()
    {
        var (_, caseId, reference) = await ThuiszitterAsync(daysAgo: 80);
        var placement = Placement(reference, 21);
        await _attendance.PublishAndWaitAsync(placement);
        _clock.Advance(TimeSpan.FromDays(5));
        var cancelled = new PlacementEnded(placement.PlacementId, placement.ArrangementId, reference, "arrangement-ended", Today, _clock.GetUtcNow());
        await _attendance.PublishAndWaitAsync(cancelled);
        await _attendance.PublishAndWaitAsync(cancelled); // redelivered: nothing more
        await _attendance.PublishAndWaitAsync(new PlacementEnded(Guid.NewGuid(), Guid.NewGuid(), reference, "handover", Today, _clock.GetUtcNow())); // another placement

        var back = await CaseAsync(caseId);
        Assert.Equal(("open", "thuiszitter"), (back.GetProperty("status").GetString(), back.GetProperty("stage").GetString()));
        Assert.Equal(JsonValueKind.Null, back.GetProperty("offerStartsOn").ValueKind);
        Assert.Single(await EventsAboutAsync(caseId), e => e == "ThuiszitterOfferLapsed");

        // At home since 80 days before the report: the 3-month limit (never restarted) passes 12 days after it.
        Assert.Equal(Today.AddDays(-85).AddMonths(3).ToString("yyyy-MM-dd"), back.GetProperty("escalationDueOn").GetString());
        _clock.Advance(TimeSpan.FromDays(16)); // past the old start date and the escalation date
        await WatchAsync();
        Assert.Equal(("escalated", "over-3-months"), await StateAsync(caseId));
        Assert.DoesNotContain("ThuiszitterResolved", await EventsAboutAsync(caseId));
    }

    // RULES.md §2: absence reported since the offer: on the start date the offer lapses instead of resolving the case.
    [Fact]
    public async Task New_absence_since_the_offer_lets_it_lapse_on_the_start_date_instead_of_resolving_RULES_2()
    {
        var (bsn, caseId, _) = await ThuiszitterAsync();
        var offered = await Maastricht.PostAsJsonAsync($"/api/attendance/thuiszitters/{caseId}/offer",
            new { kind = "education", description = "Place at De Linde", startsOn = Date(7) }, Ct);
        Assert.Equal(HttpStatusCode.OK, offered.StatusCode);
        Assert.Equal(("open", "suitable-offer"), await StateAsync(caseId));

        _clock.Advance(TimeSpan.FromDays(2));
        var absence = await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(bsn), kind = "unauthorised", firstAbsentOn = Date(-1), lastAbsentOn = Date(0), hours = 16,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, absence.StatusCode);
        // #25 point 4 (no oracle): a 16-hour report is no thuiszitter evidence of its own, so its answer names no case, though
        // the child has one: a school that knows a BSN does not learn from its report that the child is a known thuiszitter.
        Assert.Equal(JsonValueKind.Null, (await absence.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("thuiszitterCaseId").ValueKind);

        _clock.Advance(TimeSpan.FromDays(5));
        await WatchAsync();
        Assert.Equal(("open", "thuiszitter"), await StateAsync(caseId));
        Assert.Contains("ThuiszitterOfferLapsed", await EventsAboutAsync(caseId));
        Assert.DoesNotContain("ThuiszitterResolved", await EventsAboutAsync(caseId));

        // A new offer, no absence since: the child starts on it.
        Assert.Equal(HttpStatusCode.OK, (await Maastricht.PostAsJsonAsync($"/api/attendance/thuiszitters/{caseId}/offer",
            new { kind = "care", description = "Day care with education", startsOn = Date(3) }, Ct)).StatusCode);
        _clock.Advance(TimeSpan.FromDays(3));
        await WatchAsync();
        var resolved = await CaseAsync(caseId);
        Assert.Equal(("resolved", "offer-started"), (resolved.GetProperty("status").GetString(), resolved.GetProperty("resolution").GetString()));
    }

    // RULES.md §1-2: long-term relative absence is more than 4 consecutive (school) weeks from the first to the last absent day.
    [Fact]
    public async Task Three_days_of_absence_a_month_ago_is_refused_as_long_term_relative_absence_naming_the_rule_RULES_1_2()
    {
        var response = await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(NewBsn()), kind = "long-term-relative", firstAbsentOn = Date(-33), lastAbsentOn = Date(-31),
        }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("RULES.md §1-2", body);
        Assert.Contains("lastAbsentOn", body);
        await using var scope = _attendance.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        Assert.False(await db.AbsenceReports.AnyAsync(r => r.FirstAbsentOn == Today.AddDays(-33) && r.LastAbsentOn == Today.AddDays(-31), Ct));
    }

    // RULES.md §1-2: an ended long absence (with its end date) is recorded, but the child is back: no thuiszitter case.
    [Fact]
    public async Task Ended_long_term_relative_absence_is_recorded_without_opening_a_case_RULES_1_2()
    {
        var response = await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(NewBsn()), kind = "long-term-relative", firstAbsentOn = Date(-60), lastAbsentOn = Date(-10),
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("thuiszitterCaseId").ValueKind);
    }

    // RULES.md §1: a closed long-term relative absence report needs its end date; refused without one, nothing written.
    [Fact]
    public async Task Closing_long_term_relative_absence_needs_its_end_date_RULES_1()
    {
        var bsn = NewBsn();
        var submitted = await School.PostAsJsonAsync("/api/attendance/absence-reports", new { child = Child(bsn), kind = "long-term-relative", firstAbsentOn = Date(-40) }, Ct);
        var report = (await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var refused = await Maastricht.PostAsJsonAsync($"/api/attendance/absence-reports/{report}/closure", new { note = "Back" }, Ct);
        var problem = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("RULES.md §1", problem);
        Assert.Equal("registered", (await Maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/absence-reports/{report}", Ct)).GetProperty("status").GetString());

        var closed = await Maastricht.PostAsJsonAsync($"/api/attendance/absence-reports/{report}/closure", new { note = "Back", lastAbsentOn = Date(-1) }, Ct);
        var answer = await closed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(("closed", Date(-1)), (answer.GetProperty("status").GetString(), answer.GetProperty("lastAbsentOn").GetString()));
    }
}
