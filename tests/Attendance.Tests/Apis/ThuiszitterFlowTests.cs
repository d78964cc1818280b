using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Attendance.Jobs;
using Platform.Attendance.Infrastructure;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Attendance.Tests.Apis;

public sealed class ThuiszitterFlowTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private ServiceFactory<Program, AttendanceDbContext> _attendance = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    public async ValueTask InitializeAsync()
    {
        _attendance = await ServiceFactory<Program, AttendanceDbContext>.StartAsync(fixture.Servers, new() { Tokens = _tokens, Clock = _clock, Prefix = "attendance" });
    }

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

    private static object Child(string bsn, string dateOfBirth = "2013-05-05") =>
        new { bsn, givenName = "Noah", familyName = "Smeets", dateOfBirth, homeMunicipality = "GM0935" };

    private async Task<(Guid Report, Guid Case)> ReportLongAbsenceAsync(string bsn, int daysAgo)
    {
        var response = await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(bsn), kind = "long-term-relative", firstAbsentOn = Today.AddDays(-daysAgo).ToString("yyyy-MM-dd"),
        }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("id").GetGuid(), json.GetProperty("thuiszitterCaseId").GetGuid());
    }

    private async Task<List<string>> EventsAboutAsync(Guid id)
    {
        await using var scope = _attendance.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().Set<OutboxMessage>().AsNoTracking().WithoutAudit().OrderBy(m => m.Sequence).ToListAsync(Ct);
        return [.. rows.Where(r => r.Body.Contains(id.ToString())).Select(r => r.MessageType.Split('.').Last())];
    }

    private async Task<JsonElement> CaseAsync(Guid id, HttpClient? client = null) =>
        await (client ?? Maastricht).GetFromJsonAsync<JsonElement>($"/api/attendance/thuiszitters/{id}", Ct);

    [Fact]
    public async Task Long_absence_opens_a_thuiszitter_case_for_the_home_municipality_only()
    {
        var (report, caseId) = await ReportLongAbsenceAsync(NewBsn(), daysAgo: 35);

        var seen = await CaseAsync(caseId);
        Assert.Equal(("open", 35), (seen.GetProperty("status").GetString(), seen.GetProperty("daysAtHome").GetInt32()));
        Assert.Equal(Today.AddDays(28).ToString("yyyy-MM-dd"), seen.GetProperty("nextDeadline").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await As("gemeente-heerlen", "municipality", "GM0917").GetAsync($"/api/attendance/thuiszitters/{caseId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await As("school-b", "school").GetAsync($"/api/attendance/absence-reports/{report}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await School.GetAsync($"/api/attendance/absence-reports/{report}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await As("escalatietafel", "escalation-table").GetAsync($"/api/attendance/thuiszitters/{caseId}", Ct)).StatusCode);
        Assert.Equal(["AbsenceReported", "ThuiszitterRegistered"], (await EventsAboutAsync(report)).Concat(await EventsAboutAsync(caseId)).Distinct());
    }

    [Fact]
    public async Task The_plan_deadline_and_the_three_month_escalation_fire_once_across_restarts_and_racing_replicas()
    {
        var (_, caseId) = await ReportLongAbsenceAsync(NewBsn(), daysAgo: 40);
        var replicaA = ActivatorUtilities.CreateInstance<ThuiszitterDeadlineWatcher>(_attendance.Services);
        var replicaB = ActivatorUtilities.CreateInstance<ThuiszitterDeadlineWatcher>(_attendance.Services);

        _clock.Advance(TimeSpan.FromDays(28));
        await Task.WhenAll(replicaA.CheckAsync(Ct), replicaB.CheckAsync(Ct));
        Assert.DoesNotContain("ThuiszitterPlanDue", await EventsAboutAsync(caseId));

        _clock.Advance(TimeSpan.FromDays(1));
        await Task.WhenAll(replicaA.CheckAsync(Ct), replicaB.CheckAsync(Ct));
        // A restarted service: a new watcher finds nothing left to fire.
        await ActivatorUtilities.CreateInstance<ThuiszitterDeadlineWatcher>(_attendance.Services).CheckAsync(Ct);
        Assert.Single(await EventsAboutAsync(caseId), e => e == "ThuiszitterPlanDue");

        // At home since 40 days before the start; 3 months after that the actietafel takes over.
        _clock.Advance(TimeSpan.FromDays(30));
        await Task.WhenAll(replicaA.CheckAsync(Ct), replicaB.CheckAsync(Ct));
        await ActivatorUtilities.CreateInstance<ThuiszitterDeadlineWatcher>(_attendance.Services).CheckAsync(Ct);
        Assert.Single(await EventsAboutAsync(caseId), e => e == "ThuiszitterEscalated");
        var atTable = await CaseAsync(caseId, As("escalatietafel", "escalation-table"));
        Assert.Equal("escalated", atTable.GetProperty("status").GetString());
        // Minimum data per role (#25 point 6, RULES.md §6): the actietafel decides with the child's name, never its BSN,
        // in the case and in its list; the home municipality's officer still sees the BSN.
        Assert.Equal(JsonValueKind.Null, atTable.GetProperty("child").GetProperty("bsn").ValueKind);
        Assert.False(string.IsNullOrEmpty(atTable.GetProperty("child").GetProperty("familyName").GetString()));
        var list = await (await As("escalatietafel", "escalation-table").GetAsync("/api/attendance/thuiszitters?limit=50", Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.All(list.GetProperty("items").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("child").GetProperty("bsn").ValueKind));
        Assert.NotEqual(JsonValueKind.Null, (await CaseAsync(caseId, Maastricht)).GetProperty("child").GetProperty("bsn").ValueKind);
    }

    [Fact]
    public async Task A_case_resolves_by_attendance_by_a_placement_and_by_a_handover_each_with_its_reason()
    {
        var (_, byAttendance) = await ReportLongAbsenceAsync(NewBsn(), 30);
        var placedBsn = NewBsn();
        var (_, byPlacement) = await ReportLongAbsenceAsync(placedBsn, 30);
        var handedBsn = NewBsn();
        var (_, byHandover) = await ReportLongAbsenceAsync(handedBsn, 30);

        Assert.Equal(HttpStatusCode.OK, (await Maastricht.PostAsJsonAsync($"/api/attendance/thuiszitters/{byAttendance}/resolution",
            new { reason = "attending-again", note = "Back full-time since Monday" }, Ct)).StatusCode);

        string ReferenceOf(Guid id)
        {
            using var scope = _attendance.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().Thuiszitters.AsNoTracking().Single(c => c.Id == id).ChildReference;
        }
        // A placement confirmed before the child became a thuiszitter did not keep it in school: it resolves nothing.
        var earlier = new PlacementConfirmed(Guid.NewGuid(), Guid.NewGuid(), ReferenceOf(byPlacement), Guid.NewGuid(), "collective", Today.AddDays(-60), _clock.GetUtcNow().AddDays(-1));
        var placement = new PlacementConfirmed(Guid.NewGuid(), Guid.NewGuid(), ReferenceOf(byPlacement), Guid.NewGuid(), "collective", Today.AddDays(7), _clock.GetUtcNow());
        // Each waited for until consumed, the replay included: its second effect would show by then.
        await _attendance.PublishAndWaitAsync(earlier);
        await _attendance.PublishAndWaitAsync(placement);
        await _attendance.PublishAndWaitAsync(placement); // once more: no second effect
        await _attendance.PublishAndWaitAsync(new HandoverCompleted(Guid.NewGuid(), ReferenceOf(byHandover), "special-to-regular", "school-a", "school-c", DateTimeOffset.UtcNow));

        async Task<string?> ReasonAsync(Guid id) => (await CaseAsync(id)).GetProperty("resolution").GetString();

        Assert.Equal("attending-again", await ReasonAsync(byAttendance));
        // RULES.md §2: the placement starts in 7 days: a suitable offer, not yet a resolution (this test used to expect it resolved at once).
        Assert.Equal("suitable-offer", (await CaseAsync(byPlacement)).GetProperty("stage").GetString());
        Assert.DoesNotContain("ThuiszitterResolved", await EventsAboutAsync(byPlacement));
        _clock.Advance(TimeSpan.FromDays(7));
        await ActivatorUtilities.CreateInstance<ThuiszitterDeadlineWatcher>(_attendance.Services).CheckAsync(Ct);
        Assert.Equal("placed-in-arrangement", await ReasonAsync(byPlacement));
        await using (var scope = _attendance.Services.CreateAsyncScope())
        {
            var resolved = await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().Thuiszitters.AsNoTracking().SingleAsync(c => c.Id == byPlacement, Ct);
            Assert.Contains(placement.ArrangementId.ToString(), resolved.ResolutionNote);
        }
        Assert.Equal("handover-completed", await ReasonAsync(byHandover));
        Assert.Single(await EventsAboutAsync(byPlacement), e => e == "ThuiszitterResolved");
        Assert.Equal(HttpStatusCode.Conflict, (await Maastricht.PostAsJsonAsync($"/api/attendance/thuiszitters/{byAttendance}/resolution",
            new { reason = "moved-away" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_exemption_resolves_the_open_case_as_exempted_and_its_expiry_raises_an_event()
    {
        var bsn = NewBsn();
        var (_, caseId) = await ReportLongAbsenceAsync(bsn, 30);

        var granted = await Maastricht.PostAsJsonAsync("/api/attendance/exemptions", new
        {
            child = Child(bsn), article = "5c", startsOn = Today.ToString("yyyy-MM-dd"), grounds = "Enrolled at a school in Liège",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        var exemptionId = (await granted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal("exempted", (await CaseAsync(caseId)).GetProperty("resolution").GetString());
        // Issue #22: its Location answers the child's municipality, and nobody else (the same 404 as for no exemption).
        var read = await Maastricht.GetAsync(granted.Headers.Location, Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(exemptionId, (await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await As("gemeente-heerlen", "municipality", "GM0917").GetAsync(granted.Headers.Location, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await School.GetAsync(granted.Headers.Location, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Maastricht.GetAsync($"/api/attendance/exemptions/{Guid.NewGuid()}", Ct)).StatusCode);

        // While exempted, a new long absence report does not make the child a thuiszitter again.
        var again = await (await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(bsn), kind = "long-term-relative", firstAbsentOn = Today.AddDays(-30).ToString("yyyy-MM-dd"),
        }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(JsonValueKind.Null, again.GetProperty("thuiszitterCaseId").ValueKind);

        _clock.Advance(TimeSpan.FromDays(260)); // past 31 July
        await ActivatorUtilities.CreateInstance<ExemptionExpiryWatcher>(_attendance.Services).RunOnceAsync(Ct);
        Assert.Contains("ExemptionEnded", await EventsAboutAsync(exemptionId));
    }

    [Fact]
    public async Task Bad_input_gets_problem_responses_naming_the_field()
    {
        async Task<(HttpStatusCode, JsonElement)> PostAsync(HttpClient client, string path, object body)
        {
            var response = await client.PostAsJsonAsync(path, body, Ct);
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
        }

        var (hoursStatus, hours) = await PostAsync(School, "/api/attendance/absence-reports", new
        {
            child = Child(NewBsn()), kind = "unauthorised", firstAbsentOn = Today.AddDays(-10).ToString("yyyy-MM-dd"),
            lastAbsentOn = Today.AddDays(-2).ToString("yyyy-MM-dd"), hours = 400,
        });
        Assert.Equal(HttpStatusCode.BadRequest, hoursStatus);
        Assert.True(hours.GetProperty("errors").TryGetProperty("hours", out _));

        var (ageStatus, age) = await PostAsync(School, "/api/attendance/absence-reports", new
        {
            child = Child(NewBsn(), dateOfBirth: "2005-01-01"), kind = "long-term-relative", firstAbsentOn = Today.AddDays(-40).ToString("yyyy-MM-dd"),
        });
        Assert.Equal((HttpStatusCode)422, ageStatus);
        Assert.True(age.GetProperty("errors").TryGetProperty("child.dateOfBirth", out _));

        var (docsStatus, docs) = await PostAsync(Maastricht, "/api/attendance/exemptions", new
        {
            child = Child(NewBsn()), article = "5a", startsOn = Today.ToString("yyyy-MM-dd"),
        });
        Assert.Equal((HttpStatusCode)422, docsStatus);
        Assert.True(docs.GetProperty("errors").TryGetProperty("statement", out _));

        var (bsnStatus, bsn) = await PostAsync(School, "/api/attendance/absence-reports", new { child = Child("123456789"), kind = "sick" });
        Assert.Equal(HttpStatusCode.BadRequest, bsnStatus);
        foreach (var field in new[] { "child.bsn", "kind", "firstAbsentOn" }) Assert.True(bsn.GetProperty("errors").TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task Reports_racing_for_the_same_child_open_one_case_and_each_report_keeps_its_event()
    {
        var bsn = NewBsn();
        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ReportLongAbsenceAsync(bsn, 40)));

        Assert.Single(reports.Select(r => r.Case).Distinct());
        foreach (var (report, _) in reports)
            Assert.Contains("AbsenceReported", await EventsAboutAsync(report));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_reports_thuiszitters_and_exemptions()
    {
        var document = await _attendance.CreateClient().GetStringAsync("/api/attendance/openapi/v1.json", Ct);
        foreach (var path in new[] { "/api/attendance/absence-reports", "/api/attendance/thuiszitters/{id}/resolution", "/api/attendance/exemptions" })
            Assert.Contains($"\"{path}", document);
    }

    [Fact]
    public async Task Finished_absence_records_go_5_years_after_their_end_and_unfinished_ones_stay()
    {
        var (closedReport, resolvedCase) = await ReportLongAbsenceAsync(NewBsn(), 30);
        Assert.Equal(HttpStatusCode.OK, (await Maastricht.PostAsJsonAsync($"/api/attendance/thuiszitters/{resolvedCase}/resolution",
            new { reason = "attending-again" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Maastricht.PostAsync($"/api/attendance/absence-reports/{closedReport}/pick-up", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Maastricht.PostAsJsonAsync($"/api/attendance/absence-reports/{closedReport}/closure",
            new { note = "Back", lastAbsentOn = Today.ToString("yyyy-MM-dd") }, Ct)).StatusCode); // RULES.md §1: its end date
        var (openReport, openCase) = await ReportLongAbsenceAsync(NewBsn(), 30);
        var exempted = NewBsn();
        var granted = await Maastricht.PostAsJsonAsync("/api/attendance/exemptions", new
        {
            child = Child(exempted), article = "5c", startsOn = Today.ToString("yyyy-MM-dd"), grounds = "Enrolled at a school in Liège",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        var exemption = (await granted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var retention = _attendance.Services.GetRequiredService<AttendanceRetention>();

        async Task<(bool, bool, bool, bool, bool)> PresentAsync()
        {
            await using var scope = _attendance.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
            return (await db.AbsenceReports.AnyAsync(r => r.Id == closedReport, Ct), await db.Thuiszitters.AnyAsync(c => c.Id == resolvedCase, Ct),
                await db.AbsenceReports.AnyAsync(r => r.Id == openReport, Ct), await db.Thuiszitters.AnyAsync(c => c.Id == openCase, Ct),
                await db.Exemptions.AnyAsync(e => e.Id == exemption, Ct));
        }

        _clock.Advance(TimeSpan.FromDays(5 * 365 - 2));
        Assert.Equal(0, await retention.RunOnceAsync(Ct));
        _clock.Advance(TimeSpan.FromDays(4));
        Assert.Equal(2, await retention.RunOnceAsync(Ct));
        // The exemption ran to 31 July 2027: its 5 years count from there. The open case and its report stay.
        Assert.Equal((false, false, true, true, true), await PresentAsync());
        _clock.Advance(TimeSpan.FromDays(260));
        Assert.Equal(1, await retention.RunOnceAsync(Ct));
        Assert.Equal((false, false, true, true, false), await PresentAsync());

        await using var scope = _attendance.Services.CreateAsyncScope();
        var lines = await AuditLines.InOutboxAsync(scope.ServiceProvider.GetRequiredService<AttendanceDbContext>(), Ct);
        Assert.Equal(["absence-report", "exemption", "thuiszitter-case"], lines.Where(l => l.Action == "erase" && l.RecordType != "retention-run").Select(l => l.RecordType).Order());
        Assert.Equal(12, lines.Count(l => l.RecordType == "retention-run")); // four rules (with leave requests), three runs
    }
}
