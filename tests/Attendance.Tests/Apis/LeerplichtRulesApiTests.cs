using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Attendance.Infrastructure;
using Platform.Attendance.Jobs;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Attendance.Tests.Apis;

/// <summary>
/// Issue #23 points 5, 6, 7 and 9 through the API, on a fake clock: exemption renewal and lapse (RULES.md §3), the DUO kinds and
/// statuses (RULES.md §1), the grey zone (RULES.md §2) and the onderwijsconsulent (RULES.md §2). Each refusal names its rule and
/// leaves nothing written.
/// </summary>
public sealed class LeerplichtRulesApiTests(TestServersFixture fixture) : LeerplichtRulesTestBase(fixture)
{
    // ---- Point 5 (RULES.md §3) ----
    // RULES.md §2-3: reminder on 1 May (the officer's renewal task), a late renewal refused naming the rule, and a lapse that opens
    // the absolute-absence check instead of letting the child disappear; the check finds absoluut verzuim and opens a thuiszitter case.
    [Fact]
    public async Task An_unrenewed_exemption_reminds_on_1_May_refuses_a_late_renewal_and_its_lapse_opens_an_absolute_absence_check_RULES_3()
    {
        var exemption = await Grant5cAsync(NewBsn());
        Assert.Equal("active", (await Maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/exemptions/{exemption}", Ct)).GetProperty("status").GetString());

        SetToday(2027, 4, 30);
        await SweepExemptionsAsync();
        Assert.DoesNotContain("ExemptionRenewalDue", await EventsAboutAsync(exemption));
        SetToday(2027, 5, 1);
        await SweepExemptionsAsync();
        await ActivatorUtilities.CreateInstance<ExemptionExpiryWatcher>(Attendance.Services).RunOnceAsync(Ct); // a restarted watcher: nothing more
        Assert.Single(await EventsAboutAsync(exemption), e => e == "ExemptionRenewalDue");
        Assert.Contains(exemption, await ExemptionsListedAsync("renewal-due"));
        Assert.DoesNotContain(exemption, await ExemptionsListedAsync("active"));

        SetToday(2027, 7, 1);
        var late = await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/exemptions/{exemption}/renewal", new { }, Ct), (HttpStatusCode)422);
        Assert.Contains("RULES.md §3", late.GetProperty("detail").GetString());
        Assert.True(late.GetProperty("errors").TryGetProperty("renewal", out _));
        Assert.Equal(1, await InDbAsync(db => db.Exemptions.CountAsync(e => e.Id == exemption || e.RenewalOfId == exemption, Ct)));

        SetToday(2027, 8, 1);
        await SweepExemptionsAsync();
        var events = await EventsAboutAsync(exemption);
        Assert.Contains("ExemptionEnded", events);
        Assert.Single(events, e => e == "AbsoluteAbsenceCheckOpened");
        Assert.Contains(exemption, await ExemptionsListedAsync("check-open"));

        // Another municipality's officers and the school do not see the check.
        Assert.Equal(HttpStatusCode.NotFound, (await Heerlen.PostAsJsonAsync($"/api/attendance/exemptions/{exemption}/check", new { outcome = "enrolled" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await School.PostAsJsonAsync($"/api/attendance/exemptions/{exemption}/check", new { outcome = "enrolled" }, Ct)).StatusCode);
        await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/exemptions/{exemption}/check", new { outcome = "exempted" }, Ct), HttpStatusCode.BadRequest);

        var closed = await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/exemptions/{exemption}/check",
            new { outcome = "absolute-verzuim", note = "Not enrolled at any school since the summer" }, Ct), HttpStatusCode.OK);
        Assert.Equal(("ended", "absolute-verzuim"), (closed.GetProperty("status").GetString(), closed.GetProperty("checkOutcome").GetString()));
        var caseId = closed.GetProperty("thuiszitterCaseId").GetGuid();
        var @case = await Maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/thuiszitters/{caseId}", Ct);
        Assert.Equal(("absolute", "2027-08-01"), (@case.GetProperty("kind").GetString(), @case.GetProperty("atHomeSince").GetString()));
        Assert.Contains("AbsoluteAbsenceCheckClosed", await EventsAboutAsync(exemption));
        Assert.Equal(HttpStatusCode.Conflict, (await Maastricht.PostAsJsonAsync($"/api/attendance/exemptions/{exemption}/check", new { outcome = "enrolled" }, Ct)).StatusCode);
    }

    // RULES.md §3: renewed before 1 July: the next school year's exemption takes over and the old one ends without a check.
    [Fact]
    public async Task A_renewal_before_1_July_continues_the_exemption_and_the_old_one_ends_without_a_check_RULES_3()
    {
        var exemption = await Grant5cAsync(NewBsn());
        SetToday(2027, 6, 15);
        Assert.Equal(HttpStatusCode.NotFound, (await Heerlen.PostAsJsonAsync($"/api/attendance/exemptions/{exemption}/renewal", new { }, Ct)).StatusCode);
        var renewal = await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/exemptions/{exemption}/renewal", new { }, Ct), HttpStatusCode.Created);
        Assert.Equal(("2027-08-01", "2028-07-31"), (renewal.GetProperty("startsOn").GetString(), renewal.GetProperty("endsOn").GetString()));
        Assert.Equal(exemption, renewal.GetProperty("renewalOfId").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, (await Maastricht.PostAsJsonAsync($"/api/attendance/exemptions/{exemption}/renewal", new { }, Ct)).StatusCode);
        Assert.Contains("ExemptionRenewed", await EventsAboutAsync(renewal.GetProperty("id").GetGuid()));

        SetToday(2027, 8, 1);
        await SweepExemptionsAsync();
        var events = await EventsAboutAsync(exemption);
        Assert.DoesNotContain("ExemptionRenewalDue", events); // renewed before the reminder date passed by the sweep
        Assert.Contains("ExemptionEnded", events);
        Assert.DoesNotContain("AbsoluteAbsenceCheckOpened", events);
        Assert.Equal("active", (await Maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/exemptions/{renewal.GetProperty("id").GetGuid()}", Ct)).GetProperty("status").GetString());
    }

    // RULES.md §3: the 5 sub a statement's age counts from the filing date: a back-dated start date does not make an old statement valid.
    [Fact]
    public async Task A_back_dated_5a_exemption_with_an_old_statement_is_refused_and_nothing_is_stored_RULES_3()
    {
        var bsn = NewBsn();
        var refused = await ReadAsync(await Maastricht.PostAsJsonAsync("/api/attendance/exemptions", new
        {
            child = Child(bsn), article = "5a", startsOn = Date(-100),
            statement = new { profession = "doctor", issuedBy = "Dr. Janssen", issuedOn = Date(-110), treatingProfessional = false, never = false },
            swvAdvice = new { swvOrganisationId = "swv-po-maastricht-heuvelland", advisedOn = Date(-105), advice = "Agrees" },
        }, Ct), (HttpStatusCode)422);
        Assert.True(refused.GetProperty("errors").TryGetProperty("statement.issuedOn", out _));
        Assert.Contains("RULES.md §3", refused.GetProperty("detail").GetString());

        var never5c = await ReadAsync(await Maastricht.PostAsJsonAsync("/api/attendance/exemptions", new
        {
            child = Child(bsn), article = "5c", startsOn = Date(0), grounds = "Abroad",
            statement = new { profession = "doctor", issuedBy = "Dr. Janssen", issuedOn = Date(-10), treatingProfessional = false, never = true },
        }, Ct), (HttpStatusCode)422);
        Assert.True(never5c.GetProperty("errors").TryGetProperty("statement.never", out _));
        Assert.Empty(await ExemptionsListedAsync("active"));
    }

    // ---- Point 6 (RULES.md §1) ----

    // RULES.md §1: RMC (18-23 without startkwalificatie) goes to the region's RMC contact municipality, not the home municipality.
    [Fact]
    public async Task An_RMC_report_goes_to_the_RMC_contact_municipality_and_only_for_18_to_23_RULES_1()
    {
        var report = await ReadAsync(await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(NewBsn(), dateOfBirth: "2007-06-01", municipality: "GM0917"), kind = "rmc", firstAbsentOn = Date(-20),
        }, Ct), HttpStatusCode.Created);
        var id = report.GetProperty("id").GetGuid();
        Assert.Equal("GM0935", report.GetProperty("routedToMunicipality").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("thuiszitterCaseId").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await Heerlen.GetAsync($"/api/attendance/absence-reports/{id}", Ct)).StatusCode);
        await ReadAsync(await Maastricht.PostAsync($"/api/attendance/absence-reports/{id}/pick-up", null, Ct), HttpStatusCode.OK);

        var minor = await ReadAsync(await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(NewBsn(), dateOfBirth: "2009-06-01", municipality: "GM0917"), kind = "rmc", firstAbsentOn = Date(-20),
        }, Ct), (HttpStatusCode)422);
        Assert.Contains("RULES.md §1 (RMC)", minor.GetProperty("detail").GetString());
    }

    // RULES.md §1: suspension is authorised absence (reported only when doubted); overig verzuim stays below the threshold.
    [Fact]
    public async Task Suspension_needs_a_doubt_and_overig_verzuim_above_the_threshold_is_refused_with_nothing_stored_RULES_1()
    {
        var bsn = NewBsn();
        var suspension = await ReadAsync(await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(bsn), kind = "suspension", firstAbsentOn = Date(-3), lastAbsentOn = Date(-1),
        }, Ct), (HttpStatusCode)422);
        Assert.True(suspension.GetProperty("errors").TryGetProperty("doubt", out _));
        Assert.Contains("RULES.md §1", suspension.GetProperty("detail").GetString());
        var other = await ReadAsync(await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(bsn), kind = "other", firstAbsentOn = Date(-10), lastAbsentOn = Date(-1), hours = 20,
        }, Ct), (HttpStatusCode)422);
        Assert.True(other.GetProperty("errors").TryGetProperty("hours", out _));
        Assert.Equal(0, await InDbAsync(db => db.AbsenceReports.CountAsync(r => r.SchoolOrganisationId == "school-a", Ct)));

        var doubted = await ReadAsync(await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(bsn), kind = "suspension", firstAbsentOn = Date(-3), lastAbsentOn = Date(-1), doubt = "Third suspension this month, no hearing held",
        }, Ct), HttpStatusCode.Created);
        Assert.Equal("suspension", doubted.GetProperty("kind").GetString());
    }

    // RULES.md §1: DUO's status "Ter kennisgeving aangenomen", which the reporting school can follow.
    [Fact]
    public async Task An_officer_takes_note_of_a_report_and_the_school_sees_it_acknowledged_RULES_1()
    {
        var report = (await ReadAsync(await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(NewBsn()), kind = "other", firstAbsentOn = Date(-10), lastAbsentOn = Date(-1), hours = 6,
        }, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await School.PostAsJsonAsync($"/api/attendance/absence-reports/{report}/acknowledgement", new { }, Ct)).StatusCode);
        var noted = await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/absence-reports/{report}/acknowledgement", new { note = "Spoke with the parents" }, Ct), HttpStatusCode.OK);
        Assert.Equal("acknowledged", noted.GetProperty("status").GetString());
        Assert.Equal("acknowledged", (await School.GetFromJsonAsync<JsonElement>($"/api/attendance/absence-reports/{report}", Ct)).GetProperty("status").GetString());
        Assert.Contains("AbsenceReportFinished", await EventsAboutAsync(report));
        var listed = await School.GetFromJsonAsync<JsonElement>("/api/attendance/absence-reports?status=acknowledged", Ct);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == report);

        var (_, longTerm) = await LongTermRelativeAsync();
        var refused = await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/absence-reports/{longTerm}/acknowledgement", new { }, Ct), (HttpStatusCode)422);
        Assert.Contains("RULES.md §1-2", refused.GetProperty("detail").GetString());
        Assert.Equal("registered", (await Maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/absence-reports/{longTerm}", Ct)).GetProperty("status").GetString());
    }

    // ---- Point 7 (RULES.md §2) ----

    // RULES.md §2: long-term sick children are the grey zone: their own list, a review date that fires once, never a thuiszitter by default.
    [Fact]
    public async Task Long_term_sick_children_are_tracked_with_a_review_date_and_never_counted_as_thuiszitters_RULES_2()
    {
        var report = await LongTermSicknessAsync(daysAgo: 60, partly: true);
        var id = report.GetProperty("id").GetGuid();
        Assert.Equal(JsonValueKind.Null, report.GetProperty("thuiszitterCaseId").ValueKind);
        Assert.Equal(Date(42), report.GetProperty("reviewOn").GetString());
        Assert.Empty((await Maastricht.GetFromJsonAsync<JsonElement>("/api/attendance/thuiszitters", Ct)).GetProperty("items").EnumerateArray());
        var greyZone = await Maastricht.GetFromJsonAsync<JsonElement>("/api/attendance/absence-reports?kind=long-term-sickness", Ct);
        Assert.Equal([id], greyZone.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));

        var watcher = ActivatorUtilities.CreateInstance<SicknessReviewWatcher>(Attendance.Services);
        Clock.Advance(TimeSpan.FromDays(41));
        Assert.Equal(0, await watcher.RunOnceAsync(Ct));
        Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await watcher.RunOnceAsync(Ct));
        Assert.Equal(0, await ActivatorUtilities.CreateInstance<SicknessReviewWatcher>(Attendance.Services).RunOnceAsync(Ct));
        Assert.Single(await EventsAboutAsync(id), e => e == "LongTermSicknessReviewDue");

        var reviewed = await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/absence-reports/{id}/review",
            new { nextReviewOn = Date(28), partlyAbleUnderPlan = true, note = "Mornings at school under the plan" }, Ct), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, reviewed.GetProperty("thuiszitterCaseId").ValueKind); // this region does not count them
        Assert.Equal(Date(28), reviewed.GetProperty("reviewOn").GetString());
        await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/absence-reports/{id}/review", new { nextReviewOn = Date(0) }, Ct), (HttpStatusCode)422);
        Clock.Advance(TimeSpan.FromDays(28));
        Assert.Equal(1, await watcher.RunOnceAsync(Ct)); // the next review date fires too
        Assert.Empty((await Maastricht.GetFromJsonAsync<JsonElement>("/api/attendance/thuiszitters", Ct)).GetProperty("items").EnumerateArray());
    }

    // ---- Point 9 (RULES.md §2) ----

    // RULES.md §2: after more than 4 weeks at home with no prospect of a place, an onderwijsconsulent can be called in; recorded once, an event.
    [Fact]
    public async Task An_onderwijsconsulent_can_be_engaged_after_more_than_4_weeks_and_is_recorded_once_RULES_2()
    {
        var (caseId, _) = await LongTermRelativeAsync(daysAgo: 40);
        Assert.True((await Maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/thuiszitters/{caseId}", Ct)).GetProperty("onderwijsconsulentPossible").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await Heerlen.PostAsJsonAsync($"/api/attendance/thuiszitters/{caseId}/onderwijsconsulent", new { }, Ct)).StatusCode);
        var engaged = await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/thuiszitters/{caseId}/onderwijsconsulent",
            new { note = "Onderwijsconsulenten, regio Zuid" }, Ct), HttpStatusCode.OK);
        Assert.Equal((Date(0), false), (engaged.GetProperty("onderwijsconsulentEngagedOn").GetString(), engaged.GetProperty("onderwijsconsulentPossible").GetBoolean()));
        Assert.Equal(HttpStatusCode.Conflict, (await Maastricht.PostAsJsonAsync($"/api/attendance/thuiszitters/{caseId}/onderwijsconsulent", new { }, Ct)).StatusCode);
        Assert.Single(await EventsAboutAsync(caseId), e => e == "OnderwijsconsulentEngaged");

        var recent = (await ReadAsync(await Maastricht.PostAsJsonAsync("/api/attendance/thuiszitters", new { child = Child(NewBsn()), atHomeSince = Date(-10) }, Ct),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var early = await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/thuiszitters/{recent}/onderwijsconsulent", new { }, Ct), (HttpStatusCode)422);
        Assert.True(early.GetProperty("errors").TryGetProperty("atHomeSince", out _));
        Assert.Contains("RULES.md §2", early.GetProperty("detail").GetString());
        Assert.DoesNotContain("OnderwijsconsulentEngaged", await EventsAboutAsync(recent));
        var unchanged = await Maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/thuiszitters/{recent}", Ct);
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("onderwijsconsulentEngagedOn").ValueKind);
    }

    // RULES.md §6: absence data go 5 years after the record's end; an acknowledged report is finished too, and an exemption whose
    // absolute-absence check is still open stays (the child would otherwise vanish with it).
    [Fact]
    public async Task An_acknowledged_report_is_erased_after_5_years_and_an_exemption_with_an_open_check_stays_RULES_6()
    {
        var report = (await ReadAsync(await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(NewBsn()), kind = "luxury", firstAbsentOn = Date(-10), lastAbsentOn = Date(-6), hours = 20,
        }, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/absence-reports/{report}/acknowledgement", new { }, Ct), HttpStatusCode.OK);
        var exemption = await Grant5cAsync(NewBsn());
        SetToday(2027, 8, 1);
        await SweepExemptionsAsync(); // lapsed: the check opens
        var retention = Attendance.Services.GetRequiredService<AttendanceRetention>();

        Clock.Advance(TimeSpan.FromDays(6 * 365));
        await retention.RunOnceAsync(Ct);
        Assert.False(await InDbAsync(db => db.AbsenceReports.AnyAsync(r => r.Id == report, Ct)));
        Assert.True(await InDbAsync(db => db.Exemptions.AnyAsync(e => e.Id == exemption, Ct)));
    }
}

/// <summary>A started Attendance service on a fake clock, with the helpers the issue #23 tests share.</summary>
public abstract class LeerplichtRulesTestBase(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    protected readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    protected ServiceFactory<Program, AttendanceDbContext> Attendance = null!;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    protected DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    protected virtual Dictionary<string, string?> Settings => new() { ["Attendance:RmcContactMunicipality"] = "GM0935" };

    public async ValueTask InitializeAsync() => Attendance = await ServiceFactory<Program, AttendanceDbContext>.StartAsync(fixture.Servers,
        new() { Tokens = _tokens, Clock = Clock, Prefix = "attendance", Settings = Settings });

    public async ValueTask DisposeAsync() => await Attendance.DisposeAsync();

    protected HttpClient As(string organisation, string type, string? municipality = null)
    {
        var client = Attendance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For(organisation, "attendance-api", type, municipality: municipality));
        return client;
    }

    protected HttpClient School => As("school-a", "school");
    protected HttpClient Maastricht => As("gemeente-maastricht", "municipality", "GM0935");
    protected HttpClient Heerlen => As("gemeente-heerlen", "municipality", "GM0917");

    protected static string NewBsn()
    {
        while (true)
        {
            var digits = Random.Shared.Next(100_000_000, 999_999_999).ToString();
            if (Platform.Privacy.Bsn.TryParse(digits, out _)) return digits;
        }
    }

    protected static object Child(string bsn, string dateOfBirth = "2013-05-05", string municipality = "GM0935") =>
        new { bsn, givenName = "Noah", familyName = "Smeets", dateOfBirth, homeMunicipality = municipality };

    protected string Date(int days) => Today.AddDays(days).ToString("yyyy-MM-dd");

    protected static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    protected async Task<List<string>> EventsAboutAsync(Guid id)
    {
        await using var scope = Attendance.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().Set<OutboxMessage>().AsNoTracking().WithoutAudit().OrderBy(m => m.Sequence).ToListAsync(Ct);
        return [.. rows.Where(r => r.Body.Contains(id.ToString())).Select(r => r.MessageType.Split('.').Last())];
    }

    protected async Task<T> InDbAsync<T>(Func<AttendanceDbContext, Task<T>> query)
    {
        await using var scope = Attendance.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AttendanceDbContext>());
    }

    protected void SetToday(int year, int month, int day) => Clock.SetUtcNow(new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.Zero));

    protected Task<int> SweepExemptionsAsync() => ActivatorUtilities.CreateInstance<ExemptionExpiryWatcher>(Attendance.Services).RunOnceAsync(Ct);

    protected async Task<Guid> Grant5cAsync(string bsn) => (await ReadAsync(await Maastricht.PostAsJsonAsync("/api/attendance/exemptions", new
    {
        child = Child(bsn), article = "5c", startsOn = Date(0), grounds = "Enrolled at a school in Liège",
    }, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    protected async Task<List<Guid>> ExemptionsListedAsync(string status) =>
        [.. (await Maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/exemptions?status={status}&limit=200", Ct))
            .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid())];


    protected async Task<(Guid Case, Guid Report)> LongTermRelativeAsync(int daysAgo = 40)
    {
        var json = await ReadAsync(await School.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = Child(NewBsn()), kind = "long-term-relative", firstAbsentOn = Date(-daysAgo),
        }, Ct), HttpStatusCode.Created);
        return (json.GetProperty("thuiszitterCaseId").GetGuid(), json.GetProperty("id").GetGuid());
    }

    protected async Task<JsonElement> LongTermSicknessAsync(int daysAgo, bool partly) => await ReadAsync(await School.PostAsJsonAsync("/api/attendance/absence-reports", new
    {
        child = Child(NewBsn()), kind = "long-term-sickness", firstAbsentOn = Date(-daysAgo), partlyAbleUnderPlan = partly,
    }, Ct), HttpStatusCode.Created);
}

/// <summary>RULES.md §2, point 7: a region that counts children partly ill but able to attend partly under a plan as thuiszitters.</summary>
public sealed class PartlyIllCountedTests(TestServersFixture fixture) : LeerplichtRulesTestBase(fixture)
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Attendance:RmcContactMunicipality"] = "GM0935",
        ["Attendance:CountPartlyIllAsThuiszitters"] = "true",
    };

    // RULES.md §2: "some regions also count children ill but able to attend partly under a plan: configurable".
    [Fact]
    public async Task Partly_ill_under_a_plan_after_4_weeks_is_a_thuiszitter_where_the_region_counts_it_and_fully_ill_is_not_RULES_2()
    {
        var partly = await LongTermSicknessAsync(daysAgo: 40, partly: true);
        var caseId = partly.GetProperty("thuiszitterCaseId").GetGuid();
        var @case = await Maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/thuiszitters/{caseId}", Ct);
        Assert.Equal("partly-ill", @case.GetProperty("kind").GetString());
        Assert.Contains("ThuiszitterRegistered", await EventsAboutAsync(caseId));

        var fully = await LongTermSicknessAsync(daysAgo: 40, partly: false);
        Assert.Equal(JsonValueKind.Null, fully.GetProperty("thuiszitterCaseId").ValueKind);

        // Reported in its second week: grey zone; the review after 4 weeks that finds a plan makes the child count.
        var early = await LongTermSicknessAsync(daysAgo: 10, partly: false);
        Assert.Equal(JsonValueKind.Null, early.GetProperty("thuiszitterCaseId").ValueKind);
        Clock.Advance(TimeSpan.FromDays(20));
        var reviewed = await ReadAsync(await Maastricht.PostAsJsonAsync($"/api/attendance/absence-reports/{early.GetProperty("id").GetGuid()}/review",
            new { nextReviewOn = Date(28), partlyAbleUnderPlan = true }, Ct), HttpStatusCode.OK);
        var opened = reviewed.GetProperty("thuiszitterCaseId").GetGuid();
        Assert.Equal("partly-ill", (await Maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/thuiszitters/{opened}", Ct)).GetProperty("kind").GetString());
    }
}
